package keepalivedj.conf.bind;

import java.util.List;
import java.util.function.Predicate;
import keepalivedj.conf.model.VrrpRule;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * Reads one {@code virtual_rules} / {@code static_rules} line in {@code ip rule add} syntax (keepalived.md
 * a.5) with keepalived 2.2's {@code alloc_rule} rules and messages: a rule needs an action (table, goto, nop,
 * blackhole, unreachable, prohibit, l3mdev), anything invalid drops it, and a rule without a preference gets
 * the next automatic one of its family (16384 counting down) with keepalived's warning.
 */
final class VrrpRuleParser {
    private VrrpRuleParser() {
    }

    /** keepalived's counters for rules written without a preference, one per family. */
    static final class AutoPreference {
        private long nextIpv4 = 16384;
        private long nextIpv6 = 16384;

        long take(boolean ipv6) {
            return ipv6 ? nextIpv6-- : nextIpv4--;
        }
    }

    /** A rule while its words are read. */
    private static final class Draft {
        Boolean ipv6;
        boolean not;
        VrrpWords.Prefix from;
        VrrpWords.Prefix to;
        Long preference;
        String action;
        Long table;
        Long gotoTarget;
        String iif;
        String oif;
        Long fwmark;
        Long fwmask;
        Integer tos;
        String realms;
        String uidrange;
        boolean l3mdev;
        String ipProto;
        String sport;
        String dport;
        Long suppressPrefix;
        String suppressIfgroup;
        Long tunnelId;
        Integer protocol;
        boolean noTrack;
        String trackGroup;
        boolean tableOption;
    }

    private static final List<String> FLAGS = List.of("inet", "inet6", "not", "no_track");

    static VrrpRule parse(Node line, BindContext ctx, AutoPreference auto, boolean staticRule,
                          Predicate<String> interfaceKnown) {
        List<Token> w = VrrpWords.words(line);
        Draft d = new Draft();
        for (int i = 0; i < w.size(); i++) {
            Token t = w.get(i);
            if (FLAGS.contains(t.text())) {
                if (!flag(d, t, ctx)) {
                    return null;
                }
                continue;
            }
            if (List.of("nop", "blackhole", "unreachable", "prohibit", "l3mdev").contains(t.text())) {
                if (!action(d, t.text(), t, ctx)) {
                    return null;
                }
                d.l3mdev |= t.text().equals("l3mdev");
                continue;
            }
            if (i + 1 >= w.size()) {
                ctx.warn(t.position(), "No value specified for rule option '" + t.text() + "'", null,
                        t.text() + " VALUE", "ignoring the rule");
                return null;
            }
            i = option(w, i, d, ctx, staticRule, interfaceKnown);
            if (i < 0) {
                return null;
            }
        }
        return finish(d, line, ctx, auto);
    }

    private static boolean flag(Draft d, Token t, BindContext ctx) {
        switch (t.text()) {
            case "not":
                d.not = true;
                return true;
            case "no_track":
                d.noTrack = true;
                return true;
            default:
                return family(d, t.text().equals("inet6"), t, ctx);
        }
    }

    private static boolean family(Draft d, boolean v6, Token at, BindContext ctx) {
        if (d.ipv6 == null || d.ipv6 == v6) {
            d.ipv6 = v6;
            return true;
        }
        ctx.warn(at.position(), "rule specification has mixed IPv4 and IPv6", at.text(),
                d.ipv6 ? "IPv6" : "IPv4", "ignoring the rule");
        return false;
    }

    private static boolean action(Draft d, String action, Token at, BindContext ctx) {
        if (d.action != null) {
            ctx.warn(at.position(), "Cannot specify more than one of table/nop/goto/blackhole/prohibit/unreachable/"
                    + "l3mdev for rule", at.text(), null, "ignoring the rule");
            return false;
        }
        d.action = action.equals("l3mdev") ? "table" : action;
        return true;
    }

    /** Reads option {@code w[i]} and its value; returns the index of the last word used, or -1 (dropped). */
    private static int option(List<Token> w, int i, Draft d, BindContext ctx, boolean staticRule,
                              Predicate<String> interfaceKnown) {
        Token t = w.get(i);
        Token a = w.get(i + 1);
        String v = a.text();
        switch (t.text()) {
            case "from":
            case "to": {
                VrrpWords.Prefix p = List.of("all", "any", "default").contains(v) ? null : VrrpWords.prefix(v);
                if (p == null && !List.of("all", "any", "default").contains(v)) {
                    ctx.warn(a.position(), "Invalid rule " + t.text() + " address " + v, v, "ADDRESS[/PREFIX] or all",
                            "ignoring the rule");
                    return -1;
                }
                if (p != null && !family(d, p.ipv6(), a, ctx)) {
                    return -1;
                }
                if (t.text().equals("from")) {
                    d.from = p;
                } else {
                    d.to = p;
                }
                return i + 1;
            }
            case "table":
            case "lookup": {
                Long id = VrrpRouteParser.tableId(v);
                if (id == null || id == 0) {
                    ctx.warn(a.position(), id == null ? "Routing table " + v + " not found for rule"
                            : "Table 0 is not valid", v, "a number, local, main or default", "ignoring the rule");
                    return -1;
                }
                d.table = id;
                return action(d, "table", t, ctx) ? i + 1 : -1;
            }
            case "preference":
            case "order":
            case "priority":
                d.preference = number(v, 0xffffffffL);
                if (d.preference == null) {
                    // keepalived prints the keyword where it meant the value; kept for byte-compatible logs
                    ctx.warn(a.position(), "Invalid rule preference " + t.text() + " specified", v, "0..4294967295",
                            "ignoring the rule");
                    return -1;
                }
                return i + 1;
            case "goto":
                d.gotoTarget = number(v, 0xffffffffL);
                if (d.gotoTarget == null) {
                    ctx.warn(a.position(), "Invalid target " + t.text() + " specified", v, "0..4294967295",
                            "ignoring the rule");
                    return -1;
                }
                return action(d, "goto", t, ctx) ? i + 1 : -1;
            case "type":
                if (List.of("nop", "blackhole", "unreachable", "prohibit").contains(v)) {
                    return action(d, v, a, ctx) ? i + 1 : -1;
                }
                ctx.warn(a.position(), "Invalid rule action " + v, v, "blackhole, unreachable, prohibit or nop",
                        "ignoring the rule");
                return -1;
            default:
                return selector(w, i, d, ctx, staticRule, interfaceKnown);
        }
    }

    private static int selector(List<Token> w, int i, Draft d, BindContext ctx, boolean staticRule,
                                Predicate<String> interfaceKnown) {
        Token t = w.get(i);
        Token a = w.get(i + 1);
        String v = a.text();
        switch (t.text()) {
            case "tos":
            case "dsfield":
                Long tos = number(v, 255);
                if (tos == null) {
                    ctx.warn(a.position(), "TOS value " + v + " is invalid", v, "0..255", "ignoring the rule");
                    return -1;
                }
                d.tos = (int) (long) tos;
                return i + 1;
            case "fwmark":
                return fwmark(a, d, ctx) ? i + 1 : -1;
            case "realms":
                d.realms = v;
                d.tableOption = true;
                return family(d, false, a, ctx) ? i + 1 : -1;
            case "suppress_prefixlength":
            case "sup_pl":
                d.suppressPrefix = number(v, Integer.MAX_VALUE);
                if (d.suppressPrefix == null) {
                    ctx.warn(a.position(), "Invalid suppress_prefixlength " + t.text() + " specified", v,
                            "0..2147483647", "ignoring the rule");
                    return -1;
                }
                d.tableOption = true;
                return i + 1;
            case "suppress_ifgroup":
            case "sup_group":
                d.suppressIfgroup = v;
                d.tableOption = true;
                return i + 1;
            case "dev":
            case "iif":
            case "oif":
                if (!interfaceKnown.test(v)) {
                    ctx.warn(a.position(), "WARNING - interface " + v + " for rule doesn't exist", v,
                            "an interface of this host", "ignoring the rule");
                    return -1;
                }
                if (t.text().equals("oif")) {
                    d.oif = v;
                } else {
                    d.iif = v;
                }
                return i + 1;
            default:
                return misc(w, i, d, ctx, staticRule);
        }
    }

    private static int misc(List<Token> w, int i, Draft d, BindContext ctx, boolean staticRule) {
        Token t = w.get(i);
        Token a = w.get(i + 1);
        String v = a.text();
        switch (t.text()) {
            case "tunnel-id":
                d.tunnelId = number(v, Long.MAX_VALUE);
                if (d.tunnelId == null) {
                    ctx.warn(a.position(), "Invalid tunnel-id " + t.text() + " specified", v, "a number",
                            "ignoring the rule");
                    return -1;
                }
                return i + 1;
            case "uidrange":
                if (!v.matches("\\d+-\\d+")) {
                    ctx.warn(a.position(), "Invalid uidrange " + t.text() + " specified", v, "START-END",
                            "ignoring the rule");
                    return -1;
                }
                d.uidrange = v;
                return i + 1;
            case "protocol": {
                Long p = number(v, 255);
                if (p == null) {
                    ctx.warn(a.position(), "Invalid protocol " + v, v, "0..255", "ignoring the protocol");
                } else {
                    d.protocol = (int) (long) p;
                }
                return i + 1;
            }
            case "ipproto":
                d.ipProto = v;
                return i + 1;
            case "sport":
            case "dport":
                if (!v.matches("\\d{1,5}(-\\d{1,5})?")) {
                    ctx.warn(a.position(), "invalid " + t.text() + " range " + v, v, "PORT[-PORT]",
                            "ignoring the " + t.text());
                } else if (t.text().equals("sport")) {
                    d.sport = v;
                } else {
                    d.dport = v;
                }
                return i + 1;
            case "track_group":
                if (staticRule) {
                    d.trackGroup = v;
                    return i + 1;
                }
                // a virtual rule has no track_group: fall through to "unknown"
            default:
                ctx.warn(t.position(), "Unknown rule option " + t.text(), t.text(), "an ip rule option",
                        "ignoring the rule");
                return -1;
        }
    }

    /** {@code MARK[/MASK]}, each decimal, 0x-hex or 0-octal as strtoul reads them. */
    private static boolean fwmark(Token a, Draft d, BindContext ctx) {
        String[] parts = a.text().split("/", -1);
        Long mark = parts.length <= 2 ? cNumber(parts[0]) : null;
        Long mask = parts.length == 2 ? cNumber(parts[1]) : null;
        if (mark == null || (parts.length == 2 && mask == null)) {
            ctx.warn(a.position(), "Invalid rule fwmark " + a.text() + " specified", a.text(), "MARK[/MASK]",
                    "ignoring the rule");
            return false;
        }
        d.fwmark = mark;
        d.fwmask = mask;
        return true;
    }

    private static VrrpRule finish(Draft d, Node line, BindContext ctx, AutoPreference auto) {
        if ("goto".equals(d.action)) {
            if (d.preference == null) {
                ctx.warn(line.position(), "Invalid rule - goto target " + d.gotoTarget + " specified without "
                        + "preference", null, null, "ignoring the rule");
                return null;
            }
            if (d.preference >= d.gotoTarget) {
                ctx.warn(line.position(), "Invalid rule - preference " + d.preference + " >= goto target "
                        + d.gotoTarget, null, null, "ignoring the rule");
                return null;
            }
        }
        if (d.action == null) {
            ctx.warn(line.position(), "No action specified for rule - ignoring", line.lineText(),
                    "table, goto, nop, blackhole, unreachable, prohibit or l3mdev", null);
            return null;
        }
        if (!d.action.equals("table") && d.tableOption) {
            ctx.warn(line.position(), "suppressor/realm specified for non table action - skipping", null, null, null);
            return null;
        }
        if (d.table != null && d.l3mdev) {
            ctx.warn(line.position(), "table cannot be specified for l3mdev rules", null, null, "ignoring the rule");
            return null;
        }
        if (!d.noTrack) {
            if (d.protocol != null && d.protocol != 18) {
                ctx.warn(line.position(), "Rule cannot be tracked if protocol is not RTPROT_KEEPALIVED(18), "
                        + "resetting protocol", String.valueOf(d.protocol), "18", null);
            }
            d.protocol = 18;
        }
        if (d.trackGroup != null && d.iif == null) {
            ctx.warn(line.position(), "Static rule cannot have track_group if dev/iif not specified", d.trackGroup,
                    null, "ignoring the track group");
            d.trackGroup = null;
        }
        boolean v6 = d.ipv6 != null && d.ipv6;
        if (d.preference == null) {
            d.preference = auto.take(v6);
            ctx.warn(line.position(), "Rule has no preference specified - setting to " + d.preference
                    + ". This is probably not what you want.", null, null, null);
        }
        return new VrrpRule(v6, d.not, d.from == null ? null : d.from.address(),
                d.from == null ? 0 : d.from.lengthOrHost(), d.to == null ? null : d.to.address(),
                d.to == null ? 0 : d.to.lengthOrHost(), d.preference, d.action, d.table, d.gotoTarget, d.iif, d.oif,
                d.fwmark, d.fwmask, d.tos, d.realms, d.uidrange, d.l3mdev, d.ipProto, d.sport, d.dport,
                d.suppressPrefix, d.suppressIfgroup, d.tunnelId, d.protocol, d.noTrack, d.trackGroup,
                line.position());
    }

    private static Long number(String s, long max) {
        Long v = VrrpWords.number(s);
        return v != null && v >= 0 && v <= max ? v : null;
    }

    /** strtoul with base 0: 0x hex, leading-0 octal, else decimal; null when invalid or over 32 bits. */
    private static Long cNumber(String s) {
        try {
            long v;
            if (s.startsWith("0x") || s.startsWith("0X")) {
                v = Long.parseLong(s.substring(2), 16);
            } else if (s.length() > 1 && s.startsWith("0")) {
                v = Long.parseLong(s.substring(1), 8);
            } else {
                v = Long.parseLong(s);
            }
            return v >= 0 && v <= 0xffffffffL ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
