package keepalivedj.healthcheck.io;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import keepalivedj.healthcheck.Ticker;
import keepalivedj.healthcheck.Timers;

/**
 * One thread with one epoll instance that runs every check's socket I/O, every timer and every task handed to it:
 * the whole health-check runtime lives on it, so 40,000 checks cost no thread each. It does not know what a check
 * is; {@link TcpExchange} and the checkers register descriptors with a {@link Handler}. Handlers and timers must
 * not block; an exception from one is logged and counted, never lets the loop die.
 *
 * <p>Each registration carries a sequence number in its epoll data, so an event still in a batch for a descriptor
 * that was closed (and whose number the kernel gave to a new socket) within the same batch reaches nobody.
 */
public final class CheckLoop implements Timers, AutoCloseable {
    private static final Logger LOG = System.getLogger("keepalivedj.healthcheck");

    private final LinuxSockets sockets = new LinuxSockets();
    private final int epfd;
    private final int wakeFd;
    private final Ticker ticker;
    private final Thread thread;
    /** Timers whose delay has no lane (and those scheduled from other threads), ordered by time. */
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    /**
     * Lanes: timers of one delay in a FIFO each. A check schedules the same few delays over and over (delay_loop,
     * connect_timeout, delay_before_retry), and timers of one delay set on one monotonic clock come due in the
     * order they were set, so a lane takes and gives them in O(1); in the heap, with two timers per check of
     * 40,000, each took ~17 comparisons both ways (perf: 5 % of the checker's CPU). A lane that empties is
     * free for another delay; a delay that finds no lane goes to the heap.
     */
    private final long[] laneDelay = new long[LANES];
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Timer>[] lanes = new ArrayDeque[LANES];
    private static final int LANES = 16;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /**
     * Tasks the loop hands itself (every check's probe comes back this way): a plain queue, no atomic operations
     * and no node allocated per task as in the queue other threads use.
     */
    private final ArrayDeque<Runnable> ownTasks = new ArrayDeque<>();
    private final AtomicLong handlerErrors = new AtomicLong();
    private volatile boolean open = true;
    private long sequence;
    /** The loop's time for this turn: read once after each epoll_wait; loop thread only. */
    private long now;
    /**
     * While a task handed in from another thread runs: timers it sets read the clock. Such a task may take long
     * (start-up fills IPVS with 40,000 real servers, tens of seconds in the IPVS VM, then starts every check):
     * on the turn's time, every first check was set that much early and they all came due at once.
     */
    private boolean foreignTask;
    /** The handler of each registered descriptor, by number, and the registration it belongs to. */
    private Handler[] handlers = new Handler[1024];
    private int[] registrations = new int[1024];
    private int nextRegistration = 1;

    /** Called on the loop thread with the epoll events (EPOLLIN, EPOLLOUT, EPOLLERR, EPOLLHUP) of its descriptor. */
    public interface Handler {
        void ready(int events);
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
            // a finished check's connect timeout would otherwise keep its whole exchange reachable for
            // connect_timeout seconds: at thousands of checks a second that is promoted to the old generation
            task = null;
        }
    }

    public CheckLoop(Ticker ticker, String name) {
        this.ticker = ticker;
        epfd = sockets.epollCreate();
        if (epfd < 0) {
            throw new IllegalStateException("epoll_create1: " + LinuxSockets.describe(-epfd));
        }
        wakeFd = sockets.eventFd();
        if (wakeFd < 0 || sockets.epollSet(epfd, wakeFd, LinuxSockets.EPOLLIN, -1L, true) < 0) {
            sockets.closeFd(epfd);
            throw new IllegalStateException("eventfd: " + LinuxSockets.describe(-wakeFd));
        }
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    public Ticker ticker() {
        return ticker;
    }

    /** The loop's system calls; loop thread only. */
    public LinuxSockets sockets() {
        return sockets;
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
        long delay = Math.max(0, delayNanos);
        if (inLoop()) {
            // the turn's time, as keepalived's scheduler does: one clock read per turn instead of one per timer
            // (in a VM without a usable vDSO clock each read is a system call, and a check sets two timers); a
            // timer set late in a turn fires early by at most that turn's length, which stays short: handlers and
            // timers must not block, the budget bounds how many timers run, and tasks from other threads (which
            // may take long) read the clock
            Timer seqd = new Timer((foreignTask ? ticker.nanoTime() : now) + delay, sequence++, task);
            int lane = laneFor(delay);
            if (lane < 0) {
                timers.add(seqd);
            } else {
                lanes[lane].addLast(seqd);
            }
            return seqd;
        }
        Timer t = new Timer(ticker.nanoTime() + delay, 0, task);
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
        if (inLoop()) {
            ownTasks.addLast(task);
            return;
        }
        tasks.add(task);
        sockets.wake(wakeFd);
    }

    /**
     * Registers a descriptor for {@code interest} (EPOLLIN / EPOLLOUT); loop thread only. Returns 0 or -errno.
     * The registration ends when the descriptor is {@linkplain #close closed}.
     */
    public int register(int fd, int interest, Handler handler) {
        if (fd >= handlers.length) {
            int n = Math.max(fd + 1, handlers.length * 2);
            handlers = Arrays.copyOf(handlers, n);
            registrations = Arrays.copyOf(registrations, n);
        }
        int reg = nextRegistration++;
        if (nextRegistration == Integer.MAX_VALUE) {
            nextRegistration = 1;
        }
        int r = sockets.epollSet(epfd, fd, interest, ((long) reg << 32) | fd, true);
        if (r == 0) {
            handlers[fd] = handler;
            registrations[fd] = reg;
        }
        return r;
    }

    /** Changes a registered descriptor's interest; loop thread only. Returns 0 or -errno. */
    public int interest(int fd, int interest) {
        return sockets.epollSet(epfd, fd, interest, ((long) registrations[fd] << 32) | fd, false);
    }

    /** Ends a registration (if any) and closes the descriptor: one close(2); loop thread only. */
    public void close(int fd) {
        if (fd < handlers.length) {
            handlers[fd] = null;
            registrations[fd] = 0;
        }
        sockets.closeFd(fd);
    }

    private void run() {
        now = ticker.nanoTime();
        while (open) {
            try {
                long wait = runTimersAndTasks();
                int timeout = wait == 0 || !tasks.isEmpty() || !ownTasks.isEmpty() ? 0
                        : wait < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, Math.max(1, (wait + 999_999) / 1_000_000));
                int n = sockets.epollWait(epfd, timeout);
                now = ticker.nanoTime();
                if (n < 0) {
                    if (n != -LinuxSockets.EINTR) {
                        handlerErrors.incrementAndGet();
                        LOG.log(Level.ERROR, "health-check loop: epoll_wait: " + LinuxSockets.describe(-n));
                    }
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    long data = sockets.eventData(i);
                    if (data == -1L) {
                        sockets.drain(wakeFd);
                        continue;
                    }
                    int fd = (int) data;
                    int reg = (int) (data >>> 32);
                    if (fd < handlers.length && registrations[fd] == reg && handlers[fd] != null) {
                        dispatch(handlers[fd], sockets.eventMask(i));
                    }
                }
            } catch (RuntimeException e) {
                handlerErrors.incrementAndGet();
                LOG.log(Level.ERROR, "health-check loop: " + e, e);
            }
        }
        for (int fd = 0; fd < handlers.length; fd++) {
            if (handlers[fd] != null) {
                close(fd);
            }
        }
        sockets.closeFd(wakeFd);
        sockets.closeFd(epfd);
    }

    private void dispatch(Handler h, int events) {
        try {
            h.ready(events);
        } catch (RuntimeException e) {
            handlerErrors.incrementAndGet();
            LOG.log(Level.ERROR, "health-check handler failed: " + e, e);
        }
    }

    /** Runs due timers and queued tasks; returns nanos until the next timer, -1 for none, 0 for now. */
    private long runTimersAndTasks() {
        Runnable task;
        int budget = 100_000;
        while (budget-- > 0) {
            if ((task = ownTasks.pollFirst()) != null) {
                guard(task);
            } else if ((task = tasks.poll()) != null) {
                foreignTask = true;
                try {
                    guard(task);
                } finally {
                    foreignTask = false;
                }
                now = ticker.nanoTime(); // the timers it set read the clock: the turn's time must not be older
            } else {
                break;
            }
        }
        // due timers in time order across the heap and the lanes, at most TIMERS_PER_TURN before the sockets are
        // looked at again: when more checks are due than the loop can start (saturation), running the whole
        // backlog first left finished connections unread for seconds (no close in 10 s under strace in the
        // IPVS VM) until their own timeouts failed them
        for (int run = 0; run < TIMERS_PER_TURN; run++) {
            int from = earliest();
            Timer t = from == HEAP ? timers.peek() : from == NONE ? null : lanes[from].peekFirst();
            if (t == null || t.at - now > 0) {
                break;
            }
            if (from == HEAP) {
                timers.poll();
            } else {
                lanes[from].pollFirst();
            }
            Runnable r = t.task;
            if (!t.cancelled && r != null) {
                guard(r);
            }
        }
        int from = earliest();
        if (from == NONE) {
            return -1;
        }
        Timer t = from == HEAP ? timers.peek() : lanes[from].peekFirst();
        return t.at - now <= 0 ? 0 : Math.max(0, t.at - ticker.nanoTime());
    }

    private static final int TIMERS_PER_TURN = 256;
    private static final int HEAP = -1;
    private static final int NONE = -2;

    /** Where the earliest live timer is (a lane, HEAP or NONE); drops cancelled timers found at the heads. */
    private int earliest() {
        while (!timers.isEmpty() && timers.peek().cancelled) {
            timers.poll();
        }
        Timer best = timers.peek();
        int where = best == null ? NONE : HEAP;
        for (int i = 0; i < LANES; i++) {
            ArrayDeque<Timer> lane = lanes[i];
            if (lane == null) {
                break;
            }
            Timer h;
            while ((h = lane.peekFirst()) != null && h.cancelled) {
                lane.pollFirst();
            }
            if (h != null && (best == null || h.compareTo(best) < 0)) {
                best = h;
                where = i;
            }
        }
        return where;
    }

    /** The lane of this delay, or a free one claimed for it, or -1 (the heap). Loop thread only. */
    private int laneFor(long delay) {
        int free = -1;
        for (int i = 0; i < LANES; i++) {
            ArrayDeque<Timer> lane = lanes[i];
            if (lane == null) {
                if (free < 0) {
                    lanes[i] = new ArrayDeque<>();
                    free = i;
                }
                break;
            }
            if (laneDelay[i] == delay) {
                return i;
            }
            if (free < 0 && lane.isEmpty()) {
                free = i;
            }
        }
        if (free >= 0) {
            laneDelay[free] = delay;
        }
        return free;
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
        sockets.wake(wakeFd);
        if (!inLoop()) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
