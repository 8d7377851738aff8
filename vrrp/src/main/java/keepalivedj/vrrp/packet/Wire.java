package keepalivedj.vrrp.packet;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Network-byte-order reads/writes and the Internet checksum (RFC 1071). Package-private on purpose. */
final class Wire {
    static final int ETH_HEADER = 14;
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int ETHERTYPE_ARP = 0x0806;
    static final int PROTO_VRRP = 112;
    static final int PROTO_AH = 51;
    static final int PROTO_ICMPV6 = 58;

    private Wire() {
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static void putMac(byte[] b, int off, MacAddress mac) {
        long v = mac.value();
        for (int i = 0; i < 6; i++) {
            b[off + i] = (byte) (v >>> (8 * (5 - i)));
        }
    }

    static MacAddress mac(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = v << 8 | (b[off + i] & 0xFF);
        }
        return new MacAddress(v);
    }

    static InetAddress address(byte[] b, int off, int len) {
        byte[] a = new byte[len];
        System.arraycopy(b, off, a, 0, len);
        try {
            return InetAddress.getByAddress(a); // never resolves: the length alone picks v4 or v6
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** One's-complement sum of {@code len} bytes, not yet folded; odd lengths are padded with a zero byte. */
    static long sum(byte[] b, int off, int len, long acc) {
        int i = 0;
        for (; i + 1 < len; i += 2) {
            acc += (b[off + i] & 0xFF) << 8 | (b[off + i + 1] & 0xFF);
        }
        if (i < len) {
            acc += (b[off + i] & 0xFF) << 8;
        }
        return acc;
    }

    /** Folds a sum to 16 bits and complements it: the value to put in a checksum field (0 means valid when verifying). */
    static int fold(long acc) {
        while ((acc >>> 16) != 0) {
            acc = (acc & 0xFFFF) + (acc >>> 16);
        }
        return (int) (~acc & 0xFFFF);
    }
}
