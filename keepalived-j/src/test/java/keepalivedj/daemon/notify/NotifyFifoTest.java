package keepalivedj.daemon.notify;

import static keepalivedj.daemon.exec.TestScripts.awaitFile;
import static keepalivedj.daemon.exec.TestScripts.script;
import static keepalivedj.daemon.notify.NotifyDispatcherTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
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

/** A real FIFO: created, written without blocking, read back, its script started first, removed on close. */
class NotifyFifoTest {
    @TempDir
    Path tmp;
    private final ScriptRunner runner = ScriptRunner.forThisProcess();

    @AfterEach
    void close() {
        runner.close();
    }

    private static int mode(Path p) throws Exception {
        return (Integer) Files.getAttribute(p, "unix:mode");
    }

    @Test
    void linesWrittenOnTransitionsAreReadBackFromTheFifoInKeepalivedsFormat() throws Exception {
        Path path = tmp.resolve("vrrp.fifo");
        NotifyFifo fifo = NotifyFifo.open(path, null, runner).get(5, TimeUnit.SECONDS);
        assertEquals(0010644, mode(path), "a FIFO with mode 0644");
        NotifyDispatcher d = new NotifyDispatcher(runner, Duration.ofSeconds(5));
        d.addFifo(fifo);

        List<String> got = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(path)) { // does not wait: we hold the FIFO open O_RDWR
            d.instance("VI_1", NotifyScripts.none(), NotifyState.MASTER, 100);
            d.group("G", NotifyScripts.none(), NotifyState.BACKUP);
            d.instanceEvent("VI_1", "MASTER_PRIORITY", 90, null);
            fifo.write(FifoLine.realServer("[192.168.1.2]:tcp:80", "[10.0.0.1]:tcp:80", false));
            for (int i = 0; i < 4; i++) {
                got.add(in.readLine());
            }
        }
        assertEquals(List.of("INSTANCE \"VI_1\" MASTER 100", "GROUP \"G\" BACKUP 0",
                "INSTANCE \"VI_1\" MASTER_PRIORITY 90", "RS [192.168.1.2]:tcp:80 [10.0.0.1]:tcp:80 DOWN"), got);
        // the writer counts a line once write() has returned, which can be just after the reader has it
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (fifo.stats().written() < 4 && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertEquals(4, fifo.stats().written());

        fifo.close();
        assertFalse(Files.exists(path), "a FIFO we created is unlinked on close");
    }

    @Test
    void theFifoScriptStartsFirstWithThePathAsItsLastArgumentAndIsTerminatedOnStop() throws Exception {
        Path path = tmp.resolve("notify.fifo");
        Path args = tmp.resolve("args");
        Path out = tmp.resolve("out");
        Path reader = script(tmp, "reader.sh", String.join("\n",
                "for a in \"$@\"; do last=\"$a\"; done",
                "echo \"$*\" > \"$1\"",
                "while read -r line; do echo \"$line\" >> \"$2\"; done < \"$last\""));
        NotifyFifo fifo = NotifyFifo.open(path, run(reader, args.toString(), out.toString()), runner)
                .get(5, TimeUnit.SECONDS);

        assertEquals(args + " " + out + " " + path + "\n", awaitFile(args, Duration.ofSeconds(5)).orElseThrow());
        fifo.write(FifoLine.instance("VI_1", NotifyState.BACKUP, 100));
        fifo.write(FifoLine.instance("VI_1", NotifyState.MASTER, 100));
        String seen = awaitLines(out, 2);
        assertEquals("INSTANCE \"VI_1\" BACKUP 100\nINSTANCE \"VI_1\" MASTER 100\n", seen);

        fifo.stopScript();
        ScriptResult r = fifo.script().result().get(5, TimeUnit.SECONDS);
        assertEquals(128 + 15, r.exitCode(), "the script died of SIGTERM");
        fifo.close();
    }

    @Test
    void aFifoThatAlreadyExistedIsKeptOnClose() throws Exception {
        Path path = tmp.resolve("existing.fifo");
        NotifyFifo first = NotifyFifo.open(path, null, runner).get(5, TimeUnit.SECONDS);
        NotifyFifo second = NotifyFifo.open(path, null, runner).get(5, TimeUnit.SECONDS);
        second.close();
        assertTrue(Files.exists(path), "not ours to remove");
        first.close();
        assertFalse(Files.exists(path));
    }

    @Test
    void writesNeverBlockWhenNobodyReadsAndCloseStillReturns() throws Exception {
        Path path = tmp.resolve("full.fifo");
        NotifyFifo fifo = NotifyFifo.open(path, null, runner).get(5, TimeUnit.SECONDS);
        String line = FifoLine.instance("VI_with_a_long_name_to_fill_the_pipe_quickly", NotifyState.MASTER, 100);

        long t0 = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            fifo.write(line);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms < 1000, "100000 writes took " + ms + " ms");
        assertTrue(fifo.stats().dropped() > 0, "lines beyond the pipe and queue are dropped: " + fifo.stats());

        long c0 = System.nanoTime();
        fifo.close(Duration.ofMillis(200));
        long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - c0);
        assertTrue(closeMs < 2000, "close took " + closeMs + " ms");
    }

    @Test
    void aPathThatIsNotAFifoIsReportedAndWritesAreDropped() throws Exception {
        Path path = tmp.resolve("plain-file");
        Files.writeString(path, "");
        NotifyFifo fifo = NotifyFifo.open(path, null, runner).get(5, TimeUnit.SECONDS);
        fifo.write(FifoLine.group("G", NotifyState.FAULT));
        assertEquals(1, fifo.stats().dropped());
        assertEquals("", Files.readString(path));
        fifo.close();
        assertTrue(Files.exists(path), "not ours to remove");
    }

    @Test
    void aFifoThatCannotBeCreatedIsReportedAndWritesAreDropped() throws Exception {
        Path path = tmp.resolve("no-such-dir").resolve("x.fifo");
        NotifyFifo fifo = NotifyFifo.open(path, null, runner).get(5, TimeUnit.SECONDS);
        fifo.write(FifoLine.group("G", NotifyState.FAULT));
        assertEquals(1, fifo.stats().dropped());
        fifo.close();
    }

    private static String awaitLines(Path file, int n) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            if (Files.exists(file)) {
                String s = Files.readString(file);
                if (s.split("\n", -1).length > n) {
                    return s;
                }
            }
            Thread.sleep(10);
        }
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
