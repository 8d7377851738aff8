package keepalivedj.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import keepalivedj.conf.model.VrrpInstance;
import keepalivedj.conf.model.VrrpState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The conformance corpus (shared/conformance/keepalived-samples) through the VRRP side only: samples that
 * keepalived 2.2.7 checks clean must give no WARNING/FATAL here; samples whose EXPECTED.tsv reason is on the
 * VRRP side must give at least one, for that reason.
 */
class VrrpSamplesTest {

    static Path corpus() {
        String root = System.getProperty("keepalivedj.root");
        Path base = root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
        Path dir = base.resolveSibling("shared").resolve("conformance").resolve("keepalived-samples");
        if (!Files.isDirectory(dir)) {
            dir = base.resolve("..").resolve("shared").resolve("conformance").resolve("keepalived-samples").normalize();
        }
        assertTrue(Files.isDirectory(dir), "conformance corpus not found at " + dir
                + " (needs -Dkeepalivedj.root=<repo root> with ../shared beside it)");
        return dir;
    }

    static VrrpBinding sample(String name) throws IOException {
        Path f = corpus().resolve(name);
        assertTrue(Files.isRegularFile(f), "missing sample " + f);
        List<String> lines = Files.readAllLines(f);
        // config id `vm` matches neither @high nor @low: keepalived drops those lines (keepalived.md a.0)
        lines = lines.stream().map(l -> l.stripLeading().startsWith("@") ? "" : l).collect(Collectors.toList());
        return VrrpBinding.of(name, lines, ReferenceHost.INSTANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker_keepalived.conf", "keepalived.conf.HTTP_GET.port", "keepalived.conf.IPv6",
        "keepalived.conf.PING_CHECK", "keepalived.conf.SMTP_CHECK", "keepalived.conf.UDP_CHECK",
        "keepalived.conf.fwmark", "keepalived.conf.inhibit", "keepalived.conf.misc_check",
        "keepalived.conf.misc_check_arg", "keepalived.conf.quorum", "keepalived.conf.sample",
        "keepalived.conf.status_code", "keepalived.conf.virtual_server_group", "keepalived.conf.virtualhost",
        "keepalived.conf.vrrp", "keepalived.conf.vrrp.scripts", "keepalived.conf.vrrp.sync",
        "keepalived.conf.vrrp.localcheck"})
    void cleanSamplesGiveNoWarning(String name) throws IOException {
        VrrpBinding b = sample(name);
        assertEquals(List.of(), b.problems(), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "keepalived.conf.SSL_GET|(VI_1) Initial state master is incompatible with AH authentication - clearing",
        "keepalived.conf.conditional_conf|No script set for vrrp_script check_VI_0 - removing",
        "keepalived.conf.track_interface|Warning - cannot track route 192.168.112.0/24 with no interface specified",
        "keepalived.conf.vrrp.lvs_syncd|Unknown keyword 'VI_2'",
        "keepalived.conf.vrrp.routes|Warning - cannot track route 192.168.112.0/24 with no interface specified",
        "keepalived.conf.vrrp.rules|Rule has no preference specified - setting to 16384. This is probably not",
        "keepalived.conf.vrrp.static_ipaddress|Warning - cannot track route 192.168.112.0/24 with no interface",
        "keepalived.conf.sample.in|number '0' outside range [0.000001, 4294.967295]",
        "keepalived_etc_keepalived_keepalived.conf|number '0' outside range [0.000001, 4294.967295]"})
    void warningSamplesWarnForKeepalivedsReason(String spec) throws IOException {
        String[] parts = spec.split("\\|", 2);
        VrrpBinding b = sample(parts[0]);
        assertFalse(b.problems().isEmpty(), parts[0]);
        assertTrue(b.problems().stream().anyMatch(p -> p.contains(parts[1])),
                parts[0] + ": expected a warning containing '" + parts[1] + "' in\n" + String.join("\n", b.problems()));
        assertEquals(5, b.diagnostics().testExitCode(), parts[0]);
    }

    @Test
    void firstWarningsAreOnTheLinesKeepalivedNames() throws IOException {
        // EXPECTED.tsv: "(keepalived.conf.vrrp.routes: Line 29) Warning - cannot track route ..."
        assertTrue(sample("keepalived.conf.vrrp.routes").problems().get(0).startsWith("keepalived.conf.vrrp.routes:29:"),
                () -> "routes: " + uncheckedProblems("keepalived.conf.vrrp.routes"));
        assertTrue(sample("keepalived.conf.vrrp.rules").problems().get(0).startsWith("keepalived.conf.vrrp.rules:10:"));
        assertTrue(sample("keepalived.conf.track_interface").problems().get(0)
                .startsWith("keepalived.conf.track_interface:31:"));
        assertTrue(sample("keepalived.conf.vrrp.lvs_syncd").problems().get(0)
                .startsWith("keepalived.conf.vrrp.lvs_syncd:4:"));
        assertTrue(sample("keepalived.conf.sample.in").problems().get(0).startsWith("keepalived.conf.sample.in:15:"));
    }

    private static String uncheckedProblems(String name) {
        try {
            return String.join("\n", sample(name).problems());
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void lvsSyncdGroupWithoutMembersIsRemovedAndDeprecationReported() throws IOException {
        VrrpBinding b = sample("keepalived.conf.vrrp.lvs_syncd");
        assertTrue(b.config().syncGroups().isEmpty());
        assertTrue(b.problems().stream().anyMatch(p -> p.contains("Sync group VG1 has no members - removing")));
        assertTrue(b.problems().stream().anyMatch(p -> p.contains("(VI_1) Specifying lvs_sync_daemon_interface against a vrrp is deprecated.")));
        assertEquals("eth1", b.config().instance("VI_1").lvsSyncDaemonInterface());
    }

    @Test
    void syncSampleModel() throws IOException {
        VrrpBinding b = sample("keepalived.conf.vrrp.sync");
        assertEquals(2, b.config().syncGroups().size());
        assertEquals(List.of("VI_1", "VI_2", "VI_5", "VI_6", "VI_7", "VI_8", "VI_9"),
                b.config().syncGroups().get(0).members());
        assertEquals(List.of("/usr/local/bin/vrrp.back", "arg1", "arg2"),
                b.config().syncGroups().get(0).notifyScripts().backup().argv());
        VrrpInstance vi1 = b.config().instance("VI_1");
        assertEquals("G1", vi1.syncGroup());
        assertEquals(VrrpState.MASTER, vi1.state());
        assertEquals(100, vi1.priority());
        assertEquals(25, vi1.virtualIpaddresses().get(0).prefixLength());
        assertEquals(9, b.config().instances().size());
    }

    @Test
    void conditionalConfDropsTheScriptFromTrackScript() throws IOException {
        VrrpBinding b = sample("keepalived.conf.conditional_conf");
        assertTrue(b.config().scripts().isEmpty());
        VrrpInstance vi = b.config().instance("VI_0");
        assertTrue(vi.trackScripts().isEmpty());
        assertTrue(b.problems().stream().anyMatch(p -> p.contains("(VI_0) track script check_VI_0 not found, ignoring")));
        assertEquals(3, vi.version());
        assertEquals(12_000_000L, vi.advertIntMicros());
        assertEquals("vrrp.1", vi.vmac().name());
        assertEquals(100, vi.priority());
        assertEquals(2, vi.trackInterfaces().size());
        assertEquals(20, vi.trackInterfaces().get(1).weight());
    }
}
