package keepalivedj.healthcheck.check;

import java.io.File;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import keepalivedj.conf.model.ScriptCommand;
import keepalivedj.healthcheck.ScriptExecutor;

/**
 * Test-scope {@link ScriptExecutor} running real processes with ProcessBuilder (the daemon's ScriptRunner is the
 * production one). user/group are not applied: tests run the script as themselves.
 */
final class ProcessScriptExecutor implements ScriptExecutor {
    @Override
    public CompletionStage<Outcome> run(ScriptCommand command, long timeoutMicros) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Process p = new ProcessBuilder(command.argv()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null"))).start();
                if (!p.waitFor(timeoutMicros, TimeUnit.MICROSECONDS)) {
                    p.destroyForcibly().waitFor();
                    return Outcome.killedAtTimeout();
                }
                return Outcome.exited(p.exitValue());
            } catch (Exception e) {
                return Outcome.failed("cannot execute: " + e.getMessage());
            }
        });
    }
}
