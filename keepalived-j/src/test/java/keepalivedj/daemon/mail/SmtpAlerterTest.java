package keepalivedj.daemon.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import keepalivedj.daemon.notify.NotifyState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts sent to a real SMTP server (GreenMail, in-process, on a free port of 127.0.0.1). */
class SmtpAlerterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T13:05:09Z"), ZoneId.of("Europe/Paris"));
    private static final String FROM = "keepalived@lb1.example.com";
    private static final String TO = "ops@example.com";

    @TempDir
    Path tmp;
    private GreenMail greenMail;
    private final List<SmtpAlerter> alerters = new ArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Logger jul = Logger.getLogger("keepalivedj.daemon.mail");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            Object[] p = r.getParameters();
            log.add(p == null ? r.getMessage() : java.text.MessageFormat.format(r.getMessage(), p));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        jul.addHandler(capture);
    }

    @AfterEach
    void stop() {
        alerters.forEach(SmtpAlerter::close);
        greenMail.stop();
        jul.removeHandler(capture);
    }

    private int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    private MailSettings settings(int port, Duration timeout, String... to) {
        return MailSettings.plain("lb1", List.of(to), FROM, "127.0.0.1", port, "lb1.example.com", timeout);
    }

    private SmtpAlerter alerter(MailSettings s) {
        SmtpAlerter a = new SmtpAlerter(s, CLOCK);
        alerters.add(a);
        return a;
    }

    private static boolean await(CompletableFuture<Boolean> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    @Test
    void instanceAndGroupAlertsArriveWithKeepalivedsSubjectBodyAndHeaders() throws Exception {
        SmtpAlerter a = alerter(settings(smtpPort(), Duration.ofSeconds(5), TO));
        List<AlertMessage> sent = new ArrayList<>();
        for (NotifyState s : List.of(NotifyState.MASTER, NotifyState.BACKUP, NotifyState.FAULT)) {
            sent.add(AlertFormat.instance("lb1", "VI_1", s));
            sent.add(AlertFormat.group("lb1", "VG_1", s));
        }
        for (AlertMessage m : sent) {
            assertTrue(await(a.send(m)), m.subject());
        }

        MimeMessage[] got = greenMail.getReceivedMessages();
        assertEquals(6, got.length);
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : got) {
            subjects.add(m.getSubject());
        }
        assertEquals(List.of(
                "[lb1] VRRP Instance VI_1 - Entering MASTER state", "[lb1] VRRP Group VG_1 - Entering MASTER state",
                "[lb1] VRRP Instance VI_1 - Entering BACKUP state", "[lb1] VRRP Group VG_1 - Entering BACKUP state",
                "[lb1] VRRP Instance VI_1 - Entering FAULT state", "[lb1] VRRP Group VG_1 - Entering FAULT state"),
                subjects);
        assertEquals("=> VRRP Instance is now owning VRRP VIPs <=", GreenMailUtil.getBody(got[0]).trim());
        assertEquals("=> All VRRP group instances are now in MASTER state <=", GreenMailUtil.getBody(got[1]).trim());
        assertEquals("=> VRRP Instance is no longer owning VRRP VIPs <=", GreenMailUtil.getBody(got[2]).trim());
        assertEquals("=> All VRRP group instances are now in BACKUP state <=", GreenMailUtil.getBody(got[3]).trim());
        assertEquals("=> VRRP Instance is no longer owning VRRP VIPs <=", GreenMailUtil.getBody(got[4]).trim());
        assertEquals("=> All VRRP group instances are now in FAULT state <=", GreenMailUtil.getBody(got[5]).trim());

        MimeMessage first = got[0];
        assertArrayEquals(new String[] {"Keepalived"}, first.getHeader("X-Mailer"));
        assertArrayEquals(new String[] {FROM}, first.getHeader("From"));
        assertArrayEquals(new String[] {TO}, first.getHeader("To"));
        assertArrayEquals(new String[] {"Sat, 21 Nov 2026 14:05:09 +0100"}, first.getHeader("Date"),
                "keepalived's date format, local time from the injected clock");
        assertEquals(6, a.stats().sent());
        assertTrue(log.contains("SMTP alert successfully sent."), log.toString());
    }

    @Test
    void everyRecipientGetsItAndTheToHeaderListsThemAll() throws Exception {
        SmtpAlerter a = alerter(settings(smtpPort(), Duration.ofSeconds(5), "a@example.com", "b@example.org"));
        assertTrue(await(a.send(AlertFormat.instance("lb1", "VI_9", NotifyState.MASTER))));
        MimeMessage[] got = greenMail.getReceivedMessages();
        assertEquals(2, got.length, "one copy per RCPT TO");
        assertArrayEquals(new String[] {"a@example.com, b@example.org"}, got[0].getHeader("To"));
        assertArrayEquals(new String[] {"a@example.com, b@example.org"}, got[1].getHeader("To"));
    }

    @Test
    void smtpAuthWithTheRightPasswordDeliversAndWithAWrongOneIsRefused() throws Exception {
        greenMail.setUser("alerts@example.com", "alerts", "s3cret");
        SmtpAlerter good = alerter(settings(smtpPort(), Duration.ofSeconds(5), TO).withAuth("alerts", "s3cret"));
        SmtpAlerter bad = alerter(settings(smtpPort(), Duration.ofSeconds(5), TO).withAuth("alerts", "wrong"));

        assertTrue(await(good.send(AlertFormat.instance("lb1", "VI_1", NotifyState.MASTER))));
        assertFalse(await(bad.send(AlertFormat.instance("lb1", "VI_1", NotifyState.BACKUP))));

        assertEquals(1, greenMail.getReceivedMessages().length);
        assertEquals(1, bad.stats().failed());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Error sending SMTP alert to [127.0.0.1]:" + smtpPort())),
                log.toString());
    }

    @Test
    void starttlsUpgradesBeforeAuthAndMailAndTheCertificateIsChecked() throws Exception {
        greenMail.setUser("alerts@example.com", "alerts", "s3cret");
        TestTls tls = TestTls.create(tmp);
        try (StartTlsProxy proxy = new StartTlsProxy(smtpPort(), tls.server, true)) {
            MailSettings s = settings(proxy.port(), Duration.ofSeconds(10), TO).withAuth("alerts", "s3cret")
                    .withStartTls(true);
            SmtpAlerter a = new SmtpAlerter(s, CLOCK, tls.clientTrustingIt.getSocketFactory());
            alerters.add(a);

            assertTrue(await(a.send(AlertFormat.instance("lb1", "VI_1", NotifyState.FAULT))), log.toString());

            assertEquals(1, greenMail.getReceivedMessages().length);
            assertEquals("[lb1] VRRP Instance VI_1 - Entering FAULT state",
                    greenMail.getReceivedMessages()[0].getSubject());
            assertEquals(List.of("EHLO lb1.example.com", "STARTTLS"), proxy.plaintextCommands,
                    "nothing but EHLO and STARTTLS travels in plain text");
            assertEquals(1, proxy.tlsProtocols.size());
            assertTrue(proxy.tlsProtocols.get(0).startsWith("TLSv1."), proxy.tlsProtocols.toString());

            // The same server with the JVM's default trust store: the self-signed certificate is refused.
            SmtpAlerter untrusting = alerter(s);
            assertFalse(await(untrusting.send(AlertFormat.instance("lb1", "VI_1", NotifyState.MASTER))));
            assertEquals(1, untrusting.stats().failed());
            assertEquals(1, greenMail.getReceivedMessages().length);
        }
    }

    @Test
    void starttlsIsRequiredSoAServerWithoutItGetsNothing() throws Exception {
        TestTls tls = TestTls.create(tmp);
        MailSettings s = settings(smtpPort(), Duration.ofSeconds(5), TO).withStartTls(true);
        SmtpAlerter a = new SmtpAlerter(s, CLOCK, tls.clientTrustingIt.getSocketFactory());
        alerters.add(a);

        assertFalse(await(a.send(AlertFormat.instance("lb1", "VI_1", NotifyState.MASTER))));
        assertEquals(0, greenMail.getReceivedMessages().length);
        assertEquals(1, a.stats().failed());
    }

    @Test
    void aDeadServerCostsALoggedCountedErrorAndNoDelay() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        SmtpAlerter a = alerter(settings(closedPort, Duration.ofSeconds(5), TO));

        long t0 = System.nanoTime();
        CompletableFuture<Boolean> f = a.send(AlertFormat.instance("lb1", "VI_1", NotifyState.MASTER));
        long callMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        assertTrue(callMs < 500, "send() took " + callMs + " ms");
        assertFalse(await(f));
        assertEquals(1, a.stats().failed());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Error sending SMTP alert to [127.0.0.1]:" + closedPort)
                && l.contains("VRRP Instance VI_1 - Entering MASTER state")), log.toString());
    }

    @Test
    void aServerThatAcceptsButNeverAnswersTimesOutOffTheCallersThread() throws Exception {
        try (ServerSocket blackHole = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(blackHole.accept());
                    }
                } catch (Exception e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            SmtpAlerter a = alerter(settings(blackHole.getLocalPort(), Duration.ofSeconds(1), TO));

            long t0 = System.nanoTime();
            CompletableFuture<Boolean> f = a.send(AlertFormat.instance("lb1", "VI_1", NotifyState.MASTER));
            long callMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(callMs < 500, "send() took " + callMs + " ms");
            assertFalse(f.isDone(), "still waiting for a greeting");

            assertFalse(await(f));
            long totalMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(totalMs >= 900 && totalMs < 5000, "gave up after the 1 s timeout: " + totalMs + " ms");
            assertEquals(1, a.stats().failed());
            assertEquals(1, held.size(), "it did connect");
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void whenAlertsPileUpBehindASlowServerTheExtraOnesAreDroppedNotWaitedFor() throws Exception {
        try (ServerSocket blackHole = new ServerSocket(0, 200, InetAddress.getLoopbackAddress())) {
            SmtpAlerter a = alerter(settings(blackHole.getLocalPort(), Duration.ofSeconds(1), TO));
            long t0 = System.nanoTime();
            List<CompletableFuture<Boolean>> all = new ArrayList<>();
            for (int i = 0; i < SmtpAlerter.QUEUE + 10; i++) {
                all.add(a.send(AlertFormat.instance("lb1", "VI_" + i, NotifyState.MASTER)));
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms < 500, "queuing " + all.size() + " alerts took " + ms + " ms");
            long dropped = a.stats().dropped();
            assertTrue(dropped >= 9 && dropped <= 10, "dropped " + dropped);
            assertEquals(dropped, all.stream().filter(f -> f.isDone() && !f.join()).count());
        }
    }

    @Test
    void noRecipientsMeansNoMail() throws Exception {
        SmtpAlerter a = alerter(settings(smtpPort(), Duration.ofSeconds(5)));
        assertFalse(await(a.send(AlertFormat.instance("lb1", "VI_1", NotifyState.MASTER))));
        assertEquals(0, greenMail.getReceivedMessages().length);
        assertEquals(0, a.stats().failed());
    }
}
