package keepalivedj.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import keepalivedj.conf.Diagnostic;
import keepalivedj.conf.Severity;
import keepalivedj.conf.model.LvsAddressFamily;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.conf.model.CheckerTiming;
import keepalivedj.conf.model.RealServer;
import keepalivedj.conf.model.StatusCodeRange;
import keepalivedj.conf.model.VirtualServer;
import keepalivedj.conf.model.VirtualServerGroup;
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

    static VirtualServer firstVs(String sample) throws IOException {
        return bindSample(sample).config().virtualServers().get(0);
    }

    @Test
    void sampleValuesAreBound() throws IOException {
        RealServer inhibit = firstVs("keepalived.conf.inhibit").realServers().get(0);
        assertTrue(inhibit.inhibitOnFailure(), "the '!' comment after inhibit_on_failure is not an argument");

        VirtualServer quorum = firstVs("keepalived.conf.quorum");
        assertEquals(7, quorum.quorum());
        assertEquals(2, quorum.hysteresis());
        assertTrue(quorum.alpha());
        assertTrue(quorum.omega());
        assertEquals("/usr/local/sbin/quorum-up.sh", quorum.quorumUp().program());
        assertEquals(10, quorum.realServers().size());
        assertTrue(quorum.realServers().get(0).alpha());
        CheckerSpec.TcpCheck tcp = (CheckerSpec.TcpCheck) quorum.realServers().get(0).checkers().get(0);
        assertTrue(tcp.timing().alpha());
        assertEquals(80, tcp.connection().connectPort());
        assertEquals(3_000_000L, tcp.connection().connectTimeoutMicros());
        assertEquals(900, quorum.persistenceTimeoutSeconds());

        CheckerSpec.SslGet status = (CheckerSpec.SslGet) firstVs("keepalived.conf.status_code").realServers().get(0)
                .checkers().get(0);
        assertEquals(List.of(new StatusCodeRange(200, 299), new StatusCodeRange(400, 499),
                new StatusCodeRange(503, 503), new StatusCodeRange(505, 505)), status.http().urls().get(0).statusCodes());
        assertEquals(List.of(new StatusCodeRange(200, 200)), status.http().urls().get(1).statusCodes());
        assertEquals(new CheckerTiming(3, 3_000_000L, 6_000_000L, 6_000_000L, false, false), status.timing());

        CheckerSpec.MiscCheck misc = (CheckerSpec.MiscCheck) firstVs("keepalived.conf.misc_check_arg").realServers()
                .get(0).checkers().get(0);
        assertEquals(List.of("/usr/local/bin/script.sh", "arg1", "arg2"), misc.miscPath().argv());
        assertEquals(0, misc.timing().retry());
        assertEquals(6_000_000L, misc.miscTimeoutMicros());

        CheckerSpec.SslGet port = (CheckerSpec.SslGet) firstVs("keepalived.conf.HTTP_GET.port").realServers().get(0)
                .checkers().get(0);
        assertEquals(444, port.connection().connectPort());
        assertEquals(3_000_000L, port.connection().connectTimeoutMicros());

        assertEquals(4, ((CheckerSpec.PingCheck) firstVs("keepalived.conf.PING_CHECK").realServers().get(0)
                .checkers().get(0)).timing().retry());
        CheckerSpec.UdpCheck udp = (CheckerSpec.UdpCheck) firstVs("keepalived.conf.UDP_CHECK").realServers().get(0)
                .checkers().get(0);
        assertFalse(udp.requireReply(), "require_reply is commented out with '!'");
        assertEquals(VirtualServer.Protocol.UDP, firstVs("keepalived.conf.UDP_CHECK").protocol());

        VirtualServer vhost = firstVs("keepalived.conf.virtualhost");
        assertEquals("www.firewall.loc", vhost.virtualhost());
        assertEquals("www.firewall.loc",
                ((CheckerSpec.SslGet) vhost.realServers().get(0).checkers().get(0)).http().virtualhost());

        LvsTestSupport.Result v6 = bindSample("keepalived.conf.IPv6");
        VirtualServerGroup g = v6.config().group("IPv6_group");
        assertEquals(InetAddress.getByName("ae00::2"), g.entries().get(0).first());
        assertEquals(InetAddress.getByName("ae00::9"), g.entries().get(0).last());
        assertEquals(LvsAddressFamily.INET6, v6.config().virtualServers().get(0).family());
        CheckerSpec.SmtpCheck smtp = (CheckerSpec.SmtpCheck) v6.config().virtualServers().get(0).realServers().get(0)
                .checkers().get(0);
        assertEquals("foo.bar.com", smtp.heloName());
        assertEquals(25, smtp.hosts().get(0).connectPort());

        VirtualServer sorry = firstVs("keepalived.conf.sample");
        assertEquals(InetAddress.getByName("192.168.200.200"), sorry.sorryServer().address());
        assertEquals(1358, sorry.sorryServer().port());
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
