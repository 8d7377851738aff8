package keepalivedj.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import keepalivedj.daemon.it.lab.Implementation;

/**
 * The failover matrix with keepalived 2.2.7 on both hosts: the reference that validates the lab and its
 * assertions (every bound here is one keepalived meets). keepalived-j runs the same scenarios in
 * {@link KeepalivedJPairIT}.
 *
 * <p>Ran and passed on the development VM (2 vCPUs, loaded) in about 60 s for the ten tests.
 */
class KeepalivedPairIT {
    private static final PairScenarios S = new PairScenarios(Implementation.KEEPALIVED_227,
            Implementation.KEEPALIVED_227);

    @AfterAll
    static void printReport() {
        S.report().forEach(System.out::println);
    }

    @Test
    void crashV2AuthThenRestart() throws Exception {
        S.crashV2AuthThenRestart();
    }

    @Test
    void crashV3ThenRestart() throws Exception {
        S.crashV3ThenRestart();
    }

    @Test
    void unicastCrashThenRestart() throws Exception {
        S.unicastCrashThenRestart();
    }

    @Test
    void gracefulStop() throws Exception {
        S.gracefulStop();
    }

    @Test
    void partitionAndHeal() throws Exception {
        S.partitionAndHeal();
    }

    @Test
    void linkCutAndHeal() throws Exception {
        S.linkCutAndHeal();
    }

    @Test
    void nopreempt() throws Exception {
        S.nopreempt();
    }

    @Test
    void trackInterface() throws Exception {
        S.trackInterface();
    }

    @Test
    void vipRemovedByHand() throws Exception {
        S.vipRemovedByHand();
    }

    /**
     * Bad frames into a running keepalived master: it keeps its state (VIP, priority, next advert within an
     * interval) and counts exactly what keepalived 2.2.7 counts (TTL, password, length; the rest it drops without
     * a counter). Also checks that a valid higher-priority advert from the same injector does make it yield.
     */
    @Test
    void badFramesAreDroppedAndCounted() throws Exception {
        BadFrameScenario.Outcome o = BadFrameScenario.run(Implementation.KEEPALIVED_227);
        o.report().forEach(System.out::println);
        for (Map.Entry<String, Map<String, Long>> e : o.deltas().entrySet()) {
            assertEquals(BadFrameScenario.KEEPALIVED_COUNTS.get(e.getKey()),
                    BadFrameScenario.dropCounters(e.getValue()), "keepalived's counters after the '" + e.getKey()
                            + "' frame");
        }
    }
}
