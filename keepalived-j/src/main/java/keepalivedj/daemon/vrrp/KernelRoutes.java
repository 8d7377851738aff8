package keepalivedj.daemon.vrrp;

import java.net.Inet4Address;
import java.util.Map;
import keepalivedj.conf.model.VrrpRoute;
import keepalivedj.conf.model.VrrpRule;
import keepalivedj.netlink.route.RtnlRoute;
import keepalivedj.netlink.route.RtnlRule;

/**
 * Maps configured virtual/static routes and rules onto their rtnetlink form, as {@code ip route add} / {@code ip
 * rule add} (and keepalived, which follows them) would send them. Pure.
 */
final class KernelRoutes {
    private static final Map<String, Integer> TYPES = Map.of("unicast", 1, "local", 2, "broadcast", 3, "anycast", 4,
            "multicast", 5, "blackhole", 6, "unreachable", 7, "prohibit", 8, "throw", 9, "nat", 10);
    private static final Map<String, Integer> PROTOCOLS = Map.of("redirect", 1, "kernel", 2, "boot", 3, "static", 4,
            "keepalived", 18);
    private static final Map<String, Integer> ACTIONS = Map.of("table", RtnlRule.FR_ACT_TO_TBL, "goto",
            RtnlRule.FR_ACT_GOTO, "nop", RtnlRule.FR_ACT_NOP, "blackhole", RtnlRule.FR_ACT_BLACKHOLE, "unreachable",
            RtnlRule.FR_ACT_UNREACHABLE, "prohibit", RtnlRule.FR_ACT_PROHIBIT);

    private KernelRoutes() {
    }

    /**
     * @param oif the index of {@code dev}, 0 when the route names none
     * @throws IllegalArgumentException for what rtnetlink cannot express here (multipath routes)
     */
    static RtnlRoute route(VrrpRoute r, int oif) {
        if (!r.nexthops().isEmpty()) {
            throw new IllegalArgumentException("multipath routes (nexthop) are not installed by keepalived-j yet");
        }
        int type = r.type() == null ? 1 : TYPES.getOrDefault(r.type(), 1);
        int scope = r.scope();
        if (scope == 0 && r.via() == null && type == 1 && oif > 0 && r.destination() instanceof Inet4Address) {
            scope = 253; // iproute2: a unicast route without a gateway is on-link
        }
        return new RtnlRoute(r.destination(), r.prefixLength(), r.from(), r.fromPrefixLength(), r.via(), oif,
                r.preferredSource(), r.table(), protocol(r.protocol(), 3), scope, type, r.metric(),
                r.tos() == null ? 0 : r.tos(), r.onlink());
    }

    static RtnlRule rule(VrrpRule r) {
        int action = r.action() == null ? RtnlRule.FR_ACT_TO_TBL
                : ACTIONS.getOrDefault(r.action(), RtnlRule.FR_ACT_TO_TBL);
        return new RtnlRule(r.ipv6(), r.from(), r.fromPrefixLength(), r.to(), r.toPrefixLength(), r.preference(),
                action, r.table() == null ? 0 : r.table(), r.gotoTarget(), r.not(), r.iif(), r.oif(), r.fwmark(),
                r.fwmask(), r.tos() == null ? 0 : r.tos(), r.protocol());
    }

    static int protocol(String p, int dflt) {
        if (p == null) {
            return dflt;
        }
        if (p.matches("\\d+")) {
            return Integer.parseInt(p);
        }
        return PROTOCOLS.getOrDefault(p, dflt);
    }
}
