package keepalivedj.conf.bind;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalLong;
import keepalivedj.conf.bind.LvsDrafts.Checker;
import keepalivedj.conf.bind.LvsDrafts.Conn;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * The connection options of the connecting checkers (check_api.c): connect_ip, connect_port, bindto, bind_port,
 * bind_if, connect_timeout and fwmark, with keepalived's family checks between connect_ip and bindto. It does not
 * fill in defaults; {@link CheckerCompletion} takes the real server's address and port for what is not written.
 */
final class CheckerConnectionKeywords {
    private CheckerConnectionKeywords() {
    }

    /** keepalived's check_conn_opts: a link-local destination needs bind_if. */
    static boolean linkLocalHasInterface(Conn conn, Node at, BindContext ctx) {
        InetAddress dst = conn.connectIp;
        if (dst instanceof Inet6Address && dst.isLinkLocalAddress() && conn.bindIf == null) {
            ctx.warn(at.position(), "Checker link local address " + LvsAddresses.text(dst) + " requires a bind_if",
                    null, "bind_if", "ignoring the checker");
            return false;
        }
        return true;
    }

    interface ConnOf {
        Conn of(Checker c);
    }

    /** Adds the connection keywords to {@code t}, acting on the options {@code of} picks. */
    static void addTo(KeywordTable<Checker> t, ConnOf of) {
        KeywordTable<Conn> src = connectionTable();
        for (String k : src.keywords()) {
            t.add(k, (n, c, ctx) -> src.bind(n, of.of(c), ctx));
        }
    }

    private static KeywordTable<Conn> connectionTable() {
        KeywordTable<Conn> t = new KeywordTable<>("checker connection");
        t.add("connect_ip", (n, c, ctx) -> address(n, ctx, "connect_ip").ifPresent(a -> {
            if (c.bindto != null && LvsAddresses.isV4(c.bindto) != LvsAddresses.isV4(a)) {
                ctx.warn(n.arg(0).position(), "connect_ip address " + n.arg(0).text()
                        + " does not match address family of bindto - skipping", n.arg(0).text(), null, null);
                return;
            }
            c.connectIp = a;
        }));
        t.add("connect_port", (n, c, ctx) -> {
            ctx.integer(n, 0, 1, 65535, "ignoring it").ifPresent(p -> c.connectPort = (int) p);
            ctx.extraWords(n, 1);
        });
        t.add("bindto", (n, c, ctx) -> address(n, ctx, "bindto").ifPresent(a -> {
            if (c.connectIp != null && LvsAddresses.isV4(c.connectIp) != LvsAddresses.isV4(a)) {
                ctx.warn(n.arg(0).position(), "bindto address " + n.arg(0).text()
                        + " does not match address family of connect_ip - skipping", n.arg(0).text(), null, null);
                return;
            }
            c.bindto = a;
        }));
        t.add("bind_port", (n, c, ctx) -> {
            ctx.integer(n, 0, 1, 65535, "ignoring it").ifPresent(p -> c.bindPort = (int) p);
            ctx.extraWords(n, 1);
        });
        t.add("bind_if", (n, c, ctx) -> ctx.string(n, 0, "interface name", "ignoring it").ifPresent(s -> {
            if (s.length() > 15) {
                ctx.warn(n.arg(0).position(), "Interface name " + s + " is too long - ignoring", s,
                        "at most 15 characters", null);
                return;
            }
            c.bindIf = s;
        }));
        t.add("connect_timeout", (n, c, ctx) -> {
            OptionalLong v = LvsValues.connectTimeout(n, ctx);
            if (v.isPresent()) {
                c.connectTimeout = v.getAsLong();
            }
            ctx.extraWords(n, 1);
        });
        t.add("fwmark", (n, c, ctx) -> {
            ctx.integer(n, 0, 0, LvsValues.UINT_MAX, "ignoring it").ifPresent(v -> c.fwmark = v);
            ctx.extraWords(n, 1);
        });
        return t;
    }

    private static Optional<InetAddress> address(Node n, BindContext ctx, String what) {
        Optional<Token> t = ctx.required(n, 0, "address", "ignoring it");
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Optional<InetAddress> a = LvsAddresses.parse(t.get().text());
        if (a.isEmpty()) {
            ctx.warn(t.get().position(), "Invalid " + what + " address " + t.get().text() + " - ignoring",
                    t.get().text(), "an IPv4 or IPv6 address", null);
        }
        ctx.extraWords(n, 1);
        return a;
    }

}
