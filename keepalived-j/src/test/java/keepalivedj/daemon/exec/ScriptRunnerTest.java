package keepalivedj.daemon.exec;

import static keepalivedj.daemon.exec.TestScripts.awaitFile;
import static keepalivedj.daemon.exec.TestScripts.awaitGone;
import static keepalivedj.daemon.exec.TestScripts.script;
import static keepalivedj.daemon.exec.TestScripts.sharedDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import keepalivedj.conf.model.ScriptCommand;
import keepalivedj.conf.validate.ScriptSecurity.Verdict;
import keepalivedj.daemon.exec.ScriptResult.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptRunnerTest {
    private static final int NOBODY = 65534;
    private static final int NOGROUP = 65534;

    @TempDir
    Path tmp;
    private ScriptRunner runner;

    @BeforeEach
    void setUp() {
        runner = ScriptRunner.forThisProcess();
    }

    @AfterEach
    void tearDown() {
        runner.close();
    }

    private static Verdict verdict(Path program, int uid, int gid, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = program.toString();
        System.arraycopy(args, 0, argv, 1, args.length);
        ScriptCommand c = TestScripts.command(argv);
        return new Verdict(c, true, program, uid, gid, null);
    }

    private ScriptResult await(Execution e) throws Exception {
        return e.result().get(20, TimeUnit.SECONDS);
    }

    @Test
    void theProgramSeesItsArgumentsExactlyWithoutAShell() throws Exception {
        Path out = tmp.resolve("args");
        Path s = script(tmp, "args.sh", "for a in \"$0\" \"$@\"; do printf '[%s]\\n' \"$a\"; done > \"$1\"");
        List<String> odd = List.of("with space", "it's \"q\"", "", "$HOME", "*", "a\\b");
        String[] args = new String[odd.size() + 1];
        args[0] = out.toString();
        for (int i = 0; i < odd.size(); i++) {
            args[i + 1] = odd.get(i);
        }
        ScriptResult r = await(runner.start(verdict(s, 0, 0, args), List.of("INSTANCE", "VI_1", "MASTER", "100"),
                Duration.ofSeconds(10)));

        assertEquals(Outcome.EXITED, r.outcome());
        assertEquals(0, r.exitCode());
        StringBuilder expected = new StringBuilder("[" + s + "]\n[" + out + "]\n");
        for (String a : odd) {
            expected.append('[').append(a).append("]\n");
        }
        expected.append("[INSTANCE]\n[VI_1]\n[MASTER]\n[100]\n");
        assertEquals(expected.toString(), Files.readString(out));
    }

    @Test
    void theExitCodeIsReported() throws Exception {
        Path s = script(tmp, "three.sh", "exit 3");
        ScriptResult r = await(runner.start(verdict(s, 0, 0), List.of(), null));
        assertEquals(Outcome.EXITED, r.outcome());
        assertEquals(3, r.exitCode());
        assertFalse(r.success());
    }

    @Test
    void aScriptUserScriptRunsWithThatUidItsOwnProcessGroupAndStdioOnDevNull() throws Exception {
        Path outDir = sharedDir(tmp, "out");
        Path out = outDir.resolve("who");
        Path s = script(tmp, "who.sh", String.join("\n",
                "fds=\"$(readlink /proc/$$/fd/0) $(readlink /proc/$$/fd/1) $(readlink /proc/$$/fd/2)\"",
                "{ id -u; id -g; id -G; echo $$; ps -o pgid= -p $$ | tr -d ' ';",
                "  echo $fds | tr ' ' '\\n'; pwd; } > \"$1.tmp\" && mv \"$1.tmp\" \"$1\""));
        Execution e = runner.start(verdict(s, NOBODY, NOGROUP, out.toString()), List.of(), Duration.ofSeconds(10));
        ScriptResult r = await(e);

        assertEquals(0, r.exitCode(), "script failed");
        List<String> lines = Files.readAllLines(out);
        assertEquals(List.of(Integer.toString(NOBODY), Integer.toString(NOGROUP), Integer.toString(NOGROUP)),
                lines.subList(0, 3), "uid, gid, groups (supplementary groups cleared)");
        assertEquals(Long.toString(e.pid()), lines.get(3), "the pid the runner reports is the script's");
        assertEquals(lines.get(3), lines.get(4), "the script leads its own process group");
        assertEquals(List.of("/dev/null", "/dev/null", "/dev/null"), lines.subList(5, 8));
        assertEquals("/", lines.get(8));
    }

    @Test
    void theEnvironmentIsInheritedUnchanged() throws Exception {
        Path out = tmp.resolve("env");
        Path s = script(tmp, "env.sh", "env -0 > \"$1\"");
        assertEquals(0, await(runner.start(verdict(s, 0, 0, out.toString()), List.of(), null)).exitCode());

        Map<String, String> seen = new HashMap<>();
        for (String kv : Files.readString(out).split("\0")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                seen.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        for (Map.Entry<String, String> kv : System.getenv().entrySet()) {
            if (!kv.getKey().equals("PWD") && !kv.getKey().equals("OLDPWD") && !kv.getKey().equals("_")) {
                assertEquals(kv.getValue(), seen.get(kv.getKey()), "variable " + kv.getKey());
            }
        }
        assertTrue(seen.size() >= System.getenv().size() - 3, "no variables were dropped: " + seen.keySet());
    }

    @Test
    void aHangingScriptAndItsChildAreKilledAtTheTimeoutEvenIfTheyIgnoreSigterm() throws Exception {
        Path pids = tmp.resolve("pids");
        // Both the shell and its child ignore SIGTERM (an ignored signal stays ignored across exec),
        // so only the SIGKILL to the process group 2 s after the timeout ends them.
        Path s = script(tmp, "hang.sh", String.join("\n",
                "trap '' TERM",
                "sleep 60 &",
                "echo $$ $! > \"$1.tmp\"; mv \"$1.tmp\" \"$1\"",
                "wait"));
        long t0 = System.nanoTime();
        Execution e = runner.start(verdict(s, 0, 0, pids.toString()), List.of(), Duration.ofSeconds(1));
        String[] both = awaitFile(pids, Duration.ofSeconds(5)).orElseThrow().trim().split(" ");
        ScriptResult r = await(e);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        assertEquals(Outcome.TIMED_OUT, r.outcome());
        assertTrue(elapsedMs >= 2900 && elapsedMs < 6000, "killed at timeout + 2 s, took " + elapsedMs + " ms");
        assertTrue(awaitGone(Long.parseLong(both[0]), Duration.ofSeconds(3)), "script gone");
        assertTrue(awaitGone(Long.parseLong(both[1]), Duration.ofSeconds(3)), "child gone: " + Arrays.toString(both));
        assertEquals(1, runner.stats().timedOut());
    }

    @Test
    void sigtermAtTheTimeoutReachesAForegroundChildSoTheScriptEndsAtOnce() throws Exception {
        Path pids = tmp.resolve("pids");
        // The commons-exec watchdog would signal only the shell, which cannot act until `sleep 60` ends.
        Path s = script(tmp, "fg.sh", String.join("\n",
                "trap 'exit 7' TERM",
                "echo $$ > \"$1.tmp\"; mv \"$1.tmp\" \"$1\"",
                "sleep 60"));
        long t0 = System.nanoTime();
        ScriptResult r = await(runner.start(verdict(s, 0, 0, pids.toString()), List.of(), Duration.ofMillis(500)));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        assertEquals(Outcome.TIMED_OUT, r.outcome());
        assertEquals(7, r.exitCode(), "the script's TERM trap ran");
        assertTrue(elapsedMs < 2000, "ended soon after the 0.5 s timeout, took " + elapsedMs + " ms");
        String pid = Files.readString(pids).trim();
        assertTrue(awaitGone(Long.parseLong(pid), Duration.ofSeconds(2)));
    }

    @Test
    void aBackgroundChildHoldingNoPipeDoesNotDelayTheResult() throws Exception {
        Path s = script(tmp, "bg.sh", "sleep 30 &\necho $! > \"$1\"\nexit 0");
        Path pid = tmp.resolve("bgpid");
        long t0 = System.nanoTime();
        ScriptResult r = await(runner.start(verdict(s, 0, 0, pid.toString()), List.of(), null));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(0, r.exitCode());
        assertTrue(elapsedMs < 2000, "took " + elapsedMs + " ms");
        new ProcessBuilder("kill", Files.readString(pid).trim()).start().waitFor();
    }

    @Test
    void startReturnsAtOnceWhileTheScriptRuns() throws Exception {
        Path gate = tmp.resolve("gate");
        Path s = script(tmp, "wait.sh", "while [ ! -e \"$1\" ]; do sleep 0.02; done");
        Files.writeString(tmp.resolve("warm"), "");
        await(runner.start(verdict(s, 0, 0, tmp.resolve("warm").toString()), List.of(), null)); // JVM warm-up
        long t0 = System.nanoTime();
        Execution e = runner.start(verdict(s, 0, 0, gate.toString()), List.of(), Duration.ofSeconds(20));
        long callMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(callMs < 200, "start() took " + callMs + " ms");
        assertFalse(e.result().isDone());
        Files.writeString(gate, "go");
        assertEquals(0, await(e).exitCode());
    }

    @Test
    void terminateStopsALongRunningScriptAndIsNotATimeout() throws Exception {
        Path started = tmp.resolve("started");
        Path s = script(tmp, "long.sh", "echo up > \"$1\"\nexec sleep 60");
        Execution e = runner.start(verdict(s, 0, 0, started.toString()), List.of(), null);
        awaitFile(started, Duration.ofSeconds(5)).orElseThrow();
        e.terminate();
        ScriptResult r = await(e);
        assertEquals(Outcome.EXITED, r.outcome());
        assertEquals(128 + 15, r.exitCode(), "died of SIGTERM");
    }

    @Test
    void aProgramThatVanishedAfterTheChecksFailsWith127AndNoException() throws Exception {
        Path s = script(tmp, "gone.sh", "exit 0");
        Verdict v = verdict(s, 0, 0);
        Files.delete(s);
        ScriptResult r = await(runner.start(v, List.of(), null));
        assertEquals(Outcome.EXITED, r.outcome());
        assertEquals(127, r.exitCode(), "exec failure status");
    }

    @Test
    void aClosedRunnerAnswersNotStarted() throws Exception {
        Path s = script(tmp, "ok.sh", "exit 0");
        runner.close();
        ScriptResult r = await(runner.start(verdict(s, 0, 0), List.of(), null));
        assertEquals(Outcome.NOT_STARTED, r.outcome());
        assertEquals(1, runner.stats().notStarted());
    }

    @Test
    void theWrappersChangeCredentialsOnlyForAnotherUser() {
        try (ScriptRunner r = new ScriptRunner(1, System::nanoTime, 0, 0)) {
            ScriptLaunch own = new ScriptLaunch("x", List.of("/x", "a b"), 0, 0, null);
            ScriptLaunch other = new ScriptLaunch("x", List.of("/x", "a b"), NOBODY, NOGROUP, null);
            assertEquals(List.of("/usr/bin/setsid", "/usr/bin/setpriv", "--pdeathsig", "TERM", "--", "/x", "a b"),
                    r.commandLine(own));
            assertEquals(List.of("/usr/bin/setsid", "/usr/bin/setpriv", "--pdeathsig", "TERM", "--regid=65534",
                    "--reuid=65534", "--clear-groups", "--", "/x", "a b"), r.commandLine(other));
        }
    }

    @Test
    void ownIdsComeFromProcStatus() throws Exception {
        Path status = tmp.resolve("status");
        Files.writeString(status, "Name:\tjava\nUid:\t1000\t1000\t1000\t1000\nGid:\t1001\t1001\t1001\t1001\n");
        assertEquals(List.of(1000, 1001), Arrays.stream(ScriptRunner.ownIds(status)).boxed().toList());
    }

    @Test
    void aScriptGetsSigtermWhenTheDaemonDies() throws Exception {
        Path pidFile = tmp.resolve("pid");
        Path s = script(tmp, "orphan.sh", "echo $$ > \"$1.tmp\"; mv \"$1.tmp\" \"$1\"\nexec sleep 60");
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PdeathsigProbe.class.getName(), s.toString(),
                pidFile.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(probe.waitFor(30, TimeUnit.SECONDS), "probe JVM ended");
        assertEquals(0, probe.exitValue(), "the probe saw its script start");

        long pid = Long.parseLong(Files.readString(pidFile).trim());
        assertTrue(awaitGone(pid, Duration.ofSeconds(5)), "the script outlived the JVM that started it");
    }

    /** What the launcher added for the JVM is taken out of a script's environment, and only that. */
    @Test
    void scriptsGetTheOperatorsGlibcTunablesBack() {
        Map<String, String> none = new HashMap<>(Map.of("GLIBC_TUNABLES", "glibc.pthread.rseq=0",
                ScriptRunner.ADDED_TUNABLE, "glibc.pthread.rseq=0", "PATH", "/bin"));
        ScriptRunner.withoutLauncherTunable(none);
        assertEquals(Map.of("PATH", "/bin"), none, "the operator had no GLIBC_TUNABLES");

        Map<String, String> own = new HashMap<>(Map.of(
                "GLIBC_TUNABLES", "glibc.malloc.arena_max=2:glibc.pthread.rseq=0",
                ScriptRunner.ADDED_TUNABLE, "glibc.pthread.rseq=0"));
        ScriptRunner.withoutLauncherTunable(own);
        assertEquals(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2"), own, "the operator's own tunables stay");

        // the launcher left an operator's rseq choice alone and set no marker: nothing to undo
        Map<String, String> chosen = new HashMap<>(Map.of("GLIBC_TUNABLES", "glibc.pthread.rseq=1"));
        ScriptRunner.withoutLauncherTunable(chosen);
        assertEquals(Map.of("GLIBC_TUNABLES", "glibc.pthread.rseq=1"), chosen);

        // a marker whose tunable is no longer at the end (someone changed the variable since): only the marker goes
        Map<String, String> changed = new HashMap<>(Map.of(
                "GLIBC_TUNABLES", "glibc.pthread.rseq=0:glibc.malloc.tcache_count=0",
                ScriptRunner.ADDED_TUNABLE, "glibc.pthread.rseq=0"));
        ScriptRunner.withoutLauncherTunable(changed);
        assertEquals(Map.of("GLIBC_TUNABLES", "glibc.pthread.rseq=0:glibc.malloc.tcache_count=0"), changed);
    }
}
