package keepalivedj.daemon.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import keepalivedj.daemon.it.Netns;

/** What the daemon is told when opening fails, and what happens to frames the adapter cannot deliver whole. */
class PcapLinkErrorsTest {

    @Test
    @DisplayName("Opening a missing interface, an invalid filter, or joining IPv4 without an IPv4 address fails"
            + " with a message naming the interface; truncated frames are dropped and counted")
    void errors() throws Exception {
        assertTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces and pcap: the project's tests run as root");
        try (Lab lab = new Lab()) {
            Netns ns = lab.namespace("kjer");
            ns.addVethPair("e0", "e1");
            Agent agent = lab.agent(ns);

            String missing = agent.callExpectingError("open nosuch0 plain vrrp");
            assertTrue(missing.contains("(nosuch0) cannot open for packet I/O: no such interface"), missing);
            String badFilter = agent.callExpectingError("open e0 plain ip proto bogus");
            assertTrue(badFilter.contains("(e0) invalid capture filter 'ip proto bogus'"), badFilter);
            String noIpv4 = agent.callExpectingError("join e0 224.0.0.18");
            assertTrue(noIpv4.contains("(e0) multicast group 224.0.0.18: cannot join"), noIpv4);
            assertEquals("ok", agent.call("join e0 ff02::12"), "IPv6 needs only the link-local address");
            agent.call("leave");

            // e1 captures with a 60-byte snap length; e0 sends a 54-byte and a 102-byte frame.
            String mac = Lab.mac(ns, "e0");
            Agent sender = lab.agent(ns);
            agent.call("open e1 60 vrrp");
            sender.call("open e0 plain vrrp");
            try {
                byte[] small = Frames.vrrp4Frame(mac, "10.206.0.1", 255, 1);
                byte[] big = Frames.ether(Frames.VRRP6_MAC, mac, 0x86dd,
                        Frames.ipv6(112, "fe80::1", "ff02::12", 255, new byte[48]));
                sender.call("send " + Frames.hex(big));
                sender.call("send " + Frames.hex(small));
                List<Lab.Received> got = Lab.frames(agent.call("recv 2 1500"));
                assertEquals(1, got.size(), "only the frame that fits");
                assertEquals(small.length, got.get(0).frame().length);
                String status = agent.call("status");
                assertTrue(status.contains("framesReceived=1, framesTruncated=1,"), status);
                assertEquals("ok false", sender.call("send " + Frames.hex(new byte[10])), "runt frame refused");
            } finally {
                sender.call("close");
                agent.call("close");
            }
        }
    }
}
