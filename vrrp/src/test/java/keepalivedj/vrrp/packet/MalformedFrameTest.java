package keepalivedj.vrrp.packet;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The codec's own rejections: frames that cannot be dispatched to an instance at all. */
class MalformedFrameTest {
    private static Drop dropOf(byte[] frame) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> VrrpCodec.decode(frame));
        assertNotNull(e.getMessage());
        return e.drop();
    }

    @Test
    @DisplayName("truncated at every length: each prefix of a v2 advert maps to the drop for the layer it cuts")
    void everyTruncationOfV2() throws Exception {
        byte[] full = Pcap.read("vrrp2-master-adverts.pcap").get(0).data(); // 54 bytes, tot_len 40
        for (int n = 0; n < full.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(full, n);
            Drop expected = n < 34 ? Drop.FRAME_TOO_SHORT : Drop.IP_LENGTH_MISMATCH;
            assertEquals(expected, dropOf(cut), "prefix of " + n + " bytes");
        }
        assertEquals(40, ((Ipv4Header) VrrpCodec.decode(full).ip()).totalLength());
    }

    @Test
    @DisplayName("truncated at every length: each prefix of a v3/IPv6 advert maps to its drop")
    void everyTruncationOfV3Ipv6() {
        byte[] full = Frames.v6(Advertisement.v3(7, 100, 100, List.of(Frames.ip("fe80::100"))), "fe80::1",
                "ff02::12", 255);
        assertEquals(14 + 40 + 8 + 16, full.length);
        for (int n = 0; n < full.length; n++) {
            Drop expected = n < 34 ? Drop.FRAME_TOO_SHORT : n < 54 ? Drop.FRAME_TOO_SHORT : Drop.IP_LENGTH_MISMATCH;
            assertEquals(expected, dropOf(java.util.Arrays.copyOf(full, n)), "prefix of " + n + " bytes");
        }
    }

    @Test
    @DisplayName("an IP datagram with fewer than 8 VRRP bytes: 'ip/vrrp header too short'")
    void vrrpHeaderTooShort() {
        byte[] f = Frames.v4(Frames.labV2(100), "10.99.0.2", "224.0.0.18", 255);
        Wire.put16(f, 16, 20 + 7); // tot_len claims 7 VRRP bytes
        Frames.reseal(f);
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> VrrpCodec.decode(f));
        assertEquals(Drop.VRRP_HEADER_TOO_SHORT, e.drop());
        assertEquals("ip/vrrp header too short. 27 and expect at least 28", e.getMessage());
    }

    @Test
    @DisplayName("Ethernet padding after tot_len is ignored, as the kernel trims it (2.2.7 never sees padding)")
    void paddingIgnored() throws Exception {
        byte[] f = Pcap.read("vrrp3-100ms-crash-failover.pcap").get(0).data(); // 46 bytes: on a wire, padded to 60
        byte[] padded = java.util.Arrays.copyOf(f, 60);
        VrrpPacket p = VrrpCodec.decode(padded);
        assertEquals(VrrpCodec.decode(f).advert(), p.advert());
        assertEquals(12, p.vrrpLength());
    }

    @Test
    @DisplayName("EtherType, IP version/IHL, IP header checksum, protocol and AH each have their drop")
    void headerFields() {
        byte[] good = Frames.v4(Frames.labV2(100), "10.99.0.2", "224.0.0.18", 255);

        byte[] arp = good.clone();
        arp[12] = 0x08;
        arp[13] = 0x06;
        assertEquals(Drop.NOT_IP, dropOf(arp));

        byte[] v5 = good.clone();
        v5[14] = 0x55;
        assertEquals(Drop.BAD_IP_HEADER, dropOf(Frames.reseal(v5)));

        byte[] ihl4 = good.clone();
        ihl4[14] = 0x44;
        assertEquals(Drop.BAD_IP_HEADER, dropOf(ihl4));

        byte[] badHeaderSum = good.clone();
        badHeaderSum[14 + 10] ^= 1;
        assertEquals(Drop.BAD_IP_HEADER, dropOf(badHeaderSum));

        byte[] udp = good.clone();
        udp[14 + 9] = 17;
        assertEquals(Drop.NOT_VRRP, dropOf(Frames.reseal(udp)));

        byte[] ah = good.clone();
        ah[14 + 9] = 51;
        assertEquals(Drop.AH_MISMATCH, dropOf(Frames.reseal(ah)));

        byte[] shortTot = good.clone();
        Wire.put16(shortTot, 16, 19);
        assertEquals(Drop.BAD_IP_HEADER, dropOf(Frames.reseal(shortTot)));
    }

    @Test
    @DisplayName("IPv6: wrong version nibble and wrong next header")
    void ipv6HeaderFields() {
        byte[] good = Frames.v6(Advertisement.v3(7, 100, 100, List.of(Frames.ip("fe80::100"))), "fe80::1",
                "ff02::12", 255);
        byte[] v4nibble = good.clone();
        v4nibble[14] = 0x40;
        assertEquals(Drop.BAD_IP_HEADER, dropOf(v4nibble));
        byte[] tcp = good.clone();
        tcp[14 + 6] = 6;
        assertEquals(Drop.NOT_VRRP, dropOf(tcp));
    }

    @Test
    @DisplayName("GARP decoder refuses ARP replies and non-gratuitous requests")
    void garpRejects() throws Exception {
        byte[] garp = Pcap.read("vrrp2-crash-failover.pcap").get(2).data();
        byte[] reply = garp.clone();
        reply[21] = 2;
        assertThrows(MalformedPacketException.class, () -> GratuitousArp.decode(reply));
        byte[] notGratuitous = garp.clone();
        notGratuitous[41] = 1;
        assertThrows(MalformedPacketException.class, () -> GratuitousArp.decode(notGratuitous));
        assertThrows(MalformedPacketException.class, () -> GratuitousArp.decode(java.util.Arrays.copyOf(garp, 41)));
    }

    @Test
    @DisplayName("encoder refuses what the wire cannot carry: v2 sub-second interval, v3 > 40.95 s, wrong family")
    void encoderLimits() {
        assertThrows(IllegalArgumentException.class, () -> Frames.v4(new Advertisement(2, 1, 1, 100, 0, 150,
                List.of(), new byte[8]), "10.0.0.1", "224.0.0.18", 255));
        assertThrows(IllegalArgumentException.class, () -> Frames.v4(Advertisement.v3(1, 100, 4096, List.of()),
                "10.0.0.1", "224.0.0.18", 255));
        assertThrows(IllegalArgumentException.class, () -> Frames.v4(Advertisement.v3(1, 100, 100,
                List.of(Frames.ip("fe80::1"))), "10.0.0.1", "224.0.0.18", 255));
    }
}
