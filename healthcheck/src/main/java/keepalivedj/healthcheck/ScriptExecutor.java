package keepalivedj.healthcheck;

import java.util.concurrent.CompletionStage;
import keepalivedj.conf.model.ScriptCommand;

/**
 * Runs a program for MISC_CHECK. The daemon implements it with its single process-creating class
 * ({@code keepalivedj.daemon.exec.ScriptRunner}), so MISC_CHECK scripts run exactly like the VRRP scripts: as the
 * command's user/group (else script_user), in their own process group, SIGTERM at the timeout and SIGKILL 2 s later
 * (keepalived.md §c.2, §c.6). healthcheck never creates processes itself.
 */
public interface ScriptExecutor {

    /** Starts {@code command}; never blocks. The stage completes with how it ended. */
    CompletionStage<Outcome> run(ScriptCommand command, long timeoutMicros);

    /**
     * How a script ended.
     *
     * @param exitStatus 0..255 when it exited, -1 when it was killed or could not start
     * @param timedOut   it ran past the timeout and was killed
     * @param detail     e.g. "exit 1", "killed by signal 9", "cannot execute: ..."
     */
    record Outcome(int exitStatus, boolean timedOut, String detail) {
        public static Outcome exited(int status) {
            return new Outcome(status, false, "exit " + status);
        }

        public static Outcome killedAtTimeout() {
            return new Outcome(-1, true, "timed out");
        }

        public static Outcome failed(String detail) {
            return new Outcome(-1, false, detail);
        }
    }
}
