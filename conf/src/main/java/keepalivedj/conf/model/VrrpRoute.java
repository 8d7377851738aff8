package keepalivedj.conf.model;

import java.net.InetAddress;
import java.util.List;
import keepalivedj.conf.Position;

/**
 * One entry of {@code virtual_routes} or {@code static_routes}, in {@code ip route add} syntax (keepalived.md
 * a.5). Unset optional numbers are null (boxed) because "not given" means "kernel default", which differs from
 * any value. {@code tracked} is false for {@code no_track} and for routes keepalived cannot track (no {@code dev}).
 *
 * @param type route type: unicast (default), blackhole, unreachable, prohibit, throw, local, broadcast, ...
 * @param destination null only for a route keepalived could not read (never in a bound model)
 * @param preferredSource {@code src}: the preferred source address
 * @param via {@code via} / deprecated {@code gw}
 * @param otherOptions further {@code ip route} options keepalived accepts (mtu lock, rtt, window, ...), as
 *                     written, in order: carried for the installer, not interpreted here
 */
public record VrrpRoute(String type, InetAddress destination, int prefixLength, InetAddress preferredSource,
                        InetAddress from, int fromPrefixLength, InetAddress via, String dev, String scope,
                        Long table, Long metric, String protocol, boolean onlink, List<Nexthop> nexthops,
                        List<String> otherOptions, boolean noTrack, boolean tracked, Position position) {

    public VrrpRoute {
        nexthops = List.copyOf(nexthops);
        otherOptions = List.copyOf(otherOptions);
    }

    /** {@code nexthop via A dev D weight W [onlink]} (also the deprecated {@code or A}). */
    public record Nexthop(InetAddress via, String dev, int weight, boolean onlink) {
    }
}
