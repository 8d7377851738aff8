package keepalivedj.daemon.it;

import static keepalivedj.daemon.it.lab.Implementation.KEEPALIVED_227;
import static keepalivedj.daemon.it.lab.Implementation.KEEPALIVED_J;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import keepalivedj.daemon.it.lab.Daemon;
import keepalivedj.daemon.it.lab.Host;
import keepalivedj.daemon.it.lab.Implementation;
import keepalivedj.daemon.it.lab.Scratch;
import keepalivedj.daemon.it.lab.VrrpLab;
import org.junit.jupiter.api.Test;

/**
 * The order of the lines a notify FIFO reader sees, line by line, keepalived-j against keepalived 2.2.7 run here:
 * at start-up (sync groups starting BACKUP, FAULT and going MASTER, single instances in the three states), on a
 * SIGHUP that removes one instance and adds another, with and without {@code global_defs
 * fifo_write_vrrp_states_on_reload}, and at stop. Only the MASTER transitions after start-up are compared per name
 * (they come from timers a few ms apart); everything else, opens and EOFs included, is compared in order.
 *
 * <p>What keepalived 2.2.7 showed here (this test's printout): start-up writes the instances that start in FAULT,
 * then every sync group's first state in configuration order, then the other instances' BACKUP in configuration
 * order (a group's BACKUP before its members'); a reload with fifo_write_vrrp_states_on_reload writes, after the
 * removed instance's FAULT, every group's state (MASTER too, configuration order), then in configuration order the
 * state of every running instance that is BACKUP or FAULT (not the MASTERs), the new instance's first BACKUP at its
 * place among them; without the option only the removed instance's FAULT and the new one's BACKUP; at stop every
 * instance's STOP, then the groups' in configuration order. No notify script runs for the re-written states. A
 * group whose members all are address owners gets no GROUP line on its way to MASTER at start.
 */
class NotifyFifoOrderIT {

    @Test
    void fifoLinesComeInKeepalivedsOrderAtStartReloadAndStop() throws Exception {
        Path dir = Scratch.dir("kj-fifo-order-");
        try {
            for (boolean statesOnReload : List.of(true, false)) {
                List<String> ref = scenario(KEEPALIVED_227, dir, statesOnReload);
                List<String> ours = scenario(KEEPALIVED_J, dir, statesOnReload);
                String what = statesOnReload ? "with fifo_write_vrrp_states_on_reload" : "without it";
                System.out.println("keepalived 2.2.7 " + what + ":\n  " + String.join("\n  ", ref));
                System.out.println("keepalived-j " + what + ":\n  " + String.join("\n  ", ours));

                List<String> afterHup = ref.subList(ref.indexOf("MARK HUP"), ref.indexOf("MARK TERM"));
                // the reference did what this test is about (else equal records would prove little)
                assertEquals(statesOnReload, afterHup.contains("LINE GROUP \"G3\" BACKUP 0"), what + ": " + ref);
                assertTrue(afterHup.contains("LINE INSTANCE \"VI_3\" FAULT 100"), "removed VI_3: " + ref);
                assertTrue(ref.indexOf("LINE GROUP \"G1\" BACKUP 0") < ref.indexOf("LINE INSTANCE \"VI_1\" BACKUP 150"),
                        "keepalived 2.2.7 announces a group's BACKUP before its members': " + ref);

                assertEquals(withoutMasters(ref), withoutMasters(ours), what + ": lines in order (MASTERs apart)");
                assertEquals(masters(ref), masters(ours), what + ": MASTER lines");
            }
        } finally {
            Scratch.delete(dir);
        }
    }

    /** The reader's record of the global FIFO, with MARK HUP / MARK TERM where the signals were sent. */
    private static List<String> scenario(Implementation kind, Path dir, boolean statesOnReload) throws Exception {
        Path fifo = dir.resolve("g.fifo");
        Path track = dir.resolve("track");
        Files.writeString(track, "1\n"); // weight 0 and a non-zero value: the tracking instances are in FAULT
        try (VrrpLab lab = VrrpLab.create(1);
             FifoEvents events = FifoEvents.make(fifo)) {
            Host host = lab.host("h1");
            awaitCarrier(host); // an interface still down at start would put every instance in FAULT
            try (Daemon h1 = host.prepare(kind, config(fifo, track, statesOnReload, "VI_3", 3))) {
                h1.start();
                for (String vi : List.of("VI_1", "VI_2", "VI_3")) {
                    h1.awaitLine("\\(" + vi + "\\) Entering MASTER STATE", 20_000);
                }
                Thread.sleep(1_000);
                h1.writeConfig(config(fifo, track, statesOnReload, "VI_11", 11));
                events.mark("HUP");
                h1.signal("HUP");
                h1.awaitLine("Reload complete", 10_000);
                h1.awaitLine("\\(VI_11\\) Entering MASTER STATE", 15_000);
                Thread.sleep(1_000);
                events.mark("TERM");
                h1.signal("TERM");
                assertEquals(0, h1.awaitExit(15_000), "exit status after SIGTERM; log:\n" + h1.logText());
            }
            List<String> out = events.awaitEof(5_000);
            assertFalse(out.isEmpty(), kind + " wrote nothing");
            return out;
        }
    }

    private static void awaitCarrier(Host host) throws Exception {
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            String state = host.ns().exec(List.of("cat", "/sys/class/net/eth0/operstate"), 5).stdout().trim();
            if (state.equals("up")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("eth0 of " + host.name() + " did not come up");
    }

    private static List<String> withoutMasters(List<String> events) {
        List<String> out = new ArrayList<>();
        for (String e : events) {
            if (!e.matches("LINE .* MASTER \\d+")) {
                out.add(e);
            }
        }
        return out;
    }

    /** The MASTER lines, sorted but each kept (a line written twice must count twice). */
    private static List<String> masters(List<String> events) {
        List<String> out = new ArrayList<>();
        for (String e : events) {
            if (e.matches("LINE .* MASTER \\d+")) {
                out.add(e);
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * G3 stays BACKUP (40 s adverts: no master-down timeout during the test), G1 becomes MASTER, G2 is in FAULT
     * through VI_4's track_file (VI_6 follows it), G4's members are address owners (keepalived 2.2.7 writes their
     * MASTER lines but no GROUP line for G4 until a reload re-writes the states); VI_3 (removed by the reload) and VI_11 (added) become MASTER,
     * VI_7 is in FAULT, VI_10 stays BACKUP. The groups are listed in another order than their instances.
     */
    private static String config(Path fifo, Path track, boolean statesOnReload, String third, int thirdVrid) {
        String trackFile = "    track_file {\n        tf\n    }\n";
        return "global_defs {\n    router_id h1\n    notify_fifo " + fifo + "\n"
                + (statesOnReload ? "    fifo_write_vrrp_states_on_reload\n" : "") + "}\n"
                + "vrrp_track_file tf {\n    file " + track + "\n    weight 0\n}\n"
                + group("G3", "VI_8", "VI_9") + group("G4", "VI_12", "VI_13") + group("G1", "VI_1", "VI_2")
                + group("G2", "VI_6", "VI_4")
                + instance("VI_1", 1, 150, 1, "") + instance("VI_2", 2, 100, 1, "")
                + instance(third, thirdVrid, 100, 1, "") + instance("VI_4", 4, 100, 1, trackFile)
                + instance("VI_6", 6, 100, 1, "") + instance("VI_7", 7, 100, 1, trackFile)
                + instance("VI_8", 8, 100, 40, "") + instance("VI_9", 9, 100, 40, "")
                + instance("VI_10", 10, 100, 40, "") + owner("VI_12", 12) + owner("VI_13", 13);
    }

    /** An address owner (state MASTER, priority 255): it becomes MASTER at once, without a BACKUP line. */
    private static String owner(String name, int vrid) {
        return instance(name, vrid, 255, 1, "").replace("state BACKUP", "state MASTER");
    }

    private static String group(String name, String a, String b) {
        return "vrrp_sync_group " + name + " {\n    group {\n        " + a + "\n        " + b + "\n    }\n}\n";
    }

    private static String instance(String name, int vrid, int priority, int advertInt, String extra) {
        return "vrrp_instance " + name + " {\n    state BACKUP\n    interface eth0\n    virtual_router_id " + vrid
                + "\n    priority " + priority + "\n    advert_int " + advertInt + "\n" + extra
                + "    virtual_ipaddress {\n        10.99.0." + (110 + vrid) + "/24 dev eth0\n    }\n}\n";
    }
}
