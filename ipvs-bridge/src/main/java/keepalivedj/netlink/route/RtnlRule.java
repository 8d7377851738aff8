package keepalivedj.netlink.route;

/**
 * A policy routing rule as rtnetlink carries it (struct fib_rule_hdr + FRA_* attributes): what keepalived's
 * virtual_rules and static_rules install. A value; {@link RtnlRouteCodec} maps it.
 *
 * @param from    source prefix, or null for all; {@code to} likewise
 * @param action  FR_ACT_* (1 to table, 2 goto, 3 nop, 6 blackhole, 7 unreachable, 8 prohibit)
 * @param invert  {@code not}
 * @param iifName / oifName interface names, or null
 * @param fwmark  / fwmask, or null
 * @param protocol RTPROT_*, or null
 */
public record RtnlRule(boolean ipv6, java.net.InetAddress from, int fromPrefixLength, java.net.InetAddress to,
                       int toPrefixLength, long priority, int action, long table, Long gotoTarget, boolean invert,
                       String iifName, String oifName, Long fwmark, Long fwmask, int tos, Integer protocol) {
    public static final int FR_ACT_TO_TBL = 1, FR_ACT_GOTO = 2, FR_ACT_NOP = 3, FR_ACT_BLACKHOLE = 6,
            FR_ACT_UNREACHABLE = 7, FR_ACT_PROHIBIT = 8;
}
