package keepalivedj.daemon.vrrp;

import java.util.PriorityQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The daemon's single thread: tasks posted by any thread (receive threads, netlink events, signals, script
 * results) run here in arrival order, and timers at absolute deadlines on a monotonic µs clock. Timers are owned
 * by the loop thread ({@link #at} may only be called from it); every other thread can only {@link #post}. A task
 * that throws is reported to the error handler and the loop goes on.
 */
public final class EventLoop {
    private record Entry(long atUs, long seq, Runnable task) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(atUs, o.atUs);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final PriorityQueue<Entry> timers = new PriorityQueue<>();
    private final LongSupplier nowUs;
    private final java.util.function.Consumer<Throwable> onError;
    private long seq;
    private volatile boolean stopping;
    private volatile Thread thread;

    public EventLoop(LongSupplier nowUs, java.util.function.Consumer<Throwable> onError) {
        this.nowUs = nowUs;
        this.onError = onError;
    }

    public long nowUs() {
        return nowUs.getAsLong();
    }

    /** From any thread: run {@code task} on the loop. Never blocks. */
    public void post(Runnable task) {
        queue.offer(task);
    }

    /** Loop thread only: run {@code task} at {@code atUs} (or at once if that has passed). */
    public void at(long atUs, Runnable task) {
        assert Thread.currentThread() == thread || thread == null;
        timers.add(new Entry(atUs, seq++, task));
    }

    /** Ends {@link #run} after the task running now. Any thread. */
    public void stop() {
        stopping = true;
        queue.offer(() -> { });
    }

    public boolean onLoopThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs tasks and timers on the calling thread until {@link #stop}. */
    public void run() {
        thread = Thread.currentThread();
        while (!stopping) {
            long now = nowUs.getAsLong();
            Entry due = timers.peek();
            while (due != null && due.atUs <= now && !stopping) {
                timers.poll();
                runSafely(due.task);
                due = timers.peek();
            }
            if (stopping) {
                break;
            }
            Runnable task;
            try {
                if (due == null) {
                    task = queue.take();
                } else {
                    long waitUs = due.atUs - nowUs.getAsLong();
                    task = waitUs <= 0 ? queue.poll() : queue.poll(waitUs, TimeUnit.MICROSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (task != null) {
                runSafely(task);
            }
        }
    }

    /** Runs what is queued now (used after {@link #stop} to let the shutdown sequence finish its own tasks). */
    public void drain() {
        Runnable r;
        while ((r = queue.poll()) != null) {
            runSafely(r);
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
