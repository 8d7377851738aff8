package keepalivedj.healthcheck.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import keepalivedj.healthcheck.Ticker;
import keepalivedj.healthcheck.Timers;

/**
 * One thread with one selector that runs every check's socket I/O, every timer and every task handed to it: the
 * whole health-check runtime lives on it, so 40,000 checks cost no thread each. It does not know what a check is;
 * {@link TcpExchange} and the checkers register channels with a {@link Handler}. Handlers and timers must not
 * block; an exception from one is logged and counted, never lets the loop die.
 */
public final class NioLoop implements Timers, AutoCloseable {
    private static final Logger LOG = System.getLogger("keepalivedj.healthcheck");

    private final Selector selector;
    private final Ticker ticker;
    private final Thread thread;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicLong handlerErrors = new AtomicLong();
    private volatile boolean open = true;
    private long sequence;
    /** Channels whose key was cancelled, to close once the next select has deregistered them. */
    private java.util.ArrayList<SelectableChannel> toClose = new java.util.ArrayList<>();
    private java.util.ArrayList<SelectableChannel> closing = new java.util.ArrayList<>();

    /** Called on the loop thread when the registered channel is ready for some of its interest ops. */
    public interface Handler {
        void ready(SelectionKey key);
    }

    private static final class Timer implements Comparable<Timer>, Cancellable {
        final long at;
        final long seq;
        /** Dropped on cancel: a cancelled timer stays in the heap until its time, its task (and what that holds) not. */
        Runnable task;
        boolean cancelled;

        Timer(long at, long seq, Runnable task) {
            this.at = at;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(at - o.at, 0);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }

        @Override
        public void cancel() {
            cancelled = true;
            // a finished check's connect timeout would otherwise keep its whole exchange (channel, buffers)
            // reachable for connect_timeout seconds: at thousands of checks a second that is promoted to the old
            // generation and ends in full collections
            task = null;
        }
    }

    public NioLoop(Ticker ticker, String name) {
        this.ticker = ticker;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    public Ticker ticker() {
        return ticker;
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Exceptions thrown by handlers, timers and tasks (each logged once). */
    public long handlerErrors() {
        return handlerErrors.get();
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        Timer t = new Timer(ticker.nanoTime() + Math.max(0, delayNanos), 0, task);
        if (inLoop()) {
            Timer seqd = new Timer(t.at, sequence++, task);
            timers.add(seqd);
            return seqd;
        }
        // from another thread: queued through execute(); cancel() on the returned handle still applies
        execute(() -> {
            if (!t.cancelled) {
                timers.add(new Timer(t.at, sequence++, () -> {
                    Runnable r = t.task;
                    if (!t.cancelled && r != null) {
                        r.run();
                    }
                }));
            }
        });
        return t;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop()) {
            selector.wakeup();
        }
    }

    /**
     * Cancels the channel's key and closes the channel after the next select, which deregisters it; loop thread
     * only. Closing a channel still registered makes the JDK shut its output down at once (a getsockopt and a
     * shutdown) and defer the close; once deregistered, close is one close(2), as keepalived's.
     */
    public void cancelAndClose(SelectionKey key) {
        key.cancel();
        toClose.add(key.channel());
    }

    /** Registers a channel; loop thread only. */
    public SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws ClosedChannelException {
        return channel.register(selector, ops, handler);
    }

    private void run() {
        while (open) {
            try {
                long wait = runTimersAndTasks();
                java.util.ArrayList<SelectableChannel> cancelled = toClose;
                toClose = closing;
                closing = cancelled;
                // a channel waiting to be closed must not wait for the next timer: its peer would see it open
                if (wait == 0 || !tasks.isEmpty() || !closing.isEmpty()) {
                    selector.selectNow();
                } else {
                    selector.select(wait < 0 ? 0 : Math.max(1, (wait + 999_999) / 1_000_000));
                }
                closeAll(closing);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid()) {
                        guard(() -> ((Handler) key.attachment()).ready(key));
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                handlerErrors.incrementAndGet();
                LOG.log(Level.ERROR, "health-check loop: " + e, e);
            }
        }
        closeAll(toClose);
        try {
            for (SelectionKey k : selector.keys()) {
                k.channel().close();
            }
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing selector: " + e);
        }
    }

    private static void closeAll(java.util.ArrayList<SelectableChannel> channels) {
        for (SelectableChannel c : channels) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing a finished channel: " + e);
            }
        }
        channels.clear();
    }

    /** Runs due timers and queued tasks; returns nanos until the next timer, -1 for none, 0 for now. */
    private long runTimersAndTasks() {
        Runnable task;
        int budget = 100_000;
        while (budget-- > 0 && (task = tasks.poll()) != null) {
            guard(task);
        }
        long now = ticker.nanoTime();
        while (!timers.isEmpty() && timers.peek().at - now <= 0) {
            Timer t = timers.poll();
            Runnable r = t.task;
            if (!t.cancelled && r != null) {
                guard(r);
            }
        }
        while (!timers.isEmpty() && timers.peek().cancelled) {
            timers.poll();
        }
        if (timers.isEmpty()) {
            return -1;
        }
        return Math.max(0, timers.peek().at - ticker.nanoTime());
    }

    private void guard(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            handlerErrors.incrementAndGet();
            LOG.log(Level.ERROR, "health-check handler failed: " + e, e);
        }
    }

    @Override
    public void close() {
        open = false;
        selector.wakeup();
        if (!inLoop()) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
