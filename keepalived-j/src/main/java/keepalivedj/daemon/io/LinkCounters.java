package keepalivedj.daemon.io;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one {@link PcapLink}: what was received, dropped, sent, and what failed. Written by the receive
 * thread and by senders, read by anyone through {@link #snapshot()}. It does not log; the adapter does.
 */
public final class LinkCounters {
    final AtomicLong framesReceived = new AtomicLong();
    final AtomicLong framesTruncated = new AtomicLong();
    final AtomicLong sinkErrors = new AtomicLong();
    final AtomicLong receiveErrors = new AtomicLong();
    final AtomicLong framesSent = new AtomicLong();
    final AtomicLong sendErrors = new AtomicLong();

    LinkCounters() {
    }

    public Snapshot snapshot() {
        return new Snapshot(framesReceived.get(), framesTruncated.get(), sinkErrors.get(), receiveErrors.get(),
                framesSent.get(), sendErrors.get());
    }

    /**
     * A consistent-enough copy of the counters.
     *
     * @param framesReceived  frames handed to the sink
     * @param framesTruncated frames longer than the snap length, dropped (a VRRP frame never is)
     * @param sinkErrors      exceptions thrown by the sink (the frame is lost, the thread goes on)
     * @param receiveErrors   libpcap read errors (interface down or gone, socket errors)
     * @param framesSent      frames the kernel accepted for sending
     * @param sendErrors      frames that could not be sent (interface down or gone, link closed, bad frame)
     */
    public record Snapshot(long framesReceived, long framesTruncated, long sinkErrors, long receiveErrors,
                           long framesSent, long sendErrors) {
    }
}
