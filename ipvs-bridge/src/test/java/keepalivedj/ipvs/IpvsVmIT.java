package keepalivedj.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import keepalivedj.ipvs.vm.VmRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
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
    static VmRun run;

    static Path module() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    }

    @BeforeAll
    static void runInVm() throws Exception {
        run = VmRun.java(module(), module().resolve("target/ipvs-vm-it.log"), "keepalivedj.ipvs.vm.VmTestMain", CASES);
    }

    @TestFactory
    Stream<DynamicTest> ipvsCasesInTheVm() {
        return run.tests();
    }

    @Test
    void aVmThatCannotBootIsAnErrorNotASkip() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(VmRun.rig(module()).toString(), "echo ran")
                .directory(module().toFile()).redirectErrorStream(true);
        pb.environment().put("IPVS_VM_MEM", "24"); // too little memory for the kernel to reach init
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(125, p.waitFor(), out);
        assertTrue(out.contains("the VM ended without a result"), out);
        assertFalse(out.contains("ran\n"), out);
    }
}
