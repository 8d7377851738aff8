package keepalivedj.daemon.it;

import static keepalivedj.daemon.it.PairScenarios.VIP;
import static keepalivedj.daemon.it.PairScenarios.assertTakeover;
import static keepalivedj.daemon.it.PairScenarios.check;
import static keepalivedj.daemon.it.PairScenarios.us;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

import keepalivedj.daemon.it.lab.Adverts;
import keepalivedj.daemon.it.lab.Capture;
import keepalivedj.daemon.it.lab.Host;
import keepalivedj.daemon.it.lab.Implementation;
import keepalivedj.daemon.it.lab.KeepalivedConfig;
import keepalivedj.daemon.it.lab.KeepalivedConfig.Instance;
import keepalivedj.daemon.it.lab.VrrpLab;
import keepalivedj.daemon.it.lab.WireFrame;

/**
 * The release of start-up pages (keepalivedj.daemon.io.StartupPages) in a running pair, at VRRPv3 advert_int 0.1:
 * the master keeps its adverts coming while it releases (the backup never takes over), and a backup that has
 * released takes over within its Master_Down_Interval when the master is killed, the pages its takeover needs
 * coming back as it runs, also after a reload and the releases that follow it. Both daemons release 1 s after
 * start or a reload (and again 2 s later) instead of 30 s (and 60 s later), so the test does not wait.
 */
class StartupPagesIT {
    private static final UnaryOperator<List<String>> RELEASE_AFTER_1_S = cmd -> {
        List<String> c = new ArrayList<>(List.of("env", "KEEPALIVEDJ_JAVA_OPTS=-Dkeepalivedj.releaseStartupPages=1"));
        c.addAll(cmd);
        return c;
    };

    @Test
    void masterKeepsAdvertisingAndBackupTakesOverAfterTheRelease() throws Exception {
        Instance b = KeepalivedConfig.instance("VI_51").vrid(51).vip(VIP + "/24").v3(10);
        Instance i1 = b.copy("VI_51").state("MASTER").priority(101);
        Instance i2 = b.copy("VI_51").state("BACKUP").priority(100);
        try (VrrpLab lab = VrrpLab.create(2)) {
            Host h1 = lab.host("h1");
            Host h2 = lab.host("h2");
            Capture cap = lab.capture("release");
            h1.prepare(Implementation.KEEPALIVED_J, new KeepalivedConfig("lab-h1").add(i1).render())
                    .wrappedBy(RELEASE_AFTER_1_S).start();
            lab.awaitSoleHolder(VIP, h1, Duration.ofSeconds(15));
            h2.prepare(Implementation.KEEPALIVED_J, new KeepalivedConfig("lab-h2").add(i2).render())
                    .wrappedBy(RELEASE_AFTER_1_S).start();
            h2.daemon().awaitLine("\\(VI_51\\) Entering BACKUP STATE", 15_000);
            // two passes each: 1 s after start, and 2 s after that for what the warm-up touched in between
            h1.daemon().awaitLines("Released start-up pages", 2, 15_000);
            h2.daemon().awaitLines("Released start-up pages", 2, 15_000);
            for (Host h : List.of(h1, h2)) {
                check(!h.daemon().logText().contains("cannot release"), "a release failed: " + h.daemon().logTail(20));
            }
            // a reload touches the configuration reader again; the backup releases twice more after it
            h2.daemon().signal("HUP");
            h2.daemon().awaitLine("Reload complete", 15_000);
            h2.daemon().awaitLines("Released start-up pages", 4, 15_000);
            // h2 released after it became backup; h1 is still the only holder and h2 never advertised
            lab.awaitHolders(VIP, Set.of(h1), Duration.ofSeconds(5), Duration.ofSeconds(1));
            long beforeCrash = cap.adverts().from(h2.ip4()).size();
            check(beforeCrash == 0, "h2 advertised " + beforeCrash + " times while h1 was master");

            VrrpLab.pause(us((long) (i1.intervalMicros() * (0.5 + ThreadLocalRandom.current().nextDouble()))));
            long kill = h1.crash();
            lab.awaitHolders(VIP, Set.of(h1, h2), us(i2.masterDownMicros() + 2_000_000), Duration.ofMillis(100));
            Adverts a = cap.adverts();
            assertTakeover(a, h1, h2, kill, i2.masterDownMicros(), "takeover after the release");
            List<WireFrame> garps = a.garps(VIP).stream().filter(f -> f.micros() > kill
                    && f.srcMac().equals(h2.mac())).toList();
            check(!garps.isEmpty(), "no gratuitous ARP from h2 after its takeover");
        }
    }
}
