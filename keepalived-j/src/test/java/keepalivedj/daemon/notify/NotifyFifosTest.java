package keepalivedj.daemon.notify;

import static keepalivedj.daemon.exec.TestScripts.script;
import static keepalivedj.daemon.notify.NotifyDispatcherTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import keepalivedj.daemon.exec.ScriptResult;
import keepalivedj.daemon.exec.ScriptRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real FIFOs through a reload, read by a reader that records each open, line and end of file, as an operator's
 * {@code while read} loop would see them.
 */
class NotifyFifosTest {
    @TempDir
    Path tmp;
    private final ScriptRunner runner = ScriptRunner.forThisProcess();
    private final List<Thread> readers = new ArrayList<>();

    @AfterEach
    void close() {
        runner.close();
        readers.forEach(Thread::interrupt);
    }

    @Test
    void aReloadEndsTheOldFifoWithEofAndTheReloadsLinesGoToTheNewPath() throws Exception {
        Path a = tmp.resolve("a.fifo");
        Path b = tmp.resolve("b.fifo");
        NotifyDispatcher d = new NotifyDispatcher(runner, Duration.ofSeconds(5));
        NotifyFifos fifos = new NotifyFifos(d.fifos(), runner);
        fifos.open(fifos.prepare(List.of(new NotifyFifos.Wanted(a, null))));
        List<String> seenA = reader(a);
        d.instance("VI_1", NotifyScripts.none(), NotifyState.MASTER, 100);
        await(seenA, 2);

        fifos.suspend();
        await(seenA, 3);
        d.instance("VI_2", NotifyScripts.none(), NotifyState.BACKUP, 90); // while the new file is read: kept
        NotifyFifos.Prepared next = fifos.prepare(List.of(new NotifyFifos.Wanted(b, null)));
        assertTrue(Files.exists(b), "prepare made the new FIFO");
        List<String> seenB = reader(b);
        fifos.resume(next);
        await(seenA, 3);
        await(seenB, 2);
        assertFalse(Files.exists(a), "the FIFO we made and no longer use is removed");

        fifos.close();
        await(seenB, 3);
        assertEquals(List.of("OPEN", "LINE INSTANCE \"VI_1\" MASTER 100", "EOF"), snapshot(seenA));
        assertEquals(List.of("OPEN", "LINE INSTANCE \"VI_2\" BACKUP 90", "EOF"), snapshot(seenB));
        assertFalse(Files.exists(b));
    }

    @Test
    void aReloadToTheSamePathClosesAndReopensItAndKeepsAFifoWeMadeOnDisk() throws Exception {
        Path a = tmp.resolve("same.fifo");
        Path started = tmp.resolve("started");
        Path fifoScript = script(tmp, "fifo.sh", "echo \"$$ $*\" >> \"$1\"\nexec sleep 30");
        NotifyDispatcher d = new NotifyDispatcher(runner, Duration.ofSeconds(5));
        NotifyFifos fifos = new NotifyFifos(d.fifos(), runner);
        List<NotifyFifos.Wanted> wanted = List.of(new NotifyFifos.Wanted(a, run(fifoScript,
                started.toString())));
        fifos.open(fifos.prepare(wanted));
        NotifyFifo first = fifos.fifos().get(0);
        List<String> seen = reopeningReader(a);
        d.group("G", NotifyScripts.none(), NotifyState.BACKUP);
        await(seen, 2);
        // under load the script may not have reached its echo yet; a SIGTERM then would leave no line to count
        assertEquals(1, awaitLineCount(started, 1), "the fifo script ran for the first configuration");

        fifos.suspend();
        await(seen, 3); // the reader has seen EOF before the FIFO is opened again, as it does in the daemon
        fifos.resume(fifos.prepare(wanted));
        ScriptResult r = first.script().result().get(5, TimeUnit.SECONDS);
        assertEquals(128 + 15, r.exitCode(), "the old fifo script got SIGTERM");
        assertTrue(Files.exists(a), "kept on disk across the reload");
        d.group("G", NotifyScripts.none(), NotifyState.MASTER);
        await(seen, 5);
        assertEquals(List.of("OPEN", "LINE GROUP \"G\" BACKUP 0", "EOF", "OPEN", "LINE GROUP \"G\" MASTER 0"),
                snapshot(seen));
        assertEquals(2, awaitLineCount(started, 2), "the fifo script ran again for the new configuration");

        fifos.stopScripts();
        fifos.close();
        assertFalse(Files.exists(a), "still ours: removed at the end");
    }

    @Test
    void vrrpNotifyFifoNamingTheGlobalOneIsIgnored() {
        Path p = tmp.resolve("x.fifo");
        NotifyFifos.Wanted g = new NotifyFifos.Wanted(p, null);
        assertEquals(List.of(g), NotifyFifos.wanted(g, new NotifyFifos.Wanted(p, null)));
        NotifyFifos.Wanted v = new NotifyFifos.Wanted(tmp.resolve("y.fifo"), null);
        assertEquals(List.of(g, v), NotifyFifos.wanted(g, v));
        assertEquals(List.of(v), NotifyFifos.wanted(null, v));
    }

    /** Reads {@code path} once: OPEN, its lines, EOF. */
    private List<String> reader(Path path) {
        return startReader(path, false);
    }

    /** Reads {@code path} again after each EOF, as a {@code while true; do ... < fifo; done} loop does. */
    private List<String> reopeningReader(Path path) {
        return startReader(path, true);
    }

    private List<String> startReader(Path path, boolean again) {
        List<String> seen = new ArrayList<>();
        Thread t = new Thread(() -> {
            do {
                try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                    add(seen, "OPEN");
                    String l;
                    while ((l = r.readLine()) != null) {
                        add(seen, "LINE " + l);
                    }
                    add(seen, "EOF");
                } catch (IOException e) {
                    add(seen, "ERROR " + e);
                    return;
                }
            } while (again && !Thread.currentThread().isInterrupted());
        }, "fifo-reader " + path.getFileName());
        t.setDaemon(true);
        t.start();
        readers.add(t);
        return seen;
    }

    private static void add(List<String> seen, String event) {
        synchronized (seen) {
            seen.add(event);
        }
    }

    private static List<String> snapshot(List<String> seen) {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    private static void await(List<String> seen, int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (snapshot(seen).size() < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertTrue(snapshot(seen).size() >= n, "expected " + n + " reader events: " + snapshot(seen));
    }

    private static int awaitLineCount(Path file, int n) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int count = 0;
        while (System.nanoTime() < end) {
            count = Files.exists(file) ? Files.readAllLines(file).size() : 0;
            if (count >= n) {
                break;
            }
            Thread.sleep(10);
        }
        return count;
    }
}
