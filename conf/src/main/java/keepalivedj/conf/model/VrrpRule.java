package keepalivedj.conf.model;

import java.net.InetAddress;
import keepalivedj.conf.Position;

/**
 * One entry of {@code virtual_rules} or {@code static_rules}, in {@code ip rule add} syntax (keepalived.md a.5).
 * {@code preference} is always set: a rule written without one is given 16384, 16383, ... as keepalived does.
 * Optional selectors are null when not given.
 *
 * @param action what the rule does: "table" (the default when a table is given), "goto", "blackhole",
 *               "unreachable", "prohibit", "nop"
 * @param not the rule was written with {@code not}
 */
public record VrrpRule(boolean ipv6, boolean not, InetAddress from, int fromPrefixLength, InetAddress to,
                       int toPrefixLength, long preference, String action, Long table, Long gotoTarget, String iif,
                       String oif, Long fwmark, Long fwmask, Integer tos, String realms, String uidrange,
                       boolean l3mdev, String ipProto, String sport, String dport, Long suppressPrefixLength,
                       Long suppressIfgroup, boolean noTrack, Position position) {
}
