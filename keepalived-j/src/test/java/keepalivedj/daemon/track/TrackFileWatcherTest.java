package keepalivedj.daemon.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import keepalivedj.daemon.log.DaemonLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files in a temporary directory, watched through the JVM's inotify WatchService. */
class TrackFileWatcherTest {
    @TempDir
    Path dir;

    @Test
    void reportsWhatKeepalivedReads() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Files.writeString(b, "7\n");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DaemonLog log = new DaemonLog(new PrintStream(console, true, StandardCharsets.UTF_8), null, 0);
        LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a", a.toString());
        files.put("b", b.toString());
        files.put("gone", dir.resolve("no-such-dir/f").toString());
        Map<String, Long> initial = new HashMap<>();
        try (TrackFileWatcher w = TrackFileWatcher.start(files, log, initial, (n, v) -> seen.add(n + "=" + v))) {
            assertEquals(Map.of("a", 0L, "b", 7L), initial, "a missing file is 0; a file without directory is dropped");
            assertTrue(console.toString().contains("Track file directory for gone does not exist - removing"));

            Files.writeString(a, "5\n");
            assertEquals("a=5", seen.poll(5, TimeUnit.SECONDS));
            Path same = dir.resolve("a.same");
            Files.writeString(same, "5\n");
            Files.move(same, a, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(a, "99999999999\n"); // not an int: ignored, the value stays 5
            Files.writeString(b, "0x10");
            assertEquals("b=16", seen.poll(5, TimeUnit.SECONDS), "a rewrite of the same value is not reported");
            String invalid = "Invalid number 99999999999 read from " + a.toRealPath() + " - ignoring";
            for (int i = 0; i < 100 && !console.toString().contains(invalid); i++) {
                Thread.sleep(50); // a and b may be read in either order within one burst
            }
            assertTrue(console.toString().contains(invalid), console.toString());
            Files.delete(a);
            assertEquals("a=0", seen.poll(5, TimeUnit.SECONDS), "deleted: 0");
            Path tmp = dir.resolve("a.new");
            Files.writeString(tmp, "-3");
            Files.move(tmp, a, StandardCopyOption.ATOMIC_MOVE);
            assertEquals("a=-3", seen.poll(5, TimeUnit.SECONDS), "moved in");
            Files.writeString(dir.resolve("unrelated"), "1");
            assertNull(seen.poll(300, TimeUnit.MILLISECONDS), "other files in the directory are not reported");
        }
    }
}
