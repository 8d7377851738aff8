package keepalivedj.netlink.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import keepalivedj.netlink.Errno;
import keepalivedj.netlink.KernelErrorException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * rtnetlink on the host kernel, inside a namespace of its own with a veth pair (this kernel has veth and bridge,
 * no dummy). Nothing outside the namespace is touched; it is deleted even when a test fails. Needs root.
 */
class RtnlNamespaceIT {
    static final String NS = "kj-rt-" + ProcessHandle.current().pid();
    static final Path NS_FILE = Path.of("/run/netns", NS);

    static String ip(String args) throws Exception {
        Process p = new ProcessBuilder(("ip " + args).split(" ")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError("ip " + args + " failed: " + out);
        }
        return out;
    }

    @BeforeAll
    static void namespace() throws Exception {
        ip("netns add " + NS);
        ip("-n " + NS + " link add kja0 type veth peer name kja1");
    }

    @AfterAll
    static void teardown() throws Exception {
        ip("netns del " + NS);
    }

    static InetAddress addr(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void dumpsLinksAsIpDoes() throws Exception {
        try (RtnlAddresses rt = RtnlAddresses.openIn(NS_FILE)) {
            List<RtnlLink> links = rt.links();
            assertEquals(java.util.Set.of("lo", "kja0", "kja1"), links.stream().map(RtnlLink::name).collect(java.util.stream.Collectors.toSet()));
            for (RtnlLink l : links) {
                assertTrue(ip("-n " + NS + " -o link show " + l.name()).startsWith(l.ifindex() + ": " + l.name()));
            }
        }
    }

    @Test
    void addsAndRemovesIpv4AndIpv6Addresses() throws Exception {
        try (RtnlAddresses rt = RtnlAddresses.openIn(NS_FILE)) {
            int idx = rt.link("kja0").ifindex();
            RtnlAddress v4 = new RtnlAddress(idx, addr("10.77.0.1"), 24, 0, "kja0:vip");
            RtnlAddress v6 = RtnlAddress.of(idx, addr("fd00:77::1"), 64);
            rt.add(v4);
            rt.add(v6);
            String shown = ip("-n " + NS + " addr show dev kja0");
            assertTrue(shown.contains("inet 10.77.0.1/24 scope global kja0:vip"), shown);
            assertTrue(shown.contains("inet6 fd00:77::1/64 scope global"), shown);
            assertTrue(rt.addresses().contains(v4), rt.addresses().toString());
            assertTrue(rt.addresses().stream().anyMatch(a -> a.address().equals(v6.address()) && a.ifindex() == idx));

            KernelErrorException again = assertThrows(KernelErrorException.class, () -> rt.add(v4));
            assertEquals(Errno.EEXIST, again.errno());

            rt.remove(v4);
            rt.remove(v6);
            shown = ip("-n " + NS + " addr show dev kja0");
            assertTrue(!shown.contains("10.77.0.1") && !shown.contains("fd00:77::1"), shown);
            KernelErrorException gone = assertThrows(KernelErrorException.class, () -> rt.remove(v4));
            assertEquals(Errno.EADDRNOTAVAIL, gone.errno());
        }
    }

    @Test
    void eventsReportLinkStateAndAddressChanges() throws Exception {
        try (RtnlEvents events = RtnlEvents.subscribeIn(NS_FILE); RtnlAddresses rt = RtnlAddresses.openIn(NS_FILE)) {
            int idx = rt.link("kja1").ifindex();
            ip("-n " + NS + " link set kja1 up");
            ip("-n " + NS + " link set kja0 up");
            RtnlAddress a = RtnlAddress.of(idx, addr("10.77.1.1"), 32);
            rt.add(a);
            rt.remove(a);
            List<RtnlEvent> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && !(has(seen, a, true) && running(seen, "kja1"))) {
                seen.addAll(events.next(Duration.ofMillis(500)));
            }
            assertTrue(has(seen, a, false), "no RTM_NEWADDR event in " + seen);
            assertTrue(has(seen, a, true), "no RTM_DELADDR event in " + seen);
            assertTrue(running(seen, "kja1"), "kja1 never reported RUNNING in " + seen);
            assertEquals(0, events.malformedEvents());
            assertNotNull(rt.link("kja1"));
            assertTrue(rt.link("kja1").isRunning());
        }
    }

    static boolean has(List<RtnlEvent> seen, RtnlAddress a, boolean removed) {
        return seen.stream().anyMatch(e -> e instanceof RtnlEvent.AddressChanged c && c.removed() == removed
                && c.address().address().equals(a.address()) && c.address().ifindex() == a.ifindex());
    }

    static boolean running(List<RtnlEvent> seen, String name) {
        return seen.stream().anyMatch(e -> e instanceof RtnlEvent.LinkChanged l && l.link().name().equals(name)
                && l.link().isRunning() && l.link().operState() == RtnlLink.IF_OPER_UP);
    }
}
