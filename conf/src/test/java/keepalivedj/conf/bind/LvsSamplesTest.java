package keepalivedj.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import keepalivedj.conf.Diagnostic;
import keepalivedj.conf.Severity;
import keepalivedj.conf.model.VirtualServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * keepalived's own samples (shared/conformance/keepalived-samples) through the LVS side only: the files 2.2.7 checks
 * clean (or whose 5 comes from the VRRP side) must give no WARNING / FATAL / SECURITY here, and the fwmark sample must
 * give 2.2.7's protocol warning. The corpus is read in place; a missing corpus fails.
 */
class LvsSamplesTest {

    static Path samples() {
        String root = System.getProperty("keepalivedj.root");
        assertTrue(root != null, "surefire must pass -Dkeepalivedj.root (the repository root)");
        Path dir = Path.of(root).resolve("../shared/conformance/keepalived-samples").normalize();
        assertTrue(Files.isDirectory(dir), "conformance corpus not found at " + dir);
        return dir;
    }

    static LvsTestSupport.Result bindSample(String name) throws IOException {
        Path f = samples().resolve(name);
        assertTrue(Files.isRegularFile(f), "sample missing: " + f);
        return LvsTestSupport.bind(name, Files.readString(f, StandardCharsets.ISO_8859_1), LvsDefaults.KEEPALIVED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker_keepalived.conf", "keepalived.conf.HTTP_GET.port", "keepalived.conf.IPv6",
            "keepalived.conf.PING_CHECK", "keepalived.conf.SMTP_CHECK", "keepalived.conf.SSL_GET",
            "keepalived.conf.UDP_CHECK", "keepalived.conf.inhibit", "keepalived.conf.misc_check",
            "keepalived.conf.misc_check_arg", "keepalived.conf.quorum", "keepalived.conf.sample",
            "keepalived.conf.status_code", "keepalived.conf.virtual_server_group", "keepalived.conf.virtualhost",
            "keepalived.conf.vrrp.lvs_syncd", "keepalived.conf.sample.in",
            "keepalived_etc_keepalived_keepalived.conf"})
    void samplesKeepalivedAcceptsGiveNoProblemOnTheLvsSide(String name) throws IOException {
        LvsTestSupport.Result r = bindSample(name);
        assertEquals("", r.rendered(), name);
    }

    @Test
    void fwmarkSampleWarnsThatTheProtocolIsIgnored() throws IOException {
        LvsTestSupport.Result r = bindSample("keepalived.conf.fwmark");
        List<Diagnostic> p = r.problems();
        assertEquals(1, p.size(), r.rendered());
        assertEquals(Severity.WARNING, p.get(0).severity());
        assertEquals("keepalived.conf.fwmark:12:3: warning: Warning: Virtual server FWM 1: protocol specified for"
                + " fwmark - protocol will be ignored", p.get(0).render());
        assertEquals(5, r.diagnostics().testExitCode());
        VirtualServer vs = r.config().virtualServers().get(0);
        assertEquals(null, vs.protocol());
        assertEquals(0, vs.realServers().get(0).port(), "NAT fwmark real server without port keeps port 0");
    }

    @Test
    void everySampleWithLvsContentBindsItsVirtualServers() throws IOException {
        Map<String, Integer> expected = new TreeMap<>(Map.of("keepalived.conf.SSL_GET", 2,
                "keepalived.conf.quorum", 1, "keepalived.conf.virtual_server_group", 1, "keepalived.conf.sample.in", 3,
                "keepalived.conf.SMTP_CHECK", 1, "keepalived.conf.IPv6", 1));
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            LvsTestSupport.Result r = bindSample(e.getKey());
            assertEquals(e.getValue(), r.config().virtualServers().size(), e.getKey());
            assertFalse(r.config().virtualServers().get(0).realServers().isEmpty(), e.getKey());
        }
    }
}
