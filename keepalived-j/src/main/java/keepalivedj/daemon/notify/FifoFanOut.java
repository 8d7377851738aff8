package keepalivedj.daemon.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One process side's notify lines to its open FIFOs: keepalived writes every line to the global
 * {@code notify_fifo} and to the side's own one ({@code vrrp_notify_fifo} or {@code lvs_notify_fifo}). While a
 * reload has the FIFOs closed, lines are kept (at most {@link NotifyFifo#QUEUE_LINES}, the rest dropped and
 * counted) and written to the reopened ones, so a transition in that window reaches a FIFO rather than none.
 * Thread-safe; writing never blocks ({@link NotifyFifo#write}).
 */
public final class FifoFanOut {
    private final List<NotifyFifo> fifos = new CopyOnWriteArrayList<>();
    /** Lines kept while the FIFOs are closed for a reload; null when they are open. Guarded by fifos. */
    private List<String> held;
    private final AtomicLong heldDropped = new AtomicLong();

    public void add(NotifyFifo fifo) {
        fifos.add(fifo);
    }

    public void remove(NotifyFifo fifo) {
        fifos.remove(fifo);
    }

    /** From now on lines are kept instead of written (a reload has closed the FIFOs). */
    public void hold() {
        synchronized (fifos) {
            if (held == null) {
                held = new ArrayList<>();
            }
        }
    }

    /** Writes the kept lines to the FIFOs added since {@link #hold}, and writes directly again. */
    public void release() {
        synchronized (fifos) {
            List<String> lines = held;
            held = null;
            if (lines != null) {
                lines.forEach(this::write);
            }
        }
    }

    /** Lines dropped because more than {@link NotifyFifo#QUEUE_LINES} came while the FIFOs were closed. */
    public long heldDropped() {
        return heldDropped.get();
    }

    /** One line (from {@link FifoLine}) to every open FIFO. */
    public void write(String line) {
        synchronized (fifos) {
            if (held != null) {
                if (held.size() < NotifyFifo.QUEUE_LINES) {
                    held.add(line);
                } else {
                    heldDropped.incrementAndGet();
                }
                return;
            }
        }
        for (NotifyFifo f : fifos) {
            f.write(line);
        }
    }
}
