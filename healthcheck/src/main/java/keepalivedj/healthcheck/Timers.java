package keepalivedj.healthcheck;

/**
 * The thread that owns the health-check state: it runs timers and tasks one at a time, so state it owns needs no
 * locks. {@link keepalivedj.healthcheck.io.CheckLoop} is the production one; tests use a manual one.
 */
public interface Timers {

    /** Runs {@code task} on the owning thread after {@code delayNanos}; the handle cancels it. */
    Cancellable schedule(long delayNanos, Runnable task);

    /** Runs {@code task} on the owning thread as soon as possible; callable from any thread. */
    void execute(Runnable task);

    /** A scheduled task that has not run yet can be cancelled. */
    interface Cancellable {
        void cancel();
    }
}
