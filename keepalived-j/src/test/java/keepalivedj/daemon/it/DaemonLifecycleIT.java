package keepalivedj.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import keepalivedj.daemon.it.lab.VrrpLab;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The process around the VRRP instances: starting detached without {@code -n}, the pid files and refusing to run
 * twice over them, and {@code -V} keeping the VIPs at stop.
 */
class DaemonLifecycleIT {
    @Test
    @DisplayName("without -n the launcher returns once the detached daemon wrote its pid file; a second start on"
            + " the same pid files says 'daemon is already running' and exits 0; -V keeps the VIP at SIGTERM")
    void detachedPidFilesAndDontReleaseVrrp() throws Exception {
        try (VrrpLab lab = VrrpLab.create(1)) {
            Path dir = Files.createTempDirectory("kj-life-");
            Path conf = dir.resolve("keepalived.conf");
            Files.writeString(conf, VrrpDaemonIT.config("h1", "MASTER", 101, true, ""));
            Path pid = dir.resolve("keepalived.pid");
            Path vrrpPid = dir.resolve("vrrp.pid");
            List<String> args = List.of(SharedFiles.launcher().toString(), "-P", "-G", "-V", "-f", conf.toString(),
                    "-p", pid.toString(), "-r", vrrpPid.toString());
            long daemon = -1;
            try {
                Netns.Result first = lab.host("h1").ns().exec(args, 30);
                assertEquals(0, first.exitCode(), "detached start: " + first.stderr());
                String written = Files.readString(pid).trim();
                daemon = Long.parseLong(written);
                assertEquals(written, Files.readString(vrrpPid).trim(), "one process: the same pid in -p and -r");
                assertTrue(ProcessHandle.of(daemon).map(ProcessHandle::isAlive).orElse(false), "daemon alive");
                long end = System.nanoTime() + 10_000_000_000L;
                while (!lab.host("h1").holds(VrrpDaemonIT.VIP)) {
                    assertTrue(System.nanoTime() < end, "the detached daemon became MASTER");
                    Thread.sleep(20);
                }

                List<String> again = new java.util.ArrayList<>(args);
                again.add(1, "-n");
                again.add(1, "-l");
                Netns.Result second = lab.host("h1").ns().exec(again, 30);
                assertEquals(0, second.exitCode(), "keepalived exits 0 when already running");
                assertTrue(second.stderr().contains("daemon is already running (pid " + daemon + " in "),
                        second.stderr());
                assertEquals(written, Files.readString(pid).trim(), "the running daemon's pid file is untouched");

                Netns.run(List.of("kill", "-TERM", String.valueOf(daemon)), 10);
                ProcessHandle h = ProcessHandle.of(daemon).orElseThrow();
                h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                daemon = -1;
                assertFalse(Files.exists(pid), "pid file removed at exit");
                assertFalse(Files.exists(vrrpPid), "vrrp pid file removed at exit");
                assertTrue(lab.host("h1").holds(VrrpDaemonIT.VIP), "-V: the VIP stays after stop");
            } finally {
                if (daemon > 0) {
                    ProcessHandle.of(daemon).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }
}
