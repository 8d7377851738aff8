package keepalivedj.netlink.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import keepalivedj.netlink.KernelErrorException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Routes and rules through rtnetlink, checked with {@code ip route} / {@code ip rule}, in a namespace of its own. */
class RtnlRoutesNamespaceIT {
    static final String NS = "kj-rr-" + ProcessHandle.current().pid();
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
        ip("-n " + NS + " link add kjr0 type veth peer name kjr1");
        ip("-n " + NS + " link set kjr0 up");
        ip("-n " + NS + " link set kjr1 up");
        ip("-n " + NS + " addr add 10.77.0.1/24 dev kjr0");
    }

    @AfterAll
    static void teardown() throws Exception {
        ip("netns del " + NS);
    }

    static int ifindex(String name) throws Exception {
        String line = ip("-n " + NS + " -o link show " + name);
        return Integer.parseInt(line.substring(0, line.indexOf(':')));
    }

    @Test
    void addsAndRemovesRoutesAsIpShowsThem() throws Exception {
        try (RtnlRoutes rt = RtnlRoutes.openIn(NS_FILE)) {
            RtnlRoute via = new RtnlRoute(InetAddress.getByName("192.0.2.0"), 24, null, 0,
                    InetAddress.getByName("10.77.0.254"), ifindex("kjr0"), null, 100, 18, 0, 1, 5L, 0, false);
            RtnlRoute direct = new RtnlRoute(InetAddress.getByName("198.51.100.0"), 25, null, 0, null, ifindex("kjr0"),
                    InetAddress.getByName("10.77.0.1"), 254, 3, 253, 1, null, 0, false);
            RtnlRoute hole = new RtnlRoute(InetAddress.getByName("203.0.113.0"), 24, null, 0, null, 0, null, 254, 3,
                    0, 6, null, 0, false);
            rt.add(via);
            rt.add(direct);
            rt.add(hole);
            assertEquals("192.0.2.0/24 via 10.77.0.254 dev kjr0 proto keepalived metric 5 \n",
                    ip("-n " + NS + " route show table 100"));
            String main = ip("-n " + NS + " route show table main");
            assertTrue(main.contains("198.51.100.0/25 dev kjr0 scope link src 10.77.0.1"), main);
            assertTrue(main.contains("blackhole 203.0.113.0/24"), main);
            KernelErrorException e = assertThrows(KernelErrorException.class, () -> rt.add(hole));
            assertEquals(17, e.errno());
            rt.remove(via);
            rt.remove(direct);
            rt.remove(hole);
            assertEquals("", ip("-n " + NS + " route show table 100"));
            assertFalse(ip("-n " + NS + " route show table main").contains("198.51.100.0"));
        }
    }

    @Test
    void addsAndRemovesRulesAsIpShowsThem() throws Exception {
        try (RtnlRoutes rt = RtnlRoutes.openIn(NS_FILE)) {
            RtnlRule r = new RtnlRule(false, InetAddress.getByName("10.77.0.0"), 24, null, 0, 1234,
                    RtnlRule.FR_ACT_TO_TBL, 100, null, false, null, null, 7L, null, 0, 18);
            rt.add(r);
            String rules = ip("-n " + NS + " rule show");
            assertTrue(rules.contains("1234:\tfrom 10.77.0.0/24 fwmark 0x7 lookup 100 proto keepalived"), rules);
            rt.remove(r);
            assertFalse(ip("-n " + NS + " rule show").contains("1234:"));
        }
    }
}
