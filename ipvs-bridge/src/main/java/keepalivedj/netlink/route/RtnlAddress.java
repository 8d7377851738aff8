package keepalivedj.netlink.route;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An interface address as rtnetlink carries it (struct ifaddrmsg + IFA_LOCAL/IFA_ADDRESS/IFA_LABEL): what
 * keepalived calls a virtual_ipaddress once it is on an interface. A value; {@link RtnlCodec} maps it.
 *
 * @param scope RT_SCOPE_UNIVERSE 0, RT_SCOPE_LINK 253, RT_SCOPE_HOST 254
 * @param label IPv4 label ("eth0:vip") or "" for none
 */
public record RtnlAddress(int ifindex, InetAddress address, int prefixLength, int scope, String label) {
    public static final int SCOPE_UNIVERSE = 0, SCOPE_LINK = 253, SCOPE_HOST = 254;

    public RtnlAddress {
        Objects.requireNonNull(address, "address");
        label = label == null ? "" : label;
        int max = address instanceof Inet6Address ? 128 : 32;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " (expected: 0.." + max + ")");
        }
        if (ifindex <= 0) {
            throw new IllegalArgumentException("ifindex " + ifindex + " (expected: > 0)");
        }
    }

    public static RtnlAddress of(int ifindex, InetAddress address, int prefixLength) {
        return new RtnlAddress(ifindex, address, prefixLength, SCOPE_UNIVERSE, "");
    }

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + " on ifindex " + ifindex;
    }
}
