package keepalivedj.daemon.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.sun.jna.Memory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The JNA version the build pins (5.13.0, root pom) is one whose cleaner thread waits without a timeout. From 5.14
 * on it wakes every 30 s to see whether it may exit, and in the daemon it never may (pcap4j's libraries stay
 * registered for the daemon's whole life): two wake-ups a minute of an otherwise idle daemon for nothing. An
 * upgrade that brings that back fails here instead of only in the idle-CPU benchmark.
 */
class JnaCleanerTest {
    @Test
    @DisplayName("JNA's cleaner thread, once started by a Memory (as PcapLink has one), waits with no timeout")
    void cleanerThreadWaitsWithoutATimeout() throws InterruptedException {
        Memory m = new Memory(8); // registers with the cleaner, which starts its thread
        m.setLong(0, 1);
        Thread cleaner = null;
        Thread.State state = null;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            cleaner = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("JNA Cleaner"))
                    .findFirst().orElse(null);
            state = cleaner == null ? null : cleaner.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                break; // asleep on its reference queue
            }
            Thread.sleep(10);
        }
        assertNotNull(cleaner, "no thread named \"JNA Cleaner\" after a Memory was made");
        assertEquals(Thread.State.WAITING, state, "JNA's cleaner sleeps with a timeout, so it wakes while idle");
        assertEquals(1, m.getLong(0));
    }
}
