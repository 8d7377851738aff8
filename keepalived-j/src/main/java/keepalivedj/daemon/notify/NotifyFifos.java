package keepalivedj.daemon.notify;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import keepalivedj.conf.validate.ScriptSecurity.Verdict;
import keepalivedj.daemon.exec.ScriptRunner;

/**
 * The notify FIFOs of one side of a running daemon, kept through start, reload and stop as keepalived 2.2.7's
 * processes keep theirs: the VRRP side's ({@code notify_fifo} and {@code vrrp_notify_fifo}) and the checker side's
 * ({@code notify_fifo} and {@code lvs_notify_fifo}). Measured with a reader that logs every open, line and end of
 * file (the VRRP process in a namespace, the checker process in the IPVS VM):
 * <ul>
 * <li>SIGHUP: the fifo scripts get SIGTERM, the FIFOs are closed (a reader sees EOF), then the scripts of the new
 * configuration are started and the FIFOs of the new configuration (same or other paths) opened, before any line
 * of the reload (a removed instance's FAULT, a new instance's BACKUP, a new virtual server's lines) is written:
 * those go to the new FIFOs.</li>
 * <li>SIGTERM: the fifo scripts get SIGTERM first; the VRRP side then writes its STOP lines, the checker side
 * closes its FIFOs before it shuts its servers down (it writes nothing at stop).</li>
 * </ul>
 * A reload is {@link #suspend} (on the side's loop, as the reload starts), then the new configuration is read and
 * {@link #prepare}d off the loop (mkfifo runs a process), then {@link #resume} (on the loop, just before the
 * reload's own lines). The gap between the two is keepalived's too: a reader only sees EOF if it runs between the
 * close and the next open of the same FIFO.
 */
public final class NotifyFifos {
    private static final Logger LOG = System.getLogger("keepalivedj.daemon.notify");
    /** How long closing waits for queued lines to reach a reader that is slow to read. */
    private static final Duration FLUSH = Duration.ofMillis(200);

    /** One FIFO a configuration asks for, with its fifo script (null if none or not runnable). */
    public record Wanted(Path path, Verdict script) {
    }

    /** The FIFOs of the next configuration, the missing ones already made. */
    public static final class Prepared {
        private final List<Wanted> wanted;
        private final Set<Path> createdNow;

        private Prepared(List<Wanted> wanted, Set<Path> createdNow) {
            this.wanted = wanted;
            this.createdNow = createdNow;
        }
    }

    private final FifoFanOut lines;
    private final ScriptRunner runner;
    /** Touched on the event loop (or before it runs, and after it ended). */
    private final List<NotifyFifo> open = new ArrayList<>();
    private List<Wanted> wanted = List.of();
    /** Between {@link #suspend} and {@link #resume}: what was open, and which of those files we made. */
    private List<Wanted> suspendedWanted = List.of();
    private final Set<Path> suspendedOurs = new HashSet<>();
    private boolean suspended;

    /** {@code lines}: where this side's lines go ({@link NotifyDispatcher#fifos} for VRRP). */
    public NotifyFifos(FifoFanOut lines, ScriptRunner runner) {
        this.lines = lines;
        this.runner = runner;
    }

    /**
     * The global FIFO first, then the VRRP one; the VRRP one is ignored when it names the same path as the global
     * one (keepalived.md §c.3). Either may be null.
     */
    public static List<Wanted> wanted(Wanted global, Wanted vrrp) {
        List<Wanted> w = new ArrayList<>();
        if (global != null) {
            w.add(global);
        }
        if (vrrp != null && (global == null || !global.path().equals(vrrp.path()))) {
            w.add(vrrp);
        }
        return w;
    }

    /**
     * Makes the FIFOs of {@code wanted} that do not exist yet. Blocks up to 2 s per missing FIFO (mkfifo): call it
     * before the loop runs, or on the signal thread of a reload.
     */
    public Prepared prepare(List<Wanted> wanted) {
        Set<Path> made = new HashSet<>();
        for (Wanted w : wanted) {
            try {
                if (NotifyFifo.make(w.path(), runner).get(5, TimeUnit.SECONDS)) {
                    made.add(w.path());
                }
            } catch (ExecutionException | TimeoutException e) {
                LOG.log(Level.ERROR, "Unable to create notify FIFO {0}: {1}", w.path(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Prepared(List.copyOf(wanted), made);
    }

    /**
     * On the loop, first step of a reload: SIGTERM to the running fifo scripts, the FIFOs closed (readers see
     * EOF), and the lines of the meantime kept for {@link #resume}. A FIFO we made stays on disk while the new
     * configuration is read (see {@link #resume}).
     */
    public void suspend() {
        stopScripts();
        lines.hold();
        for (NotifyFifo f : open) {
            lines.remove(f);
            f.close(FLUSH, false);
            if (f.created()) {
                suspendedOurs.add(f.path());
            }
        }
        suspendedWanted = wanted;
        suspended = true;
        open.clear();
    }

    /**
     * On the loop, last step of a reload (before the new configuration's lines): the prepared FIFOs opened, each
     * after its script is started, and the lines kept since {@link #suspend} written to them. A FIFO we made that
     * the new configuration no longer names is removed; one it names again stays (keepalived unlinks and recreates
     * it, and a reader that reopens it in between fails or waits on the dead inode).
     */
    public void resume(Prepared next) {
        Set<Path> ours = new HashSet<>(next.createdNow);
        Set<Path> nextPaths = new HashSet<>();
        for (Wanted w : next.wanted) {
            nextPaths.add(w.path());
        }
        for (Path p : suspendedOurs) {
            if (nextPaths.contains(p)) {
                ours.add(p);
            } else {
                try {
                    java.nio.file.Files.deleteIfExists(p);
                } catch (java.io.IOException e) {
                    LOG.log(Level.WARNING, "Unable to remove notify FIFO {0}: {1}", p, e.toString());
                }
            }
        }
        suspendedOurs.clear();
        suspended = false;
        open(next.wanted, ours);
        lines.release();
    }

    /** The FIFOs to reopen when a reload is abandoned (its configuration did not load): the running ones. */
    public List<Wanted> suspendedWanted() {
        return suspendedWanted;
    }

    /** Opens the prepared FIFOs (start-up: nothing is open yet). */
    public void open(Prepared first) {
        open(first.wanted, first.createdNow);
    }

    private void open(List<Wanted> next, Set<Path> ours) {
        for (Wanted w : next) {
            NotifyFifo f = NotifyFifo.open(w.path(), ours.contains(w.path()), w.script(), runner);
            open.add(f);
            lines.add(f);
        }
        wanted = List.copyOf(next);
    }

    /** SIGTERM to every fifo script (at stop, before the STOP lines are written). */
    public void stopScripts() {
        for (NotifyFifo f : open) {
            f.stopScript();
        }
    }

    /** Writes what is queued, closes every FIFO and removes the ones we made (after the loop has ended). */
    public void close() {
        if (suspended) { // a stop during a reload: the kept lines (STOP ones too) go to the FIFOs that were open
            resume(prepare(suspendedWanted));
        }
        for (NotifyFifo f : open) {
            lines.remove(f);
            f.close(FLUSH);
        }
        open.clear();
    }

    /** The FIFOs open now. */
    public List<NotifyFifo> fifos() {
        return List.copyOf(open);
    }
}
