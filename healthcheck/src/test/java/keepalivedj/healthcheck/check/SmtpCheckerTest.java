package keepalivedj.healthcheck.check;

import static keepalivedj.healthcheck.check.CheckerHarness.attempt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import keepalivedj.healthcheck.Failure;
import keepalivedj.healthcheck.Probe;
import keepalivedj.healthcheck.SystemTicker;
import keepalivedj.healthcheck.io.CheckLoop;
import keepalivedj.healthcheck.io.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SmtpCheckerTest {
    private final CheckLoop loop = new CheckLoop(new SystemTicker(), "hc-test");
    private final List<String> heard = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        loop.close();
    }

    private LoopbackServer.Behaviour smtp(String banner, String heloReply) {
        return (Socket s, LoopbackServer me) -> {
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            out.write(banner.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                heard.add(line);
                if (line.startsWith("HELO")) {
                    out.write(heloReply.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } else if (line.equals("QUIT")) {
                    out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
            }
        };
    }

    private Probe check(LoopbackServer... servers) throws Exception {
        List<Target> hosts = new java.util.ArrayList<>();
        for (LoopbackServer s : servers) {
            hosts.add(new Target(s.address(), null, 1_000_000_000L, 0));
        }
        return attempt(new SmtpChecker(loop, hosts, null));
    }

    @Test
    @DisplayName("220 banner (multi-line too), HELO with the default helo_name, 250: up, then QUIT")
    void conversation() throws Exception {
        try (LoopbackServer srv = LoopbackServer.plain(smtp("220-mx.example ESMTP\r\n220 ready\r\n", "250 hi\r\n"))) {
            assertTrue(check(srv).up());
            Thread.sleep(100);
            assertEquals(List.of("HELO smtpchecker.keepalived.org", "QUIT"), heard);
        }
    }

    @Test
    @DisplayName("a 554 banner or a 501 to HELO is down with the code named")
    void badCodes() throws Exception {
        try (LoopbackServer srv = LoopbackServer.plain(smtp("554 go away\r\n", "250 hi\r\n"))) {
            Probe p = check(srv);
            assertEquals(Failure.BAD_REPLY_CODE, p.failure());
            assertTrue(p.detail().endsWith("banner 554 (expected: 220)"), p.detail());
        }
        try (LoopbackServer srv = LoopbackServer.plain(smtp("220 ok\r\n", "501 syntax\r\n"))) {
            assertEquals(Failure.BAD_REPLY_CODE, check(srv).failure());
        }
    }

    @Test
    @DisplayName("an HTTP server on the SMTP port is a malformed reply; every host must pass")
    void garbageAndHosts() throws Exception {
        try (LoopbackServer good = LoopbackServer.plain(smtp("220 ok\r\n", "250 hi\r\n"));
             LoopbackServer bad = LoopbackServer.plain((s, me) -> {
                 s.getOutputStream().write("HTTP/1.0 400 Bad\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
             })) {
            assertEquals(Failure.MALFORMED, check(bad).failure());
            assertTrue(check(good).up());
            assertEquals(Failure.MALFORMED, check(good, bad).failure());
        }
    }
}
