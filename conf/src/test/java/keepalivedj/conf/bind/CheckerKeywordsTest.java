package keepalivedj.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import keepalivedj.conf.model.CheckerConnection;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.conf.model.CheckerTiming;
import keepalivedj.conf.model.HttpUrl;
import keepalivedj.conf.model.RealServer;
import keepalivedj.conf.model.StatusCodeRange;
import org.junit.jupiter.api.Test;

class CheckerKeywordsTest {

    /** A VS (delay_loop 6) with one real server 10.0.1.1:80 holding {@code body}; the checker starts on line 7. */
    static LvsTestSupport.Result rs(String vsExtra, String body) {
        return LvsTestSupport.bind("virtual_server 10.0.0.1 80 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n"
                + " delay_loop 6\n real_server 10.0.1.1 80 {\n" + body + " }\n" + vsExtra + "}\n");
    }

    static RealServer realServer(LvsTestSupport.Result r) {
        return r.config().virtualServers().get(0).realServers().get(0);
    }

    static CheckerSpec checker(LvsTestSupport.Result r) {
        List<CheckerSpec> cs = realServer(r).checkers();
        assertEquals(1, cs.size(), r.rendered());
        return cs.get(0);
    }

    @Test
    void httpGetDefaultsAndUrls() throws Exception {
        LvsTestSupport.Result r = rs("", "  HTTP_GET {\n   url {\n    path /a\n    digest FF20AD2481F97B1754EF3E12ECD3A9CC\n"
                + "   }\n   url {\n    path /b\n    status_code 200-299 400-499 503\n    virtualhost b.example\n"
                + "   }\n  }\n");
        assertEquals("", r.rendered());
        CheckerSpec.HttpGet h = assertInstanceOf(CheckerSpec.HttpGet.class, checker(r));
        assertEquals(new CheckerTiming(1, 3_000_000L, 6_000_000L, 6_000_000L, false, false), h.timing());
        assertEquals(new CheckerConnection(InetAddress.getByName("10.0.1.1"), 80, null, 0, null, 5_000_000L, 0),
                h.connection());
        assertEquals("1.0", h.http().httpProtocol());
        assertNull(h.http().virtualhost());
        List<HttpUrl> urls = h.http().urls();
        assertEquals("/a", urls.get(0).path());
        assertEquals("ff20ad2481f97b1754ef3e12ecd3a9cc", urls.get(0).digest());
        assertEquals(List.of(new StatusCodeRange(200, 299)), urls.get(0).statusCodes());
        assertEquals(List.of(new StatusCodeRange(200, 299), new StatusCodeRange(400, 499),
                new StatusCodeRange(503, 503)), urls.get(1).statusCodes());
        assertEquals("b.example", urls.get(1).virtualhost());
        assertEquals(7, h.position().line());
    }

    @Test
    void sslGetIsItsOwnRecordAndTakesTheVirtualServersVirtualhost() {
        LvsTestSupport.Result r = rs(" virtualhost www.example\n",
                "  SSL_GET {\n   url {\n    path /\n   }\n   http_protocol 1.0C\n   enable_sni\n  }\n");
        CheckerSpec.SslGet s = assertInstanceOf(CheckerSpec.SslGet.class, checker(r));
        assertEquals("www.example", s.http().virtualhost());
        assertEquals("1.0C", s.http().httpProtocol());
        assertTrue(s.http().enableSni());
    }

    @Test
    void httpProblemsUseKeepalivedsWords() {
        LvsTestSupport.Result r = rs("", "  HTTP_GET {\n   url {\n    digest abc\n    status_code 99 300-200 2xx\n"
                + "   }\n   nb_get_retry 2\n  }\n");
        assertEquals("k.conf:9:12: warning: digest 'abc' character length should be 32 rather than 3: found 'abc',"
                + " expected 32 hex digits; ignoring it\n"
                + "k.conf:10:17: warning: Invalid HTTP_GET status code '99': found '99', expected a code or range"
                + " within 100-599; ignoring it\n"
                + "k.conf:10:20: warning: Invalid HTTP_GET status code '300-200': found '300-200', expected a code"
                + " or range within 100-599; ignoring it\n"
                + "k.conf:10:28: warning: Invalid HTTP_GET status code '2xx': found '2xx', expected a code or range"
                + " within 100-599; ignoring it\n"
                + "k.conf:8:4: warning: HTTP/SSL_GET checker url has no path - ignoring: expected path\n"
                + "k.conf:12:4: warning: 'nb_get_retry' is deprecated: expected 'retry'\n"
                + "k.conf:7:3: warning: HTTP/SSL_GET checker has no urls specified - ignoring: expected at least one"
                + " url { path ... } block\n", r.rendered());
        assertTrue(realServer(r).checkers().isEmpty());
    }

    @Test
    void retryAndDelaysComeFromCheckerThenRealServerThenVirtualServerThenTheTypesDefault() {
        LvsTestSupport.Result r = rs(" retry 7\n", "  delay_before_retry 4\n  TCP_CHECK {\n   connect_port 8080\n"
                + "   connect_timeout 2\n  }\n  TCP_CHECK {\n   retry 0\n   delay_loop 10\n   warmup 1\n  }\n");
        List<CheckerSpec> cs = realServer(r).checkers();
        CheckerSpec.TcpCheck a = (CheckerSpec.TcpCheck) cs.get(0);
        assertEquals(new CheckerTiming(7, 4_000_000L, 6_000_000L, 6_000_000L, false, false), a.timing());
        assertEquals(8080, a.connection().connectPort());
        assertEquals(2_000_000L, a.connection().connectTimeoutMicros());
        CheckerSpec.TcpCheck b = (CheckerSpec.TcpCheck) cs.get(1);
        assertEquals(new CheckerTiming(0, 4_000_000L, 1_000_000L, 10_000_000L, false, false), b.timing());
    }

    @Test
    void miscCheckDefaultsRetryZeroAndTheVirtualServersDelayLoopAsTimeout() {
        LvsTestSupport.Result r = rs("", "  MISC_CHECK {\n   misc_path \"/bin/check.sh arg1 arg2\"\n"
                + "   misc_dynamic\n   user nobody nogroup\n  }\n");
        assertEquals("", r.rendered());
        CheckerSpec.MiscCheck m = assertInstanceOf(CheckerSpec.MiscCheck.class, checker(r));
        assertEquals(new CheckerTiming(0, 1_000_000L, 6_000_000L, 6_000_000L, false, false), m.timing());
        assertEquals(List.of("/bin/check.sh", "arg1", "arg2"), m.miscPath().argv());
        assertEquals("nobody", m.miscPath().user());
        assertEquals("nogroup", m.miscPath().group());
        assertEquals(6_000_000L, m.miscTimeoutMicros());
        assertTrue(m.miscDynamic());
    }

    @Test
    void miscPathWordsAreAllPartOfTheCommand() {
        CheckerSpec.MiscCheck quoted = (CheckerSpec.MiscCheck) checker(rs("",
                "  MISC_CHECK {\n   misc_path \"/bin/c.sh 'a b' c\"\n  }\n"));
        CheckerSpec.MiscCheck bare = (CheckerSpec.MiscCheck) checker(rs("",
                "  MISC_CHECK {\n   misc_path /bin/c.sh a c\n  }\n"));
        assertEquals(List.of("/bin/c.sh", "a b", "c"), quoted.miscPath().argv());
        assertEquals(List.of("/bin/c.sh", "a", "c"), bare.miscPath().argv());
        assertNull(bare.miscPath().user(), "no user unless the user keyword gives one");
    }

    @Test
    void miscCheckProblems() {
        LvsTestSupport.Result r = rs("", "  MISC_CHECK {\n   user nosuchuser\n   connect_port 80\n  }\n");
        assertEquals("k.conf:8:9: warning: Unable to resolve script username 'nosuchuser' - ignoring: found"
                + " 'nosuchuser', expected an existing user\n"
                + "k.conf:9:4: warning: Unknown keyword 'connect_port': found 'connect_port', expected a keyword of"
                + " MISC_CHECK; ignoring it\n"
                + "k.conf:7:3: warning: No script path has been specified for MISC_CHECKER - skipping: expected"
                + " misc_path\n", r.rendered());
        assertTrue(realServer(r).checkers().isEmpty());
    }

    @Test
    void dnsCheckDefaults() {
        LvsTestSupport.Result r = rs("", "  DNS_CHECK {\n  }\n  DNS_CHECK {\n   type aaaa\n   type SRV\n"
                + "   name example.org\n  }\n");
        assertEquals("k.conf:11:9: warning: Unknown DNS check type SRV - ignoring: found 'SRV', expected A, NS, CNAME,"
                + " SOA, MX, TXT or AAAA\n", r.rendered());
        CheckerSpec.DnsCheck a = (CheckerSpec.DnsCheck) realServer(r).checkers().get(0);
        assertEquals(new CheckerTiming(3, 6_000_000L, 6_000_000L, 6_000_000L, false, false), a.timing());
        assertEquals(CheckerSpec.DnsType.SOA, a.type());
        assertEquals(".", a.name());
        CheckerSpec.DnsCheck b = (CheckerSpec.DnsCheck) realServer(r).checkers().get(1);
        assertEquals(CheckerSpec.DnsType.AAAA, b.type());
        assertEquals("example.org", b.name());
    }

    @Test
    void smtpCheckHostsInheritTheCheckersOptions() throws Exception {
        LvsTestSupport.Result r = rs("", "  SMTP_CHECK {\n   connect_timeout 10\n   helo_name foo.bar.com\n"
                + "   host {\n    connect_ip 172.16.1.12\n    bindto 172.16.1.2\n   }\n   host {\n"
                + "    connect_ip 64.233.167.100\n    connect_port 587\n   }\n  }\n");
        assertEquals("", r.rendered());
        assertEquals("k.conf:10:4: note: The SMTP_CHECK host block is deprecated. Please define additional checkers.",
                r.diagnostics().all().get(0).render(), "keepalived only logs this, so it is a NOTE");
        assertEquals(0, r.diagnostics().testExitCode());
        CheckerSpec.SmtpCheck s = assertInstanceOf(CheckerSpec.SmtpCheck.class, checker(r));
        assertEquals("foo.bar.com", s.heloName());
        assertEquals(List.of(
                new CheckerConnection(InetAddress.getByName("172.16.1.12"), 80,
                        InetAddress.getByName("172.16.1.2"), 0, null, 10_000_000L, 0),
                new CheckerConnection(InetAddress.getByName("64.233.167.100"), 587, null, 0, null, 10_000_000L, 0)),
                s.hosts());
        CheckerSpec.SmtpCheck plain = (CheckerSpec.SmtpCheck) checker(rs("", "  SMTP_CHECK {\n  }\n"));
        assertEquals("smtpchecker.keepalived.org", plain.heloName());
        assertEquals(1, plain.hosts().size());
    }

    @Test
    void udpPingFileAndBfdCheckers() {
        LvsTestSupport.Result r = rs("", "  UDP_CHECK {\n   payload 0A 0b\n   require_reply 0aXX\n"
                + "   min_reply_length 2\n   max_reply_length 100\n  }\n  PING_CHECK {\n   retry 4\n  }\n"
                + "  FILE_CHECK {\n   track_file f1\n   weight -10 reverse\n  }\n  BFD_CHECK {\n   name b1\n  }\n");
        assertEquals("", r.rendered());
        List<CheckerSpec> cs = realServer(r).checkers();
        CheckerSpec.UdpCheck u = (CheckerSpec.UdpCheck) cs.get(0);
        assertEquals("0a0b", u.payloadHex());
        assertTrue(u.requireReply());
        assertEquals("0axx", u.replyPatternHex());
        assertEquals(2, u.minReplyLength());
        assertEquals(100, u.maxReplyLength());
        assertEquals(4, ((CheckerSpec.PingCheck) cs.get(1)).timing().retry());
        assertEquals(new CheckerSpec.FileCheck("f1", -10, true, cs.get(2).position()), cs.get(2));
        assertEquals(false, ((CheckerSpec.BfdCheck) cs.get(3)).alpha());
        assertEquals("b1", ((CheckerSpec.BfdCheck) cs.get(3)).name());
    }

    @Test
    void fileAndBfdCheckersNameTopLevelObjects() {
        String text = "virtual_server 10.0.0.1 80 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n alpha\n"
                + " real_server 10.0.1.1 80 {\n  FILE_CHECK {\n   track_file nope\n  }\n  FILE_CHECK {\n"
                + "   track_file f1\n  }\n  BFD_CHECK {\n   name b0\n  }\n  BFD_CHECK {\n   name b1\n  }\n"
                + "  BFD_CHECK {\n  }\n }\n}\n";
        LvsTestSupport.Result r = LvsTestSupport.bind("k.conf", text,
                new LvsDefaults(null, null, false, List.of("f1"), List.of("b1")));
        assertEquals("k.conf:19:3: warning: ([10.0.1.1]:tcp:80) No name has been specified for BFD_CHECKER -"
                + " skipping: expected name BFD_INSTANCE\n"
                + "k.conf:8:15: warning: track_file nope not found: found 'nope', expected the name of a track_file"
                + " block; ignoring the FILE_CHECK\n"
                + "k.conf:14:9: warning: ([10.0.1.1]:tcp:80) BFD_CHECK - BFD b0 not configured: found 'b0', expected"
                + " the name of a bfd_instance; ignoring the BFD_CHECK\n", r.rendered());
        List<CheckerSpec> cs = realServer(r).checkers();
        assertEquals(2, cs.size());
        assertEquals(new CheckerSpec.FileCheck("f1", null, null, cs.get(0).position()), cs.get(0));
        assertEquals(new CheckerSpec.BfdCheck("b1", true, cs.get(1).position()), cs.get(1),
                "BFD_CHECK alpha comes from the real server, which has it from the virtual server");
        LvsTestSupport.Result unchecked = LvsTestSupport.bind("k.conf", text, LvsDefaults.KEEPALIVED);
        assertEquals(4, realServer(unchecked).checkers().size(), "names are not checked when not known");
    }

    @Test
    void fileCheckWeightOptions() {
        LvsTestSupport.Result r = rs("", "  FILE_CHECK {\n   track_file f1\n   weight 5 sideways\n   weight\n"
                + "   weight 3 noreverse\n  }\n");
        assertEquals("k.conf:9:13: warning: unknown track file weight option sideways - ignoring: found 'sideways',"
                + " expected reverse or noreverse\n"
                + "k.conf:10:4: warning: track file weight missing: expected weight W [reverse|noreverse]\n",
                r.rendered());
        CheckerSpec.FileCheck f = (CheckerSpec.FileCheck) checker(r);
        assertEquals(3, f.weight());
        assertEquals(false, f.reverse());
    }

    @Test
    void udpCheckProblems() {
        LvsTestSupport.Result r = rs("", "  UDP_CHECK {\n   payload\n   payload 0g\n   require_reply 0\n"
                + "   min_reply_length 10\n   max_reply_length 5\n  }\n");
        assertEquals("k.conf:8:4: warning: UDP_CHECK payload requires a payload: expected hex digits\n"
                + "k.conf:9:12: warning: Invalid hex string for UDP_CHECK payload: found '0g', expected an even number"
                + " of hex digits; ignoring it\n"
                + "k.conf:10:18: warning: Invalid hex string for UDP_CHECK reply: found '0', expected an even number of"
                + " hex digits or X; no reply data is checked\n"
                + "k.conf:7:3: warning: UDP_CHECK min_reply length 10 > max_reply_length 5 - will always fail\n",
                r.rendered());
        CheckerSpec.UdpCheck u = (CheckerSpec.UdpCheck) checker(r);
        assertTrue(u.requireReply());
        assertNull(u.replyPatternHex());
        assertNull(u.payloadHex());
    }

    @Test
    void fileCheckHasNoSharedOptions() {
        LvsTestSupport.Result r = rs("", "  FILE_CHECK {\n   track_file f1\n   retry 3\n  }\n");
        assertEquals("k.conf:9:4: warning: Unknown keyword 'retry': found 'retry', expected a keyword of FILE_CHECK;"
                + " ignoring it\n", r.rendered());
    }

    @Test
    void connectionOptionProblems() {
        LvsTestSupport.Result r = rs("", "  TCP_CHECK {\n   connect_ip fe80::1\n   bindto 10.1.1.1\n"
                + "   connect_port 0\n  }\n");
        assertEquals("k.conf:9:11: warning: bindto address 10.1.1.1 does not match address family of connect_ip -"
                + " skipping: found '10.1.1.1'\n"
                + "k.conf:10:17: warning: connect_port: number '0' outside range [1, 65535]: found '0', expected"
                + " [1, 65535]; ignoring it\n"
                + "k.conf:7:3: warning: Checker link local address fe80::1 requires a bind_if: expected bind_if;"
                + " ignoring the checker\n", r.rendered());
        assertTrue(realServer(r).checkers().isEmpty());
    }

    @Test
    void alphaAndLogAllFailuresInheritance() {
        LvsTestSupport.Result r = LvsTestSupport.bind("k.conf", "virtual_server 10.0.0.1 80 {\n lb_algo rr\n"
                + " lb_kind NAT\n protocol TCP\n alpha\n real_server 10.0.1.1 80 {\n  TCP_CHECK {\n  }\n"
                + "  TCP_CHECK {\n   alpha off\n   log_all_failures off\n  }\n }\n}\n", new LvsDefaults(null, null, true));
        List<CheckerSpec> cs = realServer(r).checkers();
        CheckerTiming a = ((CheckerSpec.TcpCheck) cs.get(0)).timing();
        assertTrue(a.alpha());
        assertTrue(a.logAllFailures());
        CheckerTiming b = ((CheckerSpec.TcpCheck) cs.get(1)).timing();
        assertEquals(false, b.alpha());
        assertEquals(false, b.logAllFailures());
    }
}
