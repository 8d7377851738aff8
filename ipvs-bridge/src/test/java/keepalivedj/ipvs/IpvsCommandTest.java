package keepalivedj.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The CLI on the host. Listing itself is checked against ipvsadm in the VM (IpvsClientVmCase). */
class IpvsCommandTest {
    static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = IpvsCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(rc), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void badUsageExitsTwoWithTheUsage() {
        String[] r = run("lst");
        assertEquals("2", r[0]);
        assertEquals("ipvs: unknown command 'lst'\n"
                + "usage: ipvs [--netns NAME] list [-n] [--timeout | --daemon] | info\n", r[2]);
        assertEquals("2", run("list", "--stats")[0]);
        assertEquals("2", run()[0]);
    }

    @Test
    void withoutIpvsInTheKernelItSaysSoAndExitsOne() {
        String[] r = run("list");
        if (Files.exists(Path.of("/proc/net/ip_vs"))) {
            assertEquals("0", r[0], r[2]); // a kernel with IPVS: the listing works
            return;
        }
        assertEquals("1", r[0]);
        assertEquals("ipvs: IPVS is not available: the kernel has no generic netlink family IPVS (is the ip_vs module "
                + "loaded?)\n", r[2]);
    }
}
