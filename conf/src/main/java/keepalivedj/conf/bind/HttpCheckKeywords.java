package keepalivedj.conf.bind;

import java.util.Locale;
import java.util.OptionalLong;
import keepalivedj.conf.bind.LvsDrafts.Checker;
import keepalivedj.conf.bind.LvsDrafts.Url;
import keepalivedj.conf.model.HttpUrl;
import keepalivedj.conf.model.StatusCodeRange;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * The keywords HTTP_GET and SSL_GET add to the shared checker options (check_http.c): virtualhost, http_protocol,
 * enable_sni, fast_recovery, the deprecated nb_get_retry, and the {@code url { }} block with path, digest,
 * status_code (codes and ranges), virtualhost and the regex family.
 */
final class HttpCheckKeywords {
    /** keepalived's HTTP_STATUS_CODE_MIN / MAX. */
    static final int STATUS_MIN = 100;
    static final int STATUS_MAX = 599;
    private static final KeywordTable<Url> URL = urlTable();

    private HttpCheckKeywords() {
    }

    static void install(KeywordTable<Checker> t) {
        t.deprecated("nb_get_retry", "retry", (n, c, ctx) -> {
            ctx.integer(n, 0, 0, LvsValues.UINT_MAX, "ignoring it").ifPresent(v -> c.retry = v);
            ctx.extraWords(n, 1);
        });
        t.add("virtualhost", (n, c, ctx) -> {
            ctx.string(n, 0, "HTTP_GET virtualhost name", "ignoring it").ifPresent(s -> c.virtualhost = s);
            ctx.extraWords(n, 1);
        });
        t.add("http_protocol", (n, c, ctx) -> ctx.string(n, 0, "http_protocol version", "ignoring it")
                .ifPresent(s -> {
                    switch (s) {
                        case "1.0":
                        case "1.1":
                            c.httpProtocol = s;
                            break;
                        case "1.0C":
                        case "1.0c":
                            c.httpProtocol = "1.0C";
                            break;
                        default:
                            ctx.warn(n.arg(0).position(), "Invalid http_protocol version " + s, s,
                                    "1.0, 1.0C or 1.1", "ignoring it");
                    }
                    ctx.extraWords(n, 1);
                }));
        t.add("enable_sni", (n, c, ctx) -> ctx.bool(n, 0, "ignoring it").ifPresent(b -> c.enableSni = b));
        t.add("fast_recovery", (n, c, ctx) -> ctx.bool(n, 0, "ignoring it").ifPresent(b -> c.fastRecovery = b));
        t.add("url", HttpCheckKeywords::url);
    }

    private static void url(Node n, Checker c, BindContext ctx) {
        if (!ctx.requireBlock(n)) {
            return;
        }
        Url u = new Url(n.position());
        URL.bindAll(n.block(), u, ctx);
        if (u.path == null) {
            ctx.warn(n.position(), "HTTP/SSL_GET checker url has no path - ignoring", null, "path", null);
            return;
        }
        if (u.regex == null && (u.regexNoMatch || !u.regexOptions.isEmpty() || u.regexMinOffset != 0
                || u.regexMaxOffset != 0)) {
            ctx.warn(n.position(), "regex parameters specified without regex", null, "regex", "ignoring them");
            u.regexNoMatch = false;
            u.regexOptions.clear();
            u.regexMinOffset = 0;
            u.regexMaxOffset = 0;
        }
        if (u.regexMaxOffset != 0 && u.regexMinOffset > u.regexMaxOffset) {
            ctx.warn(n.position(), "regex min offset " + u.regexMinOffset + " > regex_max_offset "
                    + u.regexMaxOffset + " - ignoring", null, null, null);
            u.regexMinOffset = 0;
            u.regexMaxOffset = 0;
        }
        if (u.statusCodes.isEmpty()) {
            u.statusCodes.add(new StatusCodeRange(200, 299));
        }
        c.urls.add(new HttpUrl(u.path, u.digest, u.statusCodes, u.virtualhost, u.regex, u.regexNoMatch,
                u.regexOptions, u.regexMinOffset, u.regexMaxOffset, u.position));
    }

    private static KeywordTable<Url> urlTable() {
        KeywordTable<Url> t = new KeywordTable<>("url");
        t.add("path", (n, u, ctx) -> {
            ctx.string(n, 0, "path", "ignoring it").ifPresent(s -> u.path = s);
            ctx.extraWords(n, 1);
        });
        t.add("digest", HttpCheckKeywords::digest);
        t.add("status_code", (n, u, ctx) -> {
            if (n.args().isEmpty()) {
                ctx.warn(n.position(), "'status_code' is missing its codes", null, "codes or ranges like 200-299",
                        "ignoring it");
            }
            for (Token t2 : n.args()) {
                statusCode(t2, u, ctx);
            }
        });
        t.add("virtualhost", (n, u, ctx) -> {
            ctx.string(n, 0, "HTTP_GET virtualhost name", "ignoring it").ifPresent(s -> u.virtualhost = s);
            ctx.extraWords(n, 1);
        });
        t.add("regex", (n, u, ctx) -> {
            ctx.string(n, 0, "pattern", "ignoring it").ifPresent(s -> u.regex = s);
            ctx.extraWords(n, 1);
        });
        t.add("regex_no_match", (n, u, ctx) -> u.regexNoMatch = true);
        t.add("regex_options", (n, u, ctx) -> {
            for (Token o : n.args()) {
                u.regexOptions.add(o.text());
            }
        });
        t.add("regex_min_offset", (n, u, ctx) -> {
            ctx.integer(n, 0, 0, Long.MAX_VALUE, "ignoring it").ifPresent(v -> u.regexMinOffset = v);
            ctx.extraWords(n, 1);
        });
        t.add("regex_max_offset", (n, u, ctx) -> {
            ctx.integer(n, 0, 0, Long.MAX_VALUE, "ignoring it").ifPresent(v -> u.regexMaxOffset = v);
            ctx.extraWords(n, 1);
        });
        t.accepted("regex_stack", "the JIT stack size of keepalived's PCRE2 does not apply to Java regexes");
        return t;
    }

    private static void digest(Node n, Url u, BindContext ctx) {
        Token t = n.arg(0);
        if (t == null) {
            ctx.warn(n.position(), "'digest' is missing its value", null, "32 hex digits", "ignoring it");
            return;
        }
        String d = t.text();
        if (u.digest != null) {
            ctx.warn(t.position(), "Digest '" + d + "' is a duplicate", d, null, "ignoring it");
            return;
        }
        if (d.length() != 32) {
            ctx.warn(t.position(), "digest '" + d + "' character length should be 32 rather than " + d.length(), d,
                    "32 hex digits", "ignoring it");
            return;
        }
        for (int i = 0; i < 32; i += 2) {
            if (Character.digit(d.charAt(i), 16) < 0 || Character.digit(d.charAt(i + 1), 16) < 0) {
                ctx.warn(t.position(), "Unable to interpret hex digit in '" + d + "' at offset " + i + "/" + (i + 1),
                        d, "32 hex digits", "ignoring it");
                return;
            }
        }
        u.digest = d.toLowerCase(Locale.ROOT);
        ctx.extraWords(n, 1);
    }

    private static void statusCode(Token t, Url u, BindContext ctx) {
        String s = t.text();
        int dash = s.indexOf('-');
        OptionalLong min = number(dash < 0 ? s : s.substring(0, dash));
        OptionalLong max = dash < 0 ? min : number(s.substring(dash + 1));
        if (min.isEmpty() || max.isEmpty() || min.getAsLong() < STATUS_MIN || max.getAsLong() > STATUS_MAX
                || min.getAsLong() > max.getAsLong()) {
            ctx.warn(t.position(), "Invalid HTTP_GET status code '" + s + "'", s,
                    "a code or range within " + STATUS_MIN + "-" + STATUS_MAX, "ignoring it");
            return;
        }
        u.statusCodes.add(new StatusCodeRange((int) min.getAsLong(), (int) max.getAsLong()));
    }

    private static OptionalLong number(String s) {
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(s));
    }
}
