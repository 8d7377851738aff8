package keepalivedj.daemon.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import keepalivedj.conf.ConfigLoader;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.daemon.LabHost;
import keepalivedj.conf.model.KeepalivedConfig;
import keepalivedj.conf.syntax.SourceReader;
import keepalivedj.daemon.log.DaemonLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracker set a configuration prepares off the VRRP loop: real files, a real /proc scan. */
class TrackersTest {
    @TempDir
    Path dir;

    private final DaemonLog log = new DaemonLog(new PrintStream(OutputStream.nullOutputStream()), null, 0);

    /** Reports from the watcher's and the scanner's threads, as the loop would receive them. */
    private final LinkedBlockingQueue<String> reports = new LinkedBlockingQueue<>();
    private final Trackers.Listener listener = new Trackers.Listener() {
        @Override
        public void fileValue(Trackers from, String trackFile, long value) {
            reports.add(trackFile + "=" + value);
        }

        @Override
        public void processQuorum(Trackers from, String trackProcess, boolean up) {
            reports.add(trackProcess + (up ? " up" : " down"));
        }
    };

    private KeepalivedConfig config(Path used, Path unused) throws IOException {
        Path p = dir.resolve("k.conf");
        // the JVM running this test is a "java" process; no process has a 15-character name of dashes
        Files.writeString(p, "track_file used {\n file " + used + "\n init_file 4 overwrite\n}\n"
                + "track_file unused {\n file " + unused + "\n init_file 9\n}\n"
                + "vrrp_track_process jvm {\n process java\n}\n"
                + "vrrp_track_process none {\n process ---------------\n}\n"
                + "vrrp_track_process unusedproc {\n process java\n}\n"
                + "vrrp_instance A {\n interface kjt0\n virtual_router_id 1\n virtual_ipaddress {\n  10.0.0.1\n }\n"
                + " track_file {\n  used weight 2\n }\n track_process {\n  jvm\n  none\n }\n}\n");
        HostEnvironment host = new LabHost("kjt");
        Diagnostics d = new Diagnostics();
        return ConfigLoader.bind(SourceReader.read(p, new SourceReader.Options("t", false, host,
                new SplittableRandom(1)), d), host, d).config();
    }

    @Test
    void preparationWritesInitFilesAndReadsTheFirstValues() throws Exception {
        Path used = dir.resolve("used");
        Path unused = dir.resolve("unused");
        Files.writeString(used, "17\n");
        try (Trackers t = Trackers.prepare(config(used, unused), false, log, listener)) {
            assertEquals("4\n", Files.readString(used), "init_file overwrite at start-up");
            assertEquals("9\n", Files.readString(unused), "init_file of a track_file no instance uses");
            assertEquals(4, t.fileValue("used"));
            assertEquals(0, t.fileValue("unused"), "not watched: keepalived runs only the trackers in use");
            assertTrue(t.processUp("jvm"), "the first /proc scan saw this JVM");
            assertFalse(t.processUp("none"));
            assertFalse(t.processUp("unusedproc"), "not scanned");
        }
    }

    @Test
    void aReloadNeverOverwritesAFile() throws Exception {
        Path used = dir.resolve("used");
        Files.writeString(used, "17\n");
        try (Trackers t = Trackers.prepare(config(used, dir.resolve("unused")), true, log, listener)) {
            assertEquals("17\n", Files.readString(used));
            assertEquals(17, t.fileValue("used"));
            assertEquals("9\n", Files.readString(dir.resolve("unused")), "a missing file is still initialised");
        }
    }

    @Test
    void changesReportedBeforeAdoptionAreKeptAndNoneAfterClose() throws Exception {
        Path used = dir.resolve("used");
        Trackers t = Trackers.prepare(config(used, dir.resolve("unused")), false, log, listener);
        try {
            Files.writeString(used, "8\n");
            assertEquals("used=8", reports.poll(5, TimeUnit.SECONDS));
            assertEquals(4, t.fileValue("used"), "the watcher reports; the loop records");
            assertTrue(t.fileChanged("used", 8));
            assertEquals(8, t.fileValue("used"), "adoption applies the latest value");
            assertTrue(t.processChanged("jvm", false));
            assertFalse(t.processUp("jvm"));
        } finally {
            t.close();
        }
        assertFalse(t.fileChanged("used", 3), "a closed set's reports are dropped");
        assertEquals(8, t.fileValue("used"));
        assertFalse(t.processChanged("jvm", true));
        Files.writeString(used, "5\n");
        assertEquals(null, reports.poll(500, TimeUnit.MILLISECONDS), "the closed watcher reports nothing");
    }
}
