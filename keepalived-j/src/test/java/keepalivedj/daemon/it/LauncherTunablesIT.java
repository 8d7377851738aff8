package keepalivedj.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import keepalivedj.daemon.exec.TestScripts;
import keepalivedj.daemon.it.lab.Daemon;
import keepalivedj.daemon.it.lab.Implementation;
import keepalivedj.daemon.it.lab.KeepalivedConfig;
import keepalivedj.daemon.it.lab.Scratch;
import keepalivedj.daemon.it.lab.VrrpLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher turns glibc's rseq registration off for the daemon's JVM (appending to the operator's
 * GLIBC_TUNABLES and naming what it added, so scripts get the operator's value back), leaves an operator's own
 * rseq choice alone, and does nothing for a configuration check. A stand-in {@code java} under JAVA_HOME prints
 * the environment it was started with, so no JVM runs. End to end, a real daemon (root, a namespace lab) runs with
 * the tunable while its notify script sees the environment the daemon was started with.
 */
class LauncherTunablesIT {
    @TempDir
    Path dir;

    private String run(String glibcTunables, String... args) throws IOException, InterruptedException {
        TestScripts.script(Files.createDirectories(dir.resolve("jdk/bin")), "java",
                "echo \"${GLIBC_TUNABLES-unset}|${KEEPALIVEDJ_ADDED_GLIBC_TUNABLE-unset}\"");
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(SharedFiles.launcher().toString()),
                Arrays.stream(args)).toList()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        pb.environment().remove("GLIBC_TUNABLES");
        pb.environment().remove("KEEPALIVEDJ_ADDED_GLIBC_TUNABLE");
        if (glibcTunables != null) {
            pb.environment().put("GLIBC_TUNABLES", glibcTunables);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("launcher did not finish");
        }
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void daemonGetsRseqOffAndSaysWhatWasAdded() throws Exception {
        assertEquals("glibc.pthread.rseq=0|glibc.pthread.rseq=0", run(null, "-n"));
        assertEquals("glibc.malloc.arena_max=2:glibc.pthread.rseq=0|glibc.pthread.rseq=0",
                run("glibc.malloc.arena_max=2", "-n"));
    }

    @Test
    void operatorsOwnRseqChoiceWins() throws Exception {
        assertEquals("glibc.malloc.arena_max=2:glibc.pthread.rseq=1|unset",
                run("glibc.malloc.arena_max=2:glibc.pthread.rseq=1", "-n"));
    }

    @Test
    void configurationCheckIsLeftAlone() throws Exception {
        assertEquals("unset|unset", run(null, "-t", "-f", "/nonexistent.conf"));
        assertEquals("glibc.malloc.arena_max=2|unset", run("glibc.malloc.arena_max=2", "-t"));
    }

    @Test
    void runningDaemonHasTheTunableAndItsScriptsDoNot() throws Exception {
        Path scripts = Scratch.dir("kj-tunables-"); // the script runs as root: it writes beside itself
        try {
            Path env = scripts.resolve("env");
            Path script = TestScripts.script(scripts, "master.sh", "env > " + env + ".tmp && mv " + env + ".tmp "
                    + env);
            String conf = new KeepalivedConfig("h1").add(KeepalivedConfig.instance("VI_1").state("MASTER")
                    .priority(150).vip(VrrpLab.SUBNET + "100/24")).render()
                    .replace("vrrp_instance VI_1 {\n", "vrrp_instance VI_1 {\n    notify_master " + script + "\n");
            try (VrrpLab lab = VrrpLab.create(1);
                 Daemon d = lab.host("h1").start(Implementation.KEEPALIVED_J, conf)) {
                d.awaitLine("\\(VI_1\\) Entering MASTER STATE", 20_000);
                byte[] environ = Files.readAllBytes(Path.of("/proc/" + d.pid() + "/environ"));
                List<String> daemonEnv = List.of(new String(environ, StandardCharsets.UTF_8).split("\0"));
                // the daemon was started with this test's own environment: that is the operator's
                String operator = System.getenv("GLIBC_TUNABLES");
                assertTrue(operator == null || !operator.contains("glibc.pthread.rseq="), "this test's own "
                        + "GLIBC_TUNABLES already chooses rseq (" + operator + "): the launcher would add nothing");
                String expected = operator == null ? "glibc.pthread.rseq=0" : operator + ":glibc.pthread.rseq=0";
                assertEquals(List.of("GLIBC_TUNABLES=" + expected),
                        daemonEnv.stream().filter(v -> v.startsWith("GLIBC_TUNABLES=")).toList(), "the daemon's JVM");
                List<String> scriptEnv = TestScripts.awaitFile(env, Duration.ofSeconds(10))
                        .orElseThrow(() -> new AssertionError("notify_master did not run")).lines().toList();
                assertEquals(operator == null ? List.of() : List.of("GLIBC_TUNABLES=" + operator),
                        scriptEnv.stream().filter(v -> v.startsWith("GLIBC_TUNABLES=")
                                || v.startsWith("KEEPALIVEDJ_ADDED_GLIBC_TUNABLE=")).toList(),
                        "the notify script's: " + scriptEnv);
                assertTrue(scriptEnv.stream().anyMatch(v -> v.startsWith("PATH=")), "an environment: " + scriptEnv);
            }
        } finally {
            Scratch.delete(scripts);
        }
    }
}
