package keepalivedj.daemon.lvs;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import keepalivedj.ipvs.vm.VmRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The checker side end to end in one boot of the IPVS test VM (ipvs-bridge/vm/run-in-vm.sh, booted through
 * ipvs-bridge's {@link VmRun}): keepalivedj.daemon.lvs.vm.LvsVmMain runs the LVS-NAT scenario with the daemon as
 * shipped ({@code bin/keepalived-j -n -l -D -C}) and with keepalived 2.2.7 and compares ipvsadm -Ln, the SMTP alerts
 * and the notify FIFO lines at every step. Each VMTEST line it prints becomes a test here; a VM that cannot boot or
 * produces no results fails, it never skips. Listings and timings are in target/lvs-vm-it.log.
 */
class LvsVmIT {
    static VmRun run;

    @BeforeAll
    static void runInVm() throws Exception {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        String launcher = System.getProperty("keepalivedj.launcher", module.resolve("bin/keepalived-j").toString());
        run = VmRun.java(module, module.resolve("target/lvs-vm-it.log"), "keepalivedj.daemon.lvs.vm.LvsVmMain",
                List.of(module.resolve("target/lvs-vm").toString(), launcher));
    }

    @TestFactory
    Stream<DynamicTest> lvsScenarioInTheVm() {
        return run.tests();
    }
}
