package keepalivedj.netlink.route;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A route as rtnetlink carries it (struct rtmsg + RTA_* attributes): what keepalived's virtual_routes and
 * static_routes install. A value; {@link RtnlRouteCodec} maps it. Multipath routes are not represented.
 *
 * @param destination the destination network ({@code 0.0.0.0} / {@code ::} with prefix 0 for default)
 * @param source      {@code from} prefix (IPv6 source routing), or null
 * @param gateway     {@code via}, or null
 * @param oif         output interface index, 0 for none
 * @param prefSrc     {@code src}, or null
 * @param table       routing table id (254 = main)
 * @param protocol    RTPROT_* (3 = boot, as ip route; 18 = keepalived)
 * @param scope       RT_SCOPE_* (0 universe, 253 link, 254 host)
 * @param type        RTN_* (1 unicast, 6 blackhole, 7 unreachable, 8 prohibit, ...)
 * @param metric      RTA_PRIORITY, or null
 * @param tos         the TOS selector (0 for none)
 * @param onlink      RTNH_F_ONLINK
 */
public record RtnlRoute(InetAddress destination, int prefixLength, InetAddress source, int sourcePrefixLength,
                        InetAddress gateway, int oif, InetAddress prefSrc, long table, int protocol, int scope,
                        int type, Long metric, int tos, boolean onlink) {
    public static final int RTN_UNICAST = 1, RTPROT_BOOT = 3, RT_TABLE_MAIN = 254;

    public RtnlRoute {
        Objects.requireNonNull(destination, "destination");
        int max = destination instanceof Inet6Address ? 128 : 32;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " (expected: 0.." + max + ")");
        }
    }

    public boolean isIpv6() {
        return destination instanceof Inet6Address;
    }

    @Override
    public String toString() {
        return destination.getHostAddress() + "/" + prefixLength + (gateway == null ? "" : " via "
                + gateway.getHostAddress()) + (oif == 0 ? "" : " oif " + oif) + " table " + table;
    }
}
