package keepalivedj.daemon.io;

/**
 * Where a receive thread hands each captured frame. It runs on the adapter's receive thread, so it must only
 * enqueue (for example {@code BlockingQueue::offer}) and return; the daemon's own thread does the decoding. An
 * exception it throws is counted and logged, and the receive thread goes on with the next frame.
 */
@FunctionalInterface
public interface FrameSink {
    void accept(ReceivedFrame frame);
}
