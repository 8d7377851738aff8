package keepalivedj.conf.model;

import java.net.InetAddress;
import java.util.List;
import keepalivedj.conf.Position;

/**
 * One entry of {@code virtual_routes} or {@code static_routes}, in {@code ip route add} syntax (keepalived.md
 * a.5), as keepalived 2.2's {@code alloc_route} reads it. Optional numbers are null when not written (the
 * kernel's default applies). A tracked route ({@code tracked}) has protocol {@code keepalived}, as keepalived
 * forces; a route with no {@code dev} is not tracked.
 *
 * @param type route type: unicast (default), blackhole, unreachable, prohibit, throw, local, broadcast, ...
 * @param destination the destination; {@code 0.0.0.0/0} or {@code ::/0} for {@code default}
 * @param preferredSource {@code src}: the preferred source address
 * @param from {@code from} source prefix (IPv6 only in keepalived); null when none
 * @param via {@code via} / deprecated {@code gw}
 * @param scope numeric rtnetlink scope, 0 (universe) by default
 * @param table routing table id, 254 (main) by default
 * @param protocol numeric rtnetlink protocol as written or forced ("keepalived" = 18 when tracked); null unset
 * @param otherOptions further {@code ip route} metrics and options (mtu, advmss, rtt, window, ...), as written,
 *                     in order: carried for the installer, not interpreted here
 */
public record VrrpRoute(String type, boolean ipv6, InetAddress destination, int prefixLength,
                        InetAddress preferredSource, InetAddress from, int fromPrefixLength, InetAddress via,
                        String dev, int scope, long table, Long metric, String protocol, Integer tos, boolean onlink,
                        List<Nexthop> nexthops, List<String> otherOptions, boolean noTrack, boolean tracked,
                        String trackGroup, Position position) {

    public VrrpRoute {
        nexthops = List.copyOf(nexthops);
        otherOptions = List.copyOf(otherOptions);
    }

    /** {@code nexthop via A dev D weight W [onlink]} (also the deprecated {@code or A}); weight 1 by default. */
    public record Nexthop(InetAddress via, String dev, int weight, boolean onlink) {
    }
}
