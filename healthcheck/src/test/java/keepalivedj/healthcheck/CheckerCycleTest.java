package keepalivedj.healthcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import keepalivedj.conf.model.CheckerTiming;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CheckerCycleTest {
    private static final Probe FAIL = Probe.failed(Failure.CONNECT_FAILED, "Connection refused");

    @Test
    @DisplayName("a failure counts only after retry more attempts, delay_before_retry apart; then delay_loop")
    void retryThenDown() {
        CheckerCycle c = new CheckerCycle(Fixtures.timing(2, 3_000_000, 60_000_000, false));
        assertEquals(new CheckerCycle.Step(3_000_000, null), c.next(FAIL));
        assertEquals(new CheckerCycle.Step(3_000_000, null), c.next(FAIL));
        CheckerCycle.Step third = c.next(FAIL);
        assertEquals(60_000_000, third.delayMicros());
        assertFalse(third.verdict().up());
        assertFalse(c.up());
        assertEquals(0, c.retryIt());
        // still down: the next failure retries again but says nothing new
        assertEquals(new CheckerCycle.Step(3_000_000, null), c.next(FAIL));
        assertEquals(new CheckerCycle.Step(3_000_000, null), c.next(FAIL));
        assertEquals(new CheckerCycle.Step(60_000_000, null), c.next(FAIL));
    }

    @Test
    @DisplayName("a success between failures resets the retry count")
    void successResets() {
        CheckerCycle c = new CheckerCycle(Fixtures.timing(1, 1_000_000, 5_000_000, false));
        c.next(FAIL);
        assertEquals(new CheckerCycle.Step(5_000_000, null), c.next(Probe.success()));
        assertEquals(1_000_000, c.next(FAIL).delayMicros());
        assertTrue(c.up());
    }

    @Test
    @DisplayName("alpha starts failed; the first success says up")
    void alpha() {
        CheckerCycle c = new CheckerCycle(Fixtures.timing(1, 1_000_000, 5_000_000, true));
        assertFalse(c.up());
        CheckerCycle.Step s = c.next(Probe.success());
        assertTrue(s.verdict().up());
        assertNull(c.next(Probe.success()).verdict());
    }

    @Test
    @DisplayName("retry 0 (MISC_CHECK's default) fails at the first failed attempt")
    void retryZero() {
        CheckerCycle c = new CheckerCycle(Fixtures.timing(0, 1_000_000, 5_000_000, false));
        assertFalse(c.next(FAIL).verdict().up());
    }

    @Test
    @DisplayName("misc_dynamic: a new weight while up is a verdict, the same weight is not")
    void dynamicWeight() {
        CheckerCycle c = new CheckerCycle(Fixtures.timing(0, 1_000_000, 5_000_000, false));
        assertEquals(7, c.next(Probe.successWithWeight(7, "exit 9")).verdict().dynamicWeight());
        assertNull(c.next(Probe.successWithWeight(7, "exit 9")).verdict());
        CheckerVerdict back = c.next(Probe.success()).verdict();
        assertNull(back.dynamicWeight());
        assertTrue(back.up());
    }

    @Test
    @DisplayName("HTTP urls: a partial success changes nothing; fast_recovery checks the next url at once while down")
    void partialSuccess() {
        CheckerTiming t = new CheckerTiming(1, 3_000_000, 0, 60_000_000, true, false);
        CheckerCycle slow = new CheckerCycle(t, false);
        assertEquals(new CheckerCycle.Step(60_000_000, null), slow.next(Probe.partialSuccess("/a")));
        assertFalse(slow.up());
        assertTrue(slow.next(Probe.success("/b")).verdict().up());
        CheckerCycle fast = new CheckerCycle(t, true);
        assertEquals(new CheckerCycle.Step(0, null), fast.next(Probe.partialSuccess("/a")));
        assertTrue(fast.next(Probe.success("/b")).verdict().up());
        assertEquals(new CheckerCycle.Step(60_000_000, null), fast.next(Probe.partialSuccess("/a")),
                "up: one url per delay_loop");
        assertEquals(3_000_000, fast.next(FAIL).delayMicros(), "first failure: retry");
        assertEquals(new CheckerCycle.Step(60_000_000, null), fast.next(Probe.partialSuccess("/a")),
                "the retried url passed: still up, next url a delay_loop later");
        assertEquals(0, fast.retryIt());
    }

    @Test
    @DisplayName("warmup: first delay is drawn in 0..warmup from the injected generator; 0 disables it")
    void warmup() {
        CheckerCycle c = new CheckerCycle(new CheckerTiming(1, 1, 10_000_000, 60_000_000, false, false));
        SplittableRandom r = new SplittableRandom(42);
        long expected = new SplittableRandom(42).nextLong(10_000_001);
        assertEquals(expected, c.firstDelayMicros(r));
        for (int i = 0; i < 1000; i++) {
            long d = c.firstDelayMicros(r);
            assertTrue(d >= 0 && d <= 10_000_000, "" + d);
        }
        assertEquals(0, new CheckerCycle(new CheckerTiming(1, 1, 0, 60_000_000, false, false))
                .firstDelayMicros(r));
    }
}
