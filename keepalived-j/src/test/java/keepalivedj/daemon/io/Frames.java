package keepalivedj.daemon.io;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Test frames built by hand (the real codec lives in module vrrp): VRRPv2/IPv4 and VRRPv3/IPv6 adverts, the same
 * inside AH, ICMP, UDP and ARP, with an 8-byte marker in each so a test can tell them apart.
 */
final class Frames {
    static final int ETH = 14;
    static final String VRRP4_MAC = "01:00:5e:00:00:12";
    static final String VRRP6_MAC = "33:33:00:00:00:12";
    static final String BROADCAST = "ff:ff:ff:ff:ff:ff";

    private Frames() {
    }

    static byte[] ether(String dst, String src, int type, byte[] payload) {
        return ByteBuffer.allocate(ETH + payload.length).put(mac(dst)).put(mac(src)).putShort((short) type)
                .put(payload).array();
    }

    /** IPv4 header (no options), TOS 0xc0, DF clear, id 0x1234, valid checksum, then the payload. */
    static byte[] ipv4(int protocol, String src, String dst, int ttl, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0xc0).putShort((short) (20 + payload.length)).putShort((short) 0x1234)
                .putShort((short) 0).put((byte) ttl).put((byte) protocol).putShort((short) 0)
                .put(addr(src)).put(addr(dst)).put(payload);
        byte[] p = b.array();
        int sum = checksum(p, 0, 20);
        p[10] = (byte) (sum >> 8);
        p[11] = (byte) sum;
        return p;
    }

    static byte[] ipv6(int nextHeader, String src, String dst, int hopLimit, byte[] payload) {
        return ByteBuffer.allocate(40 + payload.length).putInt(0x60000000).putShort((short) payload.length)
                .put((byte) nextHeader).put((byte) hopLimit).put(addr(src)).put(addr(dst)).put(payload).array();
    }

    /** VRRPv2: vrid 51, prio 100, one VIP, no auth, 1 s; the marker is the 8 auth-data bytes. */
    static byte[] vrrp2(long marker) {
        ByteBuffer b = ByteBuffer.allocate(20);
        b.put((byte) 0x21).put((byte) 51).put((byte) 100).put((byte) 1).put((byte) 0).put((byte) 1)
                .putShort((short) 0).put(addr("10.0.0.51")).putLong(marker);
        byte[] p = b.array();
        int sum = checksum(p, 0, p.length);
        p[6] = (byte) (sum >> 8);
        p[7] = (byte) sum;
        return p;
    }

    /** VRRPv3 for IPv6: vrid 51, prio 100, 100 cs; the VIP's low 8 bytes are the marker (checksum left 0). */
    static byte[] vrrp3v6(long marker) {
        return ByteBuffer.allocate(24).put((byte) 0x31).put((byte) 51).put((byte) 100).put((byte) 1)
                .putShort((short) 100).putShort((short) 0).putLong(0xfe80000000000000L).putLong(marker).array();
    }

    /** AH (RFC 4302): next header, SPI = 1, sequence 1, a zero 96-bit ICV, then the payload. */
    static byte[] ah(int nextHeader, byte[] payload) {
        return ByteBuffer.allocate(24 + payload.length).put((byte) nextHeader).put((byte) 4).putShort((short) 0)
                .putInt(1).putInt(1).put(new byte[12]).put(payload).array();
    }

    static byte[] icmpEcho(long marker) {
        return ByteBuffer.allocate(16).put((byte) 8).put((byte) 0).putShort((short) 0).putInt(0x00010001)
                .putLong(marker).array();
    }

    static byte[] udp(long marker) {
        return ByteBuffer.allocate(16).putShort((short) 40000).putShort((short) 40001).putShort((short) 16)
                .putShort((short) 0).putLong(marker).array();
    }

    /** Gratuitous ARP request as keepalived sends it: broadcast, sender IP = target IP, target MAC all ones. */
    static byte[] garp(String srcMac, String ip) {
        ByteBuffer b = ByteBuffer.allocate(28).putShort((short) 1).putShort((short) 0x0800).put((byte) 6)
                .put((byte) 4).putShort((short) 1).put(mac(srcMac)).put(addr(ip)).put(mac(BROADCAST)).put(addr(ip));
        return ether(BROADCAST, srcMac, 0x0806, b.array());
    }

    static byte[] vrrp4Frame(String srcMac, String srcIp, int ttl, long marker) {
        return ether(VRRP4_MAC, srcMac, 0x0800, ipv4(112, srcIp, "224.0.0.18", ttl, vrrp2(marker)));
    }

    static byte[] vrrp6Frame(String srcMac, String srcIp, int hopLimit, long marker) {
        return ether(VRRP6_MAC, srcMac, 0x86dd, ipv6(112, srcIp, "ff02::12", hopLimit, vrrp3v6(marker)));
    }

    /** The last 8 bytes of the IP packet in a frame (where every test frame carries its marker). */
    static long marker(byte[] frame) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        int ipEnd;
        int type = b.getShort(12) & 0xffff;
        if (type == 0x0800) {
            ipEnd = ETH + (b.getShort(ETH + 2) & 0xffff);
        } else if (type == 0x86dd) {
            ipEnd = ETH + 40 + (b.getShort(ETH + 4) & 0xffff);
        } else {
            return -1;
        }
        return b.getLong(ipEnd - 8);
    }

    static int checksum(byte[] p, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            int hi = p[offset + i] & 0xff;
            int lo = i + 1 < length ? p[offset + i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    static byte[] mac(String mac) {
        return HexFormat.ofDelimiter(":").parseHex(mac);
    }

    static byte[] addr(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] unhex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
