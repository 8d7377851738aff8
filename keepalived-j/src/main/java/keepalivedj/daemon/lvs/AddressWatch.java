package keepalivedj.daemon.lvs;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import keepalivedj.netlink.NetlinkException;
import keepalivedj.netlink.NetlinkOverflowException;
import keepalivedj.netlink.route.RtnlAddress;
import keepalivedj.netlink.route.RtnlAddresses;
import keepalivedj.netlink.route.RtnlEvent;
import keepalivedj.netlink.route.RtnlEvents;

/**
 * The addresses configured on this box, for ha_suspend: keepalived's checker process keeps its own rtnetlink
 * reflector and decides by whether a virtual server's address is configured here, whoever put it there (our VRRP
 * side, or a keepalived-j -P or keepalived in another process). One thread reads address events and hands each to
 * the checker loop; it decides nothing. The full list is read once after subscribing (so no change falls between
 * the two), and again when the kernel says events were lost.
 */
final class AddressWatch implements AutoCloseable {
    private final RtnlEvents events;
    private final Thread thread;
    private final List<InetAddress> initial;
    private volatile boolean closed;

    private AddressWatch(RtnlEvents events, List<InetAddress> initial, Path netns, Executor loop, Consumer<List<InetAddress>> all,
                         BiConsumer<InetAddress, Boolean> changed, Consumer<String> log) {
        this.events = events;
        this.initial = initial;
        this.thread = new Thread(() -> {
            long failures = 0;
            while (!closed) {
                try {
                    for (RtnlEvent e : events.next(Duration.ofMillis(500))) {
                        if (e instanceof RtnlEvent.AddressChanged ac) {
                            InetAddress a = ac.address().address();
                            boolean added = !ac.removed();
                            loop.execute(() -> changed.accept(a, added));
                        }
                    }
                    failures = 0;
                } catch (NetlinkOverflowException e) {
                    log.accept("Netlink: address events lost (" + e.getMessage() + ") - re-reading addresses");
                    try {
                        List<InetAddress> now = dump(netns);
                        loop.execute(() -> all.accept(now));
                    } catch (NetlinkException | RuntimeException x) {
                        log.accept("Netlink: cannot read addresses: " + x.getMessage());
                    }
                } catch (NetlinkException | RuntimeException e) {
                    if (closed) {
                        return;
                    }
                    if (failures++ == 0) {
                        log.accept("Netlink: cannot read address events: " + e.getMessage());
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }, "checker-netlink");
        thread.setDaemon(true);
    }

    /**
     * Subscribes and reads every address now configured ({@link #initial}); then hands each later change to
     * {@code changed} (address, true when added) on {@code loop}, and a fresh list to {@code all} after lost events.
     */
    static AddressWatch start(Executor loop, Consumer<List<InetAddress>> all, BiConsumer<InetAddress, Boolean> changed,
                              Consumer<String> log) throws NetlinkException {
        return start(null, loop, all, changed, log);
    }

    /** The same in the network namespace of this file (/run/netns/NAME), or in ours when null (tests). */
    static AddressWatch start(Path netns, Executor loop, Consumer<List<InetAddress>> all,
                              BiConsumer<InetAddress, Boolean> changed, Consumer<String> log) throws NetlinkException {
        RtnlEvents events = netns == null ? RtnlEvents.subscribe() : RtnlEvents.subscribeIn(netns);
        List<InetAddress> now;
        try {
            now = dump(netns);
        } catch (NetlinkException | RuntimeException e) {
            events.close();
            throw e;
        }
        AddressWatch w = new AddressWatch(events, List.copyOf(now), netns, loop, all, changed, log);
        w.thread.start();
        return w;
    }

    /** The addresses configured when the watch started. */
    List<InetAddress> initial() {
        return initial;
    }

    private static List<InetAddress> dump(Path netns) throws NetlinkException {
        try (RtnlAddresses r = netns == null ? RtnlAddresses.open() : RtnlAddresses.openIn(netns)) {
            List<InetAddress> out = new ArrayList<>();
            for (RtnlAddress a : r.addresses()) {
                out.add(a.address());
            }
            return out;
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.close();
    }
}
