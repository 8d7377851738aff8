package keepalivedj.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keepalivedj.daemon.it.lab.Daemon;
import keepalivedj.daemon.it.lab.Host;
import org.junit.jupiter.api.Test;

/**
 * Issue 5: trackers on a vrrp_sync_group act on every member (keepalived.md §a.6). Two instances in one group;
 * the group (not the instances) tracks a weighted track_file ({@code weight 3}), an unweighted one and an
 * interface. A value in the weighted file moves both members' advertised priority; a non-zero value in the
 * unweighted one puts both in FAULT (and the group: a GROUP line), zero brings them back; so do the interface
 * going down and up. Run under keepalived 2.2.7 and keepalived-j with the
 * same configuration and the same writes; each VRID's advertised priorities and the notify FIFO lines (INSTANCE
 * and GROUP) of keepalived-j must be keepalived's, recorded here. The FIFO lines are compared per instance and
 * per group, each in order: how keepalived interleaves the members' lines with each other and with the group's
 * (at start it writes the group's BACKUP first; members that leave FAULT together come in reverse order) is its
 * timer and list order, which keepalived-j does not reproduce.
 */
class SyncGroupTrackerIT {
    @Test
    void syncGroupTrackFilesActOnEveryMemberAsKeepalived() throws Exception {
        AgainstKeepalived.Runs runs = AgainstKeepalived.compare("sgtrack", SyncGroupTrackerIT::config,
                SyncGroupTrackerIT::steps);
        for (int vrid : List.of(21, 22)) {
            assertEquals(List.of(100, 115, 0, 115, 0, 115), runs.keepalived().priorities().get(vrid),
                    "keepalived 2.2.7's adverts of VRID " + vrid);
        }
        assertEquals(runs.keepalived().priorities(), runs.keepalivedJ().priorities(), "advertised priorities per VRID");
        assertEquals(perName(runs.keepalived().fifo()), perName(runs.keepalivedJ().fifo()),
                "notify FIFO lines of each instance and group");
    }

    /** The FIFO lines of each INSTANCE / GROUP name, in order. */
    static Map<String, List<String>> perName(List<String> lines) {
        Map<String, List<String>> m = new java.util.TreeMap<>();
        for (String l : lines) {
            String[] w = l.split(" ");
            m.computeIfAbsent(w[0] + " " + w[1], k -> new ArrayList<>()).add(l);
        }
        return m;
    }

    private static String instance(String name, int vrid) {
        return "vrrp_instance " + name + " {\n    state MASTER\n    interface eth0\n    virtual_router_id " + vrid
                + "\n    priority 100\n    version 3\n    advert_int 0.1\n"
                + "    virtual_ipaddress {\n        10.99.0." + (100 + vrid) + "/24 dev eth0\n    }\n}\n";
    }

    private static String config(Path dir) throws Exception {
        Files.writeString(dir.resolve("weighted"), "0\n");
        Files.writeString(dir.resolve("gate"), "0\n");
        return "track_file weighted {\n    file " + dir.resolve("weighted") + "\n}\n"
                + "track_file gate {\n    file " + dir.resolve("gate") + "\n    weight 0\n}\n"
                + "vrrp_sync_group G {\n    group {\n        VI_21\n        VI_22\n    }\n"
                + "    track_file {\n        weighted weight 3\n        gate\n    }\n"
                + "    track_interface {\n        kjsg0\n    }\n    notify_priority_changes\n}\n"
                + instance("VI_21", 21) + instance("VI_22", 22);
    }

    private static void steps(Host host, Daemon h1, Path dir) throws Exception {
        host.addLocalLink("kjsg0", "kjsg1");
        h1.start();
        h1.awaitLines("Entering MASTER STATE", 2, 15_000);
        Thread.sleep(1_000);
        write(dir.resolve("weighted"), "5\n");
        write(dir.resolve("gate"), "1\n");
        write(dir.resolve("gate"), "0\n");
        host.linkDown("kjsg0"); // the group's track_interface, weight 0
        Thread.sleep(2_000);
        host.linkUp("kjsg0");
        Thread.sleep(2_000);
    }

    private static void write(Path file, String value) throws Exception {
        Files.writeString(file, value);
        Thread.sleep(2_000);
    }
}
