package keepalivedj.vrrp.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Builds test frames with the real codec, and re-seals frames after a test has corrupted some field. */
public final class Frames {
    public static final MacAddress MAC = MacAddress.parse("7e:a0:11:d7:22:50");

    private Frames() {
    }

    public static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static byte[] v4(Advertisement a, String src, String dst, int ttl) {
        return VrrpCodec.encode(new EthernetHeader(MacAddress.VRRP_IPV4_MULTICAST, MAC, 0x0800),
                Ipv4Header.forSending(1, ttl, 112, (Inet4Address) ip(src), (Inet4Address) ip(dst)), a);
    }

    public static byte[] v6(Advertisement a, String src, String dst, int hopLimit) {
        return VrrpCodec.encode(new EthernetHeader(MacAddress.VRRP_IPV6_MULTICAST, MAC, 0x86dd),
                Ipv6Header.forSending(112, hopLimit, (Inet6Address) ip(src), (Inet6Address) ip(dst)), a);
    }

    public static VrrpPacket decode(byte[] frame) {
        try {
            return VrrpCodec.decode(frame);
        } catch (MalformedPacketException e) {
            throw new AssertionError(e.drop() + ": " + e.getMessage(), e);
        }
    }

    /** The VRRPv2 advert the lab's h1 sends (see the pcap README), at priority {@code prio}. */
    public static Advertisement labV2(int prio) {
        return Advertisement.v2(51, prio, 1, "lab51".getBytes(), List.of(ip("10.99.0.100")));
    }

    /**
     * After a test changed bytes of an IPv4 frame (no options): fix the IP header checksum and the VRRP checksum
     * (v2 plain, v3 with the pseudo-header), so only the intended field is wrong.
     */
    public static byte[] reseal(byte[] f) {
        int ip = 14;
        f[ip + 10] = 0;
        f[ip + 11] = 0;
        Wire.put16(f, ip + 10, Wire.fold(Wire.sum(f, ip, 20, 0)));
        int totLen = Wire.u16(f, ip + 2);
        int vrrp = ip + 20;
        int len = Math.min(totLen, f.length - ip) - 20;
        if (len >= 8) {
            f[vrrp + 6] = 0;
            f[vrrp + 7] = 0;
            Ipv4Header h = Ipv4Header.forSending(0, 255, 112, (Inet4Address) Wire.address(f, ip + 12, 4),
                    (Inet4Address) Wire.address(f, ip + 16, 4));
            Wire.put16(f, vrrp + 6, VrrpCodec.vrrpChecksum(h, h.destination(), (f[vrrp] & 0xFF) >>> 4, f, vrrp, len));
        }
        return f;
    }
}
