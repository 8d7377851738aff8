package keepalivedj.daemon.it.lab;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * VRRP advert frames built by hand for injection (IPv4, to 224.0.0.18): a valid one as a template and the bad
 * variants of the bad-frames scenario. Independent of the daemon's codec on purpose.
 */
public final class VrrpFrames {
    private VrrpFrames() {
    }

    /** What to send: version 2 (auth PASS when pass != null) or 3, and the fields that vary. */
    public record Advert(String srcMac, String srcIp, int version, int vrid, int priority, int intervalCs,
                         String pass, List<String> vips, int ttl) {
        public Advert withVrid(int v) {
            return new Advert(srcMac, srcIp, version, v, priority, intervalCs, pass, vips, ttl);
        }

        public Advert withTtl(int t) {
            return new Advert(srcMac, srcIp, version, vrid, priority, intervalCs, pass, vips, t);
        }

        public Advert withPass(String p) {
            return new Advert(srcMac, srcIp, version, vrid, priority, intervalCs, p, vips, ttl);
        }

        public Advert withVersion(int v) {
            return new Advert(srcMac, srcIp, v, vrid, priority, intervalCs, pass, vips, ttl);
        }
    }

    /** A well-formed frame: valid IPv4 header checksum and VRRP checksum (v3: with the IPv4 pseudo-header). */
    public static byte[] frame(Advert a) {
        byte[] vrrp = vrrp(a);
        return ether(a.srcMac(), ipv4(a.srcIp(), "224.0.0.18", a.ttl(), vrrp));
    }

    public static byte[] vrrp(Advert a) {
        boolean auth = a.version() == 2;
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * a.vips().size() + (auth ? 8 : 0));
        b.put((byte) (a.version() << 4 | 1)).put((byte) a.vrid()).put((byte) a.priority())
                .put((byte) a.vips().size());
        if (a.version() == 2) {
            b.put((byte) (a.pass() == null ? 0 : 1)).put((byte) (a.intervalCs() / 100));
        } else {
            b.putShort((short) (a.intervalCs() & 0x0fff));
        }
        b.putShort((short) 0);
        a.vips().forEach(v -> b.put(addr(v)));
        if (auth) {
            byte[] p = new byte[8];
            if (a.pass() != null) {
                byte[] s = a.pass().getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(s, 0, p, 0, Math.min(8, s.length));
            }
            b.put(p);
        }
        byte[] v = b.array();
        int sum;
        if (a.version() == 3) {
            ByteBuffer pseudo = ByteBuffer.allocate(12 + v.length).put(addr(a.srcIp())).put(addr("224.0.0.18"))
                    .put((byte) 0).put((byte) 112).putShort((short) v.length).put(v);
            sum = checksum(pseudo.array(), 0, pseudo.capacity());
        } else {
            sum = checksum(v, 0, v.length);
        }
        v[6] = (byte) (sum >> 8);
        v[7] = (byte) sum;
        return v;
    }

    /** Ethernet to 01:00:5e:00:00:12 from srcMac. */
    public static byte[] ether(String srcMac, byte[] ip) {
        return ByteBuffer.allocate(14 + ip.length).put(mac("01:00:5e:00:00:12")).put(mac(srcMac))
                .putShort((short) 0x0800).put(ip).array();
    }

    /** IPv4 as keepalived sends it: TOS 0xc0, DF clear, protocol 112, valid header checksum. */
    public static byte[] ipv4(String src, String dst, int ttl, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0xc0).putShort((short) (20 + payload.length)).putShort((short) 0x4242)
                .putShort((short) 0).put((byte) ttl).put((byte) 112).putShort((short) 0).put(addr(src))
                .put(addr(dst)).put(payload);
        byte[] p = b.array();
        int sum = checksum(p, 0, 20);
        p[10] = (byte) (sum >> 8);
        p[11] = (byte) sum;
        return p;
    }

    /** The template with its VRRP checksum off by one. */
    public static byte[] badChecksum(Advert a) {
        byte[] v = vrrp(a);
        v[7] ^= 0x01;
        return ether(a.srcMac(), ipv4(a.srcIp(), "224.0.0.18", a.ttl(), v));
    }

    /**
     * The template without its last 4 bytes, with a consistent IP header (so the kernel delivers it and the VRRP
     * length check must catch it).
     */
    public static byte[] truncated(Advert a) {
        byte[] v = vrrp(a);
        byte[] cut = new byte[v.length - 4];
        System.arraycopy(v, 0, cut, 0, cut.length);
        return ether(a.srcMac(), ipv4(a.srcIp(), "224.0.0.18", a.ttl(), cut));
    }

    /**
     * The template (laid out as the template's version) with another version number in the header and a checksum
     * valid for that layout, so only the version check can reject it.
     */
    public static byte[] wrongVersion(Advert a, int version) {
        byte[] v = vrrp(a);
        v[0] = (byte) (version << 4 | 1);
        v[6] = 0;
        v[7] = 0;
        int sum = checksum(v, 0, v.length);
        v[6] = (byte) (sum >> 8);
        v[7] = (byte) sum;
        return ether(a.srcMac(), ipv4(a.srcIp(), "224.0.0.18", a.ttl(), v));
    }

    /** A valid Ethernet + IPv4 (protocol 112, TTL 255) envelope around random bytes (seeded: reproducible). */
    public static byte[] randomPayload(Advert a, long seed, int length) {
        byte[] junk = new byte[length];
        new Random(seed).nextBytes(junk);
        return ether(a.srcMac(), ipv4(a.srcIp(), "224.0.0.18", 255, junk));
    }

    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static int checksum(byte[] b, int off, int len) {
        long sum = 0;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += (b[off + i] & 0xff) << 8 | (b[off + i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            sum += (b[off + len - 1] & 0xff) << 8;
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    static byte[] addr(String ip) {
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    static byte[] mac(String mac) {
        return HexFormat.ofDelimiter(":").parseHex(mac);
    }
}
