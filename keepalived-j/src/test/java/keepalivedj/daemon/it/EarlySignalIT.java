package keepalivedj.daemon.it;

import static keepalivedj.daemon.it.lab.Implementation.KEEPALIVED_J;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import keepalivedj.daemon.it.lab.Daemon;
import keepalivedj.daemon.it.lab.VrrpLab;
import org.junit.jupiter.api.Test;

/**
 * A SIGHUP or SIGTERM early in keepalived-j's life (keepalived.md §b.2) is carried out once the daemon runs, never
 * the JVM's default (SIGHUP and SIGTERM: run the shutdown hooks and exit with 129/143). keepalived 2.2.7 blocks
 * its signals once its handlers are installed and acts on them when its loop runs; before that it ignores HUP
 * and dies of TERM (measured: HUP 10 ms after start → no reload; 30 ms → reload once running).
 *
 * <p>The points: the first log line (handlers are installed just before it), the pid file (what `kill -HUP
 * $(cat pidfile)` and systemd use; it used to be written before the handlers were installed), and 300, 600 and
 * 1,000 ms after the process was started. Before the handlers (the launcher and the JVM starting, about 110 ms
 * from {@code ip netns exec} here: a HUP at 110 ms ended it with 129, one at 114 ms was carried out) the JVM's
 * default applies, out of the daemon's reach; keepalived's own window is 10-30 ms.
 */
class EarlySignalIT {
    private static final String CONF = "global_defs {\n    router_id h1\n}\n"
            + "vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 61\n"
            + "    priority 100\n    advert_int 1\n    virtual_ipaddress {\n        10.99.0.161/24 dev eth0\n    }\n}\n";
    private static final List<String> POINTS = List.of("first log line", "pid file", "300 ms", "600 ms", "1000 ms");

    @Test
    void earlySighupReloadsOnceRunning() throws Exception {
        atEachPoint("HUP", POINTS, (h1, point, from) -> {
            awaitIn(h1, from, "Reload complete", 15_000);
            assertTrue(h1.isAlive(), point + ": alive after the reload");
            String log = h1.logText().substring(from);
            assertTrue(log.contains("Reloading"), point + ": " + log);
            h1.signal("TERM");
            assertEquals(0, h1.awaitExit(15_000), point + ": exit status after the TERM that followed");
        });
    }

    @Test
    void earlySigtermStopsCleanly() throws Exception {
        atEachPoint("TERM", POINTS, (h1, point, from) -> {
            int code = h1.awaitExit(15_000);
            String log = h1.logText().substring(from);
            assertEquals(0, code, point + ": exit status (143 is the JVM's default action)");
            assertTrue(log.contains("Stopping") && log.contains("Stopped"), point + ": an orderly stop");
            assertFalse(Files.exists(h1.pidFile()), point + ": the pid file is removed");
        });
    }

    /**
     * Before the daemon's handlers exist (the JVM's first ~100 ms) HUP, USR1 and USR2 are ignored, as keepalived
     * ignores them, instead of the JVM's default (HUP ran the shutdown hooks: exit 129; USR1 killed): the daemon
     * runs on and a later TERM stops it cleanly.
     */
    @Test
    void aSignalBeforeTheHandlersExistIsNotFatal() throws Exception {
        for (String signal : List.of("HUP", "USR1", "USR2")) {
            atEachPoint(signal, List.of("20 ms", "60 ms", "100 ms"), (h1, point, from) -> {
                awaitIn(h1, from, "Entering BACKUP STATE", 15_000);
                h1.signal("TERM");
                assertEquals(0, h1.awaitExit(15_000), point + ": exit status after the TERM that followed");
            });
        }
    }

    private interface AfterSignal {
        void check(Daemon h1, String point, int logFrom) throws Exception;
    }

    /** For each point of the start-up: a fresh daemon, {@code signal} at that point, then {@code after}. */
    private static void atEachPoint(String signal, List<String> points, AfterSignal after) throws Exception {
        List<String> failures = new ArrayList<>();
        try (VrrpLab lab = VrrpLab.create(1)) {
            for (String point : points) {
                Daemon h1 = lab.host("h1").prepare(KEEPALIVED_J, CONF);
                int from = h1.logText().length();
                h1.start();
                try {
                    signalAt(h1, point, from);
                    h1.signal(signal);
                    after.check(h1, point, from);
                } catch (AssertionError e) {
                    failures.add(signal + " at " + point + ": " + e.getMessage() + "\n" + h1.logText().substring(from));
                    h1.close();
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
    }

    /** Returns at {@code point} of the daemon's start (polled every 2 ms). */
    private static void signalAt(Daemon d, String point, int from) throws Exception {
        long start = d.startMicros();
        long end = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < end) {
            boolean now = switch (point) {
                case "first log line" -> d.logText().length() > from;
                case "pid file" -> Files.exists(d.pidFile()) && !Files.readString(d.pidFile()).isBlank();
                default -> nowMicros() - start >= Long.parseLong(point.split(" ")[0]) * 1000;
            };
            if (now) {
                return;
            }
            Thread.sleep(2);
        }
        throw new AssertionError(point + " did not come within 15 s");
    }

    private static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    private static void awaitIn(Daemon d, int from, String text, long millis) throws Exception {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            if (d.logText().substring(from).contains(text)) {
                return;
            }
            if (!d.isAlive()) {
                throw new AssertionError("ended (exit " + d.process().exitValue() + ") before '" + text + "'");
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no '" + text + "' within " + millis + " ms");
    }
}
