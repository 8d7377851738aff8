package keepalivedj.daemon.vrrp;

import java.time.Duration;
import java.util.function.Consumer;
import keepalivedj.daemon.log.DaemonLog;
import keepalivedj.netlink.NetlinkException;
import keepalivedj.netlink.NetlinkOverflowException;
import keepalivedj.netlink.route.RtnlEvent;
import keepalivedj.netlink.route.RtnlEvents;

/**
 * One thread reading rtnetlink link and address events and posting each to the event loop; a lost-events overflow
 * posts a re-dump instead. It decides nothing. It blocks without a timeout (a 500 ms poll cost the idle daemon
 * about 20 ms of CPU a minute); {@link #close} wakes it.
 */
final class LinkWatcher implements AutoCloseable {
    private final RtnlEvents events;
    private final Thread thread;
    private volatile boolean closed;

    private LinkWatcher(RtnlEvents events, EventLoop loop, Consumer<RtnlEvent> onEvent, Runnable onOverflow,
                        DaemonLog log) {
        this.events = events;
        this.thread = new Thread(() -> {
            long failures = 0;
            while (!closed) {
                try {
                    for (RtnlEvent e : events.next(Duration.ZERO)) {
                        loop.post(() -> onEvent.accept(e));
                    }
                    failures = 0;
                } catch (NetlinkOverflowException e) {
                    log.warning("Netlink: events lost (" + e.getMessage() + ") - re-reading interfaces");
                    loop.post(onOverflow);
                } catch (NetlinkException | RuntimeException e) {
                    if (closed) {
                        return;
                    }
                    if (failures++ == 0) {
                        log.error("Netlink: cannot read events: " + e.getMessage());
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }, "vrrp-netlink");
        thread.setDaemon(true);
    }

    static LinkWatcher start(EventLoop loop, Consumer<RtnlEvent> onEvent, Runnable onOverflow, DaemonLog log)
            throws NetlinkException {
        LinkWatcher w = new LinkWatcher(RtnlEvents.subscribe(), loop, onEvent, onOverflow, log);
        w.thread.start();
        return w;
    }

    @Override
    public void close() {
        closed = true;
        events.wake(); // if refused, the join below times out and the socket is closed under the (daemon) thread
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.close();
    }
}
