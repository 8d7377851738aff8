package keepalivedj.healthcheck;

import java.util.PriorityQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Timers} driven by the test: time moves only in {@link #runNextTimer()}, and tasks handed over from other
 * threads (probes coming back from the real I/O loop) run only in {@link #runNextTask()}. The test thread is the
 * owning thread.
 */
final class ManualTimers implements Timers {
    private long nowNanos;
    private long seq;
    private final PriorityQueue<long[]> order = new PriorityQueue<>((a, b) ->
            a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    private final java.util.Map<Long, Entry> bySeq = new java.util.HashMap<>();
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

    private static final class Entry implements Cancellable {
        final Runnable task;
        boolean cancelled;

        Entry(Runnable task) {
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    long nowNanos() {
        return nowNanos;
    }

    @Override
    public synchronized Cancellable schedule(long delayNanos, Runnable task) {
        Entry e = new Entry(task);
        long s = seq++;
        order.add(new long[] {nowNanos + delayNanos, s});
        bySeq.put(s, e);
        return e;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    /** Moves the clock to the earliest live timer and runs it; returns its time, or -1 when none is left. */
    long runNextTimer() {
        while (true) {
            long[] next;
            Entry e;
            synchronized (this) {
                next = order.poll();
                if (next == null) {
                    return -1;
                }
                e = bySeq.remove(next[1]);
            }
            if (!e.cancelled) {
                nowNanos = next[0];
                e.task.run();
                return next[0];
            }
        }
    }

    /** Time of the earliest live timer, or -1. */
    synchronized long nextTimerAt() {
        for (long[] o : order.stream().sorted(order.comparator()).toList()) {
            if (!bySeq.get(o[1]).cancelled) {
                return o[0];
            }
        }
        return -1;
    }

    /** Runs every task already handed over, without waiting. */
    void runPendingTasks() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            r.run();
        }
    }

    /** Runs the next task handed over from another thread, waiting for it (bounded so a bug cannot hang). */
    void runNextTask() throws InterruptedException {
        Runnable r = tasks.poll(30, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no task arrived");
        }
        r.run();
    }
}
