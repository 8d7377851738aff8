package keepalivedj.daemon.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import keepalivedj.daemon.it.Netns;
import org.junit.jupiter.api.Test;

/**
 * The address watch ha_suspend relies on, against the kernel in a namespace of its own (root needed): the list read
 * at start, then each address added and removed (as VRRP adds and removes a VIP) reaches the loop in order. The
 * checker side around it needs IPVS and is tested in the VM (LvsVmIT's ha_suspend steps).
 */
class AddressWatchIT {
    @Test
    void initialListThenEachChangeInOrder() throws Exception {
        ExecutorService loop = Executors.newSingleThreadExecutor();
        try (Netns ns = Netns.create("kj-aw")) {
            ns.addVethPair("eth0", "eth1");
            ns.ip("addr", "add", "10.73.0.1/24", "dev", "eth0");
            LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
            try (AddressWatch w = AddressWatch.start(Path.of("/run/netns", ns.name()), loop,
                    all -> seen.add("all " + all), (a, added) -> seen.add((added ? "+" : "-") + a.getHostAddress()),
                    seen::add)) {
                List<InetAddress> initial = w.initial();
                assertTrue(initial.contains(InetAddress.getByName("10.73.0.1")), initial.toString());
                assertTrue(initial.contains(InetAddress.getByName("127.0.0.1")), initial.toString());
                assertFalse(initial.contains(InetAddress.getByName("10.73.0.50")), initial.toString());

                ns.ip("addr", "add", "10.73.0.50/32", "dev", "eth0");
                assertEquals("+10.73.0.50", next(seen));
                ns.ip("addr", "del", "10.73.0.50/32", "dev", "eth0");
                assertEquals("-10.73.0.50", next(seen));
                ns.ip("addr", "add", "fd00:73::50/128", "dev", "eth0", "nodad");
                assertEquals("+fd00:73:0:0:0:0:0:50", next(seen));
            }
        } finally {
            loop.shutdownNow();
        }
    }

    /** The next event that is not an IPv6 link-local address the veth pair brings up on its own. */
    private static String next(LinkedBlockingQueue<String> seen) throws InterruptedException {
        while (true) {
            String s = seen.poll(10, TimeUnit.SECONDS);
            if (s == null) {
                return "nothing within 10 s";
            }
            if (!s.contains("fe80:")) {
                return s;
            }
        }
    }
}
