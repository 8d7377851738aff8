package keepalivedj.conf.bind;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.conf.bind.LvsDrafts.CheckerType;
import keepalivedj.conf.bind.LvsDrafts.Checker;
import keepalivedj.conf.bind.LvsDrafts.Rs;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.conf.model.ScriptCommand;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * The health-checker blocks inside a real_server (check_api.c and check_*.c of keepalived 2.2.7): the options
 * every checker shares, the connection options of the connecting checkers, and each checker's own keywords.
 * HTTP_GET / SSL_GET live in {@link HttpCheckKeywords}. A checker keepalived would drop (MISC_CHECK without
 * misc_path, ...) is reported here and marked invalid; defaults are filled in later by {@link LvsCompletion}.
 */
final class CheckerKeywords {
    private final Map<CheckerType, KeywordTable<Checker>> tables = new EnumMap<>(CheckerType.class);
    /** A legacy SMTP_CHECK host block: connection options of that host, the rest apply to the checker. */
    private final KeywordTable<Checker> smtpHost = new KeywordTable<>("SMTP_CHECK host");
    private final HostEnvironment host;

    CheckerKeywords(HostEnvironment host) {
        this.host = host;
        CheckerConnectionKeywords.addTo(smtpHost, c -> c.currentHost);
        addTiming(smtpHost);
    }

    /**
     * The table of one checker type, made the first time that type is read: each keyword handler is a lambda
     * linked when its table is made, which a check pays for whether or not the configuration uses the checker.
     */
    private KeywordTable<Checker> table(CheckerType t) {
        KeywordTable<Checker> table = tables.get(t);
        if (table == null) {
            table = newTable(t);
            tables.put(t, table);
        }
        return table;
    }

    private KeywordTable<Checker> newTable(CheckerType t) {
        KeywordTable<Checker> table = new KeywordTable<>(t.name());
        if (t != CheckerType.FILE_CHECK && t != CheckerType.BFD_CHECK) {
            if (t != CheckerType.MISC_CHECK) {
                CheckerConnectionKeywords.addTo(table, c -> c.conn);
            }
            addTiming(table);
        }
        switch (t) {
            case HTTP_GET, SSL_GET -> HttpCheckKeywords.install(table);
            case MISC_CHECK -> installMisc(table);
            case SMTP_CHECK -> installSmtp(table);
            case DNS_CHECK -> installDns(table);
            case UDP_CHECK -> installUdp(table);
            case FILE_CHECK -> installFile(table);
            case BFD_CHECK -> installBfd(table);
            default -> {
            }
        }
        return table;
    }

    /** The keywords of one checker block. */
    java.util.Set<String> keywords(CheckerType type) {
        return table(type).keywords();
    }

    /** True for the checker keywords a real_server block knows. */
    static boolean isChecker(String keyword) {
        for (CheckerType t : CheckerType.values()) {
            if (t.name().equals(keyword)) {
                return true;
            }
        }
        return false;
    }

    /** Reads one checker block into {@code rs}; a checker keepalived would drop is reported and not added. */
    void bind(Node node, Rs rs, BindContext ctx) {
        CheckerType type = CheckerType.valueOf(node.name());
        if (!ctx.requireBlock(node)) {
            return;
        }
        ctx.extraWords(node, 0);
        Checker c = new Checker(type, node.position());
        c.rsAddress = rs.address;
        c.rsProtocol = rs.owner.protocol;
        c.rsPort = rs.port;
        table(type).bindAll(node.block(), c, ctx);
        end(c, node, ctx);
        if (c.valid) {
            rs.checkers.add(c);
        }
    }

    private void end(Checker c, Node node, BindContext ctx) {
        switch (c.type) {
            case HTTP_GET:
            case SSL_GET:
                if (c.urls.isEmpty()) {
                    ctx.warn(node.position(), "HTTP/SSL_GET checker has no urls specified - ignoring", null,
                            "at least one url { path ... } block", null);
                    c.valid = false;
                }
                break;
            case MISC_CHECK:
                if (c.script == null) {
                    ctx.warn(node.position(), "No script path has been specified for MISC_CHECKER - skipping",
                            null, "misc_path", null);
                    c.valid = false;
                }
                break;
            case FILE_CHECK:
                if (c.trackName == null) {
                    ctx.warn(node.position(), "FILE_CHECK has no track_file specified - ignoring", null,
                            "track_file NAME", null);
                    c.valid = false;
                }
                break;
            case BFD_CHECK:
                if (c.trackName == null) {
                    ctx.warn(node.position(), "(" + c.rsLabel() + ") No name has been specified for BFD_CHECKER"
                            + " - skipping", null, "name BFD_INSTANCE", null);
                    c.valid = false;
                }
                break;
            case UDP_CHECK:
                if (c.minReplyLength > c.maxReplyLength) {
                    ctx.warn(node.position(), "UDP_CHECK min_reply length " + c.minReplyLength
                            + " > max_reply_length " + c.maxReplyLength + " - will always fail", null, null, null);
                }
                break;
            default:
                break;
        }
        if (c.valid && !CheckerConnectionKeywords.linkLocalHasInterface(c.conn, node, ctx)) {
            c.valid = false;
        }
    }

    // ---- shared options --------------------------------------------------------------------------------------

    private static void addTiming(KeywordTable<Checker> t) {
        t.add("retry", (n, c, ctx) -> {
            OptionalLong v = ctx.integer(n, 0, 0, LvsValues.UINT_MAX, "ignoring it");
            if (v.isPresent()) {
                c.retry = v.getAsLong();
            }
            ctx.extraWords(n, 1);
        });
        t.add("delay_before_retry", (n, c, ctx) -> {
            OptionalLong v = LvsValues.timerFromZero(n, ctx);
            if (v.isPresent()) {
                c.delayBeforeRetry = v.getAsLong();
            }
            ctx.extraWords(n, 1);
        });
        t.add("warmup", (n, c, ctx) -> {
            LvsValues.timerFromZero(n, ctx).ifPresent(v -> c.warmup = v);
            ctx.extraWords(n, 1);
        });
        t.add("delay_loop", (n, c, ctx) -> {
            LvsValues.delayLoop(n, ctx).ifPresent(v -> c.delayLoop = v);
            ctx.extraWords(n, 1);
        });
        t.add("alpha", (n, c, ctx) -> ctx.bool(n, 0, "ignoring it").ifPresent(b -> c.alpha = b));
        t.add("log_all_failures", (n, c, ctx) -> ctx.bool(n, 0, "ignoring it")
                .ifPresent(b -> c.logAllFailures = b));
    }

    // ---- per-checker keywords --------------------------------------------------------------------------------

    private void installMisc(KeywordTable<Checker> t) {
        t.add("misc_path", (n, c, ctx) -> miscPath(n, ctx).ifPresent(s -> {
            if (c.script != null) {
                ctx.warn(n.position(), "MISC_CHECK misc_path already specified - replacing", null, null, null);
            }
            c.script = s;
        }));
        t.add("misc_timeout", (n, c, ctx) -> {
            ctx.integer(n, 0, 1, LvsValues.UINT_MAX / 1_000_000L, "ignoring it")
                    .ifPresent(v -> c.miscTimeout = v * 1_000_000L);
            ctx.extraWords(n, 1);
        });
        t.add("misc_dynamic", (n, c, ctx) -> ctx.bool(n, 0, "ignoring it").ifPresent(b -> c.miscDynamic = b));
        t.add("user", (n, c, ctx) -> ctx.string(n, 0, "user name", "ignoring it").ifPresent(u -> {
            if (host.userId(u).isEmpty()) {
                ctx.warn(n.arg(0).position(), "Unable to resolve script username '" + u + "' - ignoring", u,
                        "an existing user", null);
                return;
            }
            Token g = n.arg(1);
            if (g != null && host.groupId(g.text()).isEmpty()) {
                ctx.warn(g.position(), "Unable to resolve script group name '" + g.text() + "' - ignoring",
                        g.text(), "an existing group", null);
                return;
            }
            c.user = u;
            c.group = g == null ? null : g.text();
            ctx.extraWords(n, 2);
        }));
    }

    /**
     * misc_path takes no user/group words (that is the {@code user} keyword's job): every word after it, each
     * re-split like a quoted command string, is part of the command, so {@code misc_path /x.sh a b} and
     * {@code misc_path "/x.sh a b"} are the same command.
     */
    private static Optional<ScriptCommand> miscPath(Node n, BindContext ctx) {
        Optional<Token> first = ctx.required(n, 0, "command", "ignoring it");
        if (first.isEmpty()) {
            return Optional.empty();
        }
        java.util.List<String> argv = new java.util.ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Token t : n.args()) {
            argv.addAll(Scripts.split(t.text()));
            text.append(text.length() == 0 ? "" : " ").append(t.text());
        }
        if (argv.isEmpty()) {
            ctx.warn(first.get().position(), "'misc_path' has an empty command", first.get().text(),
                    "a program and its arguments", "ignoring it");
            return Optional.empty();
        }
        return Optional.of(new ScriptCommand(text.toString(), argv, null, null, first.get().position()));
    }

    private void installSmtp(KeywordTable<Checker> t) {
        t.add("helo_name", (n, c, ctx) -> {
            ctx.string(n, 0, "name", "ignoring it").ifPresent(s -> c.heloName = s);
            ctx.extraWords(n, 1);
        });
        t.add("host", (n, c, ctx) -> {
            if (!ctx.requireBlock(n)) {
                return;
            }
            ctx.note(n.position(), "The SMTP_CHECK host block is deprecated. Please define additional checkers.");
            // keepalived starts each host from the checker's connection options as they stand here.
            c.currentHost = c.conn.copy();
            smtpHost.bindAll(n.block(), c, ctx);
            if (CheckerConnectionKeywords.linkLocalHasInterface(c.currentHost, n, ctx)) {
                c.hosts.add(c.currentHost);
            }
            c.currentHost = null;
        });
    }

    private static void installDns(KeywordTable<Checker> t) {
        t.add("type", (n, c, ctx) -> ctx.string(n, 0, "query type", "ignoring it").ifPresent(s -> {
            try {
                c.dnsType = CheckerSpec.DnsType.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                ctx.warn(n.arg(0).position(), "Unknown DNS check type " + s + " - ignoring", s,
                        "A, NS, CNAME, SOA, MX, TXT or AAAA", null);
            }
            ctx.extraWords(n, 1);
        }));
        t.add("name", (n, c, ctx) -> {
            ctx.string(n, 0, "name", "ignoring it").ifPresent(s -> c.dnsName = s);
            ctx.extraWords(n, 1);
        });
    }

    private static void installUdp(KeywordTable<Checker> t) {
        t.add("payload", (n, c, ctx) -> {
            if (n.args().isEmpty()) {
                ctx.warn(n.position(), "UDP_CHECK payload requires a payload", null, "hex digits", null);
                return;
            }
            String hex = joinedHex(n);
            if (!hex(hex, false)) {
                ctx.warn(n.arg(0).position(), "Invalid hex string for UDP_CHECK payload", hex,
                        "an even number of hex digits", "ignoring it");
                return;
            }
            c.payload = hex;
        });
        t.add("require_reply", (n, c, ctx) -> {
            c.requireReply = true;
            if (n.args().isEmpty()) {
                return;
            }
            String hex = joinedHex(n);
            if (!hex(hex, true)) {
                ctx.warn(n.arg(0).position(), "Invalid hex string for UDP_CHECK reply", hex,
                        "an even number of hex digits or X", "no reply data is checked");
                return;
            }
            c.replyPattern = hex;
        });
        t.add("min_reply_length", (n, c, ctx) -> {
            ctx.integer(n, 0, 0, 65535, "ignoring it").ifPresent(v -> c.minReplyLength = (int) v);
            ctx.extraWords(n, 1);
        });
        t.add("max_reply_length", (n, c, ctx) -> {
            ctx.integer(n, 0, 0, 65535, "ignoring it").ifPresent(v -> c.maxReplyLength = (int) v);
            ctx.extraWords(n, 1);
        });
    }

    /** keepalived joins the words of a hex argument; white space between digit pairs is allowed. */
    private static String joinedHex(Node n) {
        StringBuilder sb = new StringBuilder();
        for (Token t : n.args()) {
            sb.append(t.text().replaceAll("\\s+", ""));
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean hex(String s, boolean wildcards) {
        if (s.isEmpty() || s.length() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.digit(ch, 16) < 0 && !(wildcards && (ch == 'x' || ch == 'X'))) {
                return false;
            }
        }
        return true;
    }

    private static void installFile(KeywordTable<Checker> t) {
        t.add("track_file", (n, c, ctx) -> {
            ctx.string(n, 0, "track_file name", "ignoring it").ifPresent(s -> {
                c.trackName = s;
                c.trackNamePosition = n.arg(0).position();
            });
            ctx.extraWords(n, 1);
        });
        t.add("weight", (n, c, ctx) -> {
            if (n.args().isEmpty()) {
                ctx.warn(n.position(), "track file weight missing", null, "weight W [reverse|noreverse]", null);
                return;
            }
            OptionalLong w = ctx.integer(n, 0, -LvsValues.WEIGHT_LIMIT, LvsValues.WEIGHT_LIMIT, "ignoring it");
            if (w.isEmpty()) {
                return;
            }
            Token r = n.arg(1);
            if (r != null && !r.text().equals("reverse") && !r.text().equals("noreverse")) {
                ctx.warn(r.position(), "unknown track file weight option " + r.text() + " - ignoring", r.text(),
                        "reverse or noreverse", null);
                return;
            }
            c.fileWeight = (int) w.getAsLong();
            c.fileReverse = r != null && r.text().equals("reverse");
            ctx.extraWords(n, 2);
        });
    }

    private static void installBfd(KeywordTable<Checker> t) {
        t.add("name", (n, c, ctx) -> {
            if (n.args().size() != 1) {
                ctx.warn(n.position(), "(" + c.rsLabel() + ") BFD_CHECK - No or too many names specified - skipping"
                        + " checker", n.lineText(), "name BFD_INSTANCE", null);
                c.valid = false;
                return;
            }
            if (c.trackName != null) {
                ctx.warn(n.arg(0).position(), "(" + c.rsLabel() + ") BFD_CHECK - BFD " + n.arg(0).text()
                        + " already specified as " + c.trackName, n.arg(0).text(), null, null);
                c.valid = false;
                return;
            }
            c.trackName = n.arg(0).text();
            c.trackNamePosition = n.arg(0).position();
        });
        t.add("alpha", (n, c, ctx) -> ctx.bool(n, 0, "ignoring it").ifPresent(b -> c.alpha = b));
    }

    /** The script a MISC_CHECK runs, with the {@code user} keyword's user and group when one was given. */
    static ScriptCommand miscScript(Checker c) {
        ScriptCommand s = c.script;
        if (c.user == null) {
            return s;
        }
        return new ScriptCommand(s.text(), s.argv(), c.user, c.group, s.position());
    }
}
