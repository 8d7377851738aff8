package keepalivedj.healthcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import keepalivedj.conf.model.CheckerTiming;
import keepalivedj.healthcheck.check.Checker;
import keepalivedj.healthcheck.check.TcpChecker;
import keepalivedj.healthcheck.io.CheckLoop;
import keepalivedj.healthcheck.io.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CheckSchedulerTest {
    private static final long S = 1_000_000_000L;
    private final CheckLoop loop = new CheckLoop(new SystemTicker(), "hc-test");
    private final ManualTimers timers = new ManualTimers();
    private final List<Long> attemptsAt = new ArrayList<>();
    private final List<String> verdicts = new ArrayList<>();

    @AfterEach
    void close() {
        loop.close();
    }

    /** A real TCP_CHECK whose attempts are stamped with the manual clock. */
    private Checker stamped(InetSocketAddress at) {
        TcpChecker real = new TcpChecker(loop, new Target(at, null, 2 * S, 0));
        return done -> {
            attemptsAt.add(timers.nowNanos());
            real.attempt(done);
        };
    }

    private void step() throws InterruptedException {
        timers.runNextTimer();
        timers.runNextTask();
    }

    @Test
    @DisplayName("a refused port: warmup, then retry attempts delay_before_retry apart, DOWN, then delay_loop")
    void retrySpacing() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CheckerTiming timing = new CheckerTiming(2, 3_000_000, 4_000_000, 10_000_000, false, false);
        CheckScheduler sched = new CheckScheduler(timers, new SplittableRandom(99),
                (k, v) -> verdicts.add(v.up() + "@" + timers.nowNanos()));
        sched.add(new CheckKey(InetAddress.getLoopbackAddress(), port, null), timing,
                stamped(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        long warmup = new SplittableRandom(99).nextLong(4_000_001) * 1000;
        for (int i = 0; i < 7; i++) {
            step();
        }
        assertEquals(List.of(warmup, warmup + 3 * S, warmup + 6 * S, warmup + 16 * S, warmup + 19 * S,
                warmup + 22 * S, warmup + 32 * S), attemptsAt);
        assertEquals(List.of("false@" + (warmup + 6 * S)), verdicts, "DOWN once, after the third failed attempt");
        assertEquals(7, sched.attempts());
        assertEquals(7L, sched.failures().get(Failure.CONNECT_FAILED));
    }

    @Test
    @DisplayName("a listening server: attempts every delay_loop, no verdict without alpha; alpha says UP at once")
    void upEveryDelayLoop() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CheckScheduler sched = new CheckScheduler(timers, new SplittableRandom(1),
                    (k, v) -> verdicts.add(v.up() + "@" + timers.nowNanos()));
            InetSocketAddress at = (InetSocketAddress) s.getLocalSocketAddress();
            sched.add(new CheckKey(at.getAddress(), at.getPort(), null),
                    new CheckerTiming(1, 1_000_000, 0, 5_000_000, true, false), stamped(at));
            for (int i = 0; i < 3; i++) {
                step();
            }
            assertEquals(List.of(0L, 5 * S, 10 * S), attemptsAt);
            assertEquals(List.of("true@0"), verdicts);
        }
    }

    @Test
    @DisplayName("a suspended check is skipped for a delay_loop; a removed one never runs again")
    void suspendAndRemove() throws Exception {
        boolean[] suspended = {true};
        List<String> ran = new ArrayList<>();
        CheckScheduler sched = new CheckScheduler(timers, new SplittableRandom(1), (k, v) -> { });
        sched.suspendWhen(k -> suspended[0]);
        CheckKey key = new CheckKey(InetAddress.getLoopbackAddress(), 1, null);
        sched.add(key, new CheckerTiming(1, 1_000_000, 0, 5_000_000, false, false), done -> {
            ran.add("at " + timers.nowNanos());
            done.accept(Probe.success());
        });
        timers.runNextTimer();
        assertEquals(List.of(), ran);
        suspended[0] = false;
        timers.runNextTimer();
        assertEquals(List.of("at " + 5 * S), ran);
        timers.runNextTask();
        assertTrue(timers.nextTimerAt() > 0);
        sched.remove(key);
        assertEquals(-1, timers.runNextTimer());
        assertFalse(sched.contains(key));
    }

    @Test
    @DisplayName("a probe back after its check was removed is heard by nobody; the check added again runs on its own")
    void probeAfterRemove() throws Exception {
        List<java.util.function.Consumer<Probe>> underWay = new ArrayList<>();
        CheckScheduler sched = new CheckScheduler(timers, new SplittableRandom(1),
                (k, v) -> verdicts.add(v.up() + "@" + timers.nowNanos()));
        CheckKey key = new CheckKey(InetAddress.getLoopbackAddress(), 1, null);
        CheckerTiming timing = new CheckerTiming(0, 1_000_000, 0, 5_000_000, false, false);
        sched.add(key, timing, done -> {
            attemptsAt.add(timers.nowNanos());
            underWay.add(done);
        });
        timers.runNextTimer();
        CheckerCycle kept = sched.remove(key);
        underWay.get(0).accept(Probe.failed(Failure.CONNECT_FAILED, "refused"));
        timers.runNextTask();
        assertEquals(List.of(), verdicts, "the removed check's probe changed nothing");
        assertEquals(-1, timers.nextTimerAt(), "and set no timer");
        sched.add(key, done -> {
            attemptsAt.add(timers.nowNanos());
            done.accept(Probe.failed(Failure.CONNECT_FAILED, "refused"));
        }, kept);
        assertEquals(0, timers.runNextTimer());
        timers.runNextTask();
        assertEquals(List.of("false@0"), verdicts, "the new entry's own probe is heard");
        assertEquals(5 * S, timers.runNextTimer(), "then its next attempt a delay_loop later");
        assertEquals(List.of(0L, 0L, 5 * S), attemptsAt);
    }
}
