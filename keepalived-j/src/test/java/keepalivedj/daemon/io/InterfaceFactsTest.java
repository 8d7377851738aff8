package keepalivedj.daemon.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import keepalivedj.daemon.it.Netns;

/** {@link InterfaceFacts} read inside a namespace of the test's own. */
class InterfaceFactsTest {

    @Test
    @DisplayName("Facts: MAC, index, MTU from the OS; the primary IPv4 is the first the kernel lists, despite"
            + " secondary and labelled addresses; the IPv6 link-local is found")
    void facts() throws Exception {
        assertTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces: the project's tests run as root");
        try (Lab lab = new Lab()) {
            Netns ns = lab.namespace("kjif");
            ns.addVethPair("f0", "f1");
            ns.ip("link", "set", "f0", "mtu", "1400");
            ns.ip("addr", "add", "10.205.0.5/24", "dev", "f0");
            ns.ip("addr", "add", "10.205.1.7/24", "dev", "f0", "label", "f0:1");
            ns.ip("addr", "add", "10.205.0.6/24", "dev", "f0"); // secondary of 10.205.0.5
            ns.ip("addr", "add", "10.205.2.1/24", "dev", "f0");
            String mac = Lab.mac(ns, "f0");
            String index = ns.exec(java.util.List.of("cat", "/sys/class/net/f0/ifindex"), 10).stdout().trim();
            Agent agent = lab.agent(ns);
            String facts = agent.call("facts f0");
            assertTrue(facts.contains("name=f0, index=" + index + ", mac=" + mac + ", mtu=1400,"), facts);
            assertTrue(facts.contains("ipv4Primary=Optional[/10.205.0.5]"), facts);
            assertTrue(facts.contains("ipv6LinkLocal=Optional[/fe80:"), facts);
            String other = agent.call("facts f1");
            assertTrue(other.contains("name=f1, ") && other.contains("ipv4Primary=Optional.empty"), other);
        }
    }
}
