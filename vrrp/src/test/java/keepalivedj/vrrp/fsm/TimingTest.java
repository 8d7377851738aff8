package keepalivedj.vrrp.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 3768 §6.1, RFC 5798 §6.1 and keepalived.md §d.1: exact µs values, as measured in keepalived-baseline.md. */
class TimingTest {
    @Test
    @DisplayName("v2 priority 100, advert_int 1: Skew_Time 0.609375 s, Master_Down_Interval 3.609375 s")
    void v2() {
        assertEquals(609_375, Timing.skewTimeUs(2, 100, 100));
        assertEquals(3_609_375, Timing.masterDownIntervalUs(2, 100, 100, 3));
        assertEquals(3_605_468, Timing.masterDownIntervalUs(2, 101, 100, 3), "h1's own: 3 + 155/256 s, truncated");
        assertEquals(3_906, Timing.skewTimeUs(2, 255, 100));
        assertEquals(0, Timing.skewTimeUs(2, 256, 100));
        assertEquals(5_609_375, Timing.masterDownIntervalUs(2, 100, 100, 5), "down_timer_adverts 5");
    }

    @Test
    @DisplayName("v3 skew scales with Master_Adver_Interval: 0.1 s and priority 100 give 60.937 ms and 360.937 ms")
    void v3() {
        assertEquals(60_937, Timing.skewTimeUs(3, 100, 10));
        assertEquals(360_937, Timing.masterDownIntervalUs(3, 100, 10, 3));
        assertEquals(609_375, Timing.skewTimeUs(3, 100, 100), "at 1 s v3 equals v2");
        assertEquals(40_950_000 * 3L + 156L * 4095 * 625 / 16, Timing.masterDownIntervalUs(3, 100, 4095, 3));
    }

    @Test
    @DisplayName("a sync-group member held in BACKUP retries after adver_int plus the minimum skew")
    void syncRetry() {
        assertEquals(1_003_906, Timing.syncRetryUs(2, 100));
        assertEquals(100_390, Timing.syncRetryUs(3, 10));
    }
}
