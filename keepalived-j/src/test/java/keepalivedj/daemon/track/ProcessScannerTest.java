package keepalivedj.daemon.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import keepalivedj.daemon.log.DaemonLog;
import keepalivedj.vrrp.track.ProcessPattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes (a copy of sleep under a name of its own) counted from the real /proc. */
class ProcessScannerTest {
    @TempDir
    Path dir;

    @Test
    void countsProcessesByNameAndReportsQuorumChanges() throws Exception {
        Path prog = dir.resolve("kjps" + ProcessHandle.current().pid() % 100_000);
        Files.copy(Path.of("/bin/sleep"), prog, StandardCopyOption.COPY_ATTRIBUTES);
        String name = prog.getFileName().toString();
        DaemonLog log = new DaemonLog(new PrintStream(OutputStream.nullOutputStream()), null, 0);
        LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
        Process first = null;
        Process second = null;
        try (ProcessScanner s = new ProcessScanner(List.of(
                new ProcessScanner.Tracked("two", ProcessPattern.of(List.of(name), "none", false), 2, 65535, 0, 0),
                new ProcessScanner.Tracked("argv", ProcessPattern.of(List.of(prog.toString(), "600"), "exact", true),
                        1, 65535, 0, 0)), log, (n, up) -> seen.add(n + (up ? " up" : " down")))) {
            assertFalse(s.up("two"));
            first = new ProcessBuilder(prog.toString(), "600").start();
            assertEquals("argv up", seen.poll(5, TimeUnit.SECONDS), "full command line with its parameter");
            second = new ProcessBuilder(prog.toString(), "601").start();
            assertEquals("two up", seen.poll(5, TimeUnit.SECONDS), "two processes by name: quorum 2");
            assertEquals(2, s.count("two"));
            second.destroy();
            second.waitFor();
            assertEquals("two down", seen.poll(5, TimeUnit.SECONDS));
            first.destroy();
            first.waitFor(); // reaped here; a zombie would not count either
            assertEquals("argv down", seen.poll(5, TimeUnit.SECONDS));
        } finally {
            for (Process p : new Process[] {first, second}) {
                if (p != null) {
                    p.destroyForcibly();
                }
            }
        }
    }

    @Test
    void aForkOfATrackedProcessWaitsForkDelay() throws Exception {
        // a copy of bash whose subshell is a fork that keeps the name: two matching processes, the second a fork
        Path prog = dir.resolve("kjpf" + ProcessHandle.current().pid() % 100_000);
        Files.copy(Path.of("/bin/bash"), prog, StandardCopyOption.COPY_ATTRIBUTES);
        String name = prog.getFileName().toString();
        DaemonLog log = new DaemonLog(new PrintStream(OutputStream.nullOutputStream()), null, 0);
        LinkedBlockingQueue<Long> up = new LinkedBlockingQueue<>();
        Process p = null;
        try (ProcessScanner s = new ProcessScanner(List.of(new ProcessScanner.Tracked("pair",
                ProcessPattern.of(List.of(name), "none", false), 2, 65535, 1_500_000, 0)), log,
                (n, u) -> up.add(System.nanoTime()))) {
            long started = System.nanoTime();
            p = new ProcessBuilder(prog.toString(), "-c", "( while :; do sleep 1; done ) & wait").start();
            Long at = up.poll(10, TimeUnit.SECONDS);
            org.junit.jupiter.api.Assertions.assertNotNull(at, "quorum 2 reached by the fork");
            long ms = (at - started) / 1_000_000;
            org.junit.jupiter.api.Assertions.assertTrue(ms >= 1_500, "fork_delay 1.5 s: up after " + ms + " ms");
        } finally {
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
            }
        }
    }
}
