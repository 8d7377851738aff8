package keepalivedj.healthcheck;

import static keepalivedj.healthcheck.Fixtures.rs;
import static keepalivedj.healthcheck.Fixtures.tcp;
import static keepalivedj.healthcheck.VirtualServerStateTest.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import keepalivedj.conf.Position;
import keepalivedj.conf.model.LvsConfig;
import keepalivedj.conf.model.RealServer;
import keepalivedj.conf.model.VirtualServer;
import keepalivedj.healthcheck.check.CheckerFactory;
import keepalivedj.healthcheck.check.Checkers;
import keepalivedj.healthcheck.check.TlsContexts;
import keepalivedj.healthcheck.io.CheckLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HealthChecksTest {
    private final ManualTimers timers = new ManualTimers();
    private final List<String> changes = new ArrayList<>();
    private final CheckLoop loop = new CheckLoop(new SystemTicker(), "hc-test");

    @AfterEach
    void close() {
        loop.close();
    }

    private HealthChecks checks(LvsConfig config, CheckerFactory factory) {
        return new HealthChecks(config, factory, timers, new SplittableRandom(5), false,
                list -> changes.addAll(show(list)));
    }

    private static VirtualServer vs(String vip, RealServer... servers) {
        Fixtures.Vs b = new Fixtures.Vs();
        b.address = vip;
        for (RealServer r : servers) {
            b.rs(r);
        }
        return b.build();
    }

    /** Checks answered from a set of "down" real-server addresses: the outside world, not the code under test. */
    private CheckerFactory world(Set<String> down, AtomicInteger attempts) {
        return (rs, spec) -> done -> {
            attempts.incrementAndGet();
            String a = rs.address().getHostAddress();
            done.accept(down.contains(a) ? Probe.failed(Failure.CONNECT_FAILED, "refused") : Probe.success());
        };
    }

    /** One attempt of the world's synchronous checks: the next timer, then the probe it handed over. */
    private void cycle() {
        timers.runNextTimer();
        timers.runPendingTasks();
    }

    /** One attempt of a real network check: the next timer, then wait for its probe to come back. */
    private void cycleAwait() throws InterruptedException {
        timers.runNextTimer();
        timers.runNextTask();
    }

    @Test
    @DisplayName("#2358: a real server in two virtual servers with the same TCP_CHECK is connected to once per turn")
    void sameCheckRunsOnce() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    try (Socket s = server.accept()) {
                        accepted.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                // closed by the test
            }
        });
        t.setDaemon(true);
        t.start();
        int port = server.getLocalPort();
        RealServer inA = rs("127.0.0.1", port, 1, List.of(tcp(false, new Position("a.conf", 3, 5))));
        RealServer inB = rs("127.0.0.1", port, 1, List.of(tcp(false, new Position("b.conf", 9, 5))));
        LvsConfig config = new LvsConfig(List.of(), List.of(vs("10.0.0.1", inA), vs("10.0.0.2", inB)), null);
        HealthChecks hc = checks(config, new Checkers(loop, TlsContexts.trustingEveryone(), null,
                new SplittableRandom(1)));
        hc.start();
        // keepalived 2.2.7 writes VS UP for a virtual server that starts with quorum, once its servers are in
        assertEquals(List.of("add 127.0.0.1:" + port + " w1", "fifo VS [10.0.0.1]:tcp:80 UP\\n",
                "add 127.0.0.1:" + port + " w1", "fifo VS [10.0.0.2]:tcp:80 UP\\n"), changes);
        assertEquals(1, hc.scheduler().size());
        cycleAwait();
        assertEquals(1, hc.scheduler().attempts());
        server.close();
        awaitRefused(port);
        cycleAwait();
        cycleAwait();
        assertEquals(3, hc.scheduler().attempts());
        assertEquals(2L, hc.scheduler().failures().get(Failure.CONNECT_FAILED), () -> hc.scheduler().failures() + "");
        assertTrue(changes.contains("fifo RS [127.0.0.1]:tcp:" + port + " [10.0.0.1]:tcp:80 DOWN\\n"), changes::toString);
        assertTrue(changes.contains("fifo RS [127.0.0.1]:tcp:" + port + " [10.0.0.2]:tcp:80 DOWN\\n"), changes::toString);
        assertTrue(accepted.get() >= 1, "the real server saw the first check");
    }

    /** A closed ServerSocket may stay listening for a moment while its accept thread wakes up. */
    private static void awaitRefused(int port) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                Thread.sleep(10);
            } catch (java.io.IOException refused) {
                return;
            }
        }
        throw new AssertionError("port " + port + " still accepts connections");
    }

    @Test
    @DisplayName("reload: a failed real server is not re-added; unchanged checks keep running; removed ones go")
    void reload() throws Exception {
        Set<String> down = new HashSet<>(Set.of("10.1.0.2"));
        AtomicInteger attempts = new AtomicInteger();
        RealServer a = rs("10.1.0.2", 80, 1, List.of(tcp(false)));
        RealServer b = rs("10.1.0.3", 80, 1, List.of(tcp(false)));
        HealthChecks hc = checks(new LvsConfig(List.of(), List.of(vs("10.0.0.1", a, b)), null), world(down, attempts));
        hc.start();
        for (int i = 0; i < 4; i++) {
            cycle();
        }
        assertTrue(changes.contains("del 10.1.0.2:80"), changes::toString);
        changes.clear();
        RealServer a2 = rs("10.1.0.2", 80, 1, List.of(tcp(false, new Position("new.conf", 7, 1))));
        RealServer c = rs("10.1.0.4", 80, 2, List.of(tcp(true)));
        hc.reload(new LvsConfig(List.of(), List.of(vs("10.0.0.1", a2, c)), null));
        // b removed while alive: its RS DOWN, and the old virtual server lost its quorum (VS DOWN); the new one
        // took the quorum state from before the removal, so its init finds it down once more (keepalived's order)
        assertEquals(List.of("del 10.1.0.3:80", "fifo RS [10.1.0.3]:tcp:80 [10.0.0.1]:tcp:80 DOWN\\n",
                "fifo VS [10.0.0.1]:tcp:80 DOWN\\n", "fifo VS [10.0.0.1]:tcp:80 DOWN\\n"), changes,
                "b removed; a stays out; c is alpha");
        assertEquals(2, hc.scheduler().size());
        changes.clear();
        down.clear();
        for (int i = 0; i < 3; i++) {
            cycle();
        }
        assertTrue(changes.contains("add 10.1.0.2:80 w1"), changes::toString);
        assertTrue(changes.contains("add 10.1.0.4:80 w2"), changes::toString);
    }

    @Test
    @DisplayName("reload: a removed virtual server's destinations are deleted; an unchanged one sees no change")
    void reloadRemovesVirtualServer() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        VirtualServer one = vs("10.0.0.1", rs("10.1.0.2", 80, 1, List.of(tcp(false))));
        VirtualServer two = vs("10.0.0.2", rs("10.1.0.3", 80, 1, List.of(tcp(false))));
        HealthChecks hc = checks(new LvsConfig(List.of(), List.of(one, two), null), world(Set.of(), attempts));
        hc.start();
        changes.clear();
        hc.reload(new LvsConfig(List.of(), List.of(one), null));
        assertEquals(List.of("del 10.1.0.3:80", "fifo RS [10.1.0.3]:tcp:80 [10.0.0.2]:tcp:80 DOWN\\n",
                "fifo VS [10.0.0.2]:tcp:80 DOWN\\n"), changes);
        assertEquals(1, hc.scheduler().size());
    }

    @Test
    @DisplayName("reload: an alpha real server new to its virtual server on a check already up elsewhere starts down"
            + " and comes up on that check's next success, as its own checker would")
    void reloadAlphaOnSharedCheck() {
        AtomicInteger attempts = new AtomicInteger();
        VirtualServer one = vs("10.0.0.1", rs("10.1.0.2", 80, 1, List.of(tcp(true))));
        HealthChecks hc = checks(new LvsConfig(List.of(), List.of(one), null), world(Set.of(), attempts));
        hc.start();
        cycle();
        assertTrue(changes.contains("add 10.1.0.2:80 w1"), changes::toString);
        changes.clear();
        VirtualServer two = vs("10.0.0.2", rs("10.1.0.2", 80, 1, List.of(tcp(true))));
        hc.reload(new LvsConfig(List.of(), List.of(one, two), null));
        assertEquals(List.of(), changes, "down at init, no quorum: nothing yet");
        assertEquals(1, hc.scheduler().size(), "still one check");
        hc.reload(new LvsConfig(List.of(), List.of(one, two), null));
        assertEquals(List.of(), changes, "a second reload before its first success: still waiting");
        cycle();
        assertEquals(List.of("add 10.1.0.2:80 w1", "fifo RS [10.1.0.2]:tcp:80 [10.0.0.2]:tcp:80 UP\\n",
                "fifo VS [10.0.0.2]:tcp:80 UP\\n"), changes);
        changes.clear();
        cycle();
        assertEquals(List.of(), changes, "once only");
    }

    @Test
    @DisplayName("rs_init_notifies: a reload sends UP for real servers new to their virtual server (kept or new, on a"
            + " new check or one already up elsewhere), none for continued or alpha ones, as keepalived 2.2.7 does")
    void rsInitNotifiesOnReload() {
        VirtualServer one = vs("10.0.0.1", rs("10.1.0.2", 80, 1, List.of(tcp(false))));
        HealthChecks hc = new HealthChecks(new LvsConfig(List.of(), List.of(one), null),
                world(Set.of(), new AtomicInteger()), timers, new SplittableRandom(5), true,
                list -> changes.addAll(show(list)));
        hc.start();
        assertEquals(List.of("add 10.1.0.2:80 w1", "fifo RS [10.1.0.2]:tcp:80 [10.0.0.1]:tcp:80 UP\\n",
                "fifo VS [10.0.0.1]:tcp:80 UP\\n"), changes);
        cycle();
        changes.clear();
        VirtualServer oneMore = vs("10.0.0.1", rs("10.1.0.2", 80, 1, List.of(tcp(false))),
                rs("10.1.0.3", 80, 1, List.of(tcp(false))));
        VirtualServer two = vs("10.0.0.2", rs("10.1.0.2", 80, 1, List.of(tcp(false))),
                rs("10.1.0.4", 80, 1, List.of(tcp(true))));
        hc.reload(new LvsConfig(List.of(), List.of(oneMore, two), null));
        assertEquals(List.of("add 10.1.0.3:80 w1", "fifo RS [10.1.0.3]:tcp:80 [10.0.0.1]:tcp:80 UP\\n",
                "add 10.1.0.2:80 w1", "fifo RS [10.1.0.2]:tcp:80 [10.0.0.2]:tcp:80 UP\\n",
                "fifo VS [10.0.0.2]:tcp:80 UP\\n"), changes);
    }

    @Test
    @DisplayName("reload: a non-alpha real server new to its virtual server on a check already down elsewhere starts up"
            + " and goes down after retry + 1 failed attempts of its own, as keepalived 2.2.7's own checker for it does;"
            + " a reload in between keeps its count, a success keeps it up")
    void reloadNonAlphaOnDownSharedCheck() {
        Set<String> down = new HashSet<>(Set.of("10.1.0.2"));
        VirtualServer one = vs("10.0.0.1", rs("10.1.0.2", 80, 1, List.of(tcp(false))));
        HealthChecks hc = checks(new LvsConfig(List.of(), List.of(one), null), world(down, new AtomicInteger()));
        hc.start();
        cycle();
        cycle();
        assertTrue(changes.contains("del 10.1.0.2:80"), changes::toString);
        changes.clear();
        VirtualServer two = vs("10.0.0.2", rs("10.1.0.2", 80, 1, List.of(tcp(false))));
        LvsConfig both = new LvsConfig(List.of(), List.of(one, two), null);
        hc.reload(both);
        assertEquals(List.of("add 10.1.0.2:80 w1", "fifo VS [10.0.0.2]:tcp:80 UP\\n"), changes, "up at init");
        assertEquals(1, hc.scheduler().size(), "still one check");
        changes.clear();
        cycle();
        assertEquals(List.of(), changes, "first failed attempt: its retry");
        hc.reload(both);
        assertEquals(List.of(), changes, "continued: nothing to do, still counting");
        cycle();
        assertEquals(List.of("del 10.1.0.2:80", "fifo RS [10.1.0.2]:tcp:80 [10.0.0.2]:tcp:80 DOWN\\n",
                "fifo VS [10.0.0.2]:tcp:80 DOWN\\n"), changes);
        changes.clear();
        cycle();
        cycle();
        assertEquals(List.of(), changes, "once only");

        VirtualServer three = vs("10.0.0.3", rs("10.1.0.2", 80, 1, List.of(tcp(false))));
        hc.reload(new LvsConfig(List.of(), List.of(one, two, three), null));
        assertEquals(List.of("add 10.1.0.2:80 w1", "fifo VS [10.0.0.3]:tcp:80 UP\\n"), changes);
        changes.clear();
        down.clear();
        cycle();
        assertEquals(List.of("add 10.1.0.2:80 w1", "fifo RS [10.1.0.2]:tcp:80 [10.0.0.1]:tcp:80 UP\\n",
                "fifo VS [10.0.0.1]:tcp:80 UP\\n", "add 10.1.0.2:80 w1",
                "fifo RS [10.1.0.2]:tcp:80 [10.0.0.2]:tcp:80 UP\\n", "fifo VS [10.0.0.2]:tcp:80 UP\\n"), changes,
                "the success brings the others up; the new one is up already");
    }

    @Test
    @DisplayName("reload of an unchanged configuration with the sorry server serving changes nothing in IPVS")
    void reloadKeepsSorryServer() {
        Fixtures.Vs b = new Fixtures.Vs().sorry("10.0.0.9", 80, false).rs(rs("10.1.0.2", 80, 1, List.of(tcp(true))));
        LvsConfig config = new LvsConfig(List.of(), List.of(b.build()), null);
        HealthChecks hc = checks(config, world(Set.of("10.1.0.2"), new AtomicInteger()));
        hc.start();
        assertEquals(List.of("add sorry 10.0.0.9:80 w1", "fifo VS [10.0.0.1]:tcp:80 DOWN\\n"), changes);
        changes.clear();
        hc.reload(new LvsConfig(List.of(), List.of(b.build()), null));
        assertEquals(List.of(), changes);
    }

    @Test
    @DisplayName("ha_suspend: checks of a suspended virtual server are skipped until it is resumed")
    void haSuspend() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Fixtures.Vs b = new Fixtures.Vs();
        b.haSuspend = true;
        VirtualServer v = b.rs(rs("10.1.0.2", 80, 1, List.of(tcp(false)))).build();
        HealthChecks hc = checks(new LvsConfig(List.of(), List.of(v), null), world(Set.of(), attempts));
        hc.start();
        hc.setSuspended(v, true);
        timers.runNextTimer();
        timers.runNextTimer();
        assertEquals(0, attempts.get());
        hc.setSuspended(v, false);
        cycle();
        assertEquals(1, attempts.get());
    }

    @Test
    @DisplayName("a verdict is logged once per check however many virtual servers share it; log_all_failures logs each attempt")
    void logs() throws Exception {
        List<String> logs = new ArrayList<>();
        keepalivedj.conf.model.CheckerSpec quiet = tcp(false);
        keepalivedj.conf.model.CheckerSpec loud = new keepalivedj.conf.model.CheckerSpec.TcpCheck(
                new keepalivedj.conf.model.CheckerTiming(1, 1_000_000, 0, 5_000_000, false, true),
                new keepalivedj.conf.model.CheckerConnection(null, 0, null, 0, null, 5_000_000, 0), null);
        LvsConfig config = new LvsConfig(List.of(), List.of(
                vs("10.0.0.1", rs("10.1.0.2", 80, 1, List.of(quiet)), rs("10.1.0.3", 80, 1, List.of(loud))),
                vs("10.0.0.2", rs("10.1.0.2", 80, 1, List.of(quiet)))), null);
        HealthChecks hc = new HealthChecks(config, world(Set.of("10.1.0.2", "10.1.0.3"), new AtomicInteger()),
                timers, new SplittableRandom(5), false, list -> {
                    for (RsChange c : list) {
                        if (c instanceof RsChange.Log) {
                            logs.add(((RsChange.Log) c).message());
                        }
                    }
                });
        hc.start();
        for (int i = 0; i < 4; i++) {
            cycle();
        }
        assertEquals(List.of(
                "Gained quorum 1+0=1 <= 2 for VS [10.0.0.1]:tcp:80",
                "Gained quorum 1+0=1 <= 1 for VS [10.0.0.2]:tcp:80",
                "TCP_CHECK on service [10.1.0.3]:80 failed (attempt 1 of 2): refused",
                "TCP_CHECK on service [10.1.0.2]:80 failed after 1 retries: refused",
                "Removing service [10.1.0.2]:tcp:80 from VS [10.0.0.1]:tcp:80",
                "Removing service [10.1.0.2]:tcp:80 from VS [10.0.0.2]:tcp:80",
                "Lost quorum 1-0=1 > 0 for VS [10.0.0.2]:tcp:80",
                "TCP_CHECK on service [10.1.0.3]:80 failed (attempt 2 of 2): refused",
                "TCP_CHECK on service [10.1.0.3]:80 failed after 1 retries: refused",
                "Removing service [10.1.0.3]:tcp:80 from VS [10.0.0.1]:tcp:80",
                "Lost quorum 1-0=1 > 0 for VS [10.0.0.1]:tcp:80"), logs);
    }

    @Test
    @DisplayName("stop deletes every destination it added, with keepalived's Shutting down line; -I stops the checks only")
    void stop() {
        AtomicInteger attempts = new AtomicInteger();
        LvsConfig config = new LvsConfig(List.of(), List.of(vs("10.0.0.1",
                rs("10.1.0.2", 80, 1, List.of(tcp(false))))), null);
        HealthChecks hc = checks(config, world(Set.of(), attempts));
        hc.start();
        assertEquals(List.of("log Shutting down service [10.1.0.2]:tcp:80 from VS [10.0.0.1]:tcp:80",
                "del 10.1.0.2:80"), show(hc.stop(), true));
        assertEquals(0, hc.scheduler().size());
        HealthChecks kept = checks(config, world(Set.of(), attempts));
        kept.start();
        assertEquals(List.of(), kept.stopKeepingIpvs());
        assertEquals(0, kept.scheduler().size());
    }
}
