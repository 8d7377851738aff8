package keepalivedj.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import keepalivedj.daemon.it.lab.Capture;
import keepalivedj.daemon.it.lab.VrrpLab;
import keepalivedj.daemon.it.lab.WireFrame;
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
    static final String SRC = "10.99.0.1";

    @Test
    void trackFileValuesDriveAdvertsAndFaultsAsKeepalived() throws Exception {
        Path dir = Files.createTempDirectory("kj-trackfile-");
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Run ref = scenario(VrrpProcess.Kind.KEEPALIVED, dir);
            Run ours = scenario(VrrpProcess.Kind.KEEPALIVED_J, dir);
            System.out.println("keepalived 2.2.7: adverts " + ref.priorities() + "\n  fifo " + ref.fifo());
            System.out.println("keepalived-j:     adverts " + ours.priorities() + "\n  fifo " + ours.fifo());
            // the scenario happened as intended with keepalived itself (else equal empty lists would prove nothing)
            assertEquals(List.of(108, 110, 132, 100, 0, 106, 0, 106, 100), ref.priorities(),
                    "keepalived 2.2.7's adverts");
            assertEquals(ref.priorities(), ours.priorities(), "advertised priorities");
            assertEquals(ref.fifo(), ours.fifo(), "notify FIFO lines");
        } finally {
            NotifyStreamIT.deleteTree(dir);
        }
    }

    record Run(List<Integer> priorities, List<String> fifo) {
    }

    private static Run scenario(VrrpProcess.Kind kind, Path dir) throws Exception {
        Path weighted = dir.resolve("weighted");
        Path gate = dir.resolve("gate");
        Path fifoPath = dir.resolve("notify.fifo");
        Files.deleteIfExists(weighted);
        Files.writeString(gate, "0\n");
        String conf = "global_defs {\n    router_id h1\n    notify_fifo " + fifoPath + "\n}\n"
                + "track_file weighted {\n    file " + weighted + "\n    weight 2\n    init_file 4\n}\n"
                + "track_file gate {\n    file " + gate + "\n    weight 0\n    init_file 9\n}\n"
                + "vrrp_instance VI_9 {\n    state MASTER\n    interface eth0\n    virtual_router_id 9\n"
                + "    priority 100\n    version 3\n    advert_int 0.1\n    notify_priority_changes\n"
                + "    track_file {\n        weighted\n        gate\n    }\n"
                + "    virtual_ipaddress {\n        10.99.0.109/24 dev eth0\n    }\n}\n";
        List<WireFrame> frames;
        List<String> fifo;
        try (VrrpLab lab = VrrpLab.create(1); Capture cap = Capture.start(lab.switchNs());
             FifoLines lines = FifoLines.make(fifoPath);
             VrrpProcess h1 = VrrpProcess.start(kind, lab.host("h1").ns(), conf)) {
            h1.awaitLine("\\(VI_9\\) Entering MASTER STATE", 15_000);
            Thread.sleep(1_000);
            write(weighted, "5\n");
            write(weighted, "0x10\n");
            write(weighted, "up\n");
            write(weighted, "-200\n"); // -400: FAULT
            write(weighted, "3\n");    // back: BACKUP, MASTER at 106 after the down timer
            write(gate, "1\n");        // weight 0, non-zero: FAULT
            write(gate, "0\n");
            Files.delete(weighted);    // counts as 0
            Thread.sleep(1_500);
            h1.signal("TERM");
            assertEquals(0, h1.awaitExit(15_000), "exit status after SIGTERM; log:\n" + h1.logText());
            fifo = lines.awaitEnd(5_000);
            frames = cap.stop();
        }
        return new Run(PriorityChanges.of(frames, SRC).getOrDefault(9, List.of()), fifo);
    }

    /** Writes like {@code echo V > FILE} (truncate, write, close), then gives the daemon time to act and advertise. */
    private static void write(Path file, String value) throws Exception {
        Files.writeString(file, value);
        Thread.sleep(1_500);
    }
}
