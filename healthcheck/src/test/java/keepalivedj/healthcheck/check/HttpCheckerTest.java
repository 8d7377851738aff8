package keepalivedj.healthcheck.check;

import static keepalivedj.healthcheck.check.CheckerHarness.attempt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.conf.model.HttpUrl;
import keepalivedj.conf.model.StatusCodeRange;
import keepalivedj.healthcheck.Failure;
import keepalivedj.healthcheck.Probe;
import keepalivedj.healthcheck.SystemTicker;
import keepalivedj.healthcheck.io.CheckLoop;
import keepalivedj.healthcheck.io.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HttpCheckerTest {
    private static final String BODY = "<html>hello from the real server</html>";
    private static final String OK = "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + BODY.length()
            + "\r\n\r\n" + BODY;
    private final CheckLoop loop = new CheckLoop(new SystemTicker(), "hc-test");

    @AfterEach
    void close() {
        loop.close();
    }

    static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    static HttpUrl url(String path, String digest, List<StatusCodeRange> codes) {
        return new HttpUrl(path, digest, codes, null, null, false, List.of(), 0, 0, null);
    }

    static HttpUrl regexUrl(String regex, boolean noMatch) {
        return new HttpUrl("/", null, List.of(), null, regex, noMatch, List.of(), 0, 0, null);
    }

    private HttpChecker http(InetSocketAddress at, long timeoutMillis, SSLContext tls, String protocol,
                             String vhost, boolean sni, HttpUrl... urls) {
        return new HttpChecker(loop, new Target(at, null, timeoutMillis * 1_000_000, 0),
                new CheckerSpec.HttpOptions(vhost, protocol, sni, false, List.of(urls)), tls);
    }

    private HttpChecker http(InetSocketAddress at, HttpUrl... urls) {
        return http(at, 2000, null, "1.0", null, false, urls);
    }

    @Test
    @DisplayName("sends keepalived's exact request bytes; HTTP/1.0 without Connection, Host ip:port")
    void requestBytes() throws Exception {
        try (LoopbackServer srv = LoopbackServer.plain(LoopbackServer.respond(OK))) {
            assertTrue(attempt(http(srv.address(), url("/status?x=1", null, List.of()))).up());
            assertEquals("GET /status?x=1 HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:" + srv.port()
                    + "\r\n\r\n", srv.requests.get(0));
        }
    }

    @Test
    @DisplayName("http_protocol 1.1 and 1.0C send Connection: close; virtualhost is the Host header")
    void protocolVariants() throws Exception {
        try (LoopbackServer srv = LoopbackServer.plain(LoopbackServer.respond(OK))) {
            attempt(http(srv.address(), 2000, null, "1.1", "www.example.com", false, url("/", null, List.of())));
            attempt(http(srv.address(), 2000, null, "1.0C", null, false, url("/a", null, List.of())));
            assertEquals("GET / HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\n"
                    + "Host: www.example.com\r\n\r\n", srv.requests.get(0));
            assertEquals("GET /a HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\n"
                    + "Host: 127.0.0.1:" + srv.port() + "\r\n\r\n", srv.requests.get(1));
        }
    }

    @Test
    @DisplayName("a status outside status_code fails; a range in the list passes")
    void statusCodes() throws Exception {
        try (LoopbackServer srv = LoopbackServer.plain(LoopbackServer.respond(
                "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"))) {
            Probe p = attempt(http(srv.address(), url("/", null, List.of())));
            assertEquals(Failure.BAD_STATUS, p.failure());
            assertEquals("/: HTTP status code 503 not in 200-299", p.detail());
            assertTrue(attempt(http(srv.address(), url("/", null,
                    List.of(new StatusCodeRange(200, 200), new StatusCodeRange(500, 503))))).up());
        }
    }

    @Test
    @DisplayName("the digest is the MD5 of the body: right passes, wrong fails")
    void digest() throws Exception {
        try (LoopbackServer srv = LoopbackServer.plain(LoopbackServer.respond(OK))) {
            assertTrue(attempt(http(srv.address(), url("/", md5(BODY), List.of()))).up());
            Probe wrong = attempt(http(srv.address(), url("/", md5(BODY + "x"), List.of())));
            assertEquals(Failure.BAD_DIGEST, wrong.failure());
            assertTrue(wrong.detail().contains(md5(BODY)), wrong.detail());
        }
    }

    @Test
    @DisplayName("without Content-Length the body ends at the server's close, and is digested whole")
    void bodyUntilClose() throws Exception {
        try (LoopbackServer srv = LoopbackServer.plain(LoopbackServer.respond("HTTP/1.0 200 OK\r\n\r\n" + BODY))) {
            assertTrue(attempt(http(srv.address(), url("/", md5(BODY), List.of()))).up());
        }
    }

    @Test
    @DisplayName("one url per attempt in turn; a failing url is retried; the round passes when every url has")
    void everyUrlMustPass() throws Exception {
        boolean[] badFails = {true};
        try (LoopbackServer srv = LoopbackServer.plain((s, me) -> {
            String req = me.readRequest(s);
            String resp = req.startsWith("GET /bad ") && badFails[0] ? "HTTP/1.0 404 Not Found\r\n\r\n" : OK;
            s.getOutputStream().write(resp.getBytes(StandardCharsets.ISO_8859_1));
        })) {
            HttpChecker c = http(srv.address(), url("/good", null, List.of()), url("/bad", null, List.of()));
            Probe first = attempt(c);
            assertTrue(first.up() && first.more(), "one of two urls passed: " + first);
            Probe second = attempt(c);
            assertEquals(Failure.BAD_STATUS, second.failure());
            assertTrue(second.detail().startsWith("/bad:"), second.detail());
            assertEquals(Failure.BAD_STATUS, attempt(c).failure(), "the failed url is checked again");
            badFails[0] = false;
            Probe fixed = attempt(c);
            assertTrue(fixed.up() && fixed.more(), "/bad passed, /good has not passed since: " + fixed);
            Probe round = attempt(c);
            assertTrue(round.up() && !round.more(), "every url passed in a row: " + round);
            assertFalse(attempt(c).more(), "while nothing fails every url keeps counting as a full pass");
            assertEquals(List.of("/good", "/bad", "/bad", "/bad", "/good", "/bad"),
                    srv.requests.stream().map(r -> r.split(" ")[1]).collect(java.util.stream.Collectors.toList()));
        }
    }

    @Test
    @DisplayName("regex and regex_no_match are applied to the body")
    void regex() throws Exception {
        try (LoopbackServer srv = LoopbackServer.plain(LoopbackServer.respond(OK))) {
            assertTrue(attempt(http(srv.address(), regexUrl("real\\s+server", false))).up());
            assertEquals(Failure.REGEX, attempt(http(srv.address(), regexUrl("maintenance", false))).failure());
            assertEquals(Failure.REGEX, attempt(http(srv.address(), regexUrl("hello", true))).failure());
        }
    }

    @Test
    @DisplayName("garbage instead of HTTP is a malformed response, not an exception")
    void garbage() throws Exception {
        try (LoopbackServer srv = LoopbackServer.plain(LoopbackServer.respond("\u0000\u0001SSH-2.0-OpenSSH\r\n\r\n"))) {
            Probe p = attempt(http(srv.address(), url("/", null, List.of())));
            assertEquals(Failure.MALFORMED, p.failure());
        }
    }

    @Test
    @DisplayName("a reply cut inside the headers, and a body shorter than Content-Length with a digest, are truncated")
    void truncated() throws Exception {
        try (LoopbackServer srv = LoopbackServer.plain(LoopbackServer.respond("HTTP/1.0 200 OK\r\nContent-Le"))) {
            assertEquals(Failure.TRUNCATED, attempt(http(srv.address(), url("/", null, List.of()))).failure());
        }
        try (LoopbackServer srv = LoopbackServer.plain(LoopbackServer.respond(
                "HTTP/1.0 200 OK\r\nContent-Length: 1000\r\n\r\nshort"))) {
            assertEquals(Failure.TRUNCATED, attempt(http(srv.address(), url("/", md5("short"), List.of())))
                    .failure());
        }
    }

    @Test
    @DisplayName("a server that accepts and never answers fails at connect_timeout")
    void neverAnswers() throws Exception {
        try (LoopbackServer srv = LoopbackServer.plain((s, me) -> Thread.sleep(10_000))) {
            Probe p = attempt(http(srv.address(), 300, null, "1.0", null, false, url("/", null, List.of())));
            assertEquals(Failure.READ_TIMEOUT, p.failure());
        }
    }

    @Test
    @DisplayName("a server that resets the connection after the request fails as reset")
    void reset() throws Exception {
        try (LoopbackServer srv = LoopbackServer.plain((s, me) -> {
            me.readRequest(s);
            s.setSoLinger(true, 0);
        })) {
            Probe p = attempt(http(srv.address(), url("/", null, List.of())));
            assertEquals(Failure.RESET, p.failure(), p::toString);
        }
    }

    @Test
    @DisplayName("a slow server that keeps answering within connect_timeout per wait passes")
    void slowButSteady() throws Exception {
        try (LoopbackServer srv = LoopbackServer.plain((s, me) -> {
            me.readRequest(s);
            OutputStream out = s.getOutputStream();
            for (byte b : OK.getBytes(StandardCharsets.ISO_8859_1)) {
                out.write(b);
                out.flush();
                Thread.sleep(5);
            }
        })) {
            assertTrue(attempt(http(srv.address(), 1000, null, "1.0", null, false,
                    url("/", md5(BODY), List.of()))).up());
        }
    }

    @Test
    @DisplayName("a server that answers the headers, then stalls longer than connect_timeout, fails")
    void slowerThanTimeout() throws Exception {
        try (LoopbackServer srv = LoopbackServer.plain((s, me) -> {
            me.readRequest(s);
            s.getOutputStream().write("HTTP/1.0 200 OK\r\nContent-Length: 10\r\n\r\nabc".getBytes(
                    StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            Thread.sleep(10_000);
        })) {
            Probe p = attempt(http(srv.address(), 300, null, "1.0", null, false, url("/", null, List.of())));
            assertEquals(Failure.READ_TIMEOUT, p.failure());
        }
    }

    @Test
    @DisplayName("SSL_GET over TLS to a self-signed server: status and digest checked, SNI sent with enable_sni")
    void sslGet() throws Exception {
        try (LoopbackServer srv = LoopbackServer.tls(LoopbackServer.respond(OK))) {
            SSLContext trustAll = TlsContexts.trustingEveryone();
            assertTrue(attempt(http(srv.address(), 5000, trustAll, "1.0", "svc.example", true,
                    url("/", md5(BODY), List.of()))).up());
            assertEquals(List.of("svc.example"), srv.sniNames);
            assertEquals(Failure.BAD_DIGEST, attempt(http(srv.address(), 5000, trustAll, "1.0", null, false,
                    url("/", md5("other"), List.of()))).failure());
            assertEquals(List.of("svc.example"), srv.sniNames, "no SNI without enable_sni");
        }
    }

    @Test
    @DisplayName("the body ends at Content-Length: a server that keeps the connection open still passes at once")
    void contentLengthWithoutClose() throws Exception {
        try (LoopbackServer srv = LoopbackServer.plain((s, me) -> {
            me.readRequest(s);
            s.getOutputStream().write(OK.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            Thread.sleep(10_000);
        })) {
            assertTrue(attempt(http(srv.address(), 5000, null, "1.1", null, false,
                    url("/", md5(BODY), List.of()))).up());
        }
    }

    @Test
    @DisplayName("headers without end are malformed once they pass 64 KiB")
    void endlessHeaders() throws Exception {
        try (LoopbackServer srv = LoopbackServer.plain((s, me) -> {
            me.readRequest(s);
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.0 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1));
            byte[] header = "X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < 2000; i++) {
                out.write(header);
            }
        })) {
            Probe p = attempt(http(srv.address(), url("/", null, List.of())));
            assertEquals(Failure.MALFORMED, p.failure(), p::toString);
        }
    }

    @Test
    @DisplayName("SSL_GET to a server that accepts and never answers times out in the TLS handshake")
    void tlsHandshakeTimeout() throws Exception {
        try (LoopbackServer srv = LoopbackServer.plain((s, me) -> Thread.sleep(10_000))) {
            Probe p = attempt(http(srv.address(), 300, TlsContexts.trustingEveryone(), "1.0", null, false,
                    url("/", null, List.of())));
            assertEquals(Failure.READ_TIMEOUT, p.failure());
            assertTrue(p.detail().contains("TLS handshake"), p.detail());
        }
    }

    @Test
    @DisplayName("SSL_GET against a plain HTTP server fails as TLS, not as an exception")
    void sslAgainstPlain() throws Exception {
        try (LoopbackServer srv = LoopbackServer.plain((s, me) -> {
            s.getOutputStream().write("HTTP/1.0 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        })) {
            Probe p = attempt(http(srv.address(), 2000, TlsContexts.trustingEveryone(), "1.0", null, false,
                    url("/", null, List.of())));
            assertFalse(p.up());
            assertTrue(p.failure() == Failure.TLS, p::toString);
        }
    }
}
