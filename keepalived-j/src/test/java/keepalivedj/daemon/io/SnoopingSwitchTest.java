package keepalivedj.daemon.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import keepalivedj.daemon.it.Netns;

/**
 * A switch that forwards multicast only to members: a Linux bridge in its own namespace S with MLD snooping and
 * its own querier, and B's port set to {@code mcast_flood off} (no unregistered multicast). Adverts to ff02::12
 * reach B only once B's {@link MulticastMembership} made its kernel report the group.
 *
 * <p>IPv4 cannot be shown this way: the Linux bridge never tracks 224.0.0.x groups and always floods them
 * (hardware snooping switches do the same for 224.0.0.0/24); the IGMP report itself is proven in
 * {@link PcapLinkNetnsTest}.
 */
class SnoopingSwitchTest {

    @Test
    @DisplayName("Through an MLD-snooping switch, ff02::12 adverts reach B only after B joined the group")
    void membershipOpensTheSwitch() throws Exception {
        assertTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces and pcap: the project's tests run as root");
        try (Lab lab = new Lab()) {
            Netns nsS = lab.namespace("kjss");
            Netns nsA = lab.namespace("kjsa");
            Netns nsB = lab.namespace("kjsb");
            nsS.ip("link", "add", "br0", "type", "bridge", "stp_state", "0", "mcast_snooping", "1",
                    "mcast_query_response_interval", "100", "mcast_startup_query_interval", "100");
            Lab.veth(nsS, "pa", nsA, "eth0");
            Lab.veth(nsS, "pb", nsB, "eth0");
            nsS.ip("link", "set", "pa", "master", "br0");
            nsS.ip("link", "set", "pb", "master", "br0");
            nsS.ip("link", "set", "br0", "up");
            // The querier goes on once br0 has its link-local address: a query it cannot send (no source address)
            // disables it until the next startup query (31 s by default, 1 s as set above). After switching it
            // on, the bridge still floods for one query response interval (waiting for members to answer): 1 s,
            // set above (default 10 s).
            for (int i = 0; i < 50 && !nsS.exec(List.of("ip", "-6", "addr", "show", "dev", "br0", "scope", "link"),
                    10).stdout().contains("fe80::"); i++) {
                Thread.sleep(100);
            }
            nsS.ip("link", "set", "br0", "type", "bridge", "mcast_querier", "1");
            Netns.Result r = nsS.exec(List.of("bridge", "link", "set", "dev", "pb", "mcast_flood", "off"), 10);
            assertEquals(0, r.exitCode(), r.stderr());
            String macA = Lab.mac(nsA, "eth0");
            Agent a = lab.agent(nsA);
            Agent b = lab.agent(nsB);
            b.call("open eth0 plain vrrp");
            a.call("open eth0 plain vrrp");
            try {
                for (int i = 0; i < 3; i++) {
                    a.call("send " + Frames.hex(Frames.vrrp6Frame(macA, "fe80::1", 255, i)));
                }
                assertEquals(0, Lab.frames(b.call("recv 1 500")).size(), "adverts reaching B before it joined");

                b.call("join eth0 ff02::12");
                boolean arrived = false;
                for (int i = 0; i < 100 && !arrived; i++) {
                    a.call("send " + Frames.hex(Frames.vrrp6Frame(macA, "fe80::1", 255, 100 + i)));
                    arrived = !Lab.frames(b.call("recv 1 100")).isEmpty();
                }
                String mdb = nsS.exec(List.of("bridge", "mdb", "show"), 10).stdout();
                assertTrue(arrived, "an advert reached B after it joined; bridge mdb:\n" + mdb);
                assertTrue(mdb.contains("port pb grp ff02::12"), mdb);
            } finally {
                a.call("close");
                b.call("close");
                b.call("leave");
            }
        }
    }
}
