package keepalivedj.conf.bind;

import java.util.Optional;
import java.util.OptionalLong;
import keepalivedj.conf.model.ForwardingMethod;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * Value readers shared by the LVS keyword tables: keepalived's TIMER bounds for check intervals and the
 * {@code NAT|DR|TUN [type ipip|gue|gre] [port N] [nocsum|csum|remcsum]} forwarding syntax. Problems are reported
 * through the {@link BindContext}; an empty result means "keep what was there".
 */
final class LvsValues {
    /** UINT_MAX microseconds: keepalived's upper bound for connect_timeout. */
    static final long UINT_MAX = 4_294_967_295L;
    /** read_timer with no maximum: keepalived accepts up to UINT_MAX seconds. */
    static final long TIMER_MAX_MICROS = UINT_MAX * 1_000_000L;
    /** IPVS_WEIGHT_LIMIT. */
    static final int WEIGHT_LIMIT = 65535;
    /** LVS_MAX_TIMEOUT: 31 days, the most persistence_timeout may be. */
    static final long LVS_MAX_TIMEOUT = 86400L * 31;

    private LvsValues() {
    }

    /** delay_loop: a TIMER of at least one microsecond. */
    static OptionalLong delayLoop(Node n, BindContext ctx) {
        return ctx.micros(n, 0, 1, TIMER_MAX_MICROS, "ignoring it");
    }

    /** delay_before_retry, warmup: a TIMER, zero allowed. */
    static OptionalLong timerFromZero(Node n, BindContext ctx) {
        return ctx.micros(n, 0, 0, TIMER_MAX_MICROS, "ignoring it");
    }

    /** connect_timeout: 1 µs .. UINT_MAX µs. */
    static OptionalLong connectTimeout(Node n, BindContext ctx) {
        return ctx.micros(n, 0, 1, UINT_MAX, "ignoring it");
    }

    /** The VS / RS {@code retry}: 1 .. UINT32_MAX ("retry value invalid" in keepalived). */
    static OptionalLong serverRetry(Node n, BindContext ctx) {
        return ctx.integer(n, 0, 1, UINT_MAX, "ignoring it");
    }

    /**
     * Reads a forwarding method starting at argument 0, keeping tunnel options of {@code previous} the way
     * keepalived's svr_forwarding_handler does; {@code what} is "virtual", "real" or "sorry".
     */
    static Optional<ForwardingMethod> forwarding(Node n, String what, BindContext ctx) {
        Optional<Token> t = ctx.required(n, 0, "forwarding method", "ignoring it");
        if (t.isEmpty()) {
            return Optional.empty();
        }
        ForwardingMethod.Method method;
        switch (t.get().text()) {
            case "NAT":
                method = ForwardingMethod.Method.NAT;
                break;
            case "DR":
                method = ForwardingMethod.Method.DR;
                break;
            case "TUN":
                method = ForwardingMethod.Method.TUN;
                break;
            default:
                ctx.warn(t.get().position(), "PARSER : unknown [" + t.get().text() + "] routing method for " + what
                        + " server.", t.get().text(), "NAT, DR or TUN", "ignoring it");
                return Optional.empty();
        }
        ForwardingMethod.TunnelType type = ForwardingMethod.TunnelType.IPIP;
        ForwardingMethod.TunnelChecksum csum = ForwardingMethod.TunnelChecksum.NOCSUM;
        int port = 0;
        for (int i = 1; i < n.args().size(); i++) {
            Token w = n.args().get(i);
            switch (w.text()) {
                case "type": {
                    Token v = n.arg(i + 1);
                    if (v == null) {
                        ctx.warn(w.position(), "Missing tunnel type for " + what + " server.", null,
                                "ipip, gue or gre", "ignoring it");
                        return Optional.empty();
                    }
                    switch (v.text()) {
                        case "ipip":
                            type = ForwardingMethod.TunnelType.IPIP;
                            break;
                        case "gue":
                            type = ForwardingMethod.TunnelType.GUE;
                            break;
                        case "gre":
                            type = ForwardingMethod.TunnelType.GRE;
                            break;
                        default:
                            ctx.warn(v.position(), "Unknown tunnel type " + v.text() + " for " + what + " server.",
                                    v.text(), "ipip, gue or gre", "ignoring it");
                            return Optional.empty();
                    }
                    i++;
                    break;
                }
                case "port": {
                    Token v = n.arg(i + 1);
                    if (v == null) {
                        ctx.warn(w.position(), "Missing port for " + what + " server gue tunnel.", null,
                                "a port 1..65535", "ignoring it");
                        return Optional.empty();
                    }
                    OptionalLong p = ctx.integer(n, v, 1, 65535, "ignoring it");
                    if (p.isEmpty()) {
                        return Optional.empty();
                    }
                    port = (int) p.getAsLong();
                    i++;
                    break;
                }
                case "nocsum":
                    csum = ForwardingMethod.TunnelChecksum.NOCSUM;
                    break;
                case "csum":
                    csum = ForwardingMethod.TunnelChecksum.CSUM;
                    break;
                case "remcsum":
                    csum = ForwardingMethod.TunnelChecksum.REMCSUM;
                    break;
                default:
                    ctx.warn(w.position(), "Invalid tunnel option " + w.text() + " for " + what + " server.",
                            w.text(), "type, port, nocsum, csum or remcsum", "ignoring it");
                    return Optional.empty();
            }
        }
        if ((type == ForwardingMethod.TunnelType.GUE) != (port != 0)) {
            ctx.warn(n.position(), "gue tunnels require port, otherwise cannot have port.", null, null,
                    "ignoring it");
            return Optional.empty();
        }
        if (type == ForwardingMethod.TunnelType.IPIP && csum != ForwardingMethod.TunnelChecksum.NOCSUM) {
            ctx.warn(n.position(), "ipip tunnels do not support checksum option.", null, null, "ignoring it");
            return Optional.empty();
        }
        if (type == ForwardingMethod.TunnelType.GRE && csum == ForwardingMethod.TunnelChecksum.REMCSUM) {
            ctx.warn(n.position(), "gre tunnels do not support remote checksum option.", null, null,
                    "ignoring it");
            return Optional.empty();
        }
        return Optional.of(new ForwardingMethod(method, type, port, csum));
    }

    /** Reads one number of a keyword (a timer, a count) and reports what it cannot read. */
    @FunctionalInterface
    interface LongReader {
        OptionalLong read(Node n, BindContext ctx);
    }

    /**
     * The handler of a keyword that takes one number: {@code reader} reads and reports it, {@code set} stores it,
     * and words after it are reported as keepalived would ignore them. Shared by the virtual_server, real_server
     * and checker blocks, which repeat many of the same keywords.
     */
    static <B> KeywordTable.Handler<B> oneLong(LongReader reader, java.util.function.ObjLongConsumer<B> set) {
        return (n, target, ctx) -> {
            reader.read(n, ctx).ifPresent(v -> set.accept(target, v));
            ctx.extraWords(n, 1);
        };
    }

    /**
     * The handler of a keyword that takes a script (notify_up/down, quorum_up/down): the first one counts and a
     * second is reported and ignored, as keepalived does.
     */
    static <B> KeywordTable.Handler<B> oneScript(java.util.function.Function<B, keepalivedj.conf.model.ScriptCommand> get,
                                                 java.util.function.BiConsumer<B, keepalivedj.conf.model.ScriptCommand> set) {
        return (n, target, ctx) -> {
            if (get.apply(target) != null) {
                ctx.warn(n.position(), n.name() + " script already specified - ignoring " + n.lineText(), null, null,
                        null);
                return;
            }
            Scripts.parse(n, 0, ctx).ifPresent(sc -> set.accept(target, sc));
        };
    }
}
