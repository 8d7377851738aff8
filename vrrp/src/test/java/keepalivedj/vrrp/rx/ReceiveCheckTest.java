package keepalivedj.vrrp.rx;

import static keepalivedj.vrrp.packet.Frames.ip;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import keepalivedj.vrrp.packet.Advertisement;
import keepalivedj.vrrp.packet.Drop;
import keepalivedj.vrrp.packet.Frames;
import keepalivedj.vrrp.packet.Pcap;
import keepalivedj.vrrp.packet.VrrpPacket;
import keepalivedj.vrrp.spec.AuthType;
import keepalivedj.vrrp.spec.InstanceSpec;
import keepalivedj.vrrp.spec.UnicastPeer;
import keepalivedj.vrrp.spec.VirtualAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * keepalived.md §d.6: every check of vrrp_check_packet, its Drop and its log line, and the order between them.
 * The base instance is the lab's VI_51 as h2 sees it (v2, PASS "lab51", 1 s, VIP 10.99.0.100).
 */
class ReceiveCheckTest {
    static InstanceSpec.Builder lab() {
        return InstanceSpec.builder("VI_51", 51, ip("10.99.0.2")).auth(AuthType.PASS, "lab51".getBytes())
                .vips(List.of(VirtualAddress.of(ip("10.99.0.100"))));
    }

    private static Verdict check(InstanceSpec spec, byte[] frame) {
        return new ReceiveCheck(spec).check(Frames.decode(frame), true);
    }

    private static byte[] good() {
        return Frames.v4(Frames.labV2(101), "10.99.0.1", "224.0.0.18", 255);
    }

    private static void assertDrop(Drop drop, String log, Verdict v) {
        assertEquals(drop, v.drop());
        assertEquals(log, v.log());
    }

    @Test
    @DisplayName("every captured VRRPv2 advert passes all checks for the lab instance")
    void capturedAdvertsPass() throws Exception {
        ReceiveCheck check = new ReceiveCheck(lab().build());
        int n = 0;
        for (String name : Pcap.names()) {
            if (!name.startsWith("vrrp2")) {
                continue;
            }
            for (Pcap.Frame f : Pcap.read(name)) {
                if (f.data()[12] == 0x08 && f.data()[13] == 0x00) {
                    assertEquals(Verdict.ACCEPT, check.check(Frames.decode(f.data()), true), name + "#" + f.number());
                    n++;
                }
            }
        }
        assertEquals(89, n); // 101 VRRP frames in the captures, 12 of them v3
        ReceiveCheck v3 = new ReceiveCheck(lab().version(3).adverIntCs(10).auth(AuthType.NONE, null).build());
        for (Pcap.Frame f : Pcap.read("vrrp3-100ms-crash-failover.pcap")) {
            if (f.data()[13] == 0x00) {
                assertTrue(v3.check(Frames.decode(f.data()), true).accepted(), "v3 #" + f.number());
            }
        }
    }

    @Test
    @DisplayName("RFC 3768 §7.1 / §d.6.2: the length must be exactly header + count × 4 + 8")
    void length() {
        byte[] f = good();
        f[14 + 20 + 3] = 2; // count 2 but only one address on the wire
        assertDrop(Drop.PACKET_LENGTH, "(VI_51) vrrp packet too short, length 40 and expect 44",
                check(lab().build(), Frames.reseal(f)));
        byte[] g = good();
        g[14 + 20 + 3] = 0;
        assertDrop(Drop.PACKET_LENGTH, "(VI_51) vrrp packet too long, length 40 and expect 36",
                check(lab().build(), Frames.reseal(g)));
    }

    @Test
    @DisplayName("RFC 3768 §7.1 / §d.6.3: TTL must be 255 — but not for unicast instances")
    void ttl() {
        byte[] f = Frames.v4(Frames.labV2(101), "10.99.0.1", "224.0.0.18", 64);
        assertDrop(Drop.BAD_TTL, "(VI_51) invalid TTL/HL. Received 64 and expect 255", check(lab().build(), f));
        byte[] u = Frames.v4(Frames.labV2(101), "10.99.0.1", "10.99.0.2", 64);
        assertTrue(check(lab().unicastPeers(List.of(UnicastPeer.of(ip("10.99.0.1")))).build(), u).accepted());
    }

    @Test
    @DisplayName("§d.6.4: version must equal the instance's")
    void version() {
        assertDrop(Drop.WRONG_VERSION, "(VI_51) wrong version. Received 2 and expect 3",
                check(lab().version(3).auth(AuthType.NONE, null).build(), good()));
    }

    @Test
    @DisplayName("§d.6.5: v2 auth type range, auth type match, password, interval")
    void v2Auth() {
        byte[] bad = good();
        bad[14 + 20 + 4] = 3;
        assertDrop(Drop.INVALID_AUTH_TYPE, "(VI_51) Invalid auth type: 3", check(lab().build(), Frames.reseal(bad)));
        assertDrop(Drop.AUTH_TYPE_MISMATCH, "(VI_51) received a 1 auth, expecting 0!",
                check(lab().auth(AuthType.NONE, null).build(), good()));
        assertDrop(Drop.AUTH_FAILURE, "(VI_51) received an invalid passwd!",
                check(lab().auth(AuthType.PASS, "lab52".getBytes()).build(), good()));
        assertDrop(Drop.INTERVAL_MISMATCH, "(VI_51) advertisement interval mismatch mine=2 sec rcv'd=1 sec",
                check(lab().adverIntCs(200).build(), good()));
    }

    @Test
    @DisplayName("§d.6.6: type must be 1 (ADVERTISEMENT)")
    void type() {
        byte[] f = good();
        f[14 + 20] = 0x22;
        assertDrop(Drop.INVALID_TYPE, "(VI_51) Invalid packet type. 2 and expect 1", check(lab().build(), Frames.reseal(f)));
    }

    @Test
    @DisplayName("§d.6.7 (2.2.7): the count must equal the number of local VIPs when the address check applies")
    void addressCount() {
        InstanceSpec two = lab().vips(List.of(VirtualAddress.of(ip("10.99.0.100")), VirtualAddress.of(ip("10.99.0.101"))))
                .build();
        assertDrop(Drop.ADDRESS_COUNT, "(VI_51) received an unexpected ip number count 1, expected 2!", check(two, good()));
        assertTrue(new ReceiveCheck(two).check(Frames.decode(good()), false).accepted(),
                "skip_check_adv_addr from the current master skips it");
    }

    @Test
    @DisplayName("§d.6.9 / §d.8: v2 checksum without pseudo-header; v3 with it")
    void checksum() {
        byte[] f = good();
        f[14 + 20 + 7] ^= 0x01;
        assertDrop(Drop.BAD_CHECKSUM, "(VI_51) Invalid VRRPv2 checksum", check(lab().build(), f));
        InstanceSpec v3 = lab().version(3).auth(AuthType.NONE, null).build();
        byte[] g = Frames.v4(Advertisement.v3(51, 101, 100, List.of(ip("10.99.0.100"))), "10.99.0.1", "224.0.0.18", 255);
        assertTrue(check(v3, g).accepted());
        g[14 + 20 + 6] ^= 0x10;
        assertDrop(Drop.BAD_CHECKSUM, "(VI_51) Invalid VRRPv3 checksum", check(v3, g));
    }

    @Test
    @DisplayName("§d.6.9: a v3 unicast peer using 224.0.0.18 in the pseudo-header (keepalived < 1.3.6) is detected once")
    void oldUnicastChecksum() {
        InstanceSpec spec = lab().version(3).auth(AuthType.NONE, null)
                .unicastPeers(List.of(UnicastPeer.of(ip("10.99.0.1")))).build();
        byte[] f = Frames.v4(Advertisement.v3(51, 101, 100, List.of(ip("10.99.0.100"))), "10.99.0.1", "10.99.0.2", 255);
        // recompute the checksum as an old keepalived would: pseudo-header destination 224.0.0.18
        f[14 + 16] = (byte) 224;
        f[14 + 17] = 0;
        f[14 + 18] = 0;
        f[14 + 19] = 18;
        Frames.reseal(f);
        f[14 + 16] = 10;
        f[14 + 17] = 99;
        f[14 + 18] = 0;
        f[14 + 19] = 2;
        int vrrpSum = (f[40] & 0xFF) << 8 | (f[41] & 0xFF);
        Frames.reseal(f); // fixes IP header sum but also recomputes VRRP with the real dst: restore the old one
        f[40] = (byte) (vrrpSum >>> 8);
        f[41] = (byte) vrrpSum;
        ReceiveCheck check = new ReceiveCheck(spec);
        Verdict v = check.check(Frames.decode(f), true);
        assertTrue(v.accepted());
        assertEquals("(VI_51) Setting unicast VRRPv3 checksum to old version", v.log());
        assertTrue(check.oldUnicastChecksum());
        assertEquals(Verdict.ACCEPT, check.check(Frames.decode(f), true), "logged once, then used");
        ReceiveCheck never = new ReceiveCheck(lab().version(3).auth(AuthType.NONE, null)
                .unicastPeers(List.of(UnicastPeer.of(ip("10.99.0.1")))).oldUnicastChecksumNever(true).build());
        assertEquals(Drop.BAD_CHECKSUM, never.check(Frames.decode(f), true).drop());
    }

    @Test
    @DisplayName("§d.6.10: multicast instance refuses unicast packets and the reverse")
    void castMismatch() {
        byte[] u = Frames.v4(Frames.labV2(101), "10.99.0.1", "10.99.0.2", 255);
        assertDrop(Drop.CAST_MISMATCH, "(VI_51) Expected multicast packet but received unicast packet",
                check(lab().build(), u));
        assertDrop(Drop.CAST_MISMATCH, "(VI_51) Expected unicast packet but received multicast packet",
                check(lab().unicastPeers(List.of(UnicastPeer.of(ip("10.99.0.1")))).build(), good()));
    }

    @Test
    @DisplayName("§d.6.11 (2.2.7): every local VIP must be in the advert, else rejected with keepalived's line")
    void vipMissing() {
        byte[] f = Frames.v4(Advertisement.v2(51, 101, 1, "lab51".getBytes(), List.of(ip("10.99.0.101"))),
                "10.99.0.1", "224.0.0.18", 255);
        assertDrop(Drop.VIP_NOT_PRESENT, "(VI_51) ip address associated with VRID 51 not present in MASTER advert: 10.99.0.100",
                check(lab().build(), f));
    }

    @Test
    @DisplayName("§d.6.12: check_unicast_src: source must be a peer; a peer's TTL window is enforced")
    void unicastSource() {
        byte[] f = Frames.v4(Frames.labV2(101), "10.99.0.3", "10.99.0.2", 255);
        InstanceSpec spec = lab().unicastPeers(List.of(UnicastPeer.of(ip("10.99.0.1")))).checkUnicastSrc(true).build();
        assertDrop(Drop.NOT_UNICAST_PEER, "(VI_51) unicast source address 10.99.0.3 not a unicast peer", check(spec, f));
        InstanceSpec window = lab().unicastPeers(List.of(new UnicastPeer(ip("10.99.0.1"), 250, 255))).build();
        byte[] low = Frames.v4(Frames.labV2(101), "10.99.0.1", "10.99.0.2", 64);
        assertDrop(Drop.PEER_TTL_RANGE, "(VI_51) TTL/HL 64 not in range 250 - 255", check(window, low));
    }

    @Test
    @DisplayName("§d.6 order: TTL is checked before version, version before auth, auth before interval")
    void order() {
        byte[] f = Frames.v4(new Advertisement(3, 1, 51, 101, 0, 200, List.of(ip("10.99.0.100")), null),
                "10.99.0.1", "224.0.0.18", 64);
        assertEquals(Drop.BAD_TTL, check(lab().build(), f).drop());
        byte[] g = Frames.v4(Advertisement.v2(51, 101, 2, "wrong".getBytes(), List.of(ip("10.99.0.100"))),
                "10.99.0.1", "224.0.0.18", 255);
        assertEquals(Drop.AUTH_FAILURE, check(lab().build(), g).drop(), "password before interval");
        byte[] h = good();
        h[14 + 20] = 0x22;  // bad type
        h[14 + 20 + 7] ^= 1; // and bad checksum (not resealed)
        assertEquals(Drop.INVALID_TYPE, check(lab().build(), h).drop(), "type before checksum");
    }

    @Test
    @DisplayName("IPv6: hop limit 255 and a valid RFC 8200 pseudo-header checksum")
    void ipv6() {
        InstanceSpec spec = InstanceSpec.builder("VI_6", 7, ip("fe80::2")).vips(List.of(VirtualAddress.of(ip("fe80::100"))))
                .build();
        byte[] f = Frames.v6(Advertisement.v3(7, 100, 100, List.of(ip("fe80::100"))), "fe80::1", "ff02::12", 255);
        assertTrue(check(spec, f).accepted());
        byte[] hl = Frames.v6(Advertisement.v3(7, 100, 100, List.of(ip("fe80::100"))), "fe80::1", "ff02::12", 1);
        assertEquals(Drop.BAD_TTL, check(spec, hl).drop());
        f[f.length - 1] ^= 1;
        assertDrop(Drop.BAD_CHECKSUM, "(VI_6) Invalid VRRPv3 checksum", check(spec, f));
        VrrpPacket p = Frames.decode(Frames.v6(Advertisement.v3(7, 100, 100, List.of(ip("fe80::100"))), "fe80::1",
                "ff02::12", 255));
        assertEquals(24, p.vrrpLength());
    }
}
