package keepalivedj.daemon.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import keepalivedj.daemon.it.Netns;

/**
 * {@link PcapLink}, {@link MulticastMembership} and {@link RawIpSender} between two namespaces of the test's own,
 * A and B, joined by one veth pair ({@code eth0} on each side). Each side runs a {@link LinkAgent} JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PcapLinkNetnsTest {
    private static final String A_IP = "10.203.0.1";
    private static final String B_IP = "10.203.0.2";
    private static final String A_IP6 = "fd03::1";
    private static final String B_IP6 = "fd03::2";
    private static final int NO_MORE_MILLIS = 500;

    private Lab lab;
    private Netns nsA;
    private Netns nsB;
    private Agent a;
    private Agent b;
    private String macA;

    @BeforeAll
    void up() throws Exception {
        assertTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces and pcap: the project's tests run as root");
        lab = new Lab();
        nsA = lab.namespace("kjpa");
        nsB = lab.namespace("kjpb");
        Lab.veth(nsA, "eth0", nsB, "eth0");
        nsA.ip("addr", "add", A_IP + "/24", "dev", "eth0");
        nsB.ip("addr", "add", B_IP + "/24", "dev", "eth0");
        nsA.ip("-6", "addr", "add", A_IP6 + "/64", "dev", "eth0", "nodad");
        nsB.ip("-6", "addr", "add", B_IP6 + "/64", "dev", "eth0", "nodad");
        macA = Lab.mac(nsA, "eth0");
        a = lab.agent(nsA);
        b = lab.agent(nsB);
    }

    @AfterAll
    void down() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @DisplayName("A frame sent in A arrives in B byte for byte, with the TTL / hop limit 255 it was sent with")
    void framesArriveIntact() throws Exception {
        withLinks("vrrp", "vrrp", () -> {
            // send(2) on libpcap's socket through the JNI library, not sendPacket: that is what is tested here
            assertTrue(a.call("status").contains(" packetSocket=true "), a.call("status"));
            byte[] v4 = Frames.vrrp4Frame(macA, A_IP, 255, 0x4141414141414141L);
            byte[] v6 = Frames.vrrp6Frame(macA, "fe80::1", 255, 0x6666666666666666L);
            List<Lab.Received> got = sendTwoFromAToB("send", v4, "sendbuf", v6);
            assertEquals(255, got.get(0).frame()[Frames.ETH + 8] & 0xff, "IPv4 TTL");
            assertEquals(255, got.get(1).frame()[Frames.ETH + 7] & 0xff, "IPv6 hop limit");
            assertTrue(a.call("status").contains("framesSent=2, sendErrors=0]"), a.call("status"));
        });
    }

    /** Longer than the packet-socket sender takes ({@code LinuxSockets.FrameSender.MAX_FRAME}): sendPacket. */
    @Test
    @DisplayName("A frame longer than a jumbo frame goes out whole (through sendPacket), and a small one after it")
    void frameLongerThanJumboArrivesIntact() throws Exception {
        nsA.ip("link", "set", "eth0", "mtu", "16000");
        nsB.ip("link", "set", "eth0", "mtu", "16000");
        b.call("open eth0 16100 vrrp");
        try {
            a.call("open eth0 plain vrrp");
            try {
                byte[] small = Frames.vrrp6Frame(macA, "fe80::1", 255, 0x5252525252525252L);
                byte[] large = Arrays.copyOf(small, 12_000);
                for (int i = small.length; i < large.length; i++) {
                    large[i] = (byte) (i * 13);
                }
                sendTwoFromAToB("send", large, "send", small);
                assertTrue(a.call("status").contains("framesSent=2, sendErrors=0]"), a.call("status"));
            } finally {
                a.call("close");
            }
        } finally {
            b.call("close");
            nsA.ip("link", "set", "eth0", "mtu", "1500");
            nsB.ip("link", "set", "eth0", "mtu", "1500");
        }
    }

    /** The largest VRRP frame (IPv6, 255 addresses, 4,142 bytes) is sent and received whole; MTU 9000 for it. */
    @Test
    @DisplayName("The largest VRRP frame (VRRPv3 over IPv6, 255 addresses) arrives intact, and a small one after it")
    void largestFrameArrivesIntact() throws Exception {
        nsA.ip("link", "set", "eth0", "mtu", "9000");
        nsB.ip("link", "set", "eth0", "mtu", "9000");
        try {
            withLinks("vrrp", "vrrp", () -> {
                byte[] small = Frames.vrrp6Frame(macA, "fe80::1", 255, 0x5151515151515151L);
                byte[] large = Arrays.copyOf(small, 14 + 40 + 8 + 255 * 16);
                for (int i = small.length; i < large.length; i++) {
                    large[i] = (byte) (i * 7);
                }
                sendTwoFromAToB("send", large, "send", small);
            });
        } finally {
            nsA.ip("link", "set", "eth0", "mtu", "1500");
            nsB.ip("link", "set", "eth0", "mtu", "1500");
        }
    }

    @Test
    @DisplayName("Our own frames, pcap or raw-socket sent, do not reach or wake our own receiver")
    void ownFramesAreNotSeen() throws Exception {
        withLinks("vrrp", "vrrp", () -> {
            long wakesBefore = Long.parseLong(a.call("wakes").substring(3));
            for (int i = 0; i < 5; i++) {
                assertEquals("ok true", a.call("send " + Frames.hex(Frames.vrrp4Frame(macA, A_IP, 255, i))));
            }
            byte[] unicast = Frames.ipv4(112, A_IP, B_IP, 255, Frames.vrrp2(5));
            assertTrue(a.call("sendip eth0 " + Frames.hex(unicast)).startsWith("ok true"));
            assertEquals(6, Lab.frames(b.call("recv 6 3000")).size(), "frames received by the peer");
            // PACKET_IGNORE_OUTGOING: the kernel does not even wake A's reader for them (libpcap's own direction
            // check would drop them only after a wake-up each)
            long wakes = Long.parseLong(a.call("wakes").substring(3)) - wakesBefore;
            assertTrue(wakes <= 1, "A's receive thread woke " + wakes + " times for its own 6 frames");
            assertEquals(0, Lab.frames(a.call("recv 1 " + NO_MORE_MILLIS)).size(), "own frames seen by A");
        });
    }

    @Test
    @DisplayName("The VRRP filter passes protocol 112 over IPv4, IPv6 and IPv4+AH, and drops ICMP, UDP and ARP")
    void vrrpFilterPassesOnlyVrrp() throws Exception {
        withLinks("vrrp", "vrrp", () -> {
            List<byte[]> sent = List.of(
                    Frames.ether(Frames.VRRP4_MAC, macA, 0x0800, Frames.ipv4(17, A_IP, "224.0.0.18", 255, Frames.udp(1))),
                    Frames.vrrp4Frame(macA, A_IP, 255, 2),
                    Frames.ether(Frames.VRRP4_MAC, macA, 0x0800, Frames.ipv4(1, A_IP, "224.0.0.18", 255, Frames.icmpEcho(3))),
                    Frames.vrrp6Frame(macA, "fe80::1", 255, 4),
                    Frames.ether(Frames.VRRP6_MAC, macA, 0x86dd, Frames.ipv6(58, "fe80::1", "ff02::12", 255, Frames.icmpEcho(5))),
                    Frames.garp(macA, "10.203.0.99"),
                    Frames.ether(Frames.VRRP4_MAC, macA, 0x0800,
                            Frames.ipv4(51, A_IP, "224.0.0.18", 255, Frames.ah(112, Frames.vrrp2(7)))),
                    Frames.ether(Frames.VRRP4_MAC, macA, 0x0800,
                            Frames.ipv4(51, A_IP, "224.0.0.18", 255, Frames.ah(17, Frames.udp(8)))),
                    Frames.ether(Frames.VRRP6_MAC, macA, 0x86dd, Frames.ipv6(17, "fe80::1", "ff02::12", 255, Frames.udp(9))),
                    Frames.vrrp4Frame(macA, A_IP, 255, 10));
            for (byte[] f : sent) {
                assertEquals("ok true", a.call("send " + Frames.hex(f)));
            }
            List<Long> markers = new ArrayList<>();
            for (Lab.Received r : Lab.frames(b.call("recv 10 " + 2000))) {
                markers.add(Frames.marker(r.frame()));
            }
            assertEquals(List.of(2L, 4L, 7L, 10L), markers, "markers of the frames that passed the filter");
        });
    }

    @Test
    @DisplayName("The filter is configurable: an ARP filter sees gratuitous ARPs sent as whole frames")
    void arpFilter() throws Exception {
        withLinks("arp", "vrrp", () -> {
            byte[] garp = Frames.garp(macA, "10.203.0.100");
            assertEquals("ok true", a.call("send " + Frames.hex(garp)));
            List<Lab.Received> got = Lab.frames(b.call("recv 1 3000"));
            assertEquals(1, got.size());
            assertArrayEquals(garp, got.get(0).frame());
        });
    }

    @Test
    @DisplayName("Joining 224.0.0.18 and ff02::12 through a DatagramChannel makes A's kernel send IGMP and MLD reports")
    void membershipReports() throws Exception {
        withLinks("igmp or (ip6 and ip6[6] = 0 and ip6[40] = 58 and ip6[48] = 143)", "vrrp", () -> {
            a.call("join eth0 224.0.0.18");
            a.call("join eth0 ff02::12");
            try {
                byte[] group4 = Frames.addr("224.0.0.18");
                byte[] group6 = Frames.addr("ff02::12");
                boolean igmp = false;
                boolean mld = false;
                long deadline = System.currentTimeMillis() + 5000;
                while (!(igmp && mld) && System.currentTimeMillis() < deadline) {
                    for (Lab.Received r : Lab.frames(b.call("recv 1 1000"))) {
                        byte[] f = r.frame();
                        int type = ByteBuffer.wrap(f).getShort(12) & 0xffff;
                        igmp |= type == 0x0800 && f[Frames.ETH + 9] == 2 && contains(f, group4);
                        mld |= type == 0x86dd && contains(Arrays.copyOfRange(f, Frames.ETH + 40, f.length), group6);
                    }
                }
                assertTrue(igmp, "an IGMP report for 224.0.0.18 reached B");
                assertTrue(mld, "an MLD report for ff02::12 reached B");
            } finally {
                a.call("leave");
            }
        });
    }

    @Test
    @DisplayName("A send after close() is refused and counted, and nothing goes out")
    void sendAfterClose() throws Exception {
        b.call("open eth0 plain vrrp");
        try {
            a.call("open eth0 plain vrrp");
            assertEquals("ok true", a.call("send " + Frames.hex(Frames.vrrp4Frame(macA, A_IP, 255, 1))));
            assertTrue(a.call("close").endsWith("alive=false"));
            assertEquals("ok false", a.call("send " + Frames.hex(Frames.vrrp4Frame(macA, A_IP, 255, 2))));
            assertTrue(a.call("status").contains("framesSent=1, sendErrors=1]"), a.call("status"));
            assertEquals(1, Lab.frames(b.call("recv 2 " + NO_MORE_MILLIS)).size(), "frames received in B");
        } finally {
            b.call("close");
        }
    }

    @Test
    @DisplayName("close() returns promptly while the reader is blocked in libpcap, and the reader has ended (20 cycles)")
    void closeIsPrompt() throws Exception {
        List<Double> millis = new ArrayList<>();
        List<Double> readerMillis = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            b.call("open eth0 plain vrrp");
            Thread.sleep(i == 0 ? 300 : 20);
            String answer = b.call("close", 10_000);
            assertTrue(answer.endsWith("alive=false"), answer);
            readerMillis.add(Double.parseDouble(answer.split(" ")[1].substring("readerMillis=".length())));
            millis.add(Double.parseDouble(answer.split(" ")[2].substring("millis=".length())));
        }
        millis.sort(null);
        readerMillis.sort(null);
        Report.line(String.format("close() with a blocked reader, 20 cycles: reader gone after median %.2f ms"
                        + " (max %.2f); close() returned after median %.2f ms (max %.2f)", readerMillis.get(10),
                readerMillis.get(19), millis.get(10), millis.get(19)));
    }

    @Test
    @DisplayName("The receive thread survives a failing consumer and a link down/up of its interface")
    void readerSurvives() throws Exception {
        b.call("open eth0 failfirst vrrp");
        a.call("open eth0 plain vrrp");
        try {
            a.call("send " + Frames.hex(Frames.vrrp4Frame(macA, A_IP, 255, 1)));
            a.call("send " + Frames.hex(Frames.vrrp4Frame(macA, A_IP, 255, 2)));
            List<Lab.Received> got = Lab.frames(b.call("recv 2 2000"));
            assertEquals(1, got.size(), "frames delivered after the consumer failed once");
            assertEquals(2L, Frames.marker(got.get(0).frame()));
            assertTrue(b.call("status").contains("sinkErrors=1"), "the failure is counted");

            nsB.ip("link", "set", "eth0", "down");
            Thread.sleep(300);
            nsB.ip("link", "set", "eth0", "up");
            boolean arrived = false;
            for (int i = 0; i < 30 && !arrived; i++) {
                a.call("send " + Frames.hex(Frames.vrrp4Frame(macA, A_IP, 255, 100 + i)));
                arrived = !Lab.frames(b.call("recv 1 200")).isEmpty();
            }
            String status = b.call("status");
            Report.line("after link down/up, B's link: " + status);
            assertTrue(arrived, "a frame arrived after the link came back; " + status);
            assertTrue(status.contains("receiving=true"), status);
        } finally {
            a.call("close");
            b.call("close");
        }
    }

    @Test
    @DisplayName("framesWaiting: true while a held receive thread has a frame in hand and while frames wait"
            + " behind it, false once it has handed them all on")
    void framesWaitingWhileTheReaderIsHeld() throws Exception {
        b.call("open eth0 held vrrp");
        a.call("open eth0 plain vrrp");
        try {
            assertEquals("ok false", b.call("waiting"), "nothing sent yet");
            // the reader takes the first frame and stays in the (held) consumer with it: the kernel has none left
            assertEquals("ok true", a.call("send " + Frames.hex(Frames.vrrp4Frame(macA, A_IP, 255, 0))));
            String waiting = "";
            for (int i = 0; i < 100 && !waiting.equals("ok true"); i++) {
                waiting = b.call("waiting");
                Thread.sleep(10);
            }
            assertEquals("ok true", waiting, "the frame in the held reader's hands");
            for (int i = 1; i < 3; i++) { // these wait in the kernel
                assertEquals("ok true", a.call("send " + Frames.hex(Frames.vrrp4Frame(macA, A_IP, 255, i))));
            }
            Thread.sleep(50);
            assertEquals("ok true", b.call("waiting"), "and go on waiting while it is held");
            b.call("release");
            assertEquals(3, Lab.frames(b.call("recv 3 3000")).size(), "all three read once released");
            assertEquals("ok false", b.call("waiting"), "none left once read");
        } finally {
            a.call("close");
            b.call("close");
        }
    }

    @Test
    @DisplayName("Unicast on the link through the raw socket arrives with TTL/hop limit 255, IPv4 and IPv6")
    void unicastOnLink() throws Exception {
        withLinks("vrrp", "vrrp", () -> {
            byte[] v4 = Frames.ipv4(112, A_IP, B_IP, 255, Frames.vrrp2(41));
            byte[] v6 = Frames.ipv6(112, A_IP6, B_IP6, 255, Frames.vrrp3v6(61));
            assertTrue(a.call("sendip eth0 " + Frames.hex(v4)).startsWith("ok true"));
            assertTrue(a.call("sendip eth0 " + Frames.hex(v6)).startsWith("ok true"));
            List<Lab.Received> got = Lab.frames(b.call("recv 2 3000"));
            assertEquals(2, got.size(), () -> "received: " + got.stream().map(r -> Frames.hex(r.frame())).toList());
            assertArrayEquals(v4, Arrays.copyOfRange(got.get(0).frame(), Frames.ETH, got.get(0).frame().length));
            assertArrayEquals(v6, Arrays.copyOfRange(got.get(1).frame(), Frames.ETH, got.get(1).frame().length));
            assertArrayEquals(Frames.mac(macA), Arrays.copyOfRange(got.get(0).frame(), 6, 12), "source MAC");
        });
    }

    @Test
    @DisplayName("A raw socket whose interface is deleted fails and counts, and binds to it again once re-created")
    void rawSocketFollowsARecreatedInterface() throws Exception {
        byte[] packet = Frames.ipv4(112, "10.205.0.1", "10.205.0.2", 255, Frames.vrrp2(7));
        makeY0();
        try {
            assertEquals("ok true errors=0", a.call("sendipon y0 " + Frames.hex(packet)));
            nsA.ip("link", "del", "y0");
            assertEquals("ok false errors=1", a.call("sendipon y0 " + Frames.hex(packet)), "interface gone");
            makeY0();
            // the socket is still bound to the old index (ENODEV): re-bound by name once, then sent
            assertEquals("ok true errors=1", a.call("sendipon y0 " + Frames.hex(packet)), "interface re-created");
        } finally {
            nsA.ip("link", "del", "y0");
        }
    }

    private void makeY0() throws Exception {
        nsA.ip("link", "add", "y0", "type", "veth", "peer", "name", "y1");
        nsA.ip("addr", "add", "10.205.0.1/24", "dev", "y0");
        nsA.ip("link", "set", "y0", "up");
        nsA.ip("link", "set", "y1", "up");
    }

    @Test
    @DisplayName("Sending on a deleted interface returns false and counts; the reader stops and says why")
    void interfaceGone() throws Exception {
        nsA.ip("link", "add", "x0", "type", "veth", "peer", "name", "x1");
        nsA.ip("link", "set", "x0", "up");
        nsA.ip("link", "set", "x1", "up");
        a.call("open x0 plain vrrp");
        try {
            assertEquals("ok true", a.call("send " + Frames.hex(Frames.vrrp4Frame(macA, A_IP, 255, 1))));
            nsA.ip("link", "del", "x0");
            assertEquals("ok false", a.call("send " + Frames.hex(Frames.vrrp4Frame(macA, A_IP, 255, 2))));
            String status = a.call("status");
            for (int i = 0; i < 50 && status.contains("receiving=true"); i++) {
                Thread.sleep(100);
                status = a.call("status");
            }
            Report.line("after the interface was deleted: " + status);
            assertTrue(status.contains("receiving=false"), status);
            assertTrue(status.contains("framesSent=1,"), status);
            assertTrue(status.contains("sendErrors=1]"), status);
        } finally {
            assertTrue(a.call("close").endsWith("alive=false"));
        }
    }

    @Test
    @DisplayName("Measure: send-to-receive latency over 1000 frames and the receive thread's idle CPU (reported)")
    void measure() throws Exception {
        withLinks("vrrp", "vrrp", () -> {
            int n = 1000;
            byte[] template = Frames.vrrp4Frame(macA, A_IP, 255, 0);
            int stampOffset = template.length - 8;
            String sent = a.call("stamp " + n + " 1000 " + stampOffset + " " + Frames.hex(template), 60_000);
            List<Lab.Received> got = Lab.frames(b.call("recv " + n + " 10000", 30_000));
            long[] micros = got.stream()
                    .mapToLong(r -> (r.nanos() - ByteBuffer.wrap(r.frame()).getLong(stampOffset)) / 1000)
                    .sorted().toArray();
            Report.line(String.format("send->receive latency A->B over veth, %d of %d frames received, 1 ms apart:"
                            + " median %d us, p90 %d us, p99 %d us, max %d us; sender: %s", micros.length, n,
                    micros[micros.length / 2], micros[micros.length * 90 / 100], micros[micros.length * 99 / 100],
                    micros[micros.length - 1], sent));
            assertEquals(n, micros.length, "frames received");

            byte[] packet = Frames.ipv4(112, A_IP, B_IP, 255, Frames.vrrp2(0));
            int ipStampOffset = packet.length - 8;
            String sentIp = a.call("stampip eth0 " + n + " 1000 " + ipStampOffset + " " + Frames.hex(packet), 60_000);
            List<Lab.Received> gotIp = Lab.frames(b.call("recv " + n + " 10000", 30_000));
            long[] ipMicros = gotIp.stream()
                    .mapToLong(r -> (r.nanos() - ByteBuffer.wrap(r.frame()).getLong(Frames.ETH + ipStampOffset)) / 1000)
                    .sorted().toArray();
            Report.line(String.format("unicast IPv4 through RawIpSender A->B, %d of %d received, 1 ms apart:"
                            + " median %d us, p90 %d us, p99 %d us, max %d us; sender: %s", ipMicros.length, n,
                    ipMicros[ipMicros.length / 2], ipMicros[ipMicros.length * 90 / 100],
                    ipMicros[ipMicros.length * 99 / 100], ipMicros[ipMicros.length - 1], sentIp));
            assertEquals(n, ipMicros.length, "unicast packets received");
            String idle = b.call("idle 10", 30_000);
            Report.line("receive thread idle for 10 s: " + idle);
            assertTrue(idle.contains("alive=true"), idle);
        });
    }

    /**
     * Sends two frames from A, each with its agent command ({@code send}: a byte array, {@code sendbuf}: a
     * ByteBuffer), and returns them as B received them, both checked byte for byte.
     */
    private List<Lab.Received> sendTwoFromAToB(String how1, byte[] frame1, String how2, byte[] frame2)
            throws Exception {
        assertEquals("ok true", a.call(how1 + " " + Frames.hex(frame1)));
        assertEquals("ok true", a.call(how2 + " " + Frames.hex(frame2)));
        List<Lab.Received> got = Lab.frames(b.call("recv 2 3000"));
        assertEquals(2, got.size(), "frames received in B");
        assertArrayEquals(frame1, got.get(0).frame());
        assertArrayEquals(frame2, got.get(1).frame());
        return got;
    }

    private interface Body {
        void run() throws Exception;
    }

    /** Opens B's link with {@code filterB} and A's with {@code filterA}, runs the body, closes both. */
    private void withLinks(String filterB, String filterA, Body body) throws Exception {
        b.call("open eth0 plain " + filterB);
        try {
            a.call("open eth0 plain " + filterA);
            try {
                body.run();
            } finally {
                a.call("close");
            }
        } finally {
            b.call("close");
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
