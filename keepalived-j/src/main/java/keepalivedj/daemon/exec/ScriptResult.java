package keepalivedj.daemon.exec;

import java.time.Duration;

/**
 * How one script run ended. A script killed at its timeout is {@link Outcome#TIMED_OUT} whatever it exited
 * with; otherwise {@code exitCode} is the status the JVM reports (128+N for death by signal N, which the JVM
 * cannot tell apart from {@code exit(128+N)}).
 *
 * @param detail for NOT_STARTED and REFUSED, why; otherwise null
 */
public record ScriptResult(Outcome outcome, int exitCode, Duration duration, String detail) {

    /** The ways a run can end. */
    public enum Outcome {
        /** The program ran and exited (or died of a signal nobody here sent). */
        EXITED,
        /** The program outlived its timeout and was signalled (SIGTERM, then SIGKILL after 2 s). */
        TIMED_OUT,
        /** No process could be created (or the runner was closed). */
        NOT_STARTED,
        /** ScriptSecurity refused the script (unsafe permissions, no user, not found): it was never run. */
        REFUSED
    }

    /** keepalived's notion of success for vrrp_script and MISC_CHECK: exited with 0 and not killed. */
    public boolean success() {
        return outcome == Outcome.EXITED && exitCode == 0;
    }

    static ScriptResult notStarted(String why) {
        return new ScriptResult(Outcome.NOT_STARTED, -1, Duration.ZERO, why);
    }

    static ScriptResult refused(String why) {
        return new ScriptResult(Outcome.REFUSED, -1, Duration.ZERO, why);
    }
}
