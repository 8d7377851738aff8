package keepalivedj.vrrp.packet;

import static org.junit.jupiter.api.Assertions.*;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Golden vectors: every frame keepalived 2.2.7 put on the wire in ../shared/conformance/pcaps (see its README)
 * decodes, and re-encoding the decoded records gives the same bytes, checksums included.
 */
class GoldenCaptureTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final MacAddress H1 = MacAddress.parse("7e:a0:11:d7:22:50");
    private static final MacAddress H2 = MacAddress.parse("b6:c9:b5:47:ab:ef");

    @Test
    @DisplayName("every VRRP and ARP frame in every capture decodes and re-encodes byte for byte")
    void everyFrameRoundTrips() throws Exception {
        List<String> names = Pcap.names();
        assertEquals(7, names.size(), "captures in " + Pcap.pcapDir() + ": " + names);
        int vrrp = 0;
        int arp = 0;
        List<String> mismatches = new ArrayList<>();
        for (String name : names) {
            for (Pcap.Frame f : Pcap.read(name)) {
                int etherType = (f.data()[12] & 0xFF) << 8 | (f.data()[13] & 0xFF);
                byte[] again;
                if (etherType == 0x0806) {
                    again = GratuitousArp.decode(f.data()).encode();
                    arp++;
                } else {
                    VrrpPacket p = VrrpCodec.decode(f.data());
                    assertTrue(VrrpCodec.checksumValid(p, p.ip().destination()), name + "#" + f.number());
                    again = VrrpCodec.encode(p.ethernet(), p.ip(), p.advert());
                    vrrp++;
                }
                if (!HEX.formatHex(f.data()).equals(HEX.formatHex(again))) {
                    mismatches.add(name + "#" + f.number() + "\n  wire " + HEX.formatHex(f.data())
                            + "\n  ours " + HEX.formatHex(again));
                }
            }
        }
        assertEquals(List.of(), mismatches);
        // 151 frames in the README's table; the split of VRRP vs ARP is fixed by the captures.
        assertEquals(151, vrrp + arp);
        System.out.println("golden captures: " + vrrp + " VRRP frames and " + arp + " GARPs re-encoded byte for byte");
    }

    @Test
    @DisplayName("an IPv4 advert re-sent with the next advert's Identification is that advert, byte for byte")
    void identificationPatchGivesTheNextAdvert() throws Exception {
        int pairs = 0;
        for (String name : Pcap.names()) {
            byte[] previous = null;
            for (Pcap.Frame f : Pcap.read(name)) {
                byte[] d = f.data();
                if (((d[12] & 0xFF) << 8 | (d[13] & 0xFF)) != 0x0800) {
                    continue;
                }
                if (previous != null && sameButIdentification(previous, d)) {
                    byte[] patched = previous.clone();
                    VrrpCodec.setIpv4Identification(patched, VrrpCodec.decode(d).ip() instanceof Ipv4Header h
                            ? h.identification() : -1);
                    assertEquals(HEX.formatHex(d), HEX.formatHex(patched), name + "#" + f.number());
                    pairs++;
                }
                previous = d;
            }
        }
        assertTrue(pairs >= 20, "consecutive adverts of one master in the captures: " + pairs);
        assertThrows(IllegalArgumentException.class, () -> VrrpCodec.setIpv4Identification(new byte[20], 1));
    }

    @Test
    @DisplayName("multicast groups map to RFC 1112 / RFC 2464 MACs; the adverts in the captures are framed the same")
    void multicastMacsAndFramingForSending() throws Exception {
        assertEquals("01:00:5e:00:00:12", MacAddress.ofGroup(InetAddress.getByName("224.0.0.18")).toString());
        assertEquals("01:00:5e:7f:01:02", MacAddress.ofGroup(InetAddress.getByName("239.255.1.2")).toString());
        assertEquals("33:33:00:00:00:12", MacAddress.ofGroup(InetAddress.getByName("ff02::12")).toString());
        int framed = 0;
        for (String name : Pcap.names()) {
            for (Pcap.Frame f : Pcap.read(name)) {
                byte[] d = f.data();
                int etherType = (d[12] & 0xFF) << 8 | (d[13] & 0xFF);
                if (etherType == 0x0806) {
                    continue;
                }
                VrrpPacket p = VrrpCodec.decode(d);
                int id = p.ip() instanceof Ipv4Header h ? h.identification() : 0;
                byte[] ours = VrrpCodec.encodeForSending(p.ethernet().source(), p.ip().source(), p.ip().destination(),
                        p.ip() instanceof Ipv4Header h ? h.ttl() : ((Ipv6Header) p.ip()).hopLimit(), id, p.advert(), null);
                assertEquals(HEX.formatHex(d), HEX.formatHex(ours), name + "#" + f.number());
                framed++;
            }
        }
        assertTrue(framed >= 100, "VRRP frames re-framed from their fields: " + framed);
    }

    /** Same frame apart from the IP ID and header checksum (bytes 18-19 and 24-25). */
    private static boolean sameButIdentification(byte[] a, byte[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int k = 0; k < a.length; k++) {
            if (k != 18 && k != 19 && k != 24 && k != 25 && a[k] != b[k]) {
                return false;
            }
        }
        return true;
    }

    @Test
    @DisplayName("a v3 advert to a unicast peer can carry the group's pseudo-header checksum (old unicast checksum)")
    void checksumDestinationOverridesThePseudoHeader() throws Exception {
        Inet4Address src = (Inet4Address) InetAddress.getByName("10.0.0.1");
        Inet4Address peer = (Inet4Address) InetAddress.getByName("10.0.0.2");
        Advertisement adv = Advertisement.v3(51, 100, 100, List.of(InetAddress.getByName("10.0.0.100")));
        EthernetHeader eth = new EthernetHeader(MacAddress.BROADCAST, H1, 0x0800);
        byte[] toPeer = VrrpCodec.encode(eth, Ipv4Header.forSending(1, 255, 112, src, peer), adv);
        byte[] oldStyle = VrrpCodec.encode(eth, Ipv4Header.forSending(1, 255, 112, src, peer), adv,
                VrrpCodec.VRRP_IPV4_GROUP);
        byte[] toGroup = VrrpCodec.encode(eth, Ipv4Header.forSending(1, 255, 112, src, VrrpCodec.VRRP_IPV4_GROUP),
                adv);
        VrrpPacket p = VrrpCodec.decode(oldStyle);
        assertTrue(VrrpCodec.checksumValid(p, VrrpCodec.VRRP_IPV4_GROUP));
        assertFalse(VrrpCodec.checksumValid(p, peer));
        assertTrue(VrrpCodec.checksumValid(VrrpCodec.decode(toPeer), peer));
        assertEquals(HEX.formatHex(toGroup, 40, 42), HEX.formatHex(oldStyle, 40, 42), "same VRRP checksum");
    }

    @Test
    @DisplayName("RFC 3768 §5.1: h1's VRRPv2 advert decodes field by field (vrrp2-master-adverts.pcap frame 1)")
    void v2AdvertFields() throws Exception {
        byte[] frame = Pcap.read("vrrp2-master-adverts.pcap").get(0).data();
        assertEquals("01005e000012" + "7ea011d72250" + "0800"     // Ethernet: 224.0.0.18 group MAC, h1, IPv4
                + "45c000280004" + "0000ff70d02b" + "0a630001e0000012" // TOS c0, len 40, id 4, TTL 255, proto 112
                + "21336501" + "01016e6c"                           // v2/advert vrid 51 prio 101 count 1 | PASS 1s cksum
                + "0a630064"                                        // 10.99.0.100
                + "6c61623531000000", HEX.formatHex(frame));        // "lab51" NUL padded to 8
        VrrpPacket p = VrrpCodec.decode(frame);
        assertEquals(new EthernetHeader(MacAddress.VRRP_IPV4_MULTICAST, H1, 0x0800), p.ethernet());
        Ipv4Header ip = (Ipv4Header) p.ip();
        assertEquals(0xc0, ip.tos());
        assertEquals(40, ip.totalLength());
        assertEquals(4, ip.identification());
        assertEquals(255, ip.ttl());
        assertEquals(InetAddress.getByName("10.99.0.1"), ip.source());
        assertEquals(VrrpCodec.VRRP_IPV4_GROUP, ip.destination());
        Advertisement expected = Advertisement.v2(51, 101, 1, "lab51".getBytes(),
                List.of(InetAddress.getByName("10.99.0.100")));
        assertEquals(expected, p.advert());
        assertEquals(100, p.advert().adverIntCs(), "v2 seconds become centiseconds at the codec");
        assertEquals(0x6e6c, p.checksum());
        assertEquals(p.expectedVrrpLength(), p.vrrpLength());
    }

    @Test
    @DisplayName("RFC 5798 §5.1 + keepalived §d.8: VRRPv3/IPv4 checksum includes the pseudo-header (vrrp3 frame 1)")
    void v3AdvertFieldsAndPseudoHeaderChecksum() throws Exception {
        byte[] frame = Pcap.read("vrrp3-100ms-crash-failover.pcap").get(0).data();
        VrrpPacket p = VrrpCodec.decode(frame);
        assertEquals(Advertisement.v3(51, 101, 10, List.of(InetAddress.getByName("10.99.0.100"))), p.advert());
        assertEquals(0x7407, p.checksum());
        assertEquals(32, ((Ipv4Header) p.ip()).totalLength());
        assertTrue(VrrpCodec.checksumValid(p, VrrpCodec.VRRP_IPV4_GROUP));
        // Without the pseudo-header (RFC 9568's IPv4 reading, as v2) the same bytes do not verify: keepalived
        // 2.2.7 really uses the pseudo-header.
        byte[] v = p.vrrpBytes();
        long plain = 0;
        for (int i = 0; i < v.length; i += 2) {
            plain += (v[i] & 0xFF) << 8 | (v[i + 1] & 0xFF);
        }
        while (plain >>> 16 != 0) {
            plain = (plain & 0xFFFF) + (plain >>> 16);
        }
        assertNotEquals(0xFFFF, plain);
        // A different pseudo-header destination breaks it too.
        assertFalse(VrrpCodec.checksumValid(p, InetAddress.getByName("10.99.0.2")));
    }

    @Test
    @DisplayName("keepalived §a.9: GARP is an ARP request, sender IP = target IP = VIP, target MAC broadcast")
    void garpFields() throws Exception {
        byte[] frame = Pcap.read("vrrp2-crash-failover.pcap").get(2).data();
        GratuitousArp g = GratuitousArp.decode(frame);
        assertEquals(new GratuitousArp(H2, (Inet4Address) InetAddress.getByName("10.99.0.100")), g);
        assertEquals("ffffffffffff" + "b6c9b547abef" + "0806" + "0001080006040001"
                + "b6c9b547abef" + "0a630064" + "ffffffffffff" + "0a630064", HEX.formatHex(g.encode()));
    }

    @Test
    @DisplayName("the priority-0 advert keepalived sends on SIGTERM (vrrp2-sigterm-prio0-handover.pcap frame 2)")
    void priorityZeroAdvert() throws Exception {
        VrrpPacket p = VrrpCodec.decode(Pcap.read("vrrp2-sigterm-prio0-handover.pcap").get(1).data());
        assertEquals(0, p.advert().priority());
        assertEquals(0xd36c, p.checksum());
        byte[] ours = VrrpCodec.encode(new EthernetHeader(MacAddress.VRRP_IPV4_MULTICAST, H1, 0x0800),
                Ipv4Header.forSending(5, 255, 112, (Inet4Address) InetAddress.getByName("10.99.0.1"),
                        VrrpCodec.VRRP_IPV4_GROUP),
                Advertisement.v2(51, 0, 1, "lab51".getBytes(), List.of(InetAddress.getByName("10.99.0.100"))));
        assertEquals(HEX.formatHex(Pcap.read("vrrp2-sigterm-prio0-handover.pcap").get(1).data()), HEX.formatHex(ours),
                "built from config values, not from the decoded record");
    }
}
