package keepalivedj.vrrp.packet;

import static keepalivedj.vrrp.packet.Wire.*;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Ethernet frames carrying VRRP ⇄ {@link VrrpPacket}. Checks only what is needed to find the VRRP message
 * (frame and header sizes, EtherType, protocol, IP total length), the way the kernel does before keepalived's
 * raw socket sees a packet. Everything keepalived itself checks (length vs count, TTL, version, auth, type,
 * checksum, ...) is left to {@code ReceiveCheck}, so that it runs in keepalived's order with keepalived's
 * log lines. Encoding computes every length and checksum.
 */
public final class VrrpCodec {
    /** RFC 5798 §5.1.1.2: 224.0.0.18. */
    public static final Inet4Address VRRP_IPV4_GROUP = (Inet4Address) addr("224.0.0.18");
    /** RFC 5798 §5.1.2.2: ff02::12. */
    public static final Inet6Address VRRP_IPV6_GROUP = (Inet6Address) addr("ff02::12");

    private VrrpCodec() {
    }

    public static VrrpPacket decode(byte[] frame) throws MalformedPacketException {
        return decode(frame, 0, frame.length);
    }

    /**
     * Decodes one Ethernet frame. Trailing bytes after the IP total length (Ethernet padding to 60 bytes) are
     * ignored, as the kernel trims them before a raw socket sees the packet.
     */
    public static VrrpPacket decode(byte[] b, int off, int len) throws MalformedPacketException {
        if (len < ETH_HEADER + 20) {
            throw new MalformedPacketException(Drop.FRAME_TOO_SHORT,
                    "frame is " + len + " bytes (expected: >= " + (ETH_HEADER + 20) + ")");
        }
        EthernetHeader eth = new EthernetHeader(mac(b, off), mac(b, off + 6), u16(b, off + 12));
        int ipOff = off + ETH_HEADER;
        int ipAvail = len - ETH_HEADER;
        if (eth.etherType() == ETHERTYPE_IPV4) {
            return decodeIpv4(eth, b, ipOff, ipAvail);
        }
        if (eth.etherType() == ETHERTYPE_IPV6) {
            return decodeIpv6(eth, b, ipOff, ipAvail);
        }
        throw new MalformedPacketException(Drop.NOT_IP,
                "EtherType 0x" + Integer.toHexString(eth.etherType()) + " (expected: 0x800 or 0x86dd)");
    }

    private static VrrpPacket decodeIpv4(EthernetHeader eth, byte[] b, int ip, int avail)
            throws MalformedPacketException {
        int version = u8(b, ip) >>> 4;
        int ihl = (u8(b, ip) & 0xF) * 4;
        if (version != 4 || ihl < 20) {
            throw new MalformedPacketException(Drop.BAD_IP_HEADER,
                    "IPv4 version " + version + " IHL " + ihl + " (expected: 4 and >= 20)");
        }
        if (ihl > avail) {
            throw new MalformedPacketException(Drop.FRAME_TOO_SHORT,
                    "IPv4 header is " + ihl + " bytes but " + avail + " received");
        }
        if (fold(sum(b, ip, ihl, 0)) != 0) { // the kernel drops these before any socket sees them
            throw new MalformedPacketException(Drop.BAD_IP_HEADER, "IPv4 header checksum is wrong");
        }
        int totLen = u16(b, ip + 2);
        if (totLen < ihl) {
            throw new MalformedPacketException(Drop.BAD_IP_HEADER,
                    "IPv4 total length " + totLen + " (expected: >= header length " + ihl + ")");
        }
        if (totLen > avail) {
            throw new MalformedPacketException(Drop.IP_LENGTH_MISMATCH,
                    "ip_tot_len mismatch against received length. " + totLen + " and received " + avail);
        }
        int protocol = u8(b, ip + 9);
        checkProtocol(protocol);
        Ipv4Header h = new Ipv4Header(u8(b, ip + 1), totLen, u16(b, ip + 4), u16(b, ip + 6), u8(b, ip + 8),
                protocol, u16(b, ip + 10), (Inet4Address) address(b, ip + 12, 4),
                (Inet4Address) address(b, ip + 16, 4), ihl);
        return decodeVrrp(eth, h, b, ip + ihl, totLen - ihl);
    }

    private static VrrpPacket decodeIpv6(EthernetHeader eth, byte[] b, int ip, int avail)
            throws MalformedPacketException {
        if (avail < 40) {
            throw new MalformedPacketException(Drop.FRAME_TOO_SHORT,
                    "IPv6 header needs 40 bytes but " + avail + " received");
        }
        int first = (int) (((long) u16(b, ip) << 16 | u16(b, ip + 2)));
        int version = first >>> 28;
        if (version != 6) {
            throw new MalformedPacketException(Drop.BAD_IP_HEADER, "IP version " + version + " (expected: 6)");
        }
        int payload = u16(b, ip + 4);
        if (40 + payload > avail) {
            throw new MalformedPacketException(Drop.IP_LENGTH_MISMATCH,
                    "IPv6 payload length " + payload + " but " + (avail - 40) + " received");
        }
        int next = u8(b, ip + 6);
        checkProtocol(next); // extension headers are not followed: VRRP senders do not use them
        Ipv6Header h = new Ipv6Header(first >>> 20 & 0xFF, first & 0xFFFFF, payload, next, u8(b, ip + 7),
                (Inet6Address) address(b, ip + 8, 16), (Inet6Address) address(b, ip + 24, 16));
        return decodeVrrp(eth, h, b, ip + 40, payload);
    }

    private static void checkProtocol(int protocol) throws MalformedPacketException {
        if (protocol == PROTO_AH) {
            // keepalived check 1 (§d.6.1). AH authentication is not implemented, so no instance expects AH.
            throw new MalformedPacketException(Drop.AH_MISMATCH, "Received AH header but auth type not AH");
        }
        if (protocol != PROTO_VRRP) {
            throw new MalformedPacketException(Drop.NOT_VRRP, "IP protocol " + protocol + " (expected: 112)");
        }
    }

    private static VrrpPacket decodeVrrp(EthernetHeader eth, IpHeader ip, byte[] b, int off, int len)
            throws MalformedPacketException {
        if (len < Advertisement.HEADER_LENGTH) {
            throw new MalformedPacketException(Drop.VRRP_HEADER_TOO_SHORT, "ip/vrrp header too short. "
                    + (len + ip.headerLength()) + " and expect at least "
                    + (ip.headerLength() + Advertisement.HEADER_LENGTH));
        }
        int version = u8(b, off) >>> 4;
        int type = u8(b, off) & 0xF;
        int count = u8(b, off + 3);
        int authType = 0;
        int intervalCs;
        if (version == 2) {
            authType = u8(b, off + 4);
            intervalCs = u8(b, off + 5) * 100;          // v2: whole seconds in one byte
        } else {
            intervalCs = u16(b, off + 4) & 0x0FFF;      // v3: 4 reserved bits, ignored on receipt (RFC 5798 §5.2.7)
        }
        int alen = ip.addressLength();
        int fits = Math.min(count, (len - Advertisement.HEADER_LENGTH) / alen);
        List<InetAddress> addrs = new ArrayList<>(fits);
        for (int i = 0; i < fits; i++) {
            addrs.add(address(b, off + Advertisement.HEADER_LENGTH + i * alen, alen));
        }
        byte[] auth = null;
        int authOff = off + Advertisement.HEADER_LENGTH + count * alen;
        if (version == 2 && ip instanceof Ipv4Header && authOff + Advertisement.AUTH_DATA_LENGTH <= off + len) {
            auth = new byte[Advertisement.AUTH_DATA_LENGTH];
            System.arraycopy(b, authOff, auth, 0, auth.length);
        }
        Advertisement adv = new Advertisement(version, type, u8(b, off + 1), u8(b, off + 2), authType, intervalCs,
                addrs, auth);
        byte[] vrrp = new byte[len];
        System.arraycopy(b, off, vrrp, 0, len);
        return new VrrpPacket(eth, ip, adv, count, len, u16(b, off + 6), vrrp);
    }

    /** Encodes a whole Ethernet frame: lengths, IPv4 header checksum and VRRP checksum are computed here. */
    public static byte[] encode(EthernetHeader eth, IpHeader ip, Advertisement adv) {
        return encode(eth, ip, adv, null);
    }

    /**
     * As {@link #encode(EthernetHeader, IpHeader, Advertisement)}, with the address the v3 checksum's
     * pseudo-header names as destination: null for the packet's own, {@link #VRRP_IPV4_GROUP} for a unicast peer
     * that still checks pre-1.3.6 keepalived's checksum (keepalived.md §d.5).
     */
    public static byte[] encode(EthernetHeader eth, IpHeader ip, Advertisement adv, InetAddress checksumDestination) {
        int vrrpLen = adv.encodedLength(ip.addressLength());
        byte[] out = new byte[ETH_HEADER + ip.headerLength() + vrrpLen];
        putMac(out, 0, eth.destination());
        putMac(out, 6, eth.source());
        put16(out, 12, ip instanceof Ipv4Header ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6);
        int vrrpOff = ETH_HEADER + ip.headerLength();
        encodeVrrp(adv, ip.addressLength(), out, vrrpOff);
        if (ip instanceof Ipv4Header h) {
            encodeIpv4(h, vrrpLen, out, ETH_HEADER);
        } else {
            encodeIpv6((Ipv6Header) ip, vrrpLen, out, ETH_HEADER);
        }
        InetAddress pseudoDestination = checksumDestination != null ? checksumDestination : ip.destination();
        put16(out, vrrpOff + 6, vrrpChecksum(ip, pseudoDestination, adv.version(), out, vrrpOff, vrrpLen));
        return out;
    }

    /**
     * The frame a router sends: IPv4 or IPv6 by the destination's family, TOS 0xc0 / traffic class 0, protocol
     * 112, Ethernet destination the group's MAC for a multicast destination and broadcast otherwise (a unicast
     * advert goes out as IP through the kernel, which frames it itself).
     */
    public static byte[] encodeForSending(MacAddress sourceMac, InetAddress source, InetAddress destination,
                                          int ttl, int ipv4Identification, Advertisement adv,
                                          InetAddress checksumDestination) {
        boolean v4 = destination instanceof Inet4Address;
        IpHeader ip = v4
                ? Ipv4Header.forSending(ipv4Identification, ttl, PROTO_VRRP, (Inet4Address) source,
                        (Inet4Address) destination)
                : Ipv6Header.forSending(PROTO_VRRP, ttl, (Inet6Address) source, (Inet6Address) destination);
        MacAddress dmac = destination.isMulticastAddress() ? MacAddress.ofGroup(destination) : MacAddress.BROADCAST;
        return encode(new EthernetHeader(dmac, sourceMac, v4 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6), ip, adv,
                checksumDestination);
    }

    /**
     * Gives an IPv4 frame made by {@link #encode} another Identification, with the header checksum to match, in
     * place. A master's adverts differ only there from one interval to the next: the VRRP checksum does not cover
     * the IP header's ID, so the rest of the frame can be sent again as it is.
     */
    public static void setIpv4Identification(byte[] frame, int identification) {
        int o = ETH_HEADER;
        if (frame.length < o + 20 || (frame[o] & 0xF0) != 0x40) {
            throw new IllegalArgumentException("not an IPv4 frame");
        }
        put16(frame, o + 4, identification);
        put16(frame, o + 10, 0);
        put16(frame, o + 10, fold(sum(frame, o, (frame[o] & 0x0F) * 4, 0)));
    }

    private static void encodeIpv4(Ipv4Header h, int payload, byte[] out, int o) {
        if (h.headerLength() != 20) {
            throw new IllegalArgumentException("IPv4 options are not sent (header length " + h.headerLength() + ")");
        }
        out[o] = 0x45;
        out[o + 1] = (byte) h.tos();
        put16(out, o + 2, 20 + payload);
        put16(out, o + 4, h.identification());
        put16(out, o + 6, h.flagsFragment());
        out[o + 8] = (byte) h.ttl();
        out[o + 9] = (byte) h.protocol();
        System.arraycopy(h.source().getAddress(), 0, out, o + 12, 4);
        System.arraycopy(h.destination().getAddress(), 0, out, o + 16, 4);
        put16(out, o + 10, fold(sum(out, o, 20, 0)));
    }

    private static void encodeIpv6(Ipv6Header h, int payload, byte[] out, int o) {
        int first = 6 << 28 | (h.trafficClass() & 0xFF) << 20 | (h.flowLabel() & 0xFFFFF);
        put16(out, o, first >>> 16);
        put16(out, o + 2, first);
        put16(out, o + 4, payload);
        out[o + 6] = (byte) h.nextHeader();
        out[o + 7] = (byte) h.hopLimit();
        System.arraycopy(h.source().getAddress(), 0, out, o + 8, 16);
        System.arraycopy(h.destination().getAddress(), 0, out, o + 24, 16);
    }

    private static void encodeVrrp(Advertisement a, int alen, byte[] out, int o) {
        if (a.addresses().size() > 255) {
            throw new IllegalArgumentException("at most 255 addresses fit an advert, got " + a.addresses().size());
        }
        out[o] = (byte) (a.version() << 4 | a.type());
        out[o + 1] = (byte) a.vrid();
        out[o + 2] = (byte) a.priority();
        out[o + 3] = (byte) a.addresses().size();
        if (a.version() == 2) {
            if (a.adverIntCs() % 100 != 0 || a.adverIntCs() / 100 > 255) {
                throw new IllegalArgumentException("v2 interval " + a.adverIntCs() + " cs (expected: whole seconds 0..255)");
            }
            out[o + 4] = (byte) a.authType();
            out[o + 5] = (byte) (a.adverIntCs() / 100);
        } else {
            if (a.adverIntCs() > 0x0FFF) {
                throw new IllegalArgumentException("v3 interval " + a.adverIntCs() + " cs (expected: <= 4095)");
            }
            put16(out, o + 4, a.adverIntCs());
        }
        int p = o + Advertisement.HEADER_LENGTH;
        for (InetAddress addr : a.addresses()) {
            byte[] raw = addr.getAddress();
            if (raw.length != alen) {
                throw new IllegalArgumentException("address " + addr.getHostAddress() + " does not match the IP family");
            }
            System.arraycopy(raw, 0, out, p, alen);
            p += alen;
        }
        byte[] auth = a.authDataUnsafe();
        if (auth != null) {
            System.arraycopy(auth, 0, out, p, Advertisement.AUTH_DATA_LENGTH);
        }
    }

    /**
     * The VRRP checksum field value (reference keepalived.md §d.8): v2 over IPv4 covers the message only;
     * v3 over IPv4 adds keepalived's IPv4 pseudo-header {src, dst, 0, 112, length}, where {@code pseudoDst} is
     * the real destination (224.0.0.18 for pre-1.3.6 unicast peers); IPv6 uses the RFC 8200 §8.1 pseudo-header.
     * The checksum field inside {@code b} must be zero, or this returns the verification result (0 = valid).
     */
    public static int vrrpChecksum(IpHeader ip, InetAddress pseudoDst, int version, byte[] b, int off, int len) {
        long acc = 0;
        if (ip instanceof Ipv6Header) {
            acc = sum(ip.source().getAddress(), 0, 16, acc);
            acc = sum(pseudoDst.getAddress(), 0, 16, acc);
            acc += len + PROTO_VRRP;
        } else if (version == 3) {
            acc = sum(ip.source().getAddress(), 0, 4, acc);
            acc = sum(pseudoDst.getAddress(), 0, 4, acc);
            acc += PROTO_VRRP + len;
        }
        return fold(sum(b, off, len, acc));
    }

    /** True when the received checksum verifies with {@code pseudoDst} in the pseudo-header (ignored for v2/IPv4). */
    public static boolean checksumValid(VrrpPacket p, InetAddress pseudoDst) {
        byte[] v = p.vrrpBytesUnsafe();
        return vrrpChecksum(p.ip(), pseudoDst, p.advert().version(), v, 0, v.length) == 0;
    }

    private static InetAddress addr(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
