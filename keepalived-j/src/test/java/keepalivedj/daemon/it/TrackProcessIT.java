package keepalivedj.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import keepalivedj.daemon.it.lab.Daemon;
import keepalivedj.daemon.it.lab.Implementation;
import keepalivedj.daemon.it.lab.Capture;
import keepalivedj.daemon.it.lab.Scratch;
import keepalivedj.daemon.it.lab.VrrpLab;
import keepalivedj.daemon.it.lab.WireFrame;
import org.junit.jupiter.api.Test;

/**
 * Issue 5: vrrp_track_process. Two programs, copies of {@code sleep} under names of their own (the kernel's comm
 * is the file name): {@code served} ({@code weight 20}, {@code terminate_delay 2}) counts the first, {@code crowd}
 * ({@code quorum_max 2}, weight 0) the second. Starting and stopping them must move keepalived-j as keepalived.conf(5)
 * and keepalived 2.2.7's track_process.c say: 120 while served runs; a third crowd process is FAULT (priority-0
 * advert), back to two is MASTER at 120 again; served stopping drops the priority to 100 only after its 2 s
 * terminate_delay; served starting again is 120 at once.
 *
 * <p>keepalived 2.2.7 gets the same configuration and the same processes in the same test, and shows why its
 * behaviour cannot be the yardstick here: it learns of processes only from the netlink proc connector, which the
 * kernel offers in the initial network namespace alone. In the lab's namespace it logs "Failed to set/clear process
 * event listen - errno 111" and counts no process at all, so it starts in FAULT ("quorum not achieved") with both
 * programs running. The test asserts that too: if a kernel or keepalived ever lifts the limit, it fails and the
 * expectations above must be checked against keepalived's adverts instead.
 */
class TrackProcessIT {
    static final String SRC = "10.99.0.1";

    @Test
    void startingAndStoppingTrackedProcessesMovesPriorityAndState() throws Exception {
        Path dir = Scratch.dir("kj-trackproc-");
        List<Process> started = new ArrayList<>();
        try {
            long tag = ProcessHandle.current().pid() % 100_000;
            Path served = copyOfSleep(dir, "kjtps" + tag);
            Path crowd = copyOfSleep(dir, "kjtpc" + tag);
            String conf = "global_defs {\n    router_id h1\n}\n"
                    + "vrrp_track_process served {\n    process " + served.getFileName() + "\n    weight 20\n"
                    + "    terminate_delay 2\n}\n"
                    + "vrrp_track_process crowd {\n    process " + crowd.getFileName() + "\n    quorum_max 2\n"
                    + "    weight 0\n}\n"
                    + "vrrp_instance VI_9 {\n    state MASTER\n    interface eth0\n    virtual_router_id 9\n"
                    + "    priority 100\n    version 3\n    advert_int 0.1\n"
                    + "    track_process {\n        served\n        crowd\n    }\n"
                    + "    virtual_ipaddress {\n        10.99.0.109/24 dev eth0\n    }\n}\n";

            // keepalived 2.2.7 in a namespace: no proc connector, no process counted
            Process s0 = start(served, started);
            Process c0 = start(crowd, started);
            try (VrrpLab lab = VrrpLab.create(1);
                 Daemon ka = lab.host("h1").start(Implementation.KEEPALIVED_227, conf)) {
                ka.awaitLine("Failed to set/clear process event listen - errno 111", 15_000);
                ka.awaitLine("\\(VI_9\\) entering FAULT state \\(tracked process crowd quorum not achieved\\)", 15_000);
                Thread.sleep(1_500);
                assertTrue(ka.lines("Entering MASTER STATE").isEmpty(), "keepalived 2.2.7 stays in FAULT:\n"
                        + ka.logText());
            }

            List<WireFrame> frames;
            long servedKilled;
            try (VrrpLab lab = VrrpLab.create(1); Capture cap = Capture.start(lab.switchNs());
                 Daemon kj = lab.host("h1").start(Implementation.KEEPALIVED_J, conf)) {
                kj.awaitLine("\\(VI_9\\) Entering MASTER STATE", 15_000);
                Thread.sleep(1_000);
                Process c1 = start(crowd, started);
                Process c2 = start(crowd, started);
                kj.awaitLine("\\(VI_9\\) Entering FAULT STATE", 5_000); // three crowd processes: above quorum_max
                Thread.sleep(500);
                c2.destroy();
                kj.awaitLines("\\(VI_9\\) Entering MASTER STATE", 2, 10_000);
                Thread.sleep(1_000);
                servedKilled = nowUs();
                s0.destroy();
                Thread.sleep(4_000);
                start(served, started);
                Thread.sleep(2_000);
                c0.destroy();
                c1.destroy();
                frames = cap.stop();
                System.out.println("keepalived-j log:\n" + kj.logText());
            }
            List<WireFrame> adverts = VrrpDaemonIT.adverts(frames, SRC);
            List<Integer> priorities = new ArrayList<>();
            for (WireFrame f : adverts) {
                if (priorities.isEmpty() || priorities.get(priorities.size() - 1) != f.priority()) {
                    priorities.add(f.priority());
                }
            }
            System.out.println("keepalived-j adverts: " + priorities);
            assertEquals(List.of(120, 0, 120, 100, 120), priorities.subList(0, Math.min(5, priorities.size())),
                    "advertised priorities");
            WireFrame drop = adverts.stream().filter(f -> f.micros() > servedKilled && f.priority() == 100)
                    .findFirst().orElseThrow();
            long afterUs = drop.micros() - servedKilled;
            System.out.println("priority 100 advertised " + afterUs / 1000 + " ms after served was killed");
            assertTrue(afterUs >= 2_000_000, "terminate_delay 2: not before 2 s, was " + afterUs + " µs");
            assertTrue(afterUs <= 3_200_000, "2 s + one scan (500 ms) + margin, was " + afterUs + " µs");
            assertFalse(adverts.stream().anyMatch(f -> f.micros() > servedKilled && f.micros() < drop.micros()
                    && f.priority() != 120), "120 until the delay ended");
        } finally {
            for (Process p : started) {
                p.destroyForcibly();
                p.waitFor();
            }
            Scratch.delete(dir);
        }
    }

    private static Path copyOfSleep(Path dir, String name) throws Exception {
        Path p = dir.resolve(name);
        Files.copy(Path.of("/bin/sleep"), p, StandardCopyOption.COPY_ATTRIBUTES);
        return p;
    }

    private static Process start(Path program, List<Process> started) throws Exception {
        Process p = new ProcessBuilder(program.toString(), "600").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        return p;
    }

    private static long nowUs() {
        java.time.Instant i = java.time.Instant.now();
        return i.getEpochSecond() * 1_000_000 + i.getNano() / 1000;
    }
}
