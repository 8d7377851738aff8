package keepalivedj.daemon.lvs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import keepalivedj.conf.model.ScriptCommand;
import keepalivedj.conf.validate.ScriptSecurity;
import keepalivedj.daemon.exec.ScriptResult;
import keepalivedj.daemon.exec.ScriptRunner;
import keepalivedj.healthcheck.ScriptExecutor;

/**
 * MISC_CHECK (and the checker's notify scripts) through the daemon's {@link ScriptRunner}, with the verdicts
 * ScriptSecurity gave at load. A status above 128 is how the JVM reports death by signal N (128+N); keepalived
 * treats a script killed by a signal as failed, never as a misc_dynamic weight, so such a status is a failure here.
 */
public final class MiscScripts implements ScriptExecutor {
    private final ScriptRunner runner;
    private final Map<ScriptCommand, ScriptSecurity.Verdict> verdicts;

    public MiscScripts(ScriptRunner runner, Map<ScriptCommand, ScriptSecurity.Verdict> verdicts) {
        this.runner = runner;
        this.verdicts = verdicts;
    }

    /** The verdict for this command: by identity as the loader keyed it, else an equal command's. */
    static ScriptSecurity.Verdict verdict(Map<ScriptCommand, ScriptSecurity.Verdict> verdicts, ScriptCommand c) {
        ScriptSecurity.Verdict v = verdicts.get(c);
        if (v != null) {
            return v;
        }
        for (Map.Entry<ScriptCommand, ScriptSecurity.Verdict> e : verdicts.entrySet()) {
            if (e.getKey().text().equals(c.text()) && java.util.Objects.equals(e.getKey().user(), c.user())
                    && java.util.Objects.equals(e.getKey().group(), c.group())) {
                return e.getValue();
            }
        }
        return null;
    }

    @Override
    public CompletionStage<Outcome> run(ScriptCommand command, long timeoutMicros) {
        ScriptSecurity.Verdict v = verdict(verdicts, command);
        if (v == null) {
            return CompletableFuture.completedFuture(Outcome.failed("no script-security verdict for "
                    + command.text()));
        }
        Duration timeout = timeoutMicros > 0 ? Duration.ofNanos(timeoutMicros * 1000) : null;
        return runner.start(v, List.of(), timeout).result().thenApply(MiscScripts::outcome);
    }

    static Outcome outcome(ScriptResult r) {
        switch (r.outcome()) {
            case TIMED_OUT:
                return Outcome.killedAtTimeout();
            case EXITED:
                if (r.exitCode() > 128) {
                    return Outcome.failed("killed by signal " + (r.exitCode() - 128) + " (status " + r.exitCode()
                            + ")");
                }
                return Outcome.exited(r.exitCode());
            default:
                return Outcome.failed(r.outcome() + (r.detail() != null ? ": " + r.detail() : ""));
        }
    }
}
