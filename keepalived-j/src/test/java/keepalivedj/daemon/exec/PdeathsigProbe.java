package keepalivedj.daemon.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Run in a child JVM by {@link ScriptRunnerTest}: starts a long script through the runner, waits until it has
 * written its pid, then dies abruptly. The script must get SIGTERM (PR_SET_PDEATHSIG, as keepalived sets it).
 */
public final class PdeathsigProbe {
    private PdeathsigProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path script = Path.of(args[0]);
        Path pidFile = Path.of(args[1]);
        ScriptRunner runner = ScriptRunner.forThisProcess();
        runner.start(new ScriptLaunch("probe", List.of(script.toString(), pidFile.toString()), 0, 0, null));
        if (TestScripts.awaitFile(pidFile, Duration.ofSeconds(20)).isEmpty()) {
            Runtime.getRuntime().halt(2);
        }
        Runtime.getRuntime().halt(0);
    }
}
