package keepalivedj.daemon.notify;

import static keepalivedj.daemon.exec.TestScripts.awaitFile;
import static keepalivedj.daemon.exec.TestScripts.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import keepalivedj.conf.Position;
import keepalivedj.conf.model.ScriptCommand;
import keepalivedj.conf.validate.ScriptSecurity.Verdict;
import keepalivedj.daemon.exec.ScriptRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real notify scripts through a real runner: arguments, order per instance, independence, timeouts. */
class NotifyDispatcherTest {
    @TempDir
    Path tmp;
    private final ScriptRunner runner = ScriptRunner.forThisProcess();

    @AfterEach
    void close() {
        runner.close();
    }

    /** A runnable verdict for a real script file, with configured arguments. */
    static Verdict run(Path script, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(script.toString());
        argv.addAll(List.of(args));
        return new Verdict(new ScriptCommand(String.join(" ", argv), argv, null, null,
                new Position("keepalived.conf", 9, 3)), true, script, 0, 0, null);
    }

    @Test
    void realScriptsReceiveKeepalivedsExactArguments() throws Exception {
        Path log = tmp.resolve("log");
        Path rec = script(tmp, "rec.sh", "log=\"$1\"; shift; echo \"$(basename \"$0\")|$*|$#\" >> \"$log\"");
        Path master = Files.copy(rec, tmp.resolve("master.sh"));
        Path notify = Files.copy(rec, tmp.resolve("notify.sh"));
        Path gnotify = Files.copy(rec, tmp.resolve("gnotify.sh"));
        NotifyDispatcher d = new NotifyDispatcher(runner, Duration.ofSeconds(10));

        d.instance("VI_1", new NotifyScripts(run(master, log.toString(), "two words"), null, null, null,
                run(notify, log.toString())), NotifyState.MASTER, 150);
        d.group("G1", new NotifyScripts(null, null, null, null, run(gnotify, log.toString())), NotifyState.FAULT);
        d.idleInstance("VI_1").get(10, TimeUnit.SECONDS);
        d.idleGroup("G1").get(10, TimeUnit.SECONDS);

        List<String> lines = Files.readAllLines(log);
        // Instance lines are in order; the group line may come anywhere (groups run independently).
        List<String> instance = new ArrayList<>(lines);
        instance.remove("gnotify.sh|GROUP G1 FAULT 0|4");
        assertEquals(List.of("master.sh|two words|1", "notify.sh|INSTANCE VI_1 MASTER 150|4"), instance);
        assertTrue(lines.contains("gnotify.sh|GROUP G1 FAULT 0|4"), lines.toString());
        assertEquals(3, d.stats().finished());
    }

    @Test
    void oneInstanceRunsItsNotificationsOneAtATimeInOrderWhileAnotherInstanceProceeds() throws Exception {
        Path log = tmp.resolve("vi1.log");
        Path gate = tmp.resolve("gate");
        Path vi2 = tmp.resolve("vi2.done");
        Path slow = script(tmp, "slow.sh", String.join("\n",
                "echo slow-start >> \"$1\"",
                "while [ ! -e \"$2\" ]; do sleep 0.02; done",
                "echo slow-end >> \"$1\""));
        Path rec = script(tmp, "rec.sh", "log=\"$1\"; shift; echo \"$*\" >> \"$log\"");
        Path mark = script(tmp, "mark.sh", "echo done > \"$1\"");
        NotifyDispatcher d = new NotifyDispatcher(runner, Duration.ofSeconds(20));
        NotifyScripts vi1 = new NotifyScripts(run(slow, log.toString(), gate.toString()),
                run(rec, log.toString(), "backup"), null, null, run(rec, log.toString()));

        d.instance("VI_1", vi1, NotifyState.MASTER, 100);
        d.instance("VI_1", vi1, NotifyState.BACKUP, 90);
        d.instance("VI_2", new NotifyScripts(run(mark, vi2.toString()), null, null, null, null),
                NotifyState.MASTER, 100);

        awaitFile(log, Duration.ofSeconds(10)).orElseThrow();
        d.idleInstance("VI_2").get(10, TimeUnit.SECONDS);
        assertTrue(Files.exists(vi2), "VI_2's notification ran while VI_1's first script was still running");
        assertEquals(List.of("slow-start"), Files.readAllLines(log), "nothing of VI_1 overtook its slow script");
        assertFalse(d.idleInstance("VI_1").isDone());

        Files.writeString(gate, "open");
        d.idleInstance("VI_1").get(10, TimeUnit.SECONDS);
        assertEquals(List.of("slow-start", "slow-end", "INSTANCE VI_1 MASTER 100", "backup",
                "INSTANCE VI_1 BACKUP 90"), Files.readAllLines(log));
    }

    @Test
    void aHungScriptIsKilledAtItsTimeoutAndTheNextNotificationThenRuns() throws Exception {
        Path log = tmp.resolve("log");
        Path hang = script(tmp, "hang.sh", "exec sleep 60");
        Path rec = script(tmp, "rec.sh", "echo \"$2\" >> \"$1\"");
        NotifyDispatcher d = new NotifyDispatcher(runner, Duration.ofSeconds(1));
        NotifyScripts s = new NotifyScripts(run(hang), run(rec, log.toString(), "backup ran"), null, null, null);

        long t0 = System.nanoTime();
        d.instance("VI_3", s, NotifyState.MASTER, 100);
        d.instance("VI_3", s, NotifyState.BACKUP, 100);
        d.idleInstance("VI_3").get(10, TimeUnit.SECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        assertEquals(List.of("backup ran"), Files.readAllLines(log));
        assertTrue(ms >= 900 && ms < 3500, "the hung script held the queue for its 1 s timeout, took " + ms);
        assertEquals(1, d.stats().timedOut());
    }

    @Test
    void stopNotificationsGetOneSecondWhateverTheDefaultTimeout() throws Exception {
        Path hang = script(tmp, "stop.sh", "exec sleep 60");
        NotifyDispatcher d = new NotifyDispatcher(runner, Duration.ofSeconds(60));

        long t0 = System.nanoTime();
        d.instance("VI_1", new NotifyScripts(null, null, null, run(hang), null), NotifyState.STOP, 100);
        d.idleAll().get(10, TimeUnit.SECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        assertTrue(ms >= 900 && ms < 3000, "took " + ms + " ms");
        assertEquals(1, d.stats().timedOut());
    }

    @Test
    void theCallerIsNeverDelayedBySlowScripts() throws Exception {
        Path hang = script(tmp, "hang.sh", "exec sleep 60");
        NotifyDispatcher d = new NotifyDispatcher(runner, Duration.ofMillis(300));
        NotifyScripts s = new NotifyScripts(run(hang), run(hang), run(hang), null, run(hang));
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            d.instance("VI_" + (i % 4), s, i % 2 == 0 ? NotifyState.MASTER : NotifyState.BACKUP, 100);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms < 500, "20 transitions took " + ms + " ms to hand over");
        assertEquals(40, d.stats().queued());
        d.idleAll().get(60, TimeUnit.SECONDS);
        assertEquals(40, d.stats().timedOut());
    }
}
