package keepalivedj.healthcheck.check;

import java.util.function.Consumer;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.healthcheck.Failure;
import keepalivedj.healthcheck.Probe;
import keepalivedj.healthcheck.ScriptExecutor;
import keepalivedj.healthcheck.Timers;

/**
 * MISC_CHECK: runs misc_path through the daemon's {@link ScriptExecutor} with misc_timeout and reads its exit
 * status as keepalived 2.2.7's check_misc.c does (keepalived.md §c.6): 0 up; 1 down; 2..255 down, or with
 * misc_dynamic up with weight status - 2; killed or timed out down.
 */
public final class MiscChecker implements Checker {
    private final CheckerSpec.MiscCheck spec;
    private final ScriptExecutor executor;
    private final Timers owner;

    /** @param owner the thread probes are delivered on */
    public MiscChecker(CheckerSpec.MiscCheck spec, ScriptExecutor executor, Timers owner) {
        this.spec = spec;
        this.executor = executor;
        this.owner = owner;
    }

    @Override
    public void attempt(Consumer<Probe> done) {
        try {
            executor.run(spec.miscPath(), spec.miscTimeoutMicros()).whenComplete((outcome, error) ->
                    owner.execute(() -> done.accept(error != null
                            ? Probe.failed(Failure.LOCAL_ERROR, "cannot run " + spec.miscPath().text() + ": " + error)
                            : judge(outcome, spec.miscDynamic()))));
        } catch (RuntimeException e) {
            owner.execute(() -> done.accept(Probe.failed(Failure.LOCAL_ERROR, "cannot run "
                    + spec.miscPath().text() + ": " + e)));
        }
    }

    /** The exit-status table of keepalived.md §c.6. */
    public static Probe judge(ScriptExecutor.Outcome o, boolean miscDynamic) {
        if (o.timedOut()) {
            return Probe.failed(Failure.SCRIPT_TIMED_OUT, "timed out");
        }
        int status = o.exitStatus();
        if (status == 0) {
            return Probe.success("exit 0");
        }
        if (status >= 2 && status <= 255 && miscDynamic) {
            return Probe.successWithWeight(status - 2, "exit " + status);
        }
        return Probe.failed(Failure.SCRIPT_FAILED, o.detail());
    }
}
