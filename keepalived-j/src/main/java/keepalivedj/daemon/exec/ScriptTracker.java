package keepalivedj.daemon.exec;

import java.util.Optional;

/**
 * The state of one vrrp_script as keepalived 2.2.7 keeps it (keepalived.md §c.4; vrrp_scheduler.c
 * vrrp_script_thread / vrrp_script_child_thread): when a run is due, whether the previous run is still going
 * ("already running": the run is skipped), and the rise/fall hysteresis over results. Pure: no clock (the time
 * is an argument), no threads, no processes; not thread-safe (one owner, {@link TrackScriptScheduler}). What a
 * status does to an instance is {@link #effect}.
 *
 * <p>The hysteresis is keepalived's counter {@code result} in {@code 0..rise+fall-1}; the script is OK while
 * {@code result >= rise}. It starts at {@code rise-1} (one success away from OK), or at 0 with
 * {@code init_fail}. From failed, {@code rise} consecutive successes make it OK; from fully OK, {@code fall}
 * consecutive failures make it failed; while still in its initial state, the first failure fails it at once.
 */
public final class ScriptTracker {

    /** What the tracked script currently says; INIT until its first result (unless init_fail). */
    public enum Status { INIT, OK, FAILED }

    /** What to do at a tick. */
    public enum Decision { RUN, ALREADY_RUNNING, NOT_DUE }

    /** A status change, to be applied to the instances that track the script. */
    public record Change(String script, Status from, Status to) {
    }

    /** A tracked script's contribution to one instance: priority delta, or FAULT for weight 0. */
    public record Effect(int priorityDelta, boolean fault) {
        public static final Effect NONE = new Effect(0, false);
    }

    private final String name;
    private final int rise;
    private final int fall;
    private final long intervalNanos;
    private int result;
    private Status status;
    private boolean running;
    private long nextDueNanos;

    /**
     * @param startNanos when the tracker starts; the first run is due then
     */
    public ScriptTracker(String name, int rise, int fall, boolean initFail, long intervalNanos, long startNanos) {
        if (rise < 1 || fall < 1 || intervalNanos <= 0) {
            throw new IllegalArgumentException("rise and fall must be >= 1 and the interval positive");
        }
        this.name = name;
        this.rise = rise;
        this.fall = fall;
        this.intervalNanos = intervalNanos;
        this.result = initFail ? 0 : rise - 1;
        this.status = initFail ? Status.FAILED : Status.INIT;
        this.nextDueNanos = startNanos;
    }

    public String name() {
        return name;
    }

    public Status status() {
        return status;
    }

    public boolean running() {
        return running;
    }

    /**
     * Called at each tick. A due run while the previous one is still going is skipped (and the next one is due an
     * interval later), as keepalived skips it with "already running".
     */
    public Decision tick(long nowNanos) {
        if (nowNanos - nextDueNanos < 0) {
            return Decision.NOT_DUE;
        }
        do {
            nextDueNanos += intervalNanos;
        } while (nowNanos - nextDueNanos >= 0);
        if (running) {
            return Decision.ALREADY_RUNNING;
        }
        running = true;
        return Decision.RUN;
    }

    /** The run started by the last RUN ended: {@code success} is exit 0 (a timeout or a signal is a failure). */
    public Optional<Change> finished(boolean success) {
        running = false;
        Status before = status;
        int max = rise + fall - 1;
        if (success) {
            if (result < rise - 1) {
                result++;
            } else {
                result = max;
                status = Status.OK;
            }
        } else {
            if (result > rise) {
                result--;
            } else if (result >= rise || status == Status.INIT) {
                result = 0;
                status = Status.FAILED;
            } else {
                result = 0;
            }
        }
        return before == status ? Optional.empty() : Optional.of(new Change(name, before, status));
    }

    /**
     * What a status does to a tracking instance (keepalived's process_script_update_priority): weight 0 means
     * FAULT while failed (while OK with reverse); a positive weight is added while OK (subtracted with reverse); a
     * negative weight is added while failed (subtracted, i.e. a positive amount, with reverse). A script still in
     * INIT has no effect yet (the instance's own start-up rules hold it back from MASTER meanwhile).
     */
    public static Effect effect(int weight, boolean reverse, Status status) {
        if (status == Status.INIT) {
            return Effect.NONE;
        }
        boolean ok = status == Status.OK;
        if (weight == 0) {
            return new Effect(0, reverse ? ok : !ok);
        }
        int signed = reverse ? -weight : weight;
        if (weight > 0) {
            return ok ? new Effect(signed, false) : Effect.NONE;
        }
        return ok ? Effect.NONE : new Effect(signed, false);
    }
}
