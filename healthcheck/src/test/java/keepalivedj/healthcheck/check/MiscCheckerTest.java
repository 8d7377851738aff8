package keepalivedj.healthcheck.check;

import static keepalivedj.healthcheck.check.CheckerHarness.attempt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.conf.model.CheckerTiming;
import keepalivedj.conf.model.ScriptCommand;
import keepalivedj.healthcheck.Failure;
import keepalivedj.healthcheck.Probe;
import keepalivedj.healthcheck.ScriptExecutor;
import keepalivedj.healthcheck.SystemTicker;
import keepalivedj.healthcheck.io.CheckLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MiscCheckerTest {
    private final CheckLoop loop = new CheckLoop(new SystemTicker(), "hc-test");
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        loop.close();
    }

    private MiscChecker misc(String body, boolean dynamic, long timeoutMicros) throws Exception {
        Path script = dir.resolve("check.sh");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        CheckerSpec.MiscCheck spec = new CheckerSpec.MiscCheck(new CheckerTiming(0, 1, 0, 5_000_000, false, false),
                new ScriptCommand(script + " arg", List.of(script.toString(), "arg"), null, null, null),
                timeoutMicros, dynamic, null);
        return new MiscChecker(spec, new ProcessScriptExecutor(), loop);
    }

    @Test
    @DisplayName("exit 0 is up; exit 1 is down; argv reaches the script")
    void exitCodes() throws Exception {
        assertTrue(attempt(misc("[ \"$1\" = arg ] && exit 0; exit 1", false, 5_000_000)).up());
        Probe p = attempt(misc("exit 1", true, 5_000_000));
        assertEquals(Failure.SCRIPT_FAILED, p.failure());
    }

    @Test
    @DisplayName("exit 2..255: down without misc_dynamic, up with weight status-2 with it")
    void dynamic() throws Exception {
        assertEquals(Failure.SCRIPT_FAILED, attempt(misc("exit 7", false, 5_000_000)).failure());
        Probe p = attempt(misc("exit 7", true, 5_000_000));
        assertTrue(p.up());
        assertEquals(5, p.dynamicWeight());
        assertEquals(0, attempt(misc("exit 2", true, 5_000_000)).dynamicWeight());
        assertNull(attempt(misc("exit 0", true, 5_000_000)).dynamicWeight());
    }

    @Test
    @DisplayName("a script running past misc_timeout is killed and fails as timed out")
    void timeout() throws Exception {
        assertEquals(Failure.SCRIPT_TIMED_OUT, attempt(misc("sleep 10", false, 200_000)).failure());
    }

    @Test
    @DisplayName("the exit-status table, including a signal death")
    void table() {
        assertEquals(Failure.SCRIPT_FAILED, MiscChecker.judge(ScriptExecutor.Outcome.failed("killed by signal 9"),
                true).failure());
        assertEquals(253, MiscChecker.judge(ScriptExecutor.Outcome.exited(255), true).dynamicWeight());
    }
}
