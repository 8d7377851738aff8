package keepalivedj.daemon.vrrp;

import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The daemon's single thread: tasks posted by any thread (receive threads, netlink events, signals, script
 * results) run here in arrival order, and timers at absolute deadlines on a monotonic µs clock. Timers are owned
 * by the loop thread ({@link #at} may only be called from it); every other thread can only {@link #post}. A task
 * that throws is reported to the error handler and the loop goes on.
 *
 * <p>Events run in the order they happened: a due timer runs before a posted task only if its deadline came
 * before the task was posted. When the loop wakes late (a loaded machine), an advert that was received before the
 * Adver_Timer's deadline is handled first, so a master that received a higher-priority advert goes BACKUP
 * instead of sending one more advert of its own (RFC 5798 §6.4.3: cancel Adver_Timer, transition to Backup).
 *
 * <p>The thread sleeps in {@link LockSupport#parkNanos} and {@link #post} unparks it only when it is parked:
 * an idle master wakes once per advert, and that wake-up was most of its CPU time. A blocking queue's timed
 * poll (lock, condition node, re-lock on wake) cost about twice as much per wake-up as a bare park.
 */
public final class EventLoop {
    private record Entry(long atUs, long seq, Runnable task) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(atUs, o.atUs);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** A task and when it was posted (the loop's clock), so that it is ordered against the timers. */
    private record Posted(long postedUs, Runnable task) {
    }

    private final ConcurrentLinkedQueue<Posted> queue = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Entry> timers = new PriorityQueue<>();
    private final LongSupplier nowUs;
    private final java.util.function.Consumer<Throwable> onError;
    private long seq;
    private volatile boolean stopping;
    private volatile Thread thread;
    /** Set by the loop just before it parks, so {@link #post} unparks only a sleeping loop. */
    private volatile boolean parked;

    public EventLoop(LongSupplier nowUs, java.util.function.Consumer<Throwable> onError) {
        this.nowUs = nowUs;
        this.onError = onError;
    }

    public long nowUs() {
        return nowUs.getAsLong();
    }

    /** From any thread: run {@code task} on the loop. Never blocks. */
    public void post(Runnable task) {
        queue.offer(new Posted(nowUs.getAsLong(), task));
        if (parked) {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t); // a permit given before the park makes the park return at once
            }
        }
    }

    /** Loop thread only: run {@code task} at {@code atUs} (or at once if that has passed). */
    public void at(long atUs, Runnable task) {
        assert Thread.currentThread() == thread || thread == null;
        timers.add(new Entry(atUs, seq++, task));
    }

    /** Whether tasks are posted and not yet run. Any thread. */
    public boolean hasPosted() {
        return !queue.isEmpty();
    }

    /** Ends {@link #run} after the task running now. Any thread. */
    public void stop() {
        stopping = true;
        post(() -> { });
    }

    public boolean onLoopThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs tasks and timers on the calling thread until {@link #stop}. */
    public void run() {
        thread = Thread.currentThread();
        while (!stopping) {
            if (!runOnce()) {
                return;
            }
        }
    }

    /**
     * Due timers whose deadline came before the oldest posted task was posted, then that task, or a sleep until
     * the next timer or post. A method of its own, so the JIT compiles it after a few calls instead of waiting
     * for the loop's back-edge count (an on-stack replacement that took about 20 minutes at one advert a second).
     * False when interrupted.
     */
    private boolean runOnce() {
        long now = nowUs.getAsLong();
        Entry due = timers.peek();
        Posted next = queue.peek();
        while (due != null && due.atUs <= now && !stopping && (next == null || due.atUs < next.postedUs)) {
            timers.poll();
            runSafely(due.task);
            due = timers.peek();
            next = queue.peek();
        }
        if (stopping) {
            return true;
        }
        Posted task = queue.poll();
        if (task == null) {
            parked = true;
            task = queue.poll(); // re-check after announcing the park: a post in between has unparked us
            if (task == null) {
                if (due == null) {
                    LockSupport.park(this);
                } else {
                    long waitUs = due.atUs - nowUs.getAsLong();
                    if (waitUs > 0) {
                        LockSupport.parkNanos(this, waitUs * 1000);
                    }
                }
            }
            parked = false;
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        if (task != null) {
            runSafely(task.task);
        }
        return true;
    }

    /** Runs what is queued now (used after {@link #stop} to let the shutdown sequence finish its own tasks). */
    public void drain() {
        Posted p;
        while ((p = queue.poll()) != null) {
            runSafely(p.task);
        }
    }

    private void runSafely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            onError.accept(e);
        }
    }
}
