package keepalivedj.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import keepalivedj.daemon.it.lab.Daemon;
import keepalivedj.daemon.it.lab.Host;
import keepalivedj.daemon.it.lab.Implementation;
import keepalivedj.daemon.it.lab.KeepalivedConfig;
import keepalivedj.daemon.it.lab.VrrpLab;
import org.junit.jupiter.api.Test;

/**
 * {@code -s NAME} (issue 4's command line): both daemons are started from the root namespace, keepalived-j with
 * {@code -s h1's netns} as master, keepalived 2.2.7 with {@code -s h2's netns} as backup. The VIP appears only
 * inside the namespace; the pid files sit where keepalived puts them ({@code /run/keepalived/NS/}); a reload (HUP)
 * adds a VIP inside the namespace; SIGTERM hands over to keepalived and leaves no pid directory behind.
 */
class NamespaceOptionIT {
    static final String VIP = "10.99.0.100";
    static final String VIP2 = "10.99.0.101";

    static KeepalivedConfig conf(String routerId, String state, int priority, String... vips) {
        KeepalivedConfig.Instance i = KeepalivedConfig.instance("VI_51").vrid(51).state(state).priority(priority)
                .v3(10);
        for (String v : vips) {
            i = i.vip(v + "/24");
        }
        return new KeepalivedConfig(routerId).add(i);
    }

    @Test
    void bothDaemonsRunInTheNamedNamespaceWithKeepalivedsPidFiles() throws Exception {
        try (VrrpLab lab = VrrpLab.create(2)) {
            Host h1 = lab.host("h1");
            Host h2 = lab.host("h2");
            Daemon j = h1.startWithNamespaceOption(Implementation.KEEPALIVED_J, conf("h1", "MASTER", 101, VIP));
            lab.awaitSoleHolder(VIP, h1, Duration.ofSeconds(15));
            Daemon k = h2.startWithNamespaceOption(Implementation.KEEPALIVED_227, conf("h2", "BACKUP", 100, VIP));
            lab.awaitHolders(VIP, Set.of(h1), Duration.ofSeconds(10), Duration.ofSeconds(2));
            assertFalse(Netns.Result.of(java.util.List.of("ip", "-4", "-o", "addr", "show"), 10).stdout().contains(VIP + "/"),
                    "the VIP is not in the root namespace");

            // keepalived-j replaced itself inside the namespace: same pid, written where keepalived writes it
            Path jDir = h1.namespacePidDir();
            assertEquals(String.valueOf(j.pid()), Files.readString(jDir.resolve("keepalived.pid")).trim());
            assertEquals(String.valueOf(j.pid()), Files.readString(jDir.resolve("vrrp.pid")).trim());
            Path kDir = h2.namespacePidDir();
            assertEquals(String.valueOf(k.pid()), Files.readString(kDir.resolve("keepalived.pid")).trim(),
                    "keepalived's own layout, for comparison");
            assertTrue(Files.exists(kDir.resolve("vrrp.pid")));
            assertTrue(Files.readString(j.log()).contains("Changing syslog ident to Keepalived_vrrp_"
                    + h1.ns().name()), j.logTail(20));

            Files.writeString(h1.dir().resolve("keepalived.conf"), conf("h1", "MASTER", 101, VIP, VIP2).render());
            j.signal("HUP");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!h1.holds(VIP2) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(h1.holds(VIP2), "the reload added the VIP inside the namespace:\n" + j.logTail(20));

            j.stop();
            lab.awaitSoleHolder(VIP, h2, Duration.ofSeconds(3));
            assertFalse(Files.exists(jDir), "keepalived-j removed " + jDir);
            k.stop();
            assertFalse(Files.exists(kDir), "keepalived removed " + kDir);
        }
    }
}
