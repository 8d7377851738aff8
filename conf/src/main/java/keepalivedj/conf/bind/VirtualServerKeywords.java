package keepalivedj.conf.bind;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.conf.bind.LvsDrafts.Sorry;
import keepalivedj.conf.bind.LvsDrafts.Vs;
import keepalivedj.conf.model.LvsAddressFamily;
import keepalivedj.conf.model.ForwardingMethod;
import keepalivedj.conf.model.VirtualServer;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * The {@code virtual_server} block (check_parser.c of keepalived 2.2.7): its header, its keywords, the sorry server
 * and its real servers. It only records what was written; defaults and cross-checks are {@link LvsCompletion}'s.
 */
final class VirtualServerKeywords {
    /** The IPVS schedulers keepalived 2.2.7 accepts for lvs_sched / lb_algo. */
    static final List<String> SCHEDULERS = List.of("rr", "wrr", "lc", "wlc", "lblc", "sh", "mh", "dh", "fo", "ovf",
            "lblcr", "sed", "nq", "twos");

    private final KeywordTable<Vs> table = new KeywordTable<>("virtual_server");
    private final RealServerKeywords realServers;

    VirtualServerKeywords(HostEnvironment host) {
        this.realServers = new RealServerKeywords(host);
        table.add("ip_family", VirtualServerKeywords::ipFamily);
        table.add("retry", LvsValues.oneLong(LvsValues::serverRetry, (vs, v) -> vs.retry = v));
        table.add("delay_before_retry", LvsValues.oneLong(LvsValues::timerFromZero, (vs, v) -> vs.delayBeforeRetry = v));
        table.add("warmup", LvsValues.oneLong(LvsValues::timerFromZero, (vs, v) -> vs.warmup = v));
        table.add("connect_timeout", LvsValues.oneLong(LvsValues::connectTimeout, (vs, v) -> vs.connectTimeout = v));
        table.add("delay_loop", LvsValues.oneLong(LvsValues::delayLoop, (vs, v) -> vs.delayLoop = v));
        // keepalived's VS-level handler sets the flag whatever follows it.
        table.add("inhibit_on_failure", (n, vs, ctx) -> {
            vs.inhibit = true;
            ctx.extraWords(n, 0);
        });
        table.add(List.of("lb_algo", "lvs_sched"), VirtualServerKeywords::scheduler);
        for (String flag : List.of("hashed", "ops", "flag-1", "flag-2", "flag-3", "sh-port", "sh-fallback",
                "mh-port", "mh-fallback")) {
            table.add(flag, VirtualServerKeywords::flag);
        }
        table.add(List.of("lb_kind", "lvs_method"), (n, vs, ctx) -> LvsValues.forwarding(n, "virtual", ctx)
                .ifPresent(f -> vs.forwarding = f));
        table.add("persistence_engine", (n, vs, ctx) -> {
            ctx.string(n, 0, "engine name", "ignoring it").ifPresent(s -> vs.persistenceEngine = s);
            ctx.extraWords(n, 1);
        });
        table.add("persistence_timeout", (n, vs, ctx) -> {
            if (n.args().isEmpty()) {
                vs.persistenceTimeout = 360;
                return;
            }
            ctx.integer(n, 0, 1, LvsValues.LVS_MAX_TIMEOUT, "ignoring it").ifPresent(v -> vs.persistenceTimeout = v);
            ctx.extraWords(n, 1);
        });
        table.add("persistence_granularity", VirtualServerKeywords::granularity);
        table.add("protocol", VirtualServerKeywords::protocol);
        table.add("ha_suspend", (n, vs, ctx) -> vs.haSuspend = true);
        table.add("smtp_alert", (n, vs, ctx) -> ctx.bool(n, 0, "ignoring it").ifPresent(b -> vs.smtpAlert = b));
        table.add("virtualhost", (n, vs, ctx) -> {
            ctx.string(n, 0, "virtual server virtualhost", "ignoring it").ifPresent(s -> vs.virtualhost = s);
            ctx.extraWords(n, 1);
        });
        table.add("snmp_name", (n, vs, ctx) -> {
            ctx.string(n, 0, "virtual server snmp_name", "ignoring it").ifPresent(s -> vs.snmpName = s);
            ctx.extraWords(n, 1);
        });
        table.add("alpha", (n, vs, ctx) -> vs.alpha = true);
        table.add("omega", (n, vs, ctx) -> vs.omega = true);
        table.add("quorum_up", LvsValues.oneScript(vs -> vs.quorumUp, (vs, sc) -> vs.quorumUp = sc));
        table.add("quorum_down", LvsValues.oneScript(vs -> vs.quorumDown, (vs, sc) -> vs.quorumDown = sc));
        table.add("quorum", (n, vs, ctx) -> {
            OptionalLong q = ctx.integer(n, 0, 1, LvsValues.UINT_MAX, "setting it to 1");
            vs.quorum = q.isPresent() ? q.getAsLong() : 1;
            ctx.extraWords(n, 1);
        });
        table.add("hysteresis", (n, vs, ctx) -> {
            ctx.integer(n, 0, 0, LvsValues.UINT_MAX, "ignoring it").ifPresent(v -> vs.hysteresis = v);
            ctx.extraWords(n, 1);
        });
        table.add("weight", (n, vs, ctx) -> {
            ctx.integer(n, 0, 1, LvsValues.WEIGHT_LIMIT, "ignoring it").ifPresent(v -> vs.weight = (int) v);
            ctx.extraWords(n, 1);
        });
        table.add("sorry_server", VirtualServerKeywords::sorryServer);
        table.add("sorry_server_inhibit", (n, vs, ctx) -> {
            if (vs.sorry == null) {
                ctx.warn(n.position(), "Ignoring sorry_server inhibit used before or without sorry_server", null,
                        null, null);
                return;
            }
            vs.sorry.inhibit = true;
        });
        table.add("sorry_server_lvs_method", (n, vs, ctx) -> {
            if (vs.sorry == null) {
                ctx.warn(n.position(), "sorry_server forwarding used without sorry_server", null, null, null);
                return;
            }
            LvsValues.forwarding(n, "sorry", ctx).ifPresent(f -> vs.sorry.forwarding = f);
        });
        table.add("real_server", realServers::bind);
    }

    /** The keywords of the virtual_server block (for tests that walk every keyword). */
    java.util.Set<String> keywords() {
        return table.keywords();
    }

    RealServerKeywords realServerKeywords() {
        return realServers;
    }

    /**
     * Reads {@code virtual_server IP [PORT] | fwmark N | group NAME { ... }}; empty when the header is invalid (the
     * block is then skipped, as keepalived's skip_block does).
     */
    Optional<Vs> bind(Node n, BindContext ctx) {
        Optional<Vs> header = header(n, ctx);
        if (header.isEmpty()) {
            return header;
        }
        Vs vs = header.get();
        if (ctx.requireBlock(n)) {
            table.bindAll(n.block(), vs, ctx);
        }
        end(vs, ctx);
        return header;
    }

    private static Optional<Vs> header(Node n, BindContext ctx) {
        Optional<Token> first = ctx.required(n, 0, "address, 'fwmark N' or 'group NAME'", "ignoring it");
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Token second = n.arg(1);
        String w = first.get().text();
        if (w.equals("group")) {
            if (second == null) {
                ctx.warn(first.get().position(), "virtual_server group needs a group name", null, "group NAME",
                        "ignoring it");
                return Optional.empty();
            }
            ctx.extraWords(n, 2);
            return Optional.of(new Vs(VirtualServer.Kind.GROUP, null, 0, 0, second.text(), n.position()));
        }
        if (w.equals("fwmark")) {
            OptionalLong m = second == null ? OptionalLong.empty() : parseUnsigned(second.text());
            if (m.isEmpty()) {
                String shown = second == null ? "(null)" : second.text();
                ctx.warn(second == null ? first.get().position() : second.position(), "virtual server fwmark '"
                        + shown + "' must be in [0, " + LvsValues.UINT_MAX + "] - ignoring", shown,
                        "[0, " + LvsValues.UINT_MAX + "]", null);
                return Optional.empty();
            }
            ctx.extraWords(n, 2);
            return Optional.of(new Vs(VirtualServer.Kind.FWMARK, null, 0, m.getAsLong(), null, n.position()));
        }
        Optional<InetAddress> a = LvsAddresses.parse(w);
        OptionalInt port = LvsAddresses.port(second == null ? null : second.text());
        if (a.isEmpty() || port.isEmpty()) {
            boolean withPort = port.isEmpty() || port.getAsInt() != 0;
            String shown = w + (withPort ? "/" + second.text() : "");
            ctx.warn(first.get().position(), "Invalid virtual server IP address" + (withPort ? "/port " : " ")
                    + shown + " - skipping", shown, "IP [PORT]", null);
            return Optional.empty();
        }
        ctx.extraWords(n, 2);
        return Optional.of(new Vs(VirtualServer.Kind.ADDRESS, a.get(), port.getAsInt(), 0, null, n.position()));
    }

    static OptionalLong parseUnsigned(String s) {
        if (s.isEmpty() || s.length() > 10 || !LvsAddresses.allDigits(s)) {
            return OptionalLong.empty();
        }
        long v = Long.parseLong(s);
        return v > LvsValues.UINT_MAX ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /** keepalived's vs_end_handler: the sorry server's family against the VS's, and a family for fwmark services. */
    private static void end(Vs vs, BindContext ctx) {
        Sorry s = vs.sorry;
        if (s != null && (s.forwarding == null || s.forwarding.method() != ForwardingMethod.Method.TUN)) {
            if (vs.family == null) {
                vs.family = LvsAddresses.family(s.address);
            } else if (vs.family != LvsAddresses.family(s.address)) {
                ctx.warn(s.position, "Address family of virtual server and sorry server "
                        + LvsAddresses.text(s.address) + " don't match - skipping sorry server.", null, null, null);
                vs.sorry = null;
            }
        }
        if (vs.family == null && vs.kind != VirtualServer.Kind.GROUP) {
            // fwmark service whose real/sorry servers are all tunnelled: their common family, else IPv4.
            LvsAddressFamily f = vs.sorry == null ? null : LvsAddresses.family(vs.sorry.address);
            boolean mixed = false;
            for (LvsDrafts.Rs rs : vs.realServers) {
                LvsAddressFamily rf = LvsAddresses.family(rs.address);
                if (f == null) {
                    f = rf;
                } else if (f != rf) {
                    mixed = true;
                }
            }
            vs.family = mixed || f == null ? LvsAddressFamily.INET : f;
        }
    }

    private static void ipFamily(Node n, Vs vs, BindContext ctx) {
        Optional<String> s = ctx.string(n, 0, "address family", "ignoring it");
        if (s.isEmpty()) {
            return;
        }
        LvsAddressFamily f;
        if (s.get().equals("inet")) {
            f = LvsAddressFamily.INET;
        } else if (s.get().equals("inet6")) {
            f = LvsAddressFamily.INET6;
        } else {
            ctx.warn(n.arg(0).position(), "unknown address family " + s.get(), s.get(), "inet or inet6",
                    "ignoring it");
            return;
        }
        if (vs.family != null && vs.family != f) {
            ctx.warn(n.arg(0).position(), "Virtual server specified family " + s.get()
                    + " conflicts with server family", s.get(), null, "ignoring it");
            return;
        }
        vs.family = f;
        ctx.extraWords(n, 1);
    }

    private static void scheduler(Node n, Vs vs, BindContext ctx) {
        Optional<String> s = ctx.string(n, 0, "scheduler", "ignoring it");
        if (s.isEmpty()) {
            return;
        }
        if (!SCHEDULERS.contains(s.get())) {
            ctx.warn(n.arg(0).position(), "Invalid lvs_scheduler '" + s.get() + "' - ignoring", s.get(),
                    String.join("|", SCHEDULERS), null);
            return;
        }
        vs.scheduler = s.get();
        ctx.extraWords(n, 1);
    }

    private static void flag(Node n, Vs vs, BindContext ctx) {
        switch (n.name()) {
            case "hashed":
                vs.hashed = true;
                return;
            case "ops":
                vs.ops = true;
                return;
            case "flag-1":
                vs.flag1 = true;
                return;
            case "flag-2":
                vs.flag2 = true;
                return;
            case "flag-3":
                vs.flag3 = true;
                return;
            default:
                break;
        }
        // sh-*/mh-* are only taken after the matching scheduler, as keepalived checks vs->sched at that point.
        boolean sh = n.name().startsWith("sh-");
        if ("sh".equals(vs.scheduler) && sh) {
            vs.shPort |= n.name().equals("sh-port");
            vs.shFallback |= n.name().equals("sh-fallback");
        } else if ("mh".equals(vs.scheduler) && !sh) {
            vs.mhPort |= n.name().equals("mh-port");
            vs.mhFallback |= n.name().equals("mh-fallback");
        } else if (!"sh".equals(vs.scheduler) && !"mh".equals(vs.scheduler)) {
            ctx.warn(n.position(), n.name() + " only applies to sh scheduler - ignoring", null, null, null);
        }
    }

    private static void granularity(Node n, Vs vs, BindContext ctx) {
        Optional<String> s = ctx.string(n, 0, "netmask or prefix length", "ignoring it");
        if (s.isEmpty()) {
            return;
        }
        LvsAddressFamily f = vs.family != null ? vs.family
                : s.get().indexOf('.') >= 0 ? LvsAddressFamily.INET : LvsAddressFamily.INET6;
        if (f == LvsAddressFamily.INET6) {
            OptionalLong p = parseUnsigned(s.get());
            if (p.isEmpty() || p.getAsLong() < 1 || p.getAsLong() > 128) {
                ctx.warn(n.arg(0).position(), "Invalid IPv6 persistence_granularity specified - " + s.get(), s.get(),
                        "a prefix length 1..128", null);
                return;
            }
        } else if (LvsAddresses.ipv4(s.get()) == null) {
            ctx.warn(n.arg(0).position(), "Invalid IPv4 persistence_granularity specified - " + s.get(), s.get(),
                    "a dotted netmask", null);
            return;
        }
        vs.persistenceGranularity = s.get();
        if (vs.family == null) {
            vs.family = f;
        }
        if (vs.persistenceTimeout == 0) {
            vs.persistenceTimeout = 360;
        }
        ctx.extraWords(n, 1);
    }

    private static void protocol(Node n, Vs vs, BindContext ctx) {
        Optional<String> s = ctx.string(n, 0, "protocol", "ignoring it");
        if (s.isEmpty()) {
            return;
        }
        switch (s.get().toUpperCase(Locale.ROOT)) {
            case "TCP":
                vs.protocol = VirtualServer.Protocol.TCP;
                break;
            case "UDP":
                vs.protocol = VirtualServer.Protocol.UDP;
                break;
            case "SCTP":
                vs.protocol = VirtualServer.Protocol.SCTP;
                break;
            default:
                ctx.warn(n.arg(0).position(), "Unknown protocol " + s.get() + " - ignoring", s.get(),
                        "TCP, UDP or SCTP", null);
                return;
        }
        vs.protocolPosition = n.position();
        ctx.extraWords(n, 1);
    }

    private static void sorryServer(Node n, Vs vs, BindContext ctx) {
        Optional<Token> ip = ctx.required(n, 0, "address", "ignoring it");
        if (ip.isEmpty()) {
            return;
        }
        Token portWord = n.arg(1);
        Optional<InetAddress> a = LvsAddresses.parse(ip.get().text());
        OptionalInt port = LvsAddresses.port(portWord == null ? null : portWord.text());
        if (a.isEmpty() || port.isEmpty()) {
            ctx.warn(ip.get().position(), "Invalid sorry server IP address " + ip.get().text() + " - skipping",
                    ip.get().text() + (portWord == null ? "" : " " + portWord.text()), "IP [PORT]", null);
            return;
        }
        ctx.extraWords(n, 2);
        Sorry s = new Sorry(a.get(), port.getAsInt(), n.position());
        s.forwarding = vs.forwarding;
        vs.sorry = s;
    }
}
