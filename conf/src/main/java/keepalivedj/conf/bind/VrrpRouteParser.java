package keepalivedj.conf.bind;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import keepalivedj.conf.model.VrrpRoute;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * Reads one {@code virtual_routes} / {@code static_routes} line in {@code ip route add} syntax
 * (keepalived.md a.5) with keepalived 2.2's {@code alloc_route} rules and messages: full option names only; a
 * word that is no option is the destination (optionally after {@code to} and a route type); anything wrong
 * drops the route. A tracked route without {@code dev} gives "Warning - cannot track route X with no
 * interface specified, not tracking" (a general config error, {@code -t} exit 5).
 */
final class VrrpRouteParser {
    private VrrpRouteParser() {
    }

    private static final List<String> TYPES = List.of("unicast", "local", "broadcast", "multicast", "throw",
            "unreachable", "prohibit", "blackhole", "nat", "anycast");
    /** Metrics taking an optional {@code lock} and one value. */
    private static final List<String> LOCKABLE = List.of("mtu", "advmss", "rtt", "rttvar", "reordering", "cwnd",
            "ssthresh", "rto_min", "congctl");
    /** Options taking one value, carried as written. */
    private static final List<String> ONE_VALUE = List.of("hoplimit", "window", "initcwnd", "initrwnd", "features",
            "quickack", "pref", "ttl-propagate", "fastopen_no_cookie", "expires", "realms");
    private static final List<String> PROTOCOLS = List.of("unspec", "redirect", "kernel", "boot", "static",
            "gated", "ra", "mrt", "zebra", "bird", "dnrouted", "xorp", "ntk", "dhcp", "keepalived", "babel", "bgp",
            "isis", "ospf", "rip", "eigrp");

    /** A route while its words are read. */
    private static final class Draft {
        String type = "unicast";
        Boolean ipv6;
        VrrpWords.Prefix dst;
        String dstText;
        InetAddress src;
        VrrpWords.Prefix from;
        InetAddress via;
        String dev;
        int scope;
        long table = 254;
        Long metric;
        String protocol;
        Integer tos;
        boolean onlink;
        final List<VrrpRoute.Nexthop> nexthops = new ArrayList<>();
        final List<String> other = new ArrayList<>();
        boolean noTrack;
        String trackGroup;

        /** Records the family of an address; false (reported) when it mixes families. */
        boolean family(boolean v6, Token at, BindContext ctx) {
            if (ipv6 == null) {
                ipv6 = v6;
                return true;
            }
            if (ipv6 != v6) {
                ctx.warn(at.position(), "Cannot mix IPv4 and IPv6 addresses for route (" + at.text() + ")", at.text(),
                        ipv6 ? "an IPv6 address" : "an IPv4 address", "ignoring the route");
                return false;
            }
            return true;
        }
    }

    /**
     * The route of {@code line}, or null when keepalived would drop it (reported). {@code interfaceKnown}
     * answers whether a {@code dev} may be used.
     */
    static VrrpRoute parse(Node line, BindContext ctx, boolean staticRoute, Predicate<String> interfaceKnown) {
        List<Token> w = VrrpWords.words(line);
        Draft d = new Draft();
        int i = 0;
        while (i < w.size()) {
            Token t = w.get(i);
            if (t.text().equals("nexthop")) {
                i = nexthops(w, i, d, ctx, interfaceKnown);
                if (i < 0) {
                    return null;
                }
                break;
            }
            i = word(w, i, d, ctx, staticRoute, interfaceKnown);
            if (i < 0) {
                return null;
            }
        }
        if (d.dst == null) {
            ctx.warn(line.position(), "Route must have a destination", line.lineText(), "a destination address",
                    "ignoring the route");
            return null;
        }
        boolean tracked = !d.noTrack;
        if (tracked) {
            if (d.protocol != null && !d.protocol.equals("keepalived") && !d.protocol.equals("18")) {
                ctx.warn(line.position(), "Route cannot be tracked if protocol is not RTPROT_KEEPALIVED(18), "
                        + "resetting protocol", d.protocol, "keepalived", null);
            }
            d.protocol = "keepalived";
            if (d.dev == null) {
                ctx.warn(line.position(), "Warning - cannot track route " + d.dstText
                        + " with no interface specified, not tracking", null, null, null);
                tracked = false;
            }
        }
        if (d.trackGroup != null && d.dev == null) {
            ctx.warn(line.position(), "Static route cannot have track group if no oif specified", d.trackGroup, null,
                    "ignoring the track group");
            d.trackGroup = null;
        }
        boolean v6 = d.ipv6 != null && d.ipv6;
        return new VrrpRoute(d.type, v6, d.dst.address(), d.dst.lengthOrHost(), d.src,
                d.from == null ? null : d.from.address(), d.from == null ? 0 : d.from.lengthOrHost(), d.via, d.dev,
                d.scope, d.table, d.metric, d.protocol, d.tos, d.onlink, d.nexthops, d.other, d.noTrack, tracked,
                d.trackGroup, line.position());
    }

    /** Reads the option at {@code i}; returns the index after it, or -1 when the route is dropped. */
    private static int word(List<Token> w, int i, Draft d, BindContext ctx, boolean staticRoute,
                            Predicate<String> interfaceKnown) {
        Token t = w.get(i);
        String kw = t.text();
        switch (kw) {
            case "inet":
            case "inet6":
                return d.family(kw.equals("inet6"), t, ctx) ? i + 1 : -1;
            case "onlink":
                d.onlink = true;
                return i + 1;
            case "no_track":
                d.noTrack = true;
                return i + 1;
            default:
                break;
        }
        boolean option = List.of("src", "via", "gw", "from", "tos", "dsfield", "table", "protocol", "scope",
                "metric", "priority", "preference", "dev", "oif", "or", "as").contains(kw)
                || LOCKABLE.contains(kw) || ONE_VALUE.contains(kw) || (staticRoute && kw.equals("track_group"));
        if (!option) {
            return destination(w, i, d, ctx);
        }
        if (i + 1 >= w.size()) {
            ctx.warn(t.position(), "No value specified for route option '" + kw + "'", null, kw + " VALUE",
                    "ignoring the route");
            return -1;
        }
        Token a = w.get(i + 1);
        switch (kw) {
            case "src":
                d.src = address(a, "invalid route src address " + a.text(), d, ctx);
                return d.src == null ? -1 : i + 2;
            case "gw":
            case "via":
                return via(w, i, d, ctx);
            case "from":
                d.from = VrrpWords.prefix(a.text());
                if (d.from == null) {
                    ctx.warn(a.position(), "invalid route from address " + a.text(), a.text(), "an IPv6 prefix",
                            "ignoring the route");
                    return -1;
                }
                if (!d.from.ipv6()) {
                    ctx.warn(a.position(), "route from address only supported with IPv6 (" + a.text() + ")", a.text(),
                            "an IPv6 prefix", "ignoring the route");
                    return -1;
                }
                return d.family(true, a, ctx) ? i + 2 : -1;
            case "tos":
            case "dsfield": {
                Long v = VrrpWords.number(a.text());
                if (v == null || v < 0 || v > 255) {
                    ctx.warn(a.position(), "TOS value " + a.text() + " is invalid", a.text(), "0..255",
                            "ignoring the route");
                    return -1;
                }
                d.tos = (int) (long) v;
                return i + 2;
            }
            case "table": {
                Long v = tableId(a.text());
                if (v == null) {
                    ctx.warn(a.position(), "Routing table " + a.text() + " not found for route", a.text(),
                            "a number, local, main or default", "ignoring the route");
                    return -1;
                }
                d.table = v;
                return i + 2;
            }
            case "protocol":
                if (!PROTOCOLS.contains(a.text()) && !inRange(a.text(), 255)) {
                    ctx.warn(a.position(), "Protocol " + a.text() + " not found or invalid for route", a.text(),
                            "a protocol name or 0..255", "ignoring the route");
                    return -1;
                }
                d.protocol = a.text();
                return i + 2;
            case "scope": {
                Integer s = VrrpAddressParser.scope(a.text());
                if (s == null) {
                    ctx.warn(a.position(), "Scope " + a.text() + " not found or invalid for route", a.text(),
                            "global, site, link, host, nowhere or 0..255", "ignoring the route");
                    return -1;
                }
                d.scope = s;
                return i + 2;
            }
            case "metric":
            case "priority":
            case "preference":
                if (!inRange(a.text(), 0xffffffffL)) {
                    ctx.warn(a.position(), "Invalid metric " + a.text() + " specified for route", a.text(),
                            "0..4294967295", "ignoring the route");
                    return -1;
                }
                d.metric = Long.parseLong(a.text());
                return i + 2;
            case "dev":
            case "oif":
                if (!interfaceKnown.test(a.text())) {
                    ctx.warn(a.position(), "WARNING - interface " + a.text() + " for VROUTE nexthop doesn't exist",
                            a.text(), "an interface of this host", "ignoring the route");
                    return -1;
                }
                d.dev = a.text();
                return i + 2;
            case "or":
                return or(t, a, i, d, ctx);
            case "as":
                ctx.warn(t.position(), "\"as to\" for MPLS only - ignoring", kw, null, null);
                return i + 2 < w.size() && a.text().equals("to") ? i + 3 : i + 2;
            case "track_group":
                d.trackGroup = a.text();
                return i + 2;
            default:
                if (LOCKABLE.contains(kw) && a.text().equals("lock") && i + 2 < w.size()) {
                    d.other.add(kw + " lock " + w.get(i + 2).text());
                    return i + 3;
                }
                d.other.add(kw + " " + a.text());
                return i + 2;
        }
    }

    private static int via(List<Token> w, int i, Draft d, BindContext ctx) {
        Token t = w.get(i);
        if (t.text().equals("gw")) {
            ctx.warn(t.position(), "\"gw\" for routes is deprecated. Please use \"via\"", "gw", "via", null);
        }
        int j = i + 1;
        if ((w.get(j).text().equals("inet") || w.get(j).text().equals("inet6")) && j + 1 < w.size()) {
            if (!d.family(w.get(j).text().equals("inet6"), w.get(j), ctx)) {
                return -1;
            }
            j++;
        }
        Token a = w.get(j);
        d.via = address(a, "invalid route via address " + a.text(), d, ctx);
        return d.via == null ? -1 : j + 1;
    }

    private static int or(Token t, Token a, int i, Draft d, BindContext ctx) {
        ctx.warn(t.position(), "\"or\" for routes is deprecated. Please use \"nexthop\"", "or", "nexthop", null);
        if (!d.nexthops.isEmpty()) {
            ctx.warn(a.position(), "\"or\" route already specified - ignoring subsequent", a.text(), null, null);
            return i + 2;
        }
        InetAddress nh = address(a, "Invalid \"or\" address " + a.text(), d, ctx);
        if (nh == null) {
            return -1;
        }
        d.nexthops.add(new VrrpRoute.Nexthop(d.via, null, 1, false));
        d.via = null;
        d.nexthops.add(new VrrpRoute.Nexthop(nh, null, 1, false));
        return i + 2;
    }

    /** [to] [TYPE] PREFIX: the destination; an unparseable word is "unknown route keyword". */
    private static int destination(List<Token> w, int i, Draft d, BindContext ctx) {
        if (w.get(i).text().equals("to") && i + 1 < w.size()) {
            i++;
        }
        if (TYPES.contains(w.get(i).text()) && i + 1 < w.size()) {
            d.type = w.get(i).text();
            i++;
        }
        Token t = w.get(i);
        VrrpWords.Prefix p;
        if (t.text().equals("default") || t.text().equals("any") || t.text().equals("all")) {
            p = VrrpWords.prefix(d.ipv6 != null && d.ipv6 ? "::/0" : "0.0.0.0/0");
        } else {
            p = VrrpWords.prefix(t.text());
        }
        if (p == null) {
            ctx.warn(t.position(), "unknown route keyword " + t.text(), t.text(), "an ip route option or destination",
                    "ignoring the route");
            return -1;
        }
        if (!d.family(p.ipv6(), t, ctx)) {
            return -1;
        }
        d.dst = p;
        d.dstText = t.text();
        return i + 1;
    }

    /** {@code nexthop via A dev D weight W onlink ...} repeated to the end of the line. */
    private static int nexthops(List<Token> w, int i, Draft d, BindContext ctx, Predicate<String> interfaceKnown) {
        if (!d.nexthops.isEmpty()) {
            ctx.warn(w.get(i).position(), "Cannot specify nexthops with \"or\" route", null, null, "ignoring them");
            return w.size();
        }
        while (i < w.size() && w.get(i).text().equals("nexthop")) {
            InetAddress via = null;
            String dev = null;
            int weight = 1;
            boolean onlink = false;
            i++;
            while (i < w.size() && !w.get(i).text().equals("nexthop")) {
                String kw = w.get(i).text();
                if (kw.equals("onlink")) {
                    onlink = true;
                    i++;
                    continue;
                }
                if (!List.of("via", "dev", "weight").contains(kw) || i + 1 >= w.size()) {
                    ctx.warn(w.get(i).position(), "Route has trailing nonsense after nexthops - " + kw, kw,
                            "via, dev, weight or onlink", "ignoring the route");
                    return -1;
                }
                Token a = w.get(i + 1);
                if (kw.equals("via")) {
                    via = address(a, "invalid nexthop address " + a.text(), d, ctx);
                    if (via == null) {
                        return -1;
                    }
                } else if (kw.equals("dev")) {
                    if (!interfaceKnown.test(a.text())) {
                        ctx.warn(a.position(), "WARNING - interface " + a.text() + " for VROUTE nexthop doesn't exist",
                                a.text(), "an interface of this host", "ignoring the route");
                        return -1;
                    }
                    dev = a.text();
                } else {
                    if (!inRange(a.text(), 256) || a.text().equals("0")) {
                        ctx.warn(a.position(), "Invalid weight " + a.text() + " specified for route", a.text(),
                                "1..256", "ignoring the route");
                        return -1;
                    }
                    weight = Integer.parseInt(a.text());
                }
                i += 2;
            }
            d.nexthops.add(new VrrpRoute.Nexthop(via, dev, weight, onlink));
        }
        return i;
    }

    private static InetAddress address(Token a, String message, Draft d, BindContext ctx) {
        InetAddress r = VrrpWords.ip(a.text());
        if (r == null) {
            ctx.warn(a.position(), message, a.text(), "an IP address", "ignoring the route");
            return null;
        }
        return d.family(r.getAddress().length == 16, a, ctx) ? r : null;
    }

    private static boolean inRange(String s, long max) {
        Long v = VrrpWords.number(s);
        return v != null && v >= 0 && v <= max;
    }

    /** Table ids by name as in iproute2's rt_tables, or a number. */
    static Long tableId(String s) {
        switch (s) {
            case "local":
                return 255L;
            case "main":
                return 254L;
            case "default":
                return 253L;
            case "unspec":
                return 0L;
            default:
                return inRange(s, 0xffffffffL) ? Long.parseLong(s) : null;
        }
    }
}
