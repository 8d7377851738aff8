package keepalivedj.daemon.exec;

import static keepalivedj.daemon.exec.TestScripts.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import keepalivedj.daemon.exec.ScriptTracker.Change;
import keepalivedj.daemon.exec.ScriptTracker.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real vrrp_script-like check run periodically through the runner. */
class TrackScriptSchedulerTest {
    @TempDir
    Path tmp;
    private final ScriptRunner runner = ScriptRunner.forThisProcess();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void close() {
        ticker.shutdownNow();
        runner.close();
    }

    @Test
    void statusFollowsTheScriptWithRiseAndFall() throws Exception {
        Path up = tmp.resolve("up");
        Files.writeString(up, "");
        Path check = script(tmp, "check.sh", "[ -e \"$1\" ]");
        long interval = TimeUnit.MILLISECONDS.toNanos(50);
        ScriptTracker tracker = new ScriptTracker("chk_up", 2, 2, false, interval, System.nanoTime());
        ScriptLaunch launch = new ScriptLaunch("check.sh", List.of(check.toString(), up.toString()), 0, 0,
                Duration.ofSeconds(5));
        BlockingQueue<Change> changes = new LinkedBlockingQueue<>();

        try (TrackScriptScheduler s = new TrackScriptScheduler(tracker, launch, runner, ticker, Duration.ofMillis(10),
                System::nanoTime, changes::add)) {
            assertEquals(new Change("chk_up", Status.INIT, Status.OK), changes.poll(10, TimeUnit.SECONDS));
            Files.delete(up);
            assertEquals(new Change("chk_up", Status.OK, Status.FAILED), changes.poll(10, TimeUnit.SECONDS));
            Files.writeString(up, "");
            assertEquals(new Change("chk_up", Status.FAILED, Status.OK), changes.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aRunStillGoingWhenTheNextIsDueIsSkippedAndAHungRunFailsAtItsTimeout() throws Exception {
        Path hang = script(tmp, "hang.sh", "exec sleep 60");
        long interval = TimeUnit.MILLISECONDS.toNanos(100);
        ScriptTracker tracker = new ScriptTracker("chk_hang", 1, 1, false, interval, System.nanoTime());
        ScriptLaunch launch = new ScriptLaunch("hang.sh", List.of(hang.toString()), 0, 0, Duration.ofMillis(500));
        BlockingQueue<Change> changes = new LinkedBlockingQueue<>();

        try (TrackScriptScheduler s = new TrackScriptScheduler(tracker, launch, runner, ticker, Duration.ofMillis(20),
                System::nanoTime, changes::add)) {
            assertEquals(new Change("chk_hang", Status.INIT, Status.FAILED), changes.poll(10, TimeUnit.SECONDS));
            assertTrue(s.skipped() >= 2, "runs due during the 0.5 s hang were skipped: " + s.skipped());
        }
        assertTrue(runner.stats().timedOut() >= 1, "the hung run was killed at its timeout");
    }
}
