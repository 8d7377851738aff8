package keepalivedj.vrrp.packet;

/** A 48-bit Ethernet address, held in the low bits of a long so it is a cheap value. */
public record MacAddress(long value) {
    public static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);
    /** RFC 1112 §6.4: 224.0.0.18 maps to 01:00:5e:00:00:12. */
    public static final MacAddress VRRP_IPV4_MULTICAST = new MacAddress(0x0100_5E00_0012L);
    /** RFC 2464 §7: ff02::12 maps to 33:33:00:00:00:12. */
    public static final MacAddress VRRP_IPV6_MULTICAST = new MacAddress(0x3333_0000_0012L);
    /** RFC 2464 §7: ff02::1 (all nodes) maps to 33:33:00:00:00:01. */
    public static final MacAddress IPV6_ALL_NODES = new MacAddress(0x3333_0000_0001L);

    public MacAddress {
        if ((value & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("MAC address wider than 48 bits: " + Long.toHexString(value));
        }
    }

    /** Parses {@code 7e:a0:11:d7:22:50}. */
    public static MacAddress parse(String text) {
        String[] parts = text.split(":");
        if (parts.length != 6) {
            throw new IllegalArgumentException("MAC address '" + text + "' (expected: 6 colon-separated octets)");
        }
        long v = 0;
        for (String p : parts) {
            v = v << 8 | Integer.parseInt(p, 16);
        }
        return new MacAddress(v);
    }

    /** The Ethernet group address of an IP multicast group (RFC 1112 §6.4, RFC 2464 §7). */
    public static MacAddress ofGroup(java.net.InetAddress group) {
        byte[] a = group.getAddress();
        if (a.length == 4) {
            return new MacAddress(0x0100_5E00_0000L | (a[1] & 0x7FL) << 16 | (a[2] & 0xFFL) << 8 | (a[3] & 0xFFL));
        }
        return new MacAddress(0x3333_0000_0000L | (a[12] & 0xFFL) << 24 | (a[13] & 0xFFL) << 16
                | (a[14] & 0xFFL) << 8 | (a[15] & 0xFFL));
    }

    /** RFC 3768 §7.3 / RFC 5798 §7.3 virtual router MAC; keepalived uses it only with use_vmac. */
    public static MacAddress virtualRouter(int vrid, boolean ipv6) {
        return new MacAddress((ipv6 ? 0x0000_5E00_0200L : 0x0000_5E00_0100L) | (vrid & 0xFF));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            s.append(Character.forDigit((int) (value >>> (8 * i + 4)) & 0xF, 16))
             .append(Character.forDigit((int) (value >>> (8 * i)) & 0xF, 16));
            if (i > 0) {
                s.append(':');
            }
        }
        return s.toString();
    }
}
