package keepalivedj.daemon.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import keepalivedj.daemon.it.Netns;

/**
 * A {@code unicast_peer} behind a router: A (10.204.1.1) — R — B (10.204.2.2), each link a veth pair between the
 * test's own namespaces, R forwarding IPv4 and IPv6 inside its own namespace only. A sends through
 * {@link RawIpSender}; B receives through {@link PcapLink}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnicastThroughRouterTest {
    private static final String A_IP = "10.204.1.1";
    private static final String B_IP = "10.204.2.2";
    private static final String A_IP6 = "fd04:1::1";
    private static final String B_IP6 = "fd04:2::2";

    private Lab lab;
    private Agent a;
    private Agent b;
    private String routerMacToB;

    @BeforeAll
    void up() throws Exception {
        assertTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces and pcap: the project's tests run as root");
        lab = new Lab();
        Netns nsA = lab.namespace("kjua");
        Netns nsR = lab.namespace("kjur");
        Netns nsB = lab.namespace("kjub");
        Lab.sysctl(nsR, "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1");
        Lab.veth(nsA, "eth0", nsR, "ra");
        Lab.veth(nsB, "eth0", nsR, "rb");
        nsA.ip("addr", "add", A_IP + "/24", "dev", "eth0");
        nsR.ip("addr", "add", "10.204.1.254/24", "dev", "ra");
        nsR.ip("addr", "add", "10.204.2.254/24", "dev", "rb");
        nsB.ip("addr", "add", B_IP + "/24", "dev", "eth0");
        nsA.ip("-6", "addr", "add", A_IP6 + "/64", "dev", "eth0", "nodad");
        nsR.ip("-6", "addr", "add", "fd04:1::fe/64", "dev", "ra", "nodad");
        nsR.ip("-6", "addr", "add", "fd04:2::fe/64", "dev", "rb", "nodad");
        nsB.ip("-6", "addr", "add", B_IP6 + "/64", "dev", "eth0", "nodad");
        nsA.ip("route", "add", "default", "via", "10.204.1.254");
        nsB.ip("route", "add", "default", "via", "10.204.2.254");
        nsA.ip("-6", "route", "add", "default", "via", "fd04:1::fe");
        nsB.ip("-6", "route", "add", "default", "via", "fd04:2::fe");
        routerMacToB = Lab.mac(nsR, "rb");
        a = lab.agent(nsA);
        b = lab.agent(nsB);
        b.call("open eth0 plain vrrp");
    }

    @AfterAll
    void down() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @DisplayName("An IPv4 unicast advert reaches a peer behind a router: payload intact, TTL 254, unicast destination")
    void ipv4ThroughRouter() throws Exception {
        byte[] sent = Frames.ipv4(112, A_IP, B_IP, 255, Frames.vrrp2(0x1111));
        assertTrue(a.call("sendip eth0 " + Frames.hex(sent)).startsWith("ok true"));
        List<Lab.Received> got = Lab.frames(b.call("recv 1 5000"));
        assertEquals(1, got.size(), "frames received behind the router");
        byte[] frame = got.get(0).frame();
        byte[] ip = Arrays.copyOfRange(frame, Frames.ETH, frame.length);
        assertArrayEquals(Frames.mac(routerMacToB), Arrays.copyOfRange(frame, 6, 12), "sent on by the router");
        assertEquals(254, ip[8] & 0xff, "TTL, decremented once by the router");
        assertEquals(0xc0, ip[1] & 0xff, "TOS as sent");
        assertEquals(0x1234, ByteBuffer.wrap(ip).getShort(4) & 0xffff, "IP ID as sent");
        assertArrayEquals(Frames.addr(A_IP), Arrays.copyOfRange(ip, 12, 16), "source");
        assertArrayEquals(Frames.addr(B_IP), Arrays.copyOfRange(ip, 16, 20), "unicast destination");
        assertEquals(0, Frames.checksum(ip, 0, 20), "IPv4 header checksum valid");
        assertArrayEquals(Arrays.copyOfRange(sent, 20, sent.length), Arrays.copyOfRange(ip, 20, ip.length),
                "VRRP payload");
    }

    @Test
    @DisplayName("An IPv6 unicast advert reaches a peer behind a router: payload intact, hop limit 254")
    void ipv6ThroughRouter() throws Exception {
        byte[] sent = Frames.ipv6(112, A_IP6, B_IP6, 255, Frames.vrrp3v6(0x2222));
        assertTrue(a.call("sendip eth0 " + Frames.hex(sent)).startsWith("ok true"));
        List<Lab.Received> got = Lab.frames(b.call("recv 1 5000"));
        assertEquals(1, got.size(), "frames received behind the router");
        byte[] ip = Arrays.copyOfRange(got.get(0).frame(), Frames.ETH, got.get(0).frame().length);
        assertEquals(254, ip[7] & 0xff, "hop limit, decremented once by the router");
        byte[] expected = sent.clone();
        expected[7] = (byte) 254;
        assertArrayEquals(expected, ip, "the whole IPv6 packet apart from the hop limit");
    }

    @Test
    @DisplayName("The event loop's timer wait sends unicast adverts through the raw socket: consecutive IDs, routed")
    void theTimerWaitSendsThroughTheRawSocket() throws Exception {
        byte[] v4 = Frames.ipv4(112, A_IP, B_IP, 255, Frames.vrrp2(0x3333));
        assertEquals("ok 2", a.call("sendipwait eth0 2 " + Frames.hex(v4)));
        List<Lab.Received> got = Lab.frames(b.call("recv 2 5000"));
        assertEquals(2, got.size(), "frames received behind the router");
        for (int k = 0; k < 2; k++) {
            byte[] ip = Arrays.copyOfRange(got.get(k).frame(), Frames.ETH, got.get(k).frame().length);
            assertEquals(0x1234 + k, ByteBuffer.wrap(ip).getShort(4) & 0xffff, "IP ID, one more each time");
            assertEquals(0, Frames.checksum(ip, 0, 20), "IPv4 header checksum valid");
            assertArrayEquals(Frames.addr(B_IP), Arrays.copyOfRange(ip, 16, 20), "unicast destination");
            assertArrayEquals(Arrays.copyOfRange(v4, 20, v4.length), Arrays.copyOfRange(ip, 20, ip.length),
                    "VRRP payload");
        }

        byte[] v6 = Frames.ipv6(112, A_IP6, B_IP6, 255, Frames.vrrp3v6(0x4444));
        assertEquals("ok 2", a.call("sendipwait eth0 2 " + Frames.hex(v6)));
        got = Lab.frames(b.call("recv 2 5000"));
        assertEquals(2, got.size(), "IPv6 frames received behind the router");
        byte[] expected = v6.clone();
        expected[7] = (byte) 254;
        for (Lab.Received r : got) {
            assertArrayEquals(expected, Arrays.copyOfRange(r.frame(), Frames.ETH, r.frame().length),
                    "the whole IPv6 packet apart from the hop limit");
        }
    }

    @Test
    @DisplayName("A packet that is neither IPv4 nor IPv6 is refused and counted, not thrown")
    void garbageIsRefused() throws Exception {
        String answer = a.call("sendip eth0 " + Frames.hex(new byte[] {0x12, 0x34}));
        assertTrue(answer.startsWith("ok false"), answer);
    }
}
