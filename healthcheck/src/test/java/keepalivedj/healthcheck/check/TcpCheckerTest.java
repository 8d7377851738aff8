package keepalivedj.healthcheck.check;

import static keepalivedj.healthcheck.check.CheckerHarness.attempt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import keepalivedj.healthcheck.Failure;
import keepalivedj.healthcheck.Probe;
import keepalivedj.healthcheck.SystemTicker;
import keepalivedj.healthcheck.io.CheckLoop;
import keepalivedj.healthcheck.io.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TcpCheckerTest {
    private final CheckLoop loop = new CheckLoop(new SystemTicker(), "hc-test");

    @AfterEach
    void close() {
        loop.close();
    }

    private TcpChecker tcp(InetSocketAddress at, InetSocketAddress bind, long timeoutMillis) {
        return new TcpChecker(loop, new Target(at, bind, timeoutMillis * 1_000_000, 0));
    }

    @Test
    @DisplayName("a listening server is up")
    void accepted() throws Exception {
        try (LoopbackServer srv = LoopbackServer.plain((s, me) -> { })) {
            assertTrue(attempt(tcp(srv.address(), null, 1000)).up());
        }
    }

    @Test
    @DisplayName("a closed port is refused: connect failed")
    void refused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Probe p = attempt(tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), null, 1000));
        assertEquals(Failure.CONNECT_FAILED, p.failure(), p::toString);
        // the refusal comes back as an epoll error; SO_ERROR gives its reason
        assertEquals("connect: Connection refused", p.detail());
    }

    @Test
    @DisplayName("IPv6: a listening server on ::1 is up, a closed port on ::1 is refused (sockaddr_in6)")
    void ipv6() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        int closed;
        try (ServerSocket s = new ServerSocket(0, 50, v6)) {
            Thread acceptor = new Thread(() -> {
                try (Socket c = s.accept()) {
                    c.getInputStream().read();
                } catch (java.io.IOException ignored) {
                    // the test ends it
                }
            });
            acceptor.start();
            Probe p = attempt(tcp(new InetSocketAddress(v6, s.getLocalPort()), null, 1000));
            assertTrue(p.up(), p::toString);
            acceptor.join(2000);
        }
        try (ServerSocket s = new ServerSocket(0, 1, v6)) {
            closed = s.getLocalPort();
        }
        Probe p = attempt(tcp(new InetSocketAddress(v6, closed), null, 1000));
        assertEquals(Failure.CONNECT_FAILED, p.failure(), p::toString);
        assertTrue(p.toString().contains("Connection refused"), p::toString);
    }

    @Test
    @DisplayName("1,500 checks in flight at once (descriptors past the loop's first table) all end up")
    void manyAtOnce() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        s.accept().close();
                    }
                } catch (java.io.IOException ignored) {
                    // closed by the test
                }
            });
            acceptor.start();
            int n = 1500;
            java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch(n);
            java.util.concurrent.atomic.AtomicInteger up = new java.util.concurrent.atomic.AtomicInteger();
            TcpChecker c = tcp((InetSocketAddress) s.getLocalSocketAddress(), null, 10_000);
            loop.execute(() -> {
                for (int i = 0; i < n; i++) {
                    c.attempt(p -> {
                        if (p.up()) {
                            up.incrementAndGet();
                        }
                        all.countDown();
                    });
                }
            });
            assertTrue(all.await(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(n, up.get());
            assertEquals(0, loop.handlerErrors());
        }
    }

    @Test
    @DisplayName("bind_if: bound to lo the check reaches a loopback server; bound to a missing interface it fails")
    void bindIf() throws Exception {
        try (LoopbackServer srv = LoopbackServer.plain((s, me) -> { })) {
            Probe p = attempt(new TcpChecker(loop, new Target(srv.address(), null, 1_000_000_000L, 5, "lo")));
            assertTrue(p.up(), p::toString);
            p = attempt(new TcpChecker(loop, new Target(srv.address(), null, 1_000_000_000L, 0, "kjnone0")));
            assertEquals(Failure.LOCAL_ERROR, p.failure(), p::toString);
            assertTrue(p.toString().contains("bind_if kjnone0: No such device"), p::toString);
        }
    }

    @Test
    @DisplayName("bind_port alone on an IPv6 check binds the IPv6 wildcard with that port")
    void bindPortIpv6() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (ServerSocket s = new ServerSocket(0, 50, v6)) {
            List<Integer> peerPorts = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try (Socket c = s.accept()) {
                    peerPorts.add(c.getPort());
                } catch (java.io.IOException ignored) {
                    // the test ends it
                }
            });
            acceptor.start();
            Probe p = attempt(tcp(new InetSocketAddress(v6, s.getLocalPort()), new InetSocketAddress(port), 1000));
            assertTrue(p.up(), p::toString);
            acceptor.join(2000);
            assertEquals(List.of(port), peerPorts);
        }
    }

    @Test
    @DisplayName("bindto sets the source address the server sees")
    void bindto() throws Exception {
        List<String> peers = new ArrayList<>();
        try (LoopbackServer srv = LoopbackServer.plain((s, me) -> peers.add(s.getInetAddress().getHostAddress()))) {
            InetSocketAddress src = new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0);
            assertTrue(attempt(tcp(srv.address(), src, 1000)).up());
            Thread.sleep(100);
            assertEquals(List.of("127.0.0.2"), peers);
        }
    }

    @Test
    @DisplayName("a full accept backlog never completes the handshake: connect_timeout")
    void connectTimeout() throws Exception {
        // a listener that never accepts, with its backlog filled, leaves further SYNs unanswered
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fill = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket c = new Socket();
                    try {
                        c.connect(s.getLocalSocketAddress(), 100);
                        fill.add(c);
                    } catch (java.io.IOException e) {
                        c.close();
                        break;
                    }
                }
                Probe p = attempt(tcp((InetSocketAddress) s.getLocalSocketAddress(), null, 300));
                assertEquals(Failure.CONNECT_TIMEOUT, p.failure(), p::toString);
            } finally {
                for (Socket c : fill) {
                    c.close();
                }
            }
        }
    }
}
