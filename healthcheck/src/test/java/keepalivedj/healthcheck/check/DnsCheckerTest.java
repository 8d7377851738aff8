package keepalivedj.healthcheck.check;

import static keepalivedj.healthcheck.check.CheckerHarness.attempt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.conf.model.CheckerTiming;
import keepalivedj.healthcheck.Failure;
import keepalivedj.healthcheck.Probe;
import keepalivedj.healthcheck.SystemTicker;
import keepalivedj.healthcheck.io.CheckLoop;
import keepalivedj.healthcheck.io.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DnsCheckerTest {
    private final CheckLoop loop = new CheckLoop(new SystemTicker(), "hc-test");

    @AfterEach
    void close() {
        loop.close();
    }

    private static final CheckerSpec.DnsCheck SOA_ROOT = new CheckerSpec.DnsCheck(
            new CheckerTiming(3, 5_000_000, 0, 5_000_000, false, false), null, CheckerSpec.DnsType.SOA, "", null);

    @Test
    @DisplayName("the query: id, RD set, one question, root name, type SOA, class IN")
    void queryBytes() {
        assertArrayEquals(HexFormat.of().parseHex(
                "1234" + "0100" + "0001" + "0000" + "0000" + "0000" // id | RD | qd=1 an ns ar
                        + "00" + "0006" + "0001"),                     // root | SOA | IN
                DnsQuery.encode(0x1234, "", CheckerSpec.DnsType.SOA));
        assertArrayEquals(HexFormat.of().parseHex("abcd" + "0100" + "0001" + "0000" + "0000" + "0000"
                        + "07" + "6578616d706c65" + "03" + "636f6d" + "00" // 7 example 3 com 0
                        + "001c" + "0001"),                                  // AAAA | IN
                DnsQuery.encode(0xabcd, "example.com.", CheckerSpec.DnsType.AAAA));
    }

    /** A real UDP server on loopback answering each query through {@code answer}. */
    private Probe against(UnaryOperator<byte[]> answer) throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Thread t = new Thread(() -> {
                try {
                    byte[] buf = new byte[512];
                    DatagramPacket q = new DatagramPacket(buf, buf.length);
                    server.receive(q);
                    byte[] reply = answer.apply(Arrays.copyOf(buf, q.getLength()));
                    if (reply != null) {
                        server.send(new DatagramPacket(reply, reply.length, q.getSocketAddress()));
                    }
                } catch (Exception e) {
                    // socket closed at the end of the test
                }
            });
            t.setDaemon(true);
            t.start();
            return attempt(new DnsChecker(loop, new Target((InetSocketAddress) server.getLocalSocketAddress(), null,
                    300_000_000L, 0), SOA_ROOT, new SplittableRandom(7)));
        }
    }

    private static byte[] withFlags(byte[] query, int flags) {
        byte[] r = query.clone();
        r[2] = (byte) (flags >> 8);
        r[3] = (byte) flags;
        return r;
    }

    @Test
    @DisplayName("a reply with QR and RCODE 0 is up")
    void up() throws Exception {
        assertTrue(against(q -> withFlags(q, 0x8180)).up());
    }

    @Test
    @DisplayName("RCODE 2 (SERVFAIL) and a reply without QR are down")
    void rcode() throws Exception {
        Probe p = against(q -> withFlags(q, 0x8182));
        assertEquals(Failure.DNS_RCODE, p.failure());
        assertEquals("RCODE 2", p.detail());
        assertEquals(Failure.DNS_RCODE, against(q -> withFlags(q, 0x0100)).failure());
    }

    @Test
    @DisplayName("a non-DNS reply (too short, or someone else's id) is malformed")
    void garbage() throws Exception {
        assertEquals(Failure.MALFORMED, against(q -> "hello".getBytes()).failure());
        assertEquals(Failure.MALFORMED, against(q -> {
            byte[] r = withFlags(q, 0x8180);
            r[0] ^= 0x55;
            return r;
        }).failure());
    }

    @Test
    @DisplayName("silence is a timeout; a closed port is unreachable")
    void silenceAndUnreachable() throws Exception {
        assertEquals(Failure.READ_TIMEOUT, against(q -> null).failure());
        int port;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = s.getLocalPort();
        }
        Probe p = attempt(new DnsChecker(loop, new Target(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                port), null, 1_000_000_000L, 0), SOA_ROOT, new SplittableRandom(7)));
        assertEquals(Failure.CONNECT_FAILED, p.failure(), p::toString);
    }
}
