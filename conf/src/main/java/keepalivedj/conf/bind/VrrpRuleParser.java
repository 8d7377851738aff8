package keepalivedj.conf.bind;

import java.util.List;
import keepalivedj.conf.model.VrrpRule;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * Reads one {@code virtual_rules} / {@code static_rules} line in {@code ip rule add} syntax (keepalived.md
 * a.5). A rule without a preference gets the next automatic one (16384 counting down, shared by every rule of
 * the configuration) with keepalived's warning. A bad address or a missing value drops the rule.
 */
final class VrrpRuleParser {
    private VrrpRuleParser() {
    }

    /** keepalived's counter for rules written without a preference. */
    static final class AutoPreference {
        private long next = 16384;

        long take() {
            return next > 0 ? next-- : 0;
        }
    }

    private static final List<String> ACTIONS = List.of("blackhole", "unreachable", "prohibit", "nop");
    private static final List<String> FLAGS = List.of("not", "inet", "inet6", "l3mdev", "no_track");

    static VrrpRule parse(Node line, BindContext ctx, AutoPreference auto) {
        List<Token> w = VrrpWords.words(line);
        boolean ipv6 = false;
        boolean not = false;
        VrrpWords.Prefix from = null;
        VrrpWords.Prefix to = null;
        Long pref = null;
        String action = null;
        Long table = null;
        Long gotoTarget = null;
        String iif = null;
        String oif = null;
        Long fwmark = null;
        Long fwmask = null;
        Integer tos = null;
        String realms = null;
        String uidrange = null;
        boolean l3mdev = false;
        String ipProto = null;
        String sport = null;
        String dport = null;
        Long suppressPrefix = null;
        Long suppressIfgroup = null;
        boolean noTrack = false;
        for (int i = 0; i < w.size(); i++) {
            Token t = w.get(i);
            String kw = t.text();
            if (FLAGS.contains(kw)) {
                not |= kw.equals("not");
                ipv6 |= kw.equals("inet6");
                l3mdev |= kw.equals("l3mdev");
                noTrack |= kw.equals("no_track");
                continue;
            }
            if (ACTIONS.contains(kw)) {
                action = kw;
                continue;
            }
            if (i + 1 >= w.size()) {
                ctx.warn(t.position(), "No value specified for rule option '" + kw + "'", null, kw + " VALUE",
                        "ignoring the rule");
                return null;
            }
            Token a = w.get(++i);
            switch (kw) {
                case "from":
                case "to": {
                    VrrpWords.Prefix p = a.text().equals("all") ? null : VrrpWords.prefix(a.text());
                    if (p == null && !a.text().equals("all")) {
                        ctx.warn(a.position(), "Invalid rule " + kw + " address " + a.text(), a.text(),
                                "ADDRESS[/PREFIX] or all", "ignoring the rule");
                        return null;
                    }
                    if (p != null && kw.equals("from")) {
                        from = p;
                    } else if (p != null) {
                        to = p;
                    }
                    break;
                }
                case "preference":
                case "priority":
                case "pref":
                case "order":
                    pref = number(a, ctx, 0, 0xffffffffL);
                    if (pref == null) {
                        return null;
                    }
                    break;
                case "table":
                case "lookup":
                    table = VrrpRouteParser.tableId(a.text());
                    if (table == null) {
                        ctx.warn(a.position(), "Routing table " + a.text() + " not found for rule", a.text(),
                                "a number, local, main or default", "ignoring the rule");
                        return null;
                    }
                    action = "table";
                    break;
                case "goto":
                    gotoTarget = number(a, ctx, 0, 0xffffffffL);
                    if (gotoTarget == null) {
                        return null;
                    }
                    action = "goto";
                    break;
                case "iif":
                case "dev":
                    iif = a.text();
                    break;
                case "oif":
                    oif = a.text();
                    break;
                case "fwmark": {
                    String[] parts = a.text().split("/", 2);
                    fwmark = VrrpWords.number(parts[0].startsWith("0x") ? String.valueOf(hex(parts[0])) : parts[0]);
                    if (parts.length == 2) {
                        fwmask = VrrpWords.number(parts[1].startsWith("0x") ? String.valueOf(hex(parts[1])) : parts[1]);
                    }
                    if (fwmark == null || (parts.length == 2 && fwmask == null)) {
                        ctx.warn(a.position(), "Invalid rule fwmark '" + a.text() + "'", a.text(), "MARK[/MASK]",
                                "ignoring the rule");
                        return null;
                    }
                    break;
                }
                case "tos":
                case "dsfield": {
                    Long v = number(a, ctx, 0, 255);
                    if (v == null) {
                        return null;
                    }
                    tos = (int) (long) v;
                    break;
                }
                case "realms":
                    realms = a.text();
                    break;
                case "uidrange":
                    uidrange = a.text();
                    break;
                case "ipproto":
                case "ip_proto":
                    ipProto = a.text();
                    break;
                case "sport":
                    sport = a.text();
                    break;
                case "dport":
                    dport = a.text();
                    break;
                case "suppress_prefixlength":
                    suppressPrefix = number(a, ctx, 0, 128);
                    break;
                case "suppress_ifgroup":
                    suppressIfgroup = number(a, ctx, 0, 0xffffffffL);
                    break;
                case "track_group":
                    break;
                default:
                    ctx.warn(t.position(), "Unknown rule option '" + kw + "'", kw, "an ip rule option",
                            "ignoring the rule");
                    return null;
            }
        }
        if ((from != null && to != null && from.ipv6() != to.ipv6())) {
            ctx.warn(line.position(), "Rule from and to addresses are of different families", line.lineText(),
                    null, "ignoring the rule");
            return null;
        }
        ipv6 |= (from != null && from.ipv6()) || (to != null && to.ipv6());
        if (pref == null) {
            pref = auto.take();
            ctx.warn(line.position(), "Rule has no preference specified - setting to " + pref
                    + ". This is probably not what you want.", null, null, null);
        }
        if (action == null) {
            action = "table";
            table = 254L;
        }
        return new VrrpRule(ipv6, not, from == null ? null : from.address(), from == null ? 0 : from.lengthOrHost(),
                to == null ? null : to.address(), to == null ? 0 : to.lengthOrHost(), pref, action, table,
                gotoTarget, iif, oif, fwmark, fwmask, tos, realms, uidrange, l3mdev, ipProto, sport, dport,
                suppressPrefix, suppressIfgroup, noTrack, line.position());
    }

    private static long hex(String s) {
        try {
            return Long.parseLong(s.substring(2), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Long number(Token a, BindContext ctx, long min, long max) {
        Long v = VrrpWords.number(a.text());
        if (v == null || v < min || v > max) {
            ctx.warn(a.position(), "Invalid rule value '" + a.text() + "'", a.text(), min + ".." + max,
                    "ignoring the rule");
            return null;
        }
        return v;
    }
}
