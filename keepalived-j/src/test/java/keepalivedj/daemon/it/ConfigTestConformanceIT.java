package keepalivedj.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import keepalivedj.conf.SystemHostEnvironment;
import org.junit.jupiter.api.Test;

/**
 * Every configuration in {@code ../shared/conformance/keepalived-samples/} checked with {@code keepalived-j -t}
 * through the launcher an operator runs, in the environment the expected codes were produced in (its README):
 * a namespace with interfaces eth0..eth3 and eth0.1, hostname {@code vm}, no keepalived_script user, killall
 * installed. keepalived 2.2.7 itself is run beside it on each file, so a drift of this machine's environment
 * from the reference shows up as keepalived disagreeing with EXPECTED.tsv rather than as a false pass.
 */
class ConfigTestConformanceIT {

    record Row(String file, int expected, int keepalived, int keepalivedJ, String firstLine) {
    }

    @Test
    void everySampleGivesKeepalivedsExitCode() throws Exception {
        Path dir = SharedFiles.shared("conformance/keepalived-samples");
        List<String> tsv = Files.readAllLines(dir.resolve("EXPECTED.tsv"));
        assertTrue(new SystemHostEnvironment().userId("keepalived_script").isEmpty(),
                "the expected codes assume no keepalived_script user; this machine has one");
        assertTrue(new SystemHostEnvironment().findInPath("killall").isPresent(),
                "the expected codes assume killall (psmisc) is installed");
        Path launcher = SharedFiles.launcher();
        List<Row> rows = new ArrayList<>();
        try (Netns ns = Netns.create("kjconf")) {
            String[][] ifs = {{"eth0", "p0"}, {"eth1", "p1"}, {"eth2", "p2"}, {"eth3", "p3"}, {"eth0.1", "p4"}};
            int n = 1;
            for (String[] pair : ifs) {
                ns.addVethPair(pair[0], pair[1]);
                ns.ip("addr", "add", "10.251." + n + ".1/24", "dev", pair[0]);
                n++;
            }
            for (String line : tsv.subList(1, tsv.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                Path conf = dir.resolve(f[0]);
                int expected = Integer.parseInt(f[1]);
                int ka = checkIn(ns, List.of("keepalived", "-t", "-f", conf.toString()));
                Netns.Result kj = run(ns, List.of(launcher.toString(), "-t", "-f", conf.toString()));
                String first = kj.stderr().lines().filter(l -> !l.isBlank()).findFirst().orElse("-");
                rows.add(new Row(f[0], expected, ka, kj.exitCode(), first));
            }
        }
        StringBuilder table = new StringBuilder(String.format("%-45s %8s %10s %12s  %s%n", "file", "expected",
                "keepalived", "keepalived-j", "keepalived-j's first message"));
        int agree = 0;
        List<String> bad = new ArrayList<>();
        List<String> envDrift = new ArrayList<>();
        for (Row r : rows) {
            table.append(String.format("%-45s %8d %10d %12d  %s%n", r.file(), r.expected(), r.keepalived(),
                    r.keepalivedJ(), r.firstLine()));
            if (r.keepalivedJ() == r.expected()) {
                agree++;
            } else {
                bad.add(r.file());
            }
            if (r.keepalived() != r.expected()) {
                envDrift.add(r.file());
            }
        }
        table.append(String.format("keepalived-j -t agrees with keepalived 2.2.7 on %d/%d samples%n", agree,
                rows.size()));
        System.out.print(table);
        assertEquals(31, rows.size(), "EXPECTED.tsv should list 31 files");
        if (!envDrift.isEmpty()) {
            fail("keepalived 2.2.7 on this machine disagrees with EXPECTED.tsv on " + envDrift
                    + ": the test environment is not the reference one\n" + table);
        }
        if (!bad.isEmpty()) {
            fail("keepalived-j -t disagrees on " + bad + "\n" + table);
        }
    }

    /** keepalived -t as the reference ran it: hostname vm in its own UTS namespace. */
    static int checkIn(Netns ns, List<String> command) throws Exception {
        return run(ns, command).exitCode();
    }

    static Netns.Result run(Netns ns, List<String> command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("unshare", "--uts", "sh", "-c", "hostname vm && exec \"$@\"",
                "sh"));
        cmd.addAll(command);
        return ns.exec(cmd, 60);
    }
}
