package keepalivedj.conf.bind;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import keepalivedj.conf.model.VrrpRoute;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * Reads one {@code virtual_routes} / {@code static_routes} line in {@code ip route add} syntax
 * (keepalived.md a.5): full option names only, as keepalived. A route without {@code dev} cannot be tracked:
 * keepalived's "Warning - cannot track route X with no interface specified, not tracking" (a general config
 * error, {@code -t} exit 5). A bad destination or gateway drops the route.
 */
final class VrrpRouteParser {
    private VrrpRouteParser() {
    }

    private static final List<String> TYPES = List.of("unicast", "local", "broadcast", "multicast", "throw",
            "unreachable", "prohibit", "blackhole", "nat", "anycast");
    /** Options with one argument that are carried as written. */
    private static final List<String> CARRIED = List.of("rtt", "rttvar", "reordering", "window", "cwnd",
            "initcwnd", "initrwnd", "features", "quickack", "congctl", "pref", "expires", "ssthresh",
            "rto_min", "hoplimit", "tos", "dsfield", "fastopen_no_cookie", "ttl-propagate", "realms", "mtu",
            "advmss", "track_group");

    static VrrpRoute parse(Node line, BindContext ctx) {
        List<Token> w = VrrpWords.words(line);
        String type = "unicast";
        InetAddress dst = null;
        int dstLen = 0;
        String dstText = null;
        InetAddress src = null;
        InetAddress from = null;
        int fromLen = 0;
        InetAddress via = null;
        String dev = null;
        String scope = null;
        Long table = null;
        Long metric = null;
        String proto = null;
        boolean onlink = false;
        boolean noTrack = false;
        List<VrrpRoute.Nexthop> nexthops = new ArrayList<>();
        List<String> other = new ArrayList<>();
        int i = 0;
        if (TYPES.contains(w.get(0).text())) {
            type = w.get(0).text();
            i = 1;
        }
        for (; i < w.size(); i++) {
            Token t = w.get(i);
            String kw = t.text();
            switch (kw) {
                case "inet":
                case "inet6":
                case "append":
                case "onlink":
                case "no_track":
                    onlink |= kw.equals("onlink");
                    noTrack |= kw.equals("no_track");
                    continue;
                default:
                    break;
            }
            boolean option = List.of("src", "from", "to", "via", "gw", "dev", "oif", "scope", "table", "metric",
                    "priority", "preference", "proto", "protocol", "nexthop", "or").contains(kw)
                    || CARRIED.contains(kw);
            if (!option) {
                if (dst != null) {
                    ctx.warn(t.position(), "Unknown route option '" + kw + "'", kw, "an ip route option",
                            "ignoring it");
                    continue;
                }
                dstText = kw;
                if (kw.equals("default")) {
                    dst = VrrpWords.ip("0.0.0.0");
                    continue;
                }
                VrrpWords.Prefix p = VrrpWords.prefix(kw);
                if (p == null) {
                    ctx.warn(t.position(), "Invalid route destination '" + kw + "'", kw, "ADDRESS[/PREFIX]",
                            "ignoring the route");
                    return null;
                }
                dst = p.address();
                dstLen = p.lengthOrHost();
                continue;
            }
            if (i + 1 >= w.size()) {
                ctx.warn(t.position(), "No value specified for route option '" + kw + "'", null, kw + " VALUE",
                        "ignoring the route");
                return null;
            }
            Token a = w.get(++i);
            switch (kw) {
                case "to": {
                    i--;
                    continue;
                }
                case "src":
                    src = address(a, ctx, "source");
                    if (src == null) {
                        return null;
                    }
                    break;
                case "from": {
                    VrrpWords.Prefix p = VrrpWords.prefix(a.text());
                    if (p == null) {
                        ctx.warn(a.position(), "Invalid route from address '" + a.text() + "'", a.text(),
                                "ADDRESS[/PREFIX]", "ignoring the route");
                        return null;
                    }
                    from = p.address();
                    fromLen = p.lengthOrHost();
                    break;
                }
                case "gw":
                case "or":
                    ctx.warn(t.position(), "'" + kw + "' for routes is deprecated", kw,
                            kw.equals("gw") ? "'via'" : "'nexthop'", null);
                    if (kw.equals("or")) {
                        InetAddress nh = address(a, ctx, "nexthop");
                        if (nh == null) {
                            return null;
                        }
                        if (nexthops.isEmpty() && via != null) {
                            nexthops.add(new VrrpRoute.Nexthop(via, dev, 1, false));
                            via = null;
                        }
                        nexthops.add(new VrrpRoute.Nexthop(nh, null, 1, false));
                        break;
                    }
                    via = address(a, ctx, "gateway");
                    if (via == null) {
                        return null;
                    }
                    break;
                case "via":
                    via = address(a, ctx, "gateway");
                    if (via == null) {
                        return null;
                    }
                    break;
                case "dev":
                case "oif":
                    dev = a.text();
                    break;
                case "scope":
                    scope = a.text();
                    break;
                case "table":
                    table = tableId(a, ctx);
                    break;
                case "metric":
                case "priority":
                case "preference":
                    metric = VrrpWords.number(a.text());
                    if (metric == null || metric < 0 || metric > 0xffffffffL) {
                        ctx.warn(a.position(), "Invalid route metric '" + a.text() + "'", a.text(),
                                "0..4294967295", "using the kernel default");
                        metric = null;
                    }
                    break;
                case "proto":
                case "protocol":
                    proto = a.text();
                    break;
                case "nexthop":
                    i = nexthop(w, i - 1, nexthops, ctx);
                    if (i < 0) {
                        return null;
                    }
                    break;
                default:
                    if ((kw.equals("mtu") || kw.equals("advmss") || kw.equals("window") || kw.equals("cwnd")
                            || kw.equals("rtt") || kw.equals("initcwnd")) && a.text().equals("lock")
                            && i + 1 < w.size()) {
                        other.add(kw + " lock " + w.get(++i).text());
                    } else {
                        other.add(kw + " " + a.text());
                    }
            }
        }
        if (dst == null) {
            ctx.warn(line.position(), "Route has no destination", line.lineText(), "a destination address",
                    "ignoring the route");
            return null;
        }
        boolean needsDev = type.equals("unicast") && !noTrack && dev == null
                && nexthops.stream().allMatch(n -> n.dev() == null);
        boolean tracked = !noTrack;
        if (needsDev) {
            ctx.warn(line.position(), "Warning - cannot track route " + dstText
                    + " with no interface specified, not tracking", null, null, null);
            tracked = false;
        }
        return new VrrpRoute(type, dst, dstLen, src, from, fromLen, via, dev, scope, table, metric, proto, onlink,
                nexthops, other, noTrack, tracked, line.position());
    }

    private static InetAddress address(Token a, BindContext ctx, String what) {
        InetAddress r = VrrpWords.ip(a.text());
        if (r == null) {
            ctx.warn(a.position(), "Invalid route " + what + " address '" + a.text() + "'", a.text(),
                    "an IP address", "ignoring the route");
        }
        return r;
    }

    static Long tableId(Token a, BindContext ctx) {
        switch (a.text()) {
            case "local":
                return 255L;
            case "main":
                return 254L;
            case "default":
                return 253L;
            default:
                Long v = VrrpWords.number(a.text());
                if (v == null || v < 0 || v > 0xffffffffL) {
                    ctx.warn(a.position(), "Invalid table '" + a.text() + "'", a.text(),
                            "a number, local, main or default", "using the main table");
                    return null;
                }
                return v;
        }
    }

    /** Reads {@code nexthop via A dev D weight W onlink ...} from word {@code i}; returns the last index used. */
    private static int nexthop(List<Token> w, int i, List<VrrpRoute.Nexthop> out, BindContext ctx) {
        InetAddress via = null;
        String dev = null;
        int weight = 1;
        boolean onlink = false;
        int j = i + 1;
        while (j < w.size()) {
            String kw = w.get(j).text();
            if (kw.equals("onlink")) {
                onlink = true;
                j++;
                continue;
            }
            if (!kw.equals("via") && !kw.equals("dev") && !kw.equals("weight")) {
                break;
            }
            if (j + 1 >= w.size()) {
                ctx.warn(w.get(j).position(), "No value specified for nexthop option '" + kw + "'", null, null,
                        "ignoring the route");
                return -1;
            }
            Token a = w.get(j + 1);
            if (kw.equals("via")) {
                via = address(a, ctx, "nexthop");
                if (via == null) {
                    return -1;
                }
            } else if (kw.equals("dev")) {
                dev = a.text();
            } else {
                Long v = VrrpWords.number(a.text());
                if (v == null || v < 1 || v > 256) {
                    ctx.warn(a.position(), "Invalid nexthop weight '" + a.text() + "'", a.text(), "1..256",
                            "using 1");
                } else {
                    weight = (int) (long) v;
                }
            }
            j += 2;
        }
        out.add(new VrrpRoute.Nexthop(via, dev, weight, onlink));
        return j - 1;
    }
}
