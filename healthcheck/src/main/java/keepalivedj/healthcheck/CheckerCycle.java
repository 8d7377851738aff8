package keepalivedj.healthcheck;

import java.util.Objects;
import java.util.random.RandomGenerator;
import keepalivedj.conf.model.CheckerTiming;

/**
 * The retry rule of one checker, as keepalived 2.2.7's checker epilogues apply it (keepalived.md §e.3): a failed
 * attempt is retried {@code retry} times, {@code delay_before_retry} apart, before the checker counts as failed;
 * a success, or the last failure, resets the count and waits {@code delay_loop}. For HTTP_GET / SSL_GET with several
 * urls a success of one url that leaves others to check ({@link Probe#more()}) changes nothing yet (keepalived
 * PR #1318: retries are per url, all urls are checked continuously). It is pure: it neither runs
 * checks nor reads a clock; it says how long to wait before the next attempt and whether the checker's state
 * changed. Not thread-safe; one owner.
 */
public final class CheckerCycle {
    private final CheckerTiming timing;
    private final boolean fastRecovery;
    private boolean up;
    private Integer dynamicWeight;
    private long retryIt;

    /** With {@code alpha} the checker starts failed, else up (keepalived.md §e.3, startup). */
    public CheckerCycle(CheckerTiming timing) {
        this(timing, false);
    }

    /**
     * @param fastRecovery HTTP_GET / SSL_GET {@code fast_recovery}: while the checker is failed, the next url is
     *                     checked at once after one passes instead of a delay_loop later
     */
    public CheckerCycle(CheckerTiming timing, boolean fastRecovery) {
        this.timing = Objects.requireNonNull(timing, "timing");
        this.fastRecovery = fastRecovery;
        this.up = !timing.alpha();
    }

    /** What happens after one attempt: when the next one starts, and the state change if any (else null). */
    public record Step(long delayMicros, CheckerVerdict verdict) {
    }

    /** A random delay in 0..warmup before the first attempt; 0 when warmup is 0. */
    public long firstDelayMicros(RandomGenerator random) {
        long warmup = timing.warmupMicros();
        return warmup <= 0 ? 0 : random.nextLong(warmup + 1);
    }

    public CheckerTiming timing() {
        return timing;
    }

    public boolean up() {
        return up;
    }

    /** The misc_dynamic weight in force, or null. */
    public Integer dynamicWeight() {
        return dynamicWeight;
    }

    /** Attempts failed since the last success or final failure. */
    public long retryIt() {
        return retryIt;
    }

    public Step next(Probe probe) {
        if (!probe.up() && retryIt < timing.retry()) {
            retryIt++;
            return new Step(timing.delayBeforeRetryMicros(), null);
        }
        retryIt = 0;
        if (probe.more()) {
            // one url of several passed: no change of state until the whole round has passed
            return new Step(fastRecovery && !up ? 0 : timing.delayLoopMicros(), null);
        }
        CheckerVerdict verdict = null;
        if (probe.up()) {
            if (!up || !Objects.equals(dynamicWeight, probe.dynamicWeight())) {
                verdict = new CheckerVerdict(true, probe.dynamicWeight(), probe);
            }
            up = true;
            dynamicWeight = probe.dynamicWeight();
        } else {
            if (up) {
                verdict = new CheckerVerdict(false, null, probe);
            }
            up = false;
            dynamicWeight = null;
        }
        return new Step(timing.delayLoopMicros(), verdict);
    }
}
