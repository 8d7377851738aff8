package keepalivedj.daemon.exec;

import java.util.concurrent.CompletableFuture;

/**
 * A script run that {@link ScriptRunner} has accepted: its result, once it ends, and a way to stop it early (a
 * notify_fifo_script on reload or stop). Not a process object: the pid is only for logs and tests.
 */
public final class Execution {
    private final ScriptLaunch launch;
    private final CompletableFuture<ScriptResult> result = new CompletableFuture<>();
    private final ScriptRunner runner;
    private volatile long pid = -1;
    private volatile boolean terminateRequested;
    private volatile boolean signalled;
    private volatile boolean timedOut;

    Execution(ScriptLaunch launch, ScriptRunner runner) {
        this.launch = launch;
        this.runner = runner;
    }

    public ScriptLaunch launch() {
        return launch;
    }

    /** Completes when the run ends, never exceptionally; callbacks must not block (they may run on a runner thread). */
    public CompletableFuture<ScriptResult> result() {
        return result;
    }

    /** The script's pid, which is also its process group id; -1 before it started or if it never did. */
    public long pid() {
        return pid;
    }

    /** SIGTERM to the script's process group now, SIGKILL 2 s later; a no-op once it has ended. */
    public void terminate() {
        terminateRequested = true;
        long p = pid;
        if (p > 0 && !result.isDone()) {
            runner.terminate(this, p);
        }
    }

    void started(long processId) {
        pid = processId;
    }

    boolean terminateRequested() {
        return terminateRequested;
    }

    /** True once the runner has sent the group SIGTERM (at the timeout or on {@link #terminate()}). */
    boolean markSignalled() {
        boolean first = !signalled;
        signalled = true;
        return first;
    }

    void markTimedOut() {
        timedOut = true;
    }

    boolean timedOut() {
        return timedOut;
    }

    void complete(ScriptResult r) {
        result.complete(r);
    }
}
