package keepalivedj.daemon.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import keepalivedj.daemon.it.lab.Implementation;

/**
 * The failover matrix with keepalived 2.2.7 on both hosts: the reference that validates the lab and its
 * assertions (every bound here is one keepalived meets). keepalived-j runs the same scenarios in
 * {@link KeepalivedJPairIT}.
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
}
