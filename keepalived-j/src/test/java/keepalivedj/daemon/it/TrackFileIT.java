package keepalivedj.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import keepalivedj.daemon.it.lab.Daemon;
import keepalivedj.daemon.it.lab.Host;
import org.junit.jupiter.api.Test;

/**
 * Issue 5: track_file. The same configuration runs under keepalived 2.2.7 and keepalived-j, one after the other
 * in fresh labs, and the same values are written into the tracked files at the same pace: a weighted file
 * ({@code weight 2}) moves the advertised priority (value × 2: 5 → 110, {@code 0x10} → 132, a word → 100), a
 * value whose share is below -253 ({@code -200} × 2) is FAULT (a priority-0 advert, then silence), a good value
 * brings it back; a weight-0 file faults the instance while it holds a non-zero value; a deleted file counts as 0.
 * {@code init_file} creates the missing weighted file with 4 (start at 108) and leaves the existing gate alone.
 * The advertised priorities seen on the bridge (consecutive repeats collapsed) and the notify FIFO lines (with
 * {@code notify_priority_changes}) of keepalived-j must be keepalived's, which are recorded here, not written down.
 */
class TrackFileIT {
    @Test
    void trackFileValuesDriveAdvertsAndFaultsAsKeepalived() throws Exception {
        AgainstKeepalived.Runs runs = AgainstKeepalived.compare("trackfile", TrackFileIT::config,
                TrackFileIT::steps);
        // the scenario happened as intended with keepalived itself (else equal empty lists would prove nothing)
        assertEquals(List.of(108, 110, 132, 100, 0, 106, 0, 106, 100), runs.keepalived().priorities().get(9),
                "keepalived 2.2.7's adverts");
        assertEquals(runs.keepalived().priorities(), runs.keepalivedJ().priorities(), "advertised priorities");
        assertEquals(runs.keepalived().fifo(), runs.keepalivedJ().fifo(), "notify FIFO lines");
    }

    /**
     * SIGHUP keeps what the trackers said: the kept instance advertises its track_file's value throughout (no step
     * back to its base priority), an instance the reload adds starts with it, and the watcher the reload made
     * follows the file. {@code init_file ... overwrite} rewrites the file at start-up, but not on reload.
     */
    @Test
    void reloadKeepsTrackFileValuesAsKeepalived() throws Exception {
        AgainstKeepalived.Runs runs = AgainstKeepalived.compare("trackfile-hup", TrackFileIT::reloadConfig,
                TrackFileIT::reloadSteps);
        assertEquals(Map.of(9, List.of(106, 110, 114), 10, List.of(110, 114)), runs.keepalived().priorities(),
                "keepalived 2.2.7's adverts");
        assertEquals(runs.keepalived().priorities(), runs.keepalivedJ().priorities(), "advertised priorities");
        // no FIFO comparison: keepalived closes the notify FIFO on reload, and the test's reader stops at that EOF
    }

    private static String reloadConfig(Path dir) throws Exception {
        Files.writeString(dir.resolve("weighted"), "5\n");
        return "track_file weighted {\n    file " + dir.resolve("weighted") + "\n    weight 2\n"
                + "    init_file 3 overwrite\n}\n" + tracking("VI_9", 9);
    }

    private static String tracking(String name, int vrid) {
        return "vrrp_instance " + name + " {\n    state MASTER\n    interface eth0\n    virtual_router_id " + vrid
                + "\n    priority 100\n    version 3\n    advert_int 0.1\n    notify_priority_changes\n"
                + "    track_file {\n        weighted\n    }\n"
                + "    virtual_ipaddress {\n        10.99.0." + (100 + vrid) + "/24 dev eth0\n    }\n}\n";
    }

    private static void reloadSteps(Host host, Daemon h1, Path dir) throws Exception {
        h1.start();
        h1.awaitLine("\\(VI_9\\) Entering MASTER STATE", 15_000);
        Thread.sleep(1_000);
        write(dir.resolve("weighted"), "5\n");
        h1.writeConfig(h1.config() + tracking("VI_10", 10));
        h1.signal("HUP");
        h1.awaitLine("\\(VI_10\\) Entering MASTER STATE", 10_000);
        Thread.sleep(1_500);
        write(dir.resolve("weighted"), "7\n");
    }

    private static String config(Path dir) throws Exception {
        Files.deleteIfExists(dir.resolve("weighted"));
        Files.writeString(dir.resolve("gate"), "0\n");
        return "track_file weighted {\n    file " + dir.resolve("weighted") + "\n    weight 2\n    init_file 4\n}\n"
                + "track_file gate {\n    file " + dir.resolve("gate") + "\n    weight 0\n    init_file 9\n}\n"
                + "vrrp_instance VI_9 {\n    state MASTER\n    interface eth0\n    virtual_router_id 9\n"
                + "    priority 100\n    version 3\n    advert_int 0.1\n    notify_priority_changes\n"
                + "    track_file {\n        weighted\n        gate\n    }\n"
                + "    virtual_ipaddress {\n        10.99.0.109/24 dev eth0\n    }\n}\n";
    }

    private static void steps(Host host, Daemon h1, Path dir) throws Exception {
        Path weighted = dir.resolve("weighted");
        h1.start();
        h1.awaitLine("\\(VI_9\\) Entering MASTER STATE", 15_000);
        Thread.sleep(1_000);
        write(weighted, "5\n");
        write(weighted, "0x10\n");
        write(weighted, "up\n");
        write(weighted, "-200\n"); // -400: FAULT
        write(weighted, "3\n");    // back: BACKUP, MASTER at 106 after the down timer
        write(dir.resolve("gate"), "1\n"); // weight 0, non-zero: FAULT
        write(dir.resolve("gate"), "0\n");
        Files.delete(weighted);    // counts as 0
        Thread.sleep(1_500);
    }

    /** Writes like {@code echo V > FILE} (truncate, write, close), then gives the daemon time to act and advertise. */
    private static void write(Path file, String value) throws Exception {
        Files.writeString(file, value);
        Thread.sleep(1_500);
    }
}
