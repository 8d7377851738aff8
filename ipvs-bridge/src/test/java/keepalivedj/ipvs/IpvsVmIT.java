package keepalivedj.ipvs;

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
 * Runs the IPVS integration cases (keepalivedj.ipvs.vm.*VmCase) in one boot of the test VM (vm/run-in-vm.sh: Debian's
 * kernel with IPVS under qemu) with plain java, and reports each of them here as a test. If the VM cannot be built or
 * booted, or it ends without results, this fails: it never skips.
 */
class IpvsVmIT {
    static final List<String> CASES = List.of("keepalivedj.ipvs.vm.IpvsClientVmCase",
            "keepalivedj.ipvs.vm.ErrorsVmCase", "keepalivedj.ipvs.vm.RoundTripVmCase",
            "keepalivedj.ipvs.vm.LoadBalancerVmCase");
    static int rc;
    static List<String> lines;
    static String output;

    @BeforeAll
    static void runInVm() throws Exception {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path rig = module.resolve("vm/run-in-vm.sh");
        List<String> cp = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isEmpty() && Files.exists(Path.of(e)) && !e.contains("surefire")) {
                cp.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Djnr.ffi.asm.enabled=false",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", String.join(":", cp),
                "keepalivedj.ipvs.vm.VmTestMain"));
        cmd.addAll(CASES);
        Path log = module.resolve("target/ipvs-vm-it.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(rig.toString(), String.join(" ", cmd)).directory(module.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        rc = p.waitFor();
        output = Files.readString(log, StandardCharsets.UTF_8);
        lines = output.lines().filter(l -> l.startsWith("VMTEST\t")).toList();
        System.out.printf("IPVS VM run: rc=%d, %d results, %.1f s (log: %s)%n", rc, lines.size(),
                (System.nanoTime() - t0) / 1e9, log);
    }

    @TestFactory
    Stream<DynamicTest> ipvsCasesInTheVm() {
        if (lines.isEmpty()) {
            fail("the IPVS VM produced no test results (rc=" + rc + "); output:\n" + tail(output));
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
        return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
    }

}
