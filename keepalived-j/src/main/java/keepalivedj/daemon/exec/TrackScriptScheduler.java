package keepalivedj.daemon.exec;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs one vrrp_script every {@code interval} through {@link ScriptRunner} and feeds the results to its
 * {@link ScriptTracker}; status changes go to a listener. It never blocks: ticks come from a shared scheduler,
 * runs from the runner's threads. The listener is called on a runner thread, so the daemon should hand the
 * change to its VRRP event loop rather than act in the callback. It does not know instances or weights.
 */
public final class TrackScriptScheduler implements AutoCloseable {
    private static final Logger LOG = System.getLogger("keepalivedj.daemon.exec");

    private final ScriptTracker tracker;
    private final ScriptLaunch launch;
    private final ScriptRunner runner;
    private final LongSupplier nanoTime;
    private final Consumer<ScriptTracker.Change> listener;
    private final AtomicLong skipped = new AtomicLong();
    private final ScheduledFuture<?> ticks;

    /**
     * Starts ticking at once (the first run is due immediately).
     *
     * @param launch   the script with its timeout (vrrp_script {@code timeout}, defaulting to the interval)
     * @param ticker   the scheduler that drives ticks (shared by all tracked scripts)
     * @param tickEvery how often to ask the tracker whether a run is due (the interval, or finer)
     */
    public TrackScriptScheduler(ScriptTracker tracker, ScriptLaunch launch, ScriptRunner runner,
                                ScheduledExecutorService ticker, Duration tickEvery, LongSupplier nanoTime,
                                Consumer<ScriptTracker.Change> listener) {
        this.tracker = tracker;
        this.launch = launch;
        this.runner = runner;
        this.nanoTime = nanoTime;
        this.listener = listener;
        this.ticks = ticker.scheduleAtFixedRate(this::tick, 0, tickEvery.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs skipped because the previous run was still going. */
    public long skipped() {
        return skipped.get();
    }

    public ScriptTracker.Status status() {
        synchronized (tracker) {
            return tracker.status();
        }
    }

    private void tick() {
        ScriptTracker.Decision d;
        synchronized (tracker) {
            d = tracker.tick(nanoTime.getAsLong());
        }
        if (d == ScriptTracker.Decision.ALREADY_RUNNING) {
            skipped.incrementAndGet();
            LOG.log(Level.INFO, "Track script {0} is already running, expect idle - skipping run", tracker.name());
        } else if (d == ScriptTracker.Decision.RUN) {
            runner.start(launch).result().thenAccept(this::finished);
        }
    }

    private void finished(ScriptResult r) {
        java.util.Optional<ScriptTracker.Change> change;
        synchronized (tracker) {
            change = tracker.finished(r.success());
        }
        change.ifPresent(c -> {
            LOG.log(Level.INFO, "VRRP_Script({0}) {1}", c.script(), c.to() == ScriptTracker.Status.OK
                    ? "succeeded" : "failed");
            try {
                listener.accept(c);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "Track script {0}: listener failed: {1}", c.script(), e.toString());
            }
        });
    }

    @Override
    public void close() {
        ticks.cancel(false);
    }
}
