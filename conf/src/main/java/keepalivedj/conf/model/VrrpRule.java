package keepalivedj.conf.model;

import java.net.InetAddress;
import keepalivedj.conf.Position;

/**
 * One entry of {@code virtual_rules} or {@code static_rules}, in {@code ip rule add} syntax (keepalived.md
 * a.5), as keepalived 2.2's {@code alloc_rule} reads it. {@code preference} is always set: a rule written
 * without one is given 16384, 16383, ... (one counter per address family) as keepalived does. Optional
 * selectors are null when not given; {@code from}/{@code to} are null for "all".
 *
 * @param action "table", "goto", "nop", "blackhole", "unreachable" or "prohibit"
 * @param not the rule was written with {@code not}
 * @param protocol rtnetlink protocol number; 18 (keepalived) for tracked rules, null when not set
 */
public record VrrpRule(boolean ipv6, boolean not, InetAddress from, int fromPrefixLength, InetAddress to,
                       int toPrefixLength, long preference, String action, Long table, Long gotoTarget, String iif,
                       String oif, Long fwmark, Long fwmask, Integer tos, String realms, String uidrange,
                       boolean l3mdev, String ipProto, String sport, String dport, Long suppressPrefixLength,
                       String suppressIfgroup, Long tunnelId, Integer protocol, boolean noTrack, String trackGroup,
                       Position position) {
}
