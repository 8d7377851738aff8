package keepalivedj.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import keepalivedj.conf.SystemHostEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end inside the JVM: -t exit codes and messages, -d YAML, -v, -h, --signum. */
class MainTest {
    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new SystemHostEnvironment());
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    Path conf(String text) throws IOException {
        Path p = dir.resolve("keepalived.conf");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void configTestReportsPositionsAndExitsWithKeepalivedsCode() throws IOException {
        Path p = conf("global_defs {\n  router_id r1\n  bogus_keyword 1\n}\n");
        assertEquals(5, run("-t", "-f", p.toString()));
        assertEquals(p + ":3:3: warning: Unknown keyword 'bogus_keyword': found 'bogus_keyword', expected a keyword"
                + " of global_defs; ignoring it\n", err().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aCleanConfigurationExitsZeroAndAMissingFileToo() throws IOException {
        assertEquals(0, run("-t", "-f", conf("global_defs {\n  router_id r1\n}\n").toString()));
        assertEquals(0, run("-t", "-f", dir.resolve("missing.conf").toString()));
        assertTrue(err().contains("Config files missing"), err());
    }

    @Test
    void configTestCanWriteItsMessagesToAFile() throws IOException {
        Path log = dir.resolve("t.log");
        Path p = conf("nonsense\n");
        assertEquals(5, run("--config-test=" + log, "-f", p.toString()));
        assertEquals("", err());
        assertTrue(Files.readString(log).contains("Unknown keyword 'nonsense'"));
    }

    @Test
    void dumpPrintsTheEffectiveConfigurationAsYaml() throws IOException {
        Path p = conf("vrrp_instance VI_1 {\n  interface kjnoif0\n  virtual_router_id 9\n"
                + "  virtual_ipaddress {\n    10.1.2.3\n  }\n}\n");
        assertEquals(0, run("-d", "-f", p.toString()));
        String yaml = out();
        assertTrue(yaml.contains("  - name: VI_1\n"), yaml);
        assertTrue(yaml.contains("    priority: 100\n"), yaml);
        assertTrue(yaml.contains("    virtual_router_id: 9\n"), yaml);
    }

    @Test
    void versionHelpAndSignum() {
        assertEquals(0, run("-v"));
        assertTrue(out().startsWith("keepalived-j 0.1.0"));
        assertEquals(0, run("--signum=STATS"));
        assertTrue(out().endsWith("12\n"), out());
        assertEquals(1, run("--signum=TDATA"));
        assertEquals("Unknown sigfunc TDATA\n", err());
    }

    @Test
    void unimplementedOptionsSaySoAndBadOptionsPrintUsage() throws IOException {
        assertEquals(0, run("-t", "-x", "-f", conf("global_defs {\n}\n").toString()));
        assertTrue(err().contains("option -x (--snmp) is accepted but not implemented yet"), err());
        err.reset();
        assertEquals(1, run("-Z"));
        assertTrue(err().startsWith("keepalived-j: invalid option -- 'Z'\nUsage: keepalived-j"), err());
    }

    @Test
    void vrrpAndCheckOnlyTogetherAreRefusedClearly() {
        assertEquals(1, run("-C", "-P", "-n", "-f", "/nonexistent.conf"));
        assertTrue(err().contains("-P (--vrrp) and -C (--check) together leave nothing to run"), err());
        err.reset();
    }

    @Test
    void aMissingNamespaceEndsTheDaemonWithKeepalivedsWordsAndStatus() {
        String ns = "kjt-absent-" + ProcessHandle.current().pid();
        assertEquals(0, run("-s", ns, "-n", "-l", "-G", "-f", "/nonexistent.conf"));
        assertTrue(err().contains("Failed to open /run/netns/" + ns + "\n"), err());
        assertTrue(err().contains("Unable to set network namespace " + ns + " - exiting\n"), err());
    }

    @Test
    void ipvsSubcommandIsReachableAndReportsUsage() {
        assertEquals(2, run("ipvs", "bogus"));
        assertTrue(err().contains("usage: ipvs"), err());
    }
}
