package keepalivedj.daemon.vrrp;

import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import keepalivedj.healthcheck.io.LinuxSockets;

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
 *
 * <p>An idle master's only timer is its Adver_Timer, whose expiry sends the same frame and re-arms one interval
 * later. Given a kernel timer wait ({@link #sendRepeatsInKernel}), the loop sleeps through such a timer in it
 * instead: the wait sends the frame at each expiry (LinuxSockets.TimerWait) and the loop, once woken by a post,
 * another timer coming due or the wait's batch being full, has the task account for the sends it made at the
 * times they were made ({@link RepeatingSend#repeated}). Returning to Java for each advert was about a third of an
 * idle master's CPU time. Only when at least two sends fit before the next other timer: with many instances the
 * loop parks as before.
 */
public final class EventLoop {
    /**
     * A timer's task that, run at its deadline with nothing else happening, would only send one frame and re-arm
     * itself one interval after it ran (a master's Adver_Timer).
     */
    public interface RepeatingSend extends Runnable {
        /** What running now would send, and how it re-arms; null when running would do anything else. */
        Repeat repeat();

        /**
         * The wait ran this task {@code count} times in its stead, sending {@link #repeat}'s frame at
         * {@code atUs[0..count)}: do everything else those runs would have done, in order. Loop thread.
         */
        void repeated(long[] atUs, int count);
    }

    /** {@link RepeatingSend#repeat}: the frame, the IPv4 Identification last used, and the re-arm interval. */
    public record Repeat(LinuxSockets.FrameSender sender, byte[] frame, int ipId, long intervalUs) {
    }

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
    /** Set by the loop just before it sleeps, so {@link #post} wakes only a sleeping loop, the way it sleeps. */
    private volatile int sleeping;
    private static final int AWAKE = 0;
    private static final int PARKED = 1;
    private static final int IN_KERNEL = 2;
    private volatile LinuxSockets.TimerWait kernelWait;
    /** The kernel wait's send times; one batch at most this long (a minute of adverts at 1 s). */
    private final long[] sentAtUs = new long[64];
    private long repeatStopUs;

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
        int s = sleeping;
        if (s == PARKED) {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t); // a permit given before the park makes the park return at once
            }
        } else if (s == IN_KERNEL) {
            LinuxSockets.TimerWait w = kernelWait;
            if (w != null) {
                w.wake(); // an eventfd made readable before the wait makes the wait return at once
            }
        }
    }

    /**
     * Lets the loop sleep through repeating sends in {@code wait} (whose clock is {@link System#nanoTime}'s: the
     * loop's clock must be that one in µs). Before {@link #run}; the loop closes it when it ends.
     */
    public void sendRepeatsInKernel(LinuxSockets.TimerWait wait) {
        this.kernelWait = wait;
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
        try {
            while (!stopping) {
                if (!runOnce()) {
                    return;
                }
            }
        } finally {
            if (kernelWait != null) {
                kernelWait.close();
                kernelWait = null;
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
            Repeat repeat = due != null && kernelWait != null && due.task instanceof RepeatingSend r
                    ? repeatable(due, r) : null;
            sleeping = repeat != null ? IN_KERNEL : PARKED;
            task = queue.poll(); // re-check after announcing the sleep: a post in between has woken us
            if (task == null) {
                if (repeat != null) {
                    sleepSending(due, repeat);
                } else if (due == null) {
                    LockSupport.park(this);
                } else {
                    long waitUs = due.atUs - nowUs.getAsLong();
                    if (waitUs > 0) {
                        LockSupport.parkNanos(this, waitUs * 1000);
                    }
                }
            }
            sleeping = AWAKE;
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

    /**
     * The head timer's repeat, if at least two of its sends fit before the next other timer ({@link #repeatStopUs}
     * is then that timer's deadline).
     */
    private Repeat repeatable(Entry due, RepeatingSend task) {
        Repeat repeat = task.repeat();
        if (repeat == null || repeat.intervalUs() <= 0) {
            return null;
        }
        timers.poll();
        Entry other = timers.peek();
        timers.add(due);
        repeatStopUs = other == null ? Long.MAX_VALUE : other.atUs;
        return repeatStopUs > due.atUs + repeat.intervalUs() ? repeat : null;
    }

    /** Sleeps in the kernel wait, which sends {@code due}'s frame at each expiry; then the task accounts for them. */
    private void sleepSending(Entry due, Repeat repeat) {
        int sent = kernelWait.await(due.atUs, repeat.sender(), repeat.frame(), repeat.frame().length, repeat.ipId(),
                repeat.intervalUs(), repeatStopUs, sentAtUs);
        if (sent > 0) {
            timers.poll(); // due: still the head, nothing else touches the timers while the loop sleeps
            try {
                ((RepeatingSend) due.task).repeated(sentAtUs, sent);
            } catch (RuntimeException | Error e) {
                onError.accept(e);
            }
        } else if (sent < 0) {
            LinuxSockets.TimerWait failed = kernelWait;
            kernelWait = null; // parks from now on
            failed.close();
            onError.accept(new IllegalStateException("the loop's kernel timer wait failed ("
                    + LinuxSockets.describe(-sent) + "); sleeping in the JVM from now on"));
        }
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
