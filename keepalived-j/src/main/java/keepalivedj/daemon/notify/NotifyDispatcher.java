package keepalivedj.daemon.notify;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import keepalivedj.conf.validate.ScriptSecurity.Verdict;
import keepalivedj.daemon.exec.ScriptLaunch;
import keepalivedj.daemon.exec.ScriptResult;
import keepalivedj.daemon.exec.ScriptRunner;

/**
 * Carries out the notifications of VRRP state changes: the notify scripts (through {@link ScriptRunner}) and the
 * FIFO lines. It does not decide when a transition happens (the state machine does) nor send mail
 * ({@code SmtpAlerter}).
 *
 * <p>Unlike keepalived, which starts every notify script at once and lets them race (its issues #584, #996,
 * #1055), scripts of one instance (or one sync group) run <em>one at a time in transition order</em>: notify_STATE,
 * then notify, then the next transition's scripts. Each is bounded by its timeout (SIGTERM to its process group,
 * SIGKILL 2 s later; STOP scripts get 1 s), so a hung script delays only the later notifications of its own
 * instance. Different instances and groups never wait for each other. FIFO lines are written at once, in call
 * order, and never wait for scripts. All methods return at once; call them from the VRRP event loop.
 */
public final class NotifyDispatcher {
    private static final Logger LOG = System.getLogger("keepalivedj.daemon.notify");
    private static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);

    private final ScriptRunner runner;
    private volatile Duration scriptTimeout;
    private final FifoFanOut fifos = new FifoFanOut();
    private final Map<String, CompletableFuture<Void>> tails = new HashMap<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();

    /** Scripts queued, finished (any outcome), exited non-zero or not started, killed at their timeout. */
    public record Stats(long queued, long finished, long failed, long timedOut) {
    }

    /**
     * @param scriptTimeout bound for each notify script except STOP ones (which get 1 s); keepalived has none,
     *                      but serialising needs one so a hung script cannot hold its instance's queue forever
     */
    public NotifyDispatcher(ScriptRunner runner, Duration scriptTimeout) {
        this.runner = runner;
        this.scriptTimeout = scriptTimeout;
    }

    /** Changes the bound for notify scripts queued from now on (global_defs notify_script_timeout, on reload). */
    public void scriptTimeout(Duration timeout) {
        this.scriptTimeout = java.util.Objects.requireNonNull(timeout);
    }

    /** The bound for each (non-STOP) notify script. */
    public Duration scriptTimeout() {
        return scriptTimeout;
    }

    /** The VRRP FIFOs (notify_fifo and vrrp_notify_fifo): every line goes to each. */
    public FifoFanOut fifos() {
        return fifos;
    }

    /** Adds a FIFO that receives every VRRP line (notify_fifo and vrrp_notify_fifo). */
    public void addFifo(NotifyFifo fifo) {
        fifos.add(fifo);
    }

    public void removeFifo(NotifyFifo fifo) {
        fifos.remove(fifo);
    }

    /** See {@link FifoFanOut#hold}. */
    public void holdFifoLines() {
        fifos.hold();
    }

    /** See {@link FifoFanOut#release}. */
    public void releaseFifoLines() {
        fifos.release();
    }

    /** FIFO lines dropped because more than {@link NotifyFifo#QUEUE_LINES} came while the FIFOs were closed. */
    public long heldLinesDropped() {
        return fifos.heldDropped();
    }

    /** A vrrp_instance entered {@code state}; {@code priority} is its effective priority. */
    public void instance(String name, NotifyScripts scripts, NotifyState state, int priority) {
        enqueue("INSTANCE " + name, NotifyCommands.forInstance(scripts, name, state, priority, scriptTimeout));
        writeFifos(FifoLine.instance(name, state, priority));
    }

    /** A vrrp_sync_group entered {@code state}. */
    public void group(String name, NotifyScripts scripts, NotifyState state) {
        enqueue("GROUP " + name, NotifyCommands.forGroup(scripts, name, state, scriptTimeout));
        writeFifos(FifoLine.group(name, state));
    }

    /** fifo_write_vrrp_states_on_reload: an instance's current state, to the FIFOs only (no script, no mail). */
    public void instanceStateToFifos(String name, NotifyState state, int priority) {
        writeFifos(FifoLine.instance(name, state, priority));
    }

    /** fifo_write_vrrp_states_on_reload: a sync group's current state, to the FIFOs only. */
    public void groupStateToFifos(String name, NotifyState state) {
        writeFifos(FifoLine.group(name, state));
    }

    /**
     * An instance event that is not a transition: {@code MASTER_RX_LOWER_PRI} (with its
     * notify_master_rx_lower_pri script, which may be null; it gets only its configured arguments),
     * {@code MASTER_PRIORITY} or {@code BACKUP_PRIORITY} (FIFO only).
     */
    public void instanceEvent(String name, String event, int priority, Verdict script) {
        if (script != null && script.runnable()) {
            enqueue("INSTANCE " + name, List.of(ScriptLaunch.of(script, List.of(), scriptTimeout)));
        }
        writeFifos(FifoLine.instance(name, event, priority));
    }

    /** Completes when every script queued so far for this instance has finished. */
    public CompletableFuture<Void> idleInstance(String name) {
        return idle("INSTANCE " + name);
    }

    public CompletableFuture<Void> idleGroup(String name) {
        return idle("GROUP " + name);
    }

    /** Completes when every script queued so far, for every instance and group, has finished (shutdown). */
    public CompletableFuture<Void> idleAll() {
        synchronized (tails) {
            return CompletableFuture.allOf(tails.values().toArray(new CompletableFuture<?>[0]));
        }
    }

    public Stats stats() {
        return new Stats(queued.get(), finished.get(), failed.get(), timedOut.get());
    }

    private CompletableFuture<Void> idle(String key) {
        synchronized (tails) {
            return tails.getOrDefault(key, IDLE);
        }
    }

    private void writeFifos(String line) {
        fifos.write(line);
    }

    private void enqueue(String key, List<ScriptLaunch> launches) {
        if (launches.isEmpty()) {
            return;
        }
        synchronized (tails) {
            CompletableFuture<Void> tail = tails.getOrDefault(key, IDLE);
            for (ScriptLaunch l : launches) {
                queued.incrementAndGet();
                // handle() first: whatever became of the previous run, the next one still runs.
                tail = tail.handle((v, t) -> null).thenCompose(v -> runOne(key, l));
            }
            tails.put(key, tail);
        }
    }

    private CompletableFuture<Void> runOne(String key, ScriptLaunch launch) {
        return runner.start(launch).result().handle((r, t) -> {
            finished.incrementAndGet();
            if (t != null) {
                failed.incrementAndGet();
                LOG.log(Level.ERROR, "({0}) notify script {1} failed: {2}", key, launch.name(), t.toString());
            } else {
                record(key, launch, r);
            }
            return null;
        });
    }

    private void record(String key, ScriptLaunch launch, ScriptResult r) {
        switch (r.outcome()) {
            case TIMED_OUT:
                timedOut.incrementAndGet();
                LOG.log(Level.WARNING, "({0}) notify script {1} killed after its {2} s timeout", key, launch.name(),
                        launch.timeout() == null ? "-" : launch.timeout().toMillis() / 1000.0);
                break;
            case EXITED:
                if (r.exitCode() != 0) {
                    failed.incrementAndGet();
                    LOG.log(Level.INFO, "({0}) notify script {1} exited with status {2}", key, launch.name(),
                            r.exitCode());
                }
                break;
            default:
                failed.incrementAndGet();
                LOG.log(Level.ERROR, "({0}) notify script {1} not run: {2}", key, launch.name(), r.detail());
                break;
        }
    }
}
