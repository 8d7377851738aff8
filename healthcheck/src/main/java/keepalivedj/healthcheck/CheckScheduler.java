package keepalivedj.healthcheck;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import keepalivedj.conf.model.CheckerTiming;
import keepalivedj.healthcheck.check.Checker;

/**
 * Runs each distinct check on its own schedule: first after a random warmup, then every delay_loop, with retries
 * delay_before_retry apart, as its {@link CheckerCycle} says; a check whose key is suspended (ha_suspend) is
 * skipped for that turn. It owns no thread: everything runs on the {@link Timers} it is given (the check loop in
 * production, a manual clock in tests), and probes are handed back to that thread. At most one attempt of a check
 * is in flight. It does not know about real or virtual servers; verdicts go to the {@link Listener}.
 */
public final class CheckScheduler {
    private final Timers timers;
    private final RandomGenerator random;
    private final Listener listener;
    private final Map<CheckKey, Entry> entries = new HashMap<>();
    private final EnumMap<Failure, Long> failures = new EnumMap<>(Failure.class);
    /** ha_suspend's question, null when no check can be suspended. */
    private Predicate<CheckKey> suspended;
    private long attempts;

    /** Told, on the owning thread, when a check's verdict changes. */
    public interface Listener {
        void verdict(CheckKey key, CheckerVerdict verdict);

        /** Every failed attempt, retries included (for log_all_failures); called before any verdict. */
        default void failed(CheckKey key, Probe probe, long retryIt) {
        }

        /** Every successful attempt, after any verdict it brought. */
        default void succeeded(CheckKey key, Probe probe) {
        }
    }

    /**
     * One scheduled check. It is its own timer task and its own attempt's callback: these run thousands of times a
     * second, and a capturing lambda in their place costs, under the daemon's C1-only JIT, a method-handle call and
     * a native allocation each time. As a task it does one of two things, told apart by {@link #pending}: with no
     * probe waiting it starts the next attempt (the timer), with one it hears that probe (the hand-back from
     * {@link #accept}). The two never overlap: an entry has at most one attempt under way, and the next attempt's
     * timer is set only once its probe has been heard.
     */
    private final class Entry implements Runnable, Consumer<Probe> {
        final CheckKey key;
        final Checker checker;
        final CheckerCycle cycle;
        Timers.Cancellable next;
        boolean removed;
        /** The probe of the attempt under way once it has ended, until the owning thread hears it. */
        Probe pending;

        Entry(CheckKey key, Checker checker, CheckerCycle cycle) {
            this.key = key;
            this.checker = checker;
            this.cycle = cycle;
        }

        @Override
        public void run() {
            Probe probe = pending;
            if (probe == null) {
                CheckScheduler.this.run(this);
            } else {
                pending = null;
                heard(this, probe);
            }
        }

        /**
         * Hands the probe to the owning thread without allocating: the entry itself is the task, and the task
         * queue orders the slot's write before its read across threads.
         */
        @Override
        public void accept(Probe probe) {
            pending = probe;
            timers.execute(this);
        }
    }

    public CheckScheduler(Timers timers, RandomGenerator random, Listener listener) {
        this.timers = timers;
        this.random = random;
        this.listener = listener;
    }

    /** Which checks to skip for now (ha_suspend), null for none; read before each attempt. Owning thread only. */
    public void suspendWhen(Predicate<CheckKey> suspended) {
        this.suspended = suspended;
    }

    /** Starts a check: its first attempt comes after a random 0..warmup. Owning thread only. */
    public void add(CheckKey key, CheckerTiming timing, Checker checker) {
        add(key, checker, new CheckerCycle(timing, fastRecovery(key)));
    }

    private static boolean fastRecovery(CheckKey key) {
        if (key.spec() instanceof keepalivedj.conf.model.CheckerSpec.HttpGet) {
            return ((keepalivedj.conf.model.CheckerSpec.HttpGet) key.spec()).http().fastRecovery();
        } else if (key.spec() instanceof keepalivedj.conf.model.CheckerSpec.SslGet) {
            return ((keepalivedj.conf.model.CheckerSpec.SslGet) key.spec()).http().fastRecovery();
        }
        return false;
    }

    /** Starts a check that keeps an existing cycle (reload of an unchanged check). */
    void add(CheckKey key, Checker checker, CheckerCycle cycle) {
        if (entries.containsKey(key)) {
            throw new IllegalArgumentException("check already scheduled: " + key);
        }
        Entry e = new Entry(key, checker, cycle);
        entries.put(key, e);
        e.next = timers.schedule(cycle.firstDelayMicros(random) * 1000, e);
    }

    /** Stops a check; an attempt in flight finishes unheard. Returns its cycle, or null. */
    public CheckerCycle remove(CheckKey key) {
        Entry e = entries.remove(key);
        if (e == null) {
            return null;
        }
        e.removed = true;
        if (e.next != null) {
            e.next.cancel();
        }
        return e.cycle;
    }

    /** The running cycle of a check (its up/down state and dynamic weight), or null. Owning thread only. */
    public CheckerCycle cycle(CheckKey key) {
        Entry e = entries.get(key);
        return e == null ? null : e.cycle;
    }

    public boolean contains(CheckKey key) {
        return entries.containsKey(key);
    }

    public int size() {
        return entries.size();
    }

    /** Attempts started since creation. */
    public long attempts() {
        return attempts;
    }

    /** Failed attempts by reason since creation (a copy). */
    public Map<Failure, Long> failures() {
        return new EnumMap<>(failures);
    }

    private void run(Entry e) {
        if (e.removed) {
            return;
        }
        e.next = null;
        if (suspended != null && suspended.test(e.key)) {
            e.next = timers.schedule(delayLoopNanos(e), e);
            return;
        }
        attempts++;
        try {
            e.checker.attempt(e);
        } catch (RuntimeException ex) {
            heard(e, Probe.failed(Failure.LOCAL_ERROR, "cannot start check: " + ex));
        }
    }

    /** A suspended check waits one delay_loop, then looks again. */
    private static long delayLoopNanos(Entry e) {
        return e.cycle.timing().delayLoopMicros() * 1000;
    }

    private void heard(Entry e, Probe probe) {
        if (e.removed) {
            return;
        }
        long retryIt = e.cycle.retryIt();
        if (!probe.up()) {
            failures.merge(probe.failure(), 1L, Long::sum);
            listener.failed(e.key, probe, retryIt);
        }
        CheckerCycle.Step step = e.cycle.next(probe);
        if (step.verdict() != null) {
            listener.verdict(e.key, step.verdict());
        }
        if (probe.up() && !e.removed) {
            listener.succeeded(e.key, probe);
        }
        if (!e.removed) {
            e.next = timers.schedule(step.delayMicros() * 1000, e);
        }
    }
}
