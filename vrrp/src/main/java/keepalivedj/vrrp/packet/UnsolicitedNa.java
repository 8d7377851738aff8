package keepalivedj.vrrp.packet;

import static keepalivedj.vrrp.packet.Wire.*;

import java.net.Inet6Address;

/**
 * The unsolicited Neighbor Advertisement keepalived sends for each IPv6 VIP (reference keepalived.md §a.9;
 * RFC 4861 §4.4 and §7.2.6): from the VIP to ff02::1, hop limit 255, Override always set, Router set when
 * the interface forwards, with a Target Link-Layer Address option. Build only.
 */
public record UnsolicitedNa(MacAddress sender, Inet6Address address, boolean router) {
    public static final int FRAME_LENGTH = 14 + 40 + 32;
    private static final Inet6Address ALL_NODES = all();

    public byte[] encode() {
        byte[] out = new byte[FRAME_LENGTH];
        putMac(out, 0, MacAddress.IPV6_ALL_NODES);
        putMac(out, 6, sender);
        put16(out, 12, ETHERTYPE_IPV6);
        int ip = 14;
        out[ip] = 0x60;
        put16(out, ip + 4, 32);
        out[ip + 6] = (byte) PROTO_ICMPV6;
        out[ip + 7] = (byte) 255; // RFC 4861 §7.1.2: receivers drop NAs with any other hop limit
        System.arraycopy(address.getAddress(), 0, out, ip + 8, 16);
        System.arraycopy(ALL_NODES.getAddress(), 0, out, ip + 24, 16);
        int icmp = ip + 40;
        out[icmp] = (byte) 136;
        out[icmp + 4] = (byte) ((router ? 0x80 : 0) | 0x20); // R, S=0 (unsolicited), O=1
        System.arraycopy(address.getAddress(), 0, out, icmp + 8, 16);
        out[icmp + 24] = 2; // Target Link-Layer Address option
        out[icmp + 25] = 1; // length in units of 8 bytes
        putMac(out, icmp + 26, sender);
        long acc = sum(out, ip + 8, 32, 0) + 32 + PROTO_ICMPV6; // RFC 8200 §8.1 pseudo-header
        put16(out, icmp + 2, fold(sum(out, icmp, 32, acc)));
        return out;
    }

    private static Inet6Address all() {
        try {
            return (Inet6Address) java.net.InetAddress.getByName("ff02::1");
        } catch (java.net.UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
