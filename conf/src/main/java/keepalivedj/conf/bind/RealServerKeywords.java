package keepalivedj.conf.bind;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.conf.bind.LvsDrafts.Rs;
import keepalivedj.conf.bind.LvsDrafts.Vs;
import keepalivedj.conf.model.ForwardingMethod;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * The {@code real_server IP [PORT] { ... }} block (check_parser.c): its own keywords and its checkers. Note that a
 * real server knows {@code lvs_method} but not {@code lb_kind}, as in keepalived 2.2.7.
 */
final class RealServerKeywords {
    private final KeywordTable<Rs> table = new KeywordTable<>("real_server");
    private final CheckerKeywords checkers;

    RealServerKeywords(HostEnvironment host) {
        this.checkers = new CheckerKeywords(host);
        table.add("weight", (n, rs, ctx) -> {
            OptionalLong w = ctx.integer(n, 0, 0, LvsValues.WEIGHT_LIMIT, "ignoring it");
            if (w.isPresent()) {
                rs.weight = (int) w.getAsLong();
            }
            ctx.extraWords(n, 1);
        });
        table.add("lvs_method", (n, rs, ctx) -> LvsValues.forwarding(n, "real", ctx).ifPresent(f -> rs.forwarding = f));
        table.add("uthreshold", (n, rs, ctx) -> {
            ctx.integer(n, 0, 0, LvsValues.UINT_MAX, "ignoring it").ifPresent(v -> rs.uthreshold = v);
            ctx.extraWords(n, 1);
        });
        table.add("lthreshold", (n, rs, ctx) -> {
            ctx.integer(n, 0, 0, LvsValues.UINT_MAX, "ignoring it").ifPresent(v -> rs.lthreshold = v);
            ctx.extraWords(n, 1);
        });
        table.add("inhibit_on_failure", (n, rs, ctx) -> ctx.bool(n, 0, "ignoring it").ifPresent(b -> rs.inhibit = b));
        table.add("notify_up", LvsValues.oneScript(rs -> rs.notifyUp, (rs, sc) -> rs.notifyUp = sc));
        table.add("notify_down", LvsValues.oneScript(rs -> rs.notifyDown, (rs, sc) -> rs.notifyDown = sc));
        table.add("alpha", (n, rs, ctx) -> ctx.bool(n, 0, "ignoring it").ifPresent(b -> rs.alpha = b));
        table.add("retry", LvsValues.oneLong(LvsValues::serverRetry, (rs, v) -> rs.retry = v));
        table.add("delay_before_retry", LvsValues.oneLong(LvsValues::timerFromZero, (rs, v) -> rs.delayBeforeRetry = v));
        table.add("warmup", LvsValues.oneLong(LvsValues::timerFromZero, (rs, v) -> rs.warmup = v));
        table.add("connect_timeout", LvsValues.oneLong(LvsValues::connectTimeout, (rs, v) -> rs.connectTimeout = v));
        table.add("delay_loop", LvsValues.oneLong(LvsValues::delayLoop, (rs, v) -> rs.delayLoop = v));
        table.add("smtp_alert", (n, rs, ctx) -> ctx.bool(n, 0, "ignoring it").ifPresent(b -> rs.smtpAlert = b));
        table.add("virtualhost", (n, rs, ctx) -> {
            ctx.string(n, 0, "real server virtualhost", "ignoring it").ifPresent(s -> rs.virtualhost = s);
            ctx.extraWords(n, 1);
        });
        table.add("snmp_name", (n, rs, ctx) -> {
            ctx.string(n, 0, "real server snmp_name", "ignoring it").ifPresent(s -> rs.snmpName = s);
            ctx.extraWords(n, 1);
        });
        for (LvsDrafts.CheckerType t : LvsDrafts.CheckerType.values()) {
            table.add(t.name(), checkers::bind);
        }
    }

    /** The keywords of the real_server block, checkers included. */
    java.util.Set<String> keywords() {
        return table.keywords();
    }

    CheckerKeywords checkerKeywords() {
        return checkers;
    }

    /**
     * {@code real_server IP [PORT] {...}} inside {@code vs}. An invalid address skips the block as keepalived does;
     * at the block's end a non-tunnelled real server fixes the VS family or, if it differs, is skipped.
     */
    void bind(Node n, Vs vs, BindContext ctx) {
        Optional<Token> ip = ctx.required(n, 0, "address", "ignoring the real server");
        if (ip.isEmpty()) {
            return;
        }
        Token portWord = n.arg(1);
        Optional<InetAddress> a = LvsAddresses.parse(ip.get().text());
        OptionalInt port = LvsAddresses.port(portWord == null ? null : portWord.text());
        if (a.isEmpty() || port.isEmpty()) {
            String shown = ip.get().text() + "/" + (portWord == null ? "(null)" : portWord.text());
            ctx.warn(ip.get().position(), "Invalid real server ip address/port " + shown + " - skipping", shown,
                    "IP [PORT]", null);
            return;
        }
        ctx.extraWords(n, 2);
        Rs rs = new Rs(a.get(), port.getAsInt(), n.position());
        rs.forwarding = vs.forwarding;
        rs.owner = vs;
        if (ctx.requireBlock(n)) {
            table.bindAll(n.block(), rs, ctx);
        }
        if (rs.forwarding == null || rs.forwarding.method() != ForwardingMethod.Method.TUN) {
            if (vs.family == null) {
                vs.family = LvsAddresses.family(rs.address);
            } else if (vs.family != LvsAddresses.family(rs.address)) {
                ctx.warn(n.position(), "Address family of virtual server and real server "
                        + LvsAddresses.text(rs.address) + " don't match - skipping real server.", null, null, null);
                return;
            }
        }
        vs.realServers.add(rs);
    }
}
