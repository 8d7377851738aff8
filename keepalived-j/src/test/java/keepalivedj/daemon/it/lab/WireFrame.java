package keepalivedj.daemon.it.lab;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * One captured Ethernet frame with the VRRP and ARP fields the scenarios look at, decoded here (independently of
 * the daemon's own codec, so a codec bug cannot hide itself). IPv4 only for the field accessors; other frames
 * are kept but answer false to {@link #isVrrp()} and {@link #isArp()}.
 *
 * @param micros   capture time, µs since the epoch (CLOCK_REALTIME, as tcpdump stamps it)
 * @param origLen  length on the wire
 * @param data     the captured bytes (may be shorter than origLen with a small snap length)
 */
public record WireFrame(long micros, int origLen, byte[] data) {
    private static final int ETH = 14;

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

    public String srcIp() {
        return ip(ETH + 12);
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
        return ETH + ihl();
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
        byte[] a = new byte[4];
        System.arraycopy(data, off, a, 0, 4);
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
