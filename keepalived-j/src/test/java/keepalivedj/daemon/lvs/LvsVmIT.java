package keepalivedj.daemon.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The checker side end to end in one boot of the IPVS test VM (ipvs-bridge/vm/run-in-vm.sh): keepalivedj.daemon.lvs
 * .vm.LvsVmMain runs the LVS-NAT scenario with keepalived-j's CheckerMain and with keepalived 2.2.7 and compares
 * ipvsadm -Ln and the SMTP alerts at every step. Each VMTEST line it prints becomes a test here; a VM that cannot
 * boot or produces no results fails, it never skips. Listings and timings are in target/lvs-vm-it.log.
 */
class LvsVmIT {
    static int rc;
    static List<String> lines;
    static String output;

    @BeforeAll
    static void runInVm() throws Exception {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path rig = module.resolve("../ipvs-bridge/vm/run-in-vm.sh").normalize();
        List<String> cp = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isEmpty() && Files.exists(Path.of(e)) && !e.contains("surefire")) {
                cp.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path work = module.resolve("target/lvs-vm");
        String cmd = String.join(" ", java.toString(), "-Djnr.ffi.asm.enabled=false", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", String.join(":", cp), "keepalivedj.daemon.lvs.vm.LvsVmMain",
                work.toString());
        Path log = module.resolve("target/lvs-vm-it.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(rig.toString(), cmd).directory(module.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        rc = p.waitFor();
        output = Files.readString(log, StandardCharsets.UTF_8);
        lines = output.lines().filter(l -> l.startsWith("VMTEST\t")).toList();
        System.out.printf("LVS VM run: rc=%d, %d results, %.1f s (log: %s)%n", rc, lines.size(),
                (System.nanoTime() - t0) / 1e9, log);
    }

    @TestFactory
    Stream<DynamicTest> lvsScenarioInTheVm() {
        if (lines.isEmpty()) {
            fail("the LVS VM run produced no results (rc=" + rc + "); output:\n" + tail(output));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (String l : lines) {
            String[] f = l.split("\t", 4);
            tests.add(DynamicTest.dynamicTest(f[2], () -> {
                if (!f[1].equals("PASS")) {
                    fail(f[1] + " in the VM: " + (f.length > 3 ? f[3].replace("\\n", "\n") : ""));
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("vm run exit code", () -> assertEquals(0, rc, tail(output))));
        return tests.stream();
    }

    private static String tail(String s) {
        return s.length() > 8000 ? s.substring(s.length() - 8000) : s;
    }
}
