package keepalivedj.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonTest {
    @Test
    void syslogFacilitiesAsKeepalivedReadsThem() {
        assertEquals(3, Daemon.facility(null));
        assertEquals(16 + 4, Daemon.facility("4"));
        assertEquals(16 + 7, Daemon.facility("local7"));
        assertEquals(1, Daemon.facility("user"));
        assertEquals(3, Daemon.facility("daemon"));
    }

    @Test
    void aPidFileBlocksOnlyWhenItNamesALiveKeepalived(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("keepalived.pid");
        assertNull(Daemon.liveKeepalived(p), "no file");
        Files.writeString(p, ProcessHandle.current().pid() + "\n");
        assertNull(Daemon.liveKeepalived(p), "our own pid");
        Files.writeString(p, "999999999\n");
        assertNull(Daemon.liveKeepalived(p), "no such process");
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(p, sleeper.pid() + "\n");
            assertNull(Daemon.liveKeepalived(p), "a live process that is not keepalived");
        } finally {
            sleeper.destroyForcibly();
        }
        Process fake = new ProcessBuilder("/bin/bash", "-c", "exec -a keepalived-fake sleep 30").start();
        try {
            Files.writeString(p, fake.pid() + "\n");
            Thread.sleep(200);
            assertEquals(String.valueOf(fake.pid()), Daemon.liveKeepalived(p), "a live keepalived");
        } finally {
            fake.destroyForcibly();
        }
    }

    @Test
    void startupPagesAreReleased30SecondsAfterStartUnlessTold() {
        assertEquals(30_000_000, Daemon.settledMicros(null));
        assertEquals(30_000_000, Daemon.settledMicros(""));
        assertEquals(1_500_000, Daemon.settledMicros("1.5"));
        assertEquals(0, Daemon.settledMicros("-3"));
        assertEquals(-1, Daemon.settledMicros("false"));
        assertEquals(-1, Daemon.settledMicros("off"));
        assertEquals(30_000_000, Daemon.settledMicros("soon"), "not a number: the default");
    }
}
