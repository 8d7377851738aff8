package keepalivedj.vrrp.packet;

import static org.junit.jupiter.api.Assertions.*;

import java.net.Inet6Address;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** VRRPv3 over IPv6 and the unsolicited NA: no capture exists, so these check RFC layouts by hand-written hex. */
class Ipv6AndNaTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    @DisplayName("RFC 5798 §5.1.2 + RFC 8200 §8.1: v3/IPv6 advert layout and pseudo-header checksum")
    void v3OverIpv6() {
        byte[] f = Frames.v6(Advertisement.v3(51, 100, 100, List.of(Frames.ip("fe80::100"))), "fe80::1",
                "ff02::12", 255);
        String hex = HEX.formatHex(f);
        assertEquals("333300000012" + "7ea011d72250" + "86dd"
                + "6c000000" + "0018" + "70" + "ff"                             // tc 0xc0, payload 24, next 112, HL 255
                + "fe800000000000000000000000000001" + "ff020000000000000000000000000012"
                + "31336401" + "0064", hex.substring(0, 2 * (14 + 40 + 6)));    // v3 advert vrid 51 prio 100 count 1, 100 cs
        VrrpPacket p = Frames.decode(f);
        assertTrue(VrrpCodec.checksumValid(p, p.ip().destination()));
        // independent check of the checksum: sum everything incl. pseudo-header by hand
        long acc = 0;
        byte[] pseudo = HEX.parseHex("fe800000000000000000000000000001" + "ff020000000000000000000000000012"
                + "00000018" + "00000070");
        for (int i = 0; i < pseudo.length; i += 2) {
            acc += (pseudo[i] & 0xFF) << 8 | (pseudo[i + 1] & 0xFF);
        }
        for (int i = 54; i < f.length; i += 2) {
            acc += (f[i] & 0xFF) << 8 | (f[i + 1] & 0xFF);
        }
        while (acc >>> 16 != 0) {
            acc = (acc & 0xFFFF) + (acc >>> 16);
        }
        assertEquals(0xFFFF, acc);
        assertArrayEquals(f, VrrpCodec.encode(p.ethernet(), p.ip(), p.advert()));
    }

    @Test
    @DisplayName("RFC 4861 §4.4: unsolicited NA from the VIP to ff02::1, Override set, target link-layer option")
    void unsolicitedNa() {
        byte[] f = new UnsolicitedNa(Frames.MAC, (Inet6Address) Frames.ip("2001:db8::100"), false).encode();
        assertEquals("333300000001" + "7ea011d72250" + "86dd" + "60000000" + "0020" + "3a" + "ff"
                + "20010db8000000000000000000000100" + "ff020000000000000000000000000001"
                + "88" + "00", HEX.formatHex(f, 0, 14 + 40 + 2));
        assertEquals("20000000" + "20010db8000000000000000000000100" + "0201" + "7ea011d72250",
                HEX.formatHex(f, 14 + 40 + 4, f.length));
        long acc = 0x20 + 58; // pseudo-header length + next header, then addresses and body
        for (int i = 14 + 8; i < f.length; i += 2) {
            acc += (f[i] & 0xFF) << 8 | (f[i + 1] & 0xFF);
        }
        while (acc >>> 16 != 0) {
            acc = (acc & 0xFFFF) + (acc >>> 16);
        }
        assertEquals(0xFFFF, acc, "ICMPv6 checksum verifies");
        byte[] router = new UnsolicitedNa(Frames.MAC, (Inet6Address) Frames.ip("2001:db8::100"), true).encode();
        assertEquals((byte) 0xa0, router[14 + 40 + 4], "Router + Override");
    }
}
