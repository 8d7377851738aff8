package keepalivedj.daemon.it;

import static keepalivedj.daemon.it.lab.Implementation.KEEPALIVED_J;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import keepalivedj.daemon.it.lab.Daemon;
import keepalivedj.daemon.it.lab.Scratch;
import keepalivedj.daemon.it.lab.VrrpLab;
import org.junit.jupiter.api.Test;

/**
 * keepalived-j's {@code notify_script_timeout} in the running daemon: a notify_master script that hangs and
 * leaves a child behind is killed with its child at the configured 2 s (not the 60 s default), the daemon logs
 * it, and the instance's next notify script (the generic {@code notify}, queued behind it) then runs.
 */
class NotifyScriptTimeoutIT {

    @Test
    void aHangingNotifyScriptAndItsChildAreKilledAtNotifyScriptTimeout() throws Exception {
        Path dir = Scratch.dir("kj-hang-");
        try {
            Path hang = dir.resolve("hang.sh");
            Path after = dir.resolve("after.sh");
            Path ran = dir.resolve("ran.log");
            // the marker names the script's sleeps (and only them) for pgrep
            Files.writeString(hang, "#!/bin/bash\n(exec -a " + marker(dir) + "-child sleep 1000) &\nexec -a "
                    + marker(dir) + "-main sleep 1000\n");
            Files.writeString(after, "#!/bin/sh\necho \"$*\" >> " + ran + "\n");
            for (Path p : List.of(hang, after)) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            String conf = "global_defs {\n    router_id hang\n    enable_script_security\n    script_user root\n"
                    + "    notify_script_timeout 2\n}\n"
                    + "vrrp_instance VI_3 {\n    state MASTER\n    interface eth0\n    virtual_router_id 3\n"
                    + "    priority 100\n    advert_int 1\n"
                    + "    notify_master " + hang + "\n    notify " + after + "\n"
                    + "    virtual_ipaddress {\n        10.99.0.103/24 dev eth0\n    }\n}\n";
            try (VrrpLab lab = VrrpLab.create(1);
                 Daemon h1 = lab.host("h1").start(KEEPALIVED_J, conf)) {
                h1.awaitLine("\\(VI_3\\) Entering MASTER STATE", 15_000);
                long master = System.nanoTime();
                awaitCount(marker(dir), 2, 5_000); // the script and its child are running
                h1.awaitLine("notify script " + java.util.regex.Pattern.quote(hang.toString())
                        + " killed after its 2(\\.0)? s timeout", 8_000);
                long killedMs = (System.nanoTime() - master) / 1_000_000;
                awaitCount(marker(dir), 0, 5_000); // the child went with the group
                long end = System.nanoTime() + 5_000_000_000L;
                while (!(Files.exists(ran) && Files.readAllLines(ran).contains("INSTANCE VI_3 MASTER 100"))) {
                    if (System.nanoTime() > end) {
                        throw new AssertionError("the generic notify did not run after the killed script: "
                                + (Files.exists(ran) ? Files.readAllLines(ran) : "no lines"));
                    }
                    Thread.sleep(50);
                }
                assertTrue(killedMs >= 1_900 && killedMs < 4_000, "killed " + killedMs + " ms after MASTER");
                System.out.println("hanging notify_master killed " + killedMs + " ms after MASTER");
            }
        } finally {
            Scratch.delete(dir);
        }
    }

    private static String marker(Path dir) {
        return "kjhang" + dir.getFileName().toString().replace("kj-hang-", "");
    }

    private static void awaitCount(String marker, int count, long timeoutMillis) throws Exception {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            Netns.Result r = Netns.Result.of(List.of("pgrep", "-f", "^" + marker), 10);
            int n = (int) r.stdout().lines().filter(l -> !l.isBlank()).count();
            if (n == count) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("expected " + count + " processes named " + marker + "*, found " + n);
            }
            Thread.sleep(50);
        }
    }
}
