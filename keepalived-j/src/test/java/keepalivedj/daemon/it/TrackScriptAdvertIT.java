package keepalivedj.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import keepalivedj.daemon.it.lab.Daemon;
import keepalivedj.daemon.it.lab.Implementation;
import keepalivedj.daemon.it.lab.Capture;
import keepalivedj.daemon.it.lab.Scratch;
import keepalivedj.daemon.it.lab.VrrpLab;
import keepalivedj.daemon.it.lab.WireFrame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 5: a vrrp_script (interval 1, fall 3, rise 2, weight -30) failing and recovering changes the priority the
 * MASTER advertises, seen in adverts captured on the bridge, with the hysteresis of keepalived.md §c.4: still 100
 * after the first and second failing runs, 70 right after the third; still 70 after the first succeeding run,
 * 100 right after the second. Every run of the script writes its time (µs, the capture's clock) and exit code,
 * so the bounds come from the runs themselves. Run for keepalived 2.2.7 too, to show the test measures
 * keepalived's behaviour and not keepalived-j's idea of it.
 */
class TrackScriptAdvertIT {
    static final String SRC = "10.99.0.1";

    /** One run of the check: when it finished (µs since the epoch) and its exit code. */
    record Run(long timeUs, int rc) {
    }

    @ParameterizedTest
    @EnumSource(Implementation.class)
    void trackScriptFailureAndRecoveryShowInAdverts(Implementation kind) throws Exception {
        Path dir = Scratch.dir("kj-track-");
        try {
            Path flag = dir.resolve("ok");
            Path runs = dir.resolve("runs.log");
            Path check = dir.resolve("check.sh");
            Files.writeString(check, "#!/bin/sh\nif [ -e " + flag + " ]; then rc=0; else rc=1; fi\n"
                    + "echo \"$(date +%s%6N) $rc\" >> " + runs + "\nexit $rc\n");
            Files.setPosixFilePermissions(check, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createFile(flag);
            String conf = "global_defs {\n    router_id h1\n    enable_script_security\n    script_user root\n}\n"
                    + "vrrp_script chk {\n    script \"" + check + "\"\n    interval 1\n    fall 3\n    rise 2\n"
                    + "    weight -30\n}\n"
                    + "vrrp_instance VI_9 {\n    state MASTER\n    interface eth0\n    virtual_router_id 9\n"
                    + "    priority 100\n    version 3\n    advert_int 0.1\n"
                    + "    track_script {\n        chk\n    }\n"
                    + "    virtual_ipaddress {\n        10.99.0.109/24 dev eth0\n    }\n}\n";
            long removed;
            long restored;
            List<WireFrame> frames;
            try (VrrpLab lab = VrrpLab.create(1); Capture cap = Capture.start(lab.switchNs());
                 Daemon h1 = lab.host("h1").start(kind, conf)) {
                h1.awaitLine("\\(VI_9\\) Entering MASTER STATE", 15_000);
                Thread.sleep(3_000);
                removed = nowUs();
                Files.delete(flag);
                Thread.sleep(6_000);
                restored = nowUs();
                Files.createFile(flag);
                Thread.sleep(4_500);
                frames = cap.stop();
            }
            List<Run> all = Files.readAllLines(runs).stream().map(l -> l.split(" "))
                    .map(w -> new Run(Long.parseLong(w[0]), Integer.parseInt(w[1]))).toList();
            List<Run> failing = all.stream().filter(r -> r.timeUs() > removed && r.timeUs() < restored).toList();
            List<Run> recovering = all.stream().filter(r -> r.timeUs() > restored).toList();
            assertTrue(failing.size() >= 4 && failing.stream().allMatch(r -> r.rc() == 1), "failing runs " + all);
            assertTrue(recovering.size() >= 3 && recovering.stream().allMatch(r -> r.rc() == 0),
                    "recovering runs " + all);
            List<WireFrame> adverts = VrrpDaemonIT.adverts(frames, SRC);
            System.out.printf("%s: fail runs at +%s ms, recover runs at +%s ms; adverts %s%n", kind,
                    offsets(failing, removed), offsets(recovering, restored), changes(adverts));

            // fall 3: 100 until the third failing run has finished, 70 within one advert interval (+ margin) after
            assertEquals(List.of(100), priorities(adverts, removed, failing.get(2).timeUs()), "before the 3rd failure");
            WireFrame down = adverts.stream().filter(f -> f.priority() == 70).findFirst()
                    .orElseThrow(() -> new AssertionError("no advert with priority 70: " + changes(adverts)));
            assertTrue(down.micros() - failing.get(2).timeUs() <= 250_000, "70 advertised "
                    + (down.micros() - failing.get(2).timeUs()) + " µs after the 3rd failing run");
            assertEquals(List.of(70), priorities(adverts, down.micros(), recovering.get(1).timeUs()),
                    "from the drop to the 2nd succeeding run (rise 2)");
            WireFrame up = adverts.stream().filter(f -> f.micros() > down.micros() && f.priority() == 100).findFirst()
                    .orElseThrow(() -> new AssertionError("no advert back at 100: " + changes(adverts)));
            assertTrue(up.micros() - recovering.get(1).timeUs() <= 250_000, "100 advertised "
                    + (up.micros() - recovering.get(1).timeUs()) + " µs after the 2nd succeeding run");
            assertEquals(List.of(100), priorities(adverts, up.micros(), Long.MAX_VALUE), "after recovery");
        } finally {
            Scratch.delete(dir);
        }
    }

    private static long nowUs() {
        java.time.Instant i = java.time.Instant.now();
        return i.getEpochSecond() * 1_000_000 + i.getNano() / 1000;
    }

    /** The distinct priorities advertised in [from, to), in order of first appearance. */
    private static List<Integer> priorities(List<WireFrame> adverts, long from, long to) {
        return adverts.stream().filter(f -> f.micros() >= from && f.micros() < to).map(WireFrame::priority).distinct()
                .toList();
    }

    private static List<String> offsets(List<Run> runs, long t0) {
        return runs.stream().map(r -> String.valueOf((r.timeUs() - t0) / 1000)).toList();
    }

    /** "priority@time" at each change of advertised priority. */
    private static List<String> changes(List<WireFrame> adverts) {
        List<String> out = new ArrayList<>();
        int last = -1;
        for (WireFrame f : adverts) {
            if (f.priority() != last) {
                out.add(f.priority() + "@" + f.micros());
                last = f.priority();
            }
        }
        return out;
    }
}
