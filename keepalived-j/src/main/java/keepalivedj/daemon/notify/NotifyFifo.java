package keepalivedj.daemon.notify;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import keepalivedj.conf.validate.ScriptSecurity.Verdict;
import keepalivedj.daemon.exec.Execution;
import keepalivedj.daemon.exec.ScriptResult;
import keepalivedj.daemon.exec.ScriptRunner;

/**
 * One notify FIFO (notify_fifo, vrrp_notify_fifo or lvs_notify_fifo) with its optional *_fifo_script, kept as
 * keepalived 2.2.7 keeps it (keepalived.md §c.3): created with mode 0644 if missing, the script started
 * <em>before</em> the FIFO is opened and given the FIFO path as its last argument, the FIFO opened read-write
 * (so opening never waits for a reader), lines that cannot be written dropped rather than waited for, the script
 * sent SIGTERM on reload/stop, and the FIFO unlinked on close if we created it. It does not format lines
 * ({@link FifoLine}) and does not decide which FIFOs exist (global vs specific names are the wiring's choice).
 *
 * <p>Java cannot open a file O_NONBLOCK, so a write could block once the pipe (64 KiB) is full and nobody reads.
 * Instead {@link #write} only offers the line to a bounded queue that one writer thread drains: the caller never
 * waits, and a line that finds the queue full is dropped and counted, which is keepalived's EAGAIN behaviour.
 * mkfifo is the {@code mkfifo} program run through {@link ScriptRunner} (no native binding for one syscall at
 * start-up; the runner stays the only process creator).
 */
public final class NotifyFifo implements AutoCloseable {
    static final int QUEUE_LINES = 1024;
    private static final Logger LOG = System.getLogger("keepalivedj.daemon.notify");
    private static final String STOP_WRITER = new String("stop");
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;

    private final Path path;
    private final boolean created;
    private final FileChannel channel;
    private final Execution script;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_LINES);
    private final Thread writer;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean closed;

    /** Lines written, lines dropped because nobody read fast enough (or the FIFO is unusable), write errors. */
    public record Stats(long written, long dropped, long errors) {
    }

    private NotifyFifo(Path path, boolean created, FileChannel channel, Execution script) {
        this.path = path;
        this.created = created;
        this.channel = channel;
        this.script = script;
        this.writer = new Thread(this::drain, "notify-fifo " + path);
        this.writer.setDaemon(true);
        if (channel != null) {
            writer.start();
        }
    }

    /**
     * Creates (if needed) and opens the FIFO at {@code path}, first starting {@code fifoScript} (may be null)
     * with the path appended. Never fails: a FIFO that cannot be made or opened is logged, counted, and every
     * later write is dropped. The future completes once mkfifo has run (at most 2 s); call it off the event loop
     * or compose on it.
     */
    public static CompletableFuture<NotifyFifo> open(Path path, Verdict fifoScript, ScriptRunner runner) {
        return make(path, runner).thenApply(createdNow -> open(path, createdNow, fifoScript, runner));
    }

    /**
     * The slow half of opening: mkfifo {@code path} (mode 0644) unless something is there already. Completes
     * with whether it was created now (so {@link #close} unlinks it), or false when it could not be made (logged).
     */
    public static CompletableFuture<Boolean> make(Path path, ScriptRunner runner) {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return CompletableFuture.completedFuture(false);
        }
        return runner.start(runner.ownLaunch("mkfifo", List.of("/usr/bin/mkfifo", "-m", "0644", path.toString()),
                Duration.ofSeconds(2))).result().thenApply(r -> {
                    if (!r.success()) {
                        LOG.log(Level.ERROR, "Unable to create notify FIFO {0}: mkfifo {1}", path, describe(r));
                    }
                    return r.success();
                });
    }

    /**
     * The quick half, once {@link #make} is done: starts {@code fifoScript} (may be null) with the path appended,
     * then opens the FIFO (read-write, so this never waits for a reader). {@code created}: unlink it on close.
     * Cheap enough for the event loop, which is where a reload reopens its FIFOs between two notifications.
     */
    public static NotifyFifo open(Path path, boolean created, Verdict fifoScript, ScriptRunner runner) {
        Execution script = null;
        if (fifoScript != null) {
            script = runner.start(fifoScript, List.of(path.toString()), null);
        }
        return new NotifyFifo(path, created, openChannel(path), script);
    }

    /** Whether {@link #close} removes the FIFO (keepalived made it). */
    public boolean created() {
        return created;
    }

    private static String describe(ScriptResult r) {
        return r.detail() != null ? r.detail() : "exit status " + r.exitCode();
    }

    private static FileChannel openChannel(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            if ((mode & S_IFMT) != S_IFIFO) {
                LOG.log(Level.ERROR, "notify FIFO {0} exists and is not a FIFO - ignoring it", path);
                return null;
            }
            // O_RDWR: a FIFO opened for reading and writing does not wait for a reader (Linux fifo(7)).
            return FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "Unable to open notify FIFO {0}: {1}", path, e.toString());
            return null;
        }
    }

    public Path path() {
        return path;
    }

    /** The fifo_script's run, or null when none is configured. */
    public Execution script() {
        return script;
    }

    /** Queues one line (from {@link FifoLine}); never blocks. */
    public void write(String line) {
        if (channel == null || closed || !queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    public Stats stats() {
        return new Stats(written.get(), dropped.get(), errors.get());
    }

    private void drain() {
        try {
            while (true) {
                String line = queue.take();
                if (line == STOP_WRITER) {
                    return;
                }
                ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
                try {
                    while (b.hasRemaining()) {
                        channel.write(b);
                    }
                    written.incrementAndGet();
                } catch (IOException e) {
                    if (closed) {
                        return;
                    }
                    errors.incrementAndGet();
                    LOG.log(Level.ERROR, "Writing to notify FIFO {0} failed: {1}", path, e.toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM to the fifo_script (on reload and on stop, before the STOP lines are written). */
    public void stopScript() {
        if (script != null) {
            script.terminate();
        }
    }

    /**
     * Writes what is queued (waiting at most {@code flush}), closes the FIFO, and unlinks it if we created it.
     * Does not stop the script: call {@link #stopScript()} first, as keepalived does.
     */
    public void close(Duration flush) {
        close(flush, created);
    }

    /**
     * As {@link #close(Duration)}, but {@code unlink} decides whether a FIFO we created is removed: a reload that
     * opens the same path again keeps the file, so a reader reopening it after EOF finds it (keepalived unlinks
     * and recreates it, and a reader that reopens in between fails or waits on the dead inode).
     */
    public void close(Duration flush, boolean unlink) {
        if (closed) {
            return;
        }
        if (channel != null) {
            while (!queue.offer(STOP_WRITER)) {
                queue.poll();
                dropped.incrementAndGet();
            }
            try {
                writer.join(flush.toMillis() + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closed = true;
            try {
                channel.close(); // also wakes a writer blocked on a full pipe
                writer.join(TimeUnit.SECONDS.toMillis(1));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Closing notify FIFO {0}: {1}", path, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closed = true;
        if (created && unlink) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Unable to remove notify FIFO {0}: {1}", path, e.toString());
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(1));
    }
}
