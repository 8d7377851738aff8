package keepalivedj.ipvs.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * One boot of the IPVS test VM (ipvs-bridge/vm/run-in-vm.sh) running a main class of the caller's test classpath
 * with plain java (Maven is far too slow under TCG), shared by IpvsVmIT and keepalived-j's LvsVmIT (which gets it
 * through ipvs-bridge's test-jar). The main class prints {@code VMTEST<TAB>PASS|FAIL|SKIP<TAB>name<TAB>detail}
 * lines; {@link #tests} turns each into a test. A VM that cannot boot or prints no result fails, it never skips.
 */
public final class VmRun {
    private final int rc;
    private final String output;
    private final List<String> results;

    private VmRun(int rc, String output, List<String> results) {
        this.rc = rc;
        this.output = output;
        this.results = results;
    }

    /** The rig of this source tree, found from a module directory (ipvs-bridge or a sibling module). */
    public static Path rig(Path module) {
        return module.resolve("../ipvs-bridge/vm/run-in-vm.sh").normalize();
    }

    /**
     * Boots the VM once and runs {@code java <jvm flags> -cp <this JVM's class path> mainClass args} in it, from
     * {@code module} (the VM shares it read-write), all output to {@code log}.
     */
    public static VmRun java(Path module, Path log, String mainClass, List<String> args) throws IOException,
            InterruptedException {
        List<String> cp = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isEmpty() && Files.exists(Path.of(e)) && !e.contains("surefire")) {
                cp.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // jnr-ffi starts faster without its bytecode generator (java-libraries.md), which counts under TCG
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Djnr.ffi.asm.enabled=false",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", String.join(":", cp), mainClass));
        cmd.addAll(args);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(rig(module).toString(), String.join(" ", cmd))
                .directory(module.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        int rc = p.waitFor();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        List<String> results = output.lines().filter(l -> l.startsWith("VMTEST\t")).toList();
        System.out.printf("VM run of %s: rc=%d, %d results, %.1f s (log: %s)%n", mainClass, rc, results.size(),
                (System.nanoTime() - t0) / 1e9, log);
        return new VmRun(rc, output, results);
    }

    /** One test per VMTEST line, plus the run's exit code; a run without results is one failing test. */
    public Stream<DynamicTest> tests() {
        List<DynamicTest> tests = new ArrayList<>();
        if (results.isEmpty()) {
            tests.add(DynamicTest.dynamicTest("vm run results", () -> fail("the VM run produced no results (rc="
                    + rc + "); output:\n" + tail())));
        }
        for (String l : results) {
            String[] f = l.split("\t", 4);
            tests.add(DynamicTest.dynamicTest(f[2], () -> {
                if (!f[1].equals("PASS")) {
                    fail(f[1] + " in the VM: " + (f.length > 3 ? f[3].replace("\\n", "\n") : ""));
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("vm run exit code", () -> assertEquals(0, rc, tail())));
        return tests.stream();
    }

    private String tail() {
        return output.length() > 8000 ? output.substring(output.length() - 8000) : output;
    }
}
