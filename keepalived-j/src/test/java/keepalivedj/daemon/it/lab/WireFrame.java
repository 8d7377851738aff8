package keepalivedj.daemon.it.lab;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * One captured Ethernet frame with the VRRP and ARP fields the scenarios look at, decoded here (independently of
 * the daemon's own codec, so a codec bug cannot hide itself). {@link #isVrrp()} is IPv4 only (what the pair
 * scenarios and the bench count); {@link #kind()} also classifies VRRPv3 over IPv6 and neighbour advertisements,
 * and the VRRP and address accessors follow the frame's IP version.
 *
 * @param micros   capture time, µs since the epoch (CLOCK_REALTIME, as tcpdump stamps it)
 * @param origLen  length on the wire
 * @param data     the captured bytes (may be shorter than origLen with a small snap length)
 */
public record WireFrame(long micros, int origLen, byte[] data) {
    private static final int ETH = 14;
    private static final int IP6 = 40;

    /** What a frame is, as the daemon ITs sort them. */
    public enum Kind { ADVERT, GARP, NA, OTHER }

    /**
     * ADVERT: IPv4 protocol 112, or IPv6 next header 112; GARP: an ARP whose sender and target IP are equal (any
     * opcode); NA: an ICMPv6 neighbour advertisement; OTHER: anything else.
     */
    public Kind kind() {
        int type = etherType();
        if (type == 0x0800 && data.length >= ETH + 20 && u8(ETH + 9) == 112) {
            return Kind.ADVERT;
        }
        if (isIpv6()) {
            int nh = u8(ETH + 6);
            if (nh == 112) {
                return Kind.ADVERT;
            }
            if (nh == 58 && u8(ETH + IP6) == 136 && data.length >= ETH + IP6 + 24) {
                return Kind.NA;
            }
            return Kind.OTHER;
        }
        if (isArp() && arpSenderIp().equals(ip(ETH + 24))) {
            return Kind.GARP;
        }
        return Kind.OTHER;
    }

    /** The address a GARP or ARP announces (its sender IP), or a neighbour advertisement's target; else null. */
    public String announcedIp() {
        if (isArp()) {
            return arpSenderIp();
        }
        return kind() == Kind.NA ? ip6(ETH + IP6 + 8) : null;
    }

    private boolean isIpv6() {
        return etherType() == 0x86DD && data.length >= ETH + IP6 + 8;
    }

    public int etherType() {
        return data.length >= ETH ? u16(12) : -1;
    }

    public String srcMac() {
        return mac(6);
    }

    public String dstMac() {
        return mac(0);
    }

    /** An IPv4 packet with protocol 112 and at least a VRRP header. */
    public boolean isVrrp() {
        return etherType() == 0x0800 && data.length >= ETH + 20 + 8 && u8(ETH + 9) == 112
                && data.length >= ETH + ihl() + 8;
    }

    /** An ARP request whose sender and target IP are equal: a gratuitous ARP. */
    public boolean isGarp() {
        return isArp() && u16(ETH + 6) == 1 && arpSenderIp().equals(ip(ETH + 24));
    }

    public boolean isArp() {
        return etherType() == 0x0806 && data.length >= ETH + 28;
    }

    public String arpSenderIp() {
        return ip(ETH + 14);
    }

    /** The IP source: IPv4, or for an IPv6 packet in InetAddress's full lower-case form (fe80:0:0:0:...). */
    public String srcIp() {
        return isIpv6() ? ip6(ETH + 8) : ip(ETH + 12);
    }

    public String dstIp() {
        return ip(ETH + 16);
    }

    public int ttl() {
        return u8(ETH + 8);
    }

    private int ihl() {
        return (u8(ETH) & 0xf) * 4;
    }

    private int vrrpOff() {
        return isIpv6() ? ETH + IP6 : ETH + ihl();
    }

    public int vrrpVersion() {
        return u8(vrrpOff()) >>> 4;
    }

    public int vrid() {
        return u8(vrrpOff() + 1);
    }

    public int priority() {
        return u8(vrrpOff() + 2);
    }

    public int count() {
        return u8(vrrpOff() + 3);
    }

    /** The advert interval in centiseconds (v2: seconds × 100). */
    public int intervalCs() {
        int o = vrrpOff();
        return vrrpVersion() == 2 ? u8(o + 5) * 100 : u16(o + 4) & 0x0fff;
    }

    public int authType() {
        return vrrpVersion() == 2 ? u8(vrrpOff() + 4) : 0;
    }

    public List<String> vips() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count() && vrrpOff() + 8 + 4 * i + 4 <= data.length; i++) {
            out.add(ip(vrrpOff() + 8 + 4 * i));
        }
        return out;
    }

    private int u8(int off) {
        return data[off] & 0xff;
    }

    private int u16(int off) {
        return (data[off] & 0xff) << 8 | (data[off + 1] & 0xff);
    }

    private String mac(int off) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            s.append(i == 0 ? "" : ":").append(String.format("%02x", data[off + i] & 0xff));
        }
        return s.toString();
    }

    private String ip(int off) {
        return address(off, 4);
    }

    private String ip6(int off) {
        return address(off, 16);
    }

    private String address(int off, int len) {
        byte[] a = new byte[len];
        System.arraycopy(data, off, a, 0, len);
        try {
            return InetAddress.getByAddress(a).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        if (isVrrp()) {
            return String.format("%d.%06d VRRPv%d %s vrid %d prio %d int %dcs ttl %d", micros / 1_000_000,
                    micros % 1_000_000, vrrpVersion(), srcIp(), vrid(), priority(), intervalCs(), ttl());
        }
        if (isArp()) {
            return String.format("%d.%06d ARP%s %s from %s", micros / 1_000_000, micros % 1_000_000,
                    isGarp() ? " (gratuitous)" : "", arpSenderIp(), srcMac());
        }
        return String.format("%d.%06d ethertype 0x%04x %d bytes", micros / 1_000_000, micros % 1_000_000,
                etherType(), origLen);
    }
}
