package keepalivedj.daemon.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import keepalivedj.conf.Diagnostic;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.conf.Position;
import keepalivedj.conf.model.ScriptCommand;
import keepalivedj.conf.validate.ScriptSecurity;
import keepalivedj.conf.validate.ScriptSecurity.ScriptUse;
import keepalivedj.conf.validate.ScriptSecurity.Settings;
import keepalivedj.conf.validate.ScriptSecurity.Verdict;
import keepalivedj.daemon.LabHost;
import keepalivedj.daemon.exec.ScriptResult.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ScriptSecurity's verdicts on this real machine, carried out by the runner: what it refuses never runs, and what
 * it allows runs as the user it chose (keepalived.md §c.5).
 */
class ScriptSecurityRunTest {
    @TempDir
    Path tmp;
    private final ScriptRunner runner = ScriptRunner.forThisProcess();

    @AfterEach
    void close() {
        runner.close();
    }

    /** This machine, except that the user keepalived_script does not exist (whatever the host has). */
    private static final HostEnvironment NO_KEEPALIVED_SCRIPT_USER = new LabHost(null) {
        @Override
        public OptionalInt userId(String user) {
            return user.equals("keepalived_script") ? OptionalInt.empty() : super.userId(user);
        }

        @Override
        public OptionalInt primaryGroupOf(String user) {
            return user.equals("keepalived_script") ? OptionalInt.empty() : super.primaryGroupOf(user);
        }
    };

    private static ScriptCommand command(Path script, String user, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of(script.toString()));
        argv.addAll(List.of(args));
        return new ScriptCommand(String.join(" ", argv), argv, user, null, new Position("keepalived.conf", 7, 5));
    }

    private static Verdict decide(ScriptUse use, Settings settings, Diagnostics d) {
        Map<ScriptCommand, Verdict> v = ScriptSecurity.check(List.of(use), settings, NO_KEEPALIVED_SCRIPT_USER, d);
        return v.get(use.script());
    }

    @Test
    void anInsecureRootScriptIsRefusedWithKeepalivedsMessageAndNeverRuns() throws Exception {
        Path open = Files.createDirectories(tmp.resolve("world-writable"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path marker = tmp.resolve("ran");
        Path s = TestScripts.script(open, "notify.sh", "touch \"$1\"");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Diagnostics d = new Diagnostics();

        Verdict v = decide(ScriptUse.notify(command(s, "root", marker.toString())), new Settings(null, null, true), d);
        ScriptResult r = runner.start(v, List.of(), Duration.ofSeconds(5)).result().get(5, TimeUnit.SECONDS);

        assertFalse(v.runnable());
        String messages = d.all().stream().map(Diagnostic::message).collect(Collectors.joining("\n"));
        assertTrue(messages.contains("Unsafe permissions found for script"), messages);
        assertEquals(Outcome.REFUSED, r.outcome());
        assertEquals("unsafe permissions", r.detail());
        assertFalse(Files.exists(marker), "the refused script must not have run");
        assertEquals(1, runner.stats().refused());
        assertEquals(0, runner.stats().started());
    }

    @Test
    void withScriptSecurityAndNoKeepalivedScriptUserAScriptWithoutAUserIsRemoved() throws Exception {
        Path marker = tmp.resolve("ran");
        Path s = TestScripts.script(tmp, "check.sh", "touch \"$1\"");
        Diagnostics d = new Diagnostics();

        Verdict v = decide(new ScriptUse(command(s, null, marker.toString()), "chk_web"),
                new Settings(null, null, true), d);
        ScriptResult r = runner.start(v, List.of(), Duration.ofSeconds(5)).result().get(5, TimeUnit.SECONDS);

        String messages = d.all().stream().map(Diagnostic::message).collect(Collectors.joining("\n"));
        assertTrue(messages.contains("Unable to set default user keepalived_script for script"), messages);
        assertTrue(messages.contains("Unable to set default user for vrrp script chk_web - removing"), messages);
        assertEquals(Outcome.REFUSED, r.outcome());
        assertFalse(Files.exists(marker));
    }

    @Test
    void aScriptWithUserNobodyRunsWithNobodysUid() throws Exception {
        Path outDir = TestScripts.sharedDir(tmp, "out");
        Path out = outDir.resolve("uid");
        Path s = TestScripts.script(tmp, "uid.sh", "id -u > \"$1\"");
        Diagnostics d = new Diagnostics();

        Verdict v = decide(ScriptUse.notify(command(s, "nobody", out.toString())), new Settings(null, null, true), d);
        ScriptResult r = runner.start(v, List.of(), Duration.ofSeconds(5)).result().get(5, TimeUnit.SECONDS);

        assertTrue(v.runnable(), d.render());
        assertEquals(0, r.exitCode());
        assertEquals(Integer.toString(v.uid()), Files.readString(out).trim());
        assertEquals("65534", Files.readString(out).trim());
    }
}
