package keepalivedj.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import keepalivedj.conf.model.LvsAddressFamily;
import keepalivedj.conf.model.ForwardingMethod;
import keepalivedj.conf.model.RealServer;
import keepalivedj.conf.model.SchedulerFlags;
import keepalivedj.conf.model.VirtualServer;
import org.junit.jupiter.api.Test;

class VirtualServerKeywordsTest {

    static final String HEAD = "virtual_server 10.0.0.1 80 {\n";

    static LvsTestSupport.Result bind(String text) {
        return LvsTestSupport.bind(text);
    }

    static VirtualServer only(LvsTestSupport.Result r) {
        assertEquals(1, r.config().virtualServers().size(), r.rendered());
        return r.config().virtualServers().get(0);
    }

    @Test
    void defaultsAreKeepalivedsWhenEverythingNeededIsSet() throws Exception {
        LvsTestSupport.Result r = bind(HEAD + " lb_algo rr\n lb_kind NAT\n protocol TCP\n"
                + " real_server 10.0.1.1 8080 {\n }\n}\n");
        assertEquals("", r.rendered());
        VirtualServer vs = only(r);
        assertEquals(VirtualServer.Kind.ADDRESS, vs.kind());
        assertEquals(InetAddress.getByName("10.0.0.1"), vs.address());
        assertEquals(80, vs.port());
        assertEquals(LvsAddressFamily.INET, vs.family());
        assertEquals("rr", vs.lvsSched());
        assertEquals(ForwardingMethod.NAT, vs.lvsMethod());
        assertEquals(VirtualServer.Protocol.TCP, vs.protocol());
        assertEquals(60_000_000L, vs.delayLoopMicros());
        assertEquals(5_000_000L, vs.connectTimeoutMicros());
        assertEquals(0, vs.persistenceTimeoutSeconds());
        assertEquals(1, vs.quorum());
        assertEquals(0, vs.hysteresis());
        assertEquals(1, vs.weight());
        assertFalse(vs.smtpAlert());
        assertNull(vs.retry());
        assertNull(vs.sorryServer());
        assertEquals(SchedulerFlags.NONE, vs.flags());
        RealServer rs = vs.realServers().get(0);
        assertEquals(8080, rs.port(), "NAT keeps the real server's own port");
        assertEquals(1, rs.weight());
        assertTrue(rs.smtpAlert(), "real servers default to smtp_alert on when global_defs says nothing");
        assertFalse(rs.inhibitOnFailure());
        assertEquals(60_000_000L, rs.delayLoopMicros());
        assertEquals(5_000_000L, rs.connectTimeoutMicros());
        assertNull(rs.retry());
    }

    @Test
    void missingSchedulerMethodAndProtocolAreDefaultedWithKeepalivedsMessages() {
        LvsTestSupport.Result r = bind(HEAD + " real_server 10.0.1.1 80 {\n }\n}\n");
        assertEquals("k.conf:1:1: warning: Virtual server [10.0.0.1]:none:80: no protocol set - defaulting to UDP\n"
                + "k.conf:1:1: warning: Virtual server [10.0.0.1]:udp:80: no scheduler set, setting default 'wlc'\n"
                + "k.conf:1:1: warning: Virtual server [10.0.0.1]:udp:80: no forwarding method set, setting"
                + " default NAT\n", r.rendered());
        VirtualServer vs = only(r);
        assertEquals("wlc", vs.lvsSched());
        assertEquals(VirtualServer.Protocol.UDP, vs.protocol());
        assertEquals(ForwardingMethod.NAT, vs.lvsMethod());
        assertEquals(ForwardingMethod.NAT, vs.realServers().get(0).lvsMethod());
        assertEquals(5, r.diagnostics().testExitCode());
    }

    @Test
    void persistenceTimeoutAloneMeans360AndAZeroPortForcesPersistence() {
        VirtualServer a = only(bind(HEAD + " lb_algo rr\n lb_kind NAT\n protocol TCP\n persistence_timeout\n"
                + " real_server 10.0.1.1 80 {\n }\n}\n"));
        assertEquals(360, a.persistenceTimeoutSeconds());
        LvsTestSupport.Result r = bind("virtual_server 10.0.0.1 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n"
                + " real_server 10.0.1.1 80 {\n }\n}\n");
        assertEquals("k.conf:1:1: warning: Virtual server [10.0.0.1]:tcp:0: zero port only valid for persistent"
                + " services - setting\n", r.rendered());
        assertEquals(360, only(r).persistenceTimeoutSeconds());
    }

    @Test
    void drRealServerPortIsResetToTheVirtualServerPort() {
        LvsTestSupport.Result r = bind(HEAD + " lb_algo rr\n lb_kind DR\n protocol TCP\n"
                + " real_server 10.0.1.1 8080 {\n }\n real_server 10.0.1.2 {\n }\n}\n");
        assertEquals("k.conf:5:2: warning: WARNING - virtual server [10.0.0.1]:tcp:80 and real server"
                + " [10.0.1.1]:tcp:8080 ports don't match - resetting\n", r.rendered());
        VirtualServer vs = only(r);
        assertEquals(80, vs.realServers().get(0).port());
        assertEquals(80, vs.realServers().get(1).port());
        assertEquals(ForwardingMethod.Method.DR, vs.realServers().get(1).lvsMethod().method());
    }

    @Test
    void natRealServerWithoutPortTakesTheVirtualServerPort() {
        VirtualServer vs = only(bind(HEAD + " lb_algo rr\n lb_kind NAT\n protocol TCP\n"
                + " real_server 10.0.1.1 {\n }\n}\n"));
        assertEquals(80, vs.realServers().get(0).port());
    }

    @Test
    void protocolOnAFwmarkServiceIsIgnoredWithAWarning() {
        LvsTestSupport.Result r = bind("virtual_server fwmark 7 {\n lb_algo rr\n lb_kind DR\n protocol UDP\n"
                + " real_server 10.0.1.1 80 {\n }\n}\n");
        assertEquals("k.conf:4:2: warning: Warning: Virtual server FWM 7: protocol specified for fwmark - protocol"
                + " will be ignored\n"
                + "k.conf:5:2: warning: WARNING - fwmark virtual server FWM 7, real server [10.0.1.1]:none:80 has"
                + " port specified - clearing\n", r.rendered());
        VirtualServer vs = only(r);
        assertEquals(VirtualServer.Kind.FWMARK, vs.kind());
        assertEquals(7, vs.fwmark());
        assertNull(vs.protocol());
        assertEquals(0, vs.realServers().get(0).port());
        assertEquals(LvsAddressFamily.INET, vs.family());
    }

    @Test
    void quorumAboveTheWeightSumIsReducedAndHysteresisBoundedByIt() {
        LvsTestSupport.Result r = bind(HEAD + " lb_algo rr\n lb_kind NAT\n protocol TCP\n quorum 5\n"
                + " hysteresis 4\n real_server 10.0.1.1 80 {\n  weight 2\n }\n real_server 10.0.1.2 80 {\n }\n}\n");
        assertEquals("k.conf:1:1: warning: Warning - quorum 5 for [10.0.0.1]:tcp:80 exceeds total weight of real"
                + " servers 3, reducing quorum to 3\n"
                + "k.conf:1:1: warning: Virtual server [10.0.0.1]:tcp:80: hysteresis 4 >= quorum 3; setting"
                + " hysteresis to 2\n", r.rendered());
        VirtualServer vs = only(r);
        assertEquals(3, vs.quorum());
        assertEquals(2, vs.hysteresis());
    }

    @Test
    void aVirtualServerWithoutRealServersIsDroppedAndSaysWhere() {
        LvsTestSupport.Result r = bind("\n" + HEAD + " lb_algo rr\n}\n");
        assertEquals("k.conf:2:1: warning: Virtual server [10.0.0.1]:none:80 has no real servers - ignoring\n",
                r.rendered());
        assertTrue(r.config().virtualServers().isEmpty());
    }

    @Test
    void aGroupThatDoesNotExistDropsTheVirtualServer() {
        LvsTestSupport.Result r = bind("virtual_server group NOPE {\n lb_algo rr\n protocol TCP\n"
                + " real_server 10.0.1.1 80 {\n }\n}\n");
        assertEquals("k.conf:1:1: warning: Virtual server group NOPE specified but not configured - ignoring"
                + " virtual server [NOPE]:0\n", r.rendered());
        assertTrue(r.config().virtualServers().isEmpty());
    }

    @Test
    void valuesInheritedByRealServersAndTheirOwnOverrides() {
        VirtualServer vs = only(bind(HEAD + " lb_algo wrr\n lb_kind NAT\n protocol TCP\n delay_loop 6\n"
                + " connect_timeout 2.5\n retry 4\n delay_before_retry 2\n warmup 0\n inhibit_on_failure\n alpha\n"
                + " weight 3\n real_server 10.0.1.1 80 {\n }\n real_server 10.0.1.2 80 {\n  weight 0\n"
                + "  inhibit_on_failure off\n  alpha no\n  delay_loop 1.5\n  retry 9\n  connect_timeout 1\n"
                + "  smtp_alert off\n }\n}\n"));
        RealServer a = vs.realServers().get(0);
        assertEquals(3, a.weight());
        assertTrue(a.inhibitOnFailure());
        assertTrue(a.alpha());
        assertEquals(6_000_000L, a.delayLoopMicros());
        assertEquals(2_500_000L, a.connectTimeoutMicros());
        assertEquals(4L, a.retry());
        assertEquals(2_000_000L, a.delayBeforeRetryMicros());
        assertEquals(0L, a.warmupMicros());
        RealServer b = vs.realServers().get(1);
        assertEquals(0, b.weight());
        assertFalse(b.inhibitOnFailure());
        assertFalse(b.alpha());
        assertEquals(1_500_000L, b.delayLoopMicros());
        assertEquals(9L, b.retry());
        assertEquals(1_000_000L, b.connectTimeoutMicros());
        assertFalse(b.smtpAlert());
    }

    @Test
    void smtpAlertDefaultsComeFromGlobalDefs() {
        String text = HEAD + " lb_algo rr\n lb_kind NAT\n protocol TCP\n real_server 10.0.1.1 80 {\n }\n}\n";
        VirtualServer on = only(LvsTestSupport.bind("k.conf", text, new LvsDefaults(true, null, false)));
        assertTrue(on.smtpAlert());
        VirtualServer off = only(LvsTestSupport.bind("k.conf", text, new LvsDefaults(true, false, false)));
        assertFalse(off.smtpAlert(), "smtp_alert_checker wins over smtp_alert");
        assertFalse(off.realServers().get(0).smtpAlert());
    }

    @Test
    void sorryServerInheritsTheMethodAndMustMatchAnIdenticalRealServersInhibit() {
        LvsTestSupport.Result r = bind(HEAD + " lb_algo rr\n lb_kind DR\n protocol TCP\n"
                + " sorry_server 10.0.1.1 80\n real_server 10.0.1.1 80 {\n  inhibit_on_failure\n }\n}\n");
        assertEquals("k.conf:6:2: warning: Virtual server [10.0.0.1]:tcp:80: real server [10.0.1.1]:tcp:80 matches"
                + " sorry server, but inhibit setting differs, setting on sorry server\n", r.rendered());
        VirtualServer vs = only(r);
        assertTrue(vs.sorryServer().inhibit());
        assertEquals(ForwardingMethod.Method.DR, vs.sorryServer().lvsMethod().method());
        assertEquals(80, vs.sorryServer().port());
    }

    @Test
    void sorryServerInhibitWithoutSorryServerIsReported() {
        LvsTestSupport.Result r = bind(HEAD + " lb_algo rr\n lb_kind NAT\n protocol TCP\n sorry_server_inhibit\n"
                + " real_server 10.0.1.1 80 {\n }\n}\n");
        assertEquals("k.conf:5:2: warning: Ignoring sorry_server inhibit used before or without sorry_server\n",
                r.rendered());
    }

    @Test
    void duplicateRealServerIsRemoved() {
        LvsTestSupport.Result r = bind(HEAD + " lb_algo rr\n lb_kind NAT\n protocol TCP\n"
                + " real_server 10.0.1.1 80 {\n }\n real_server 10.0.1.1 80 {\n  weight 5\n }\n}\n");
        assertEquals("k.conf:7:2: warning: VS [10.0.0.1]:tcp:80: real server [10.0.1.1]:tcp:80 is duplicated -"
                + " removing second rs\n", r.rendered());
        assertEquals(1, only(r).realServers().size());
        assertEquals(1, only(r).realServers().get(0).weight());
    }

    @Test
    void badAddressesAreReportedAndTheirBlocksSkipped() {
        LvsTestSupport.Result r = bind("virtual_server [fe80::1]:80 {\n real_server 1.2.3.4 80 {\n }\n}\n"
                + HEAD + " lb_algo rr\n lb_kind NAT\n protocol TCP\n real_server 10.0.1.300 80 {\n }\n"
                + " real_server 10.0.1.1 http {\n }\n real_server 10.0.1.1 80 {\n }\n}\n");
        assertEquals("k.conf:1:16: warning: Invalid virtual server IP address [fe80::1]:80 - skipping: found"
                + " '[fe80::1]:80', expected IP [PORT]\n"
                + "k.conf:9:14: warning: Invalid real server ip address/port 10.0.1.300/80 - skipping: found"
                + " '10.0.1.300/80', expected IP [PORT]\n"
                + "k.conf:11:14: warning: Invalid real server ip address/port 10.0.1.1/http - skipping: found"
                + " '10.0.1.1/http', expected IP [PORT]\n", r.rendered());
        assertEquals(1, only(r).realServers().size());
    }

    @Test
    void lbKindInsideARealServerIsUnknownAsIn227() {
        LvsTestSupport.Result r = bind(HEAD + " lb_algo rr\n lb_kind NAT\n protocol TCP\n"
                + " real_server 10.0.1.1 80 {\n  lb_kind DR\n }\n}\n");
        assertEquals("k.conf:6:3: warning: Unknown keyword 'lb_kind': found 'lb_kind', expected a keyword of"
                + " real_server; ignoring it\n", r.rendered());
        assertEquals(ForwardingMethod.NAT, only(r).realServers().get(0).lvsMethod());
    }

    @Test
    void ipv6ServicesAndMixedFamiliesAreCheckedLikeKeepalived() throws Exception {
        LvsTestSupport.Result r = bind("virtual_server ae00::1 80 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n"
                + " real_server ae00::10 25 {\n }\n real_server 10.0.0.9 25 {\n }\n}\n");
        assertEquals("k.conf:7:2: warning: Address family of virtual server and real server 10.0.0.9 don't"
                + " match - skipping real server.\n", r.rendered());
        VirtualServer vs = only(r);
        assertEquals(LvsAddressFamily.INET6, vs.family());
        assertEquals(InetAddress.getByName("ae00::10"), vs.realServers().get(0).address());
        assertEquals(25, vs.realServers().get(0).port());
    }

    @Test
    void tunnelOptionsAreRead() {
        VirtualServer vs = only(bind(HEAD + " lb_algo rr\n lvs_method TUN type gue port 6080 csum\n protocol TCP\n"
                + " real_server 10.0.1.1 80 {\n  lvs_method TUN type gre\n }\n real_server 10.0.1.2 80 {\n }\n}\n"));
        assertEquals(new ForwardingMethod(ForwardingMethod.Method.TUN, ForwardingMethod.TunnelType.GUE, 6080,
                ForwardingMethod.TunnelChecksum.CSUM), vs.lvsMethod());
        assertEquals(ForwardingMethod.TunnelType.GRE, vs.realServers().get(0).lvsMethod().tunnelType());
        assertEquals(vs.lvsMethod(), vs.realServers().get(1).lvsMethod());
    }

    @Test
    void badTunnelOptionsKeepThePreviousMethod() {
        LvsTestSupport.Result r = bind(HEAD + " lb_algo rr\n lb_kind DR\n lb_kind TUN type gue\n protocol TCP\n"
                + " real_server 10.0.1.1 80 {\n }\n}\n");
        assertEquals("k.conf:4:2: warning: gue tunnels require port, otherwise cannot have port.; ignoring it\n",
                r.rendered());
        assertEquals(ForwardingMethod.Method.DR, only(r).lvsMethod().method());
    }

    @Test
    void schedulerNamesAndFlags() {
        LvsTestSupport.Result r = bind(HEAD + " sh-port\n lvs_sched roundrobin\n lvs_sched sh\n sh-port\n"
                + " sh-fallback\n mh-port\n hashed\n ops\n flag-2\n lb_kind NAT\n protocol UDP\n"
                + " real_server 10.0.1.1 80 {\n }\n}\n");
        assertEquals("k.conf:2:2: warning: sh-port only applies to sh scheduler - ignoring\n"
                + "k.conf:3:12: warning: Invalid lvs_scheduler 'roundrobin' - ignoring: found 'roundrobin', expected"
                + " rr|wrr|lc|wlc|lblc|sh|mh|dh|fo|ovf|lblcr|sed|nq|twos\n", r.rendered());
        VirtualServer vs = only(r);
        assertEquals("sh", vs.lvsSched());
        assertEquals(new SchedulerFlags(true, true, false, true, false, true, true, false, false), vs.flags());
    }

    @Test
    void opsNeedsUdp() {
        LvsTestSupport.Result r = bind(HEAD + " lb_algo rr\n lb_kind NAT\n protocol TCP\n ops\n"
                + " real_server 10.0.1.1 80 {\n }\n}\n");
        assertEquals("k.conf:1:1: warning: Virtual server [10.0.0.1]:tcp:80: one packet scheduling requires UDP -"
                + " resetting\n", r.rendered());
        assertFalse(only(r).flags().ops());
    }

    @Test
    void numericRangesUseTheSharedReaders() {
        LvsTestSupport.Result r = bind(HEAD + " lb_algo rr\n lb_kind NAT\n protocol TCP\n quorum 0\n"
                + " delay_loop 0\n real_server 10.0.1.1 80 {\n  weight 70000\n }\n}\n");
        assertEquals("k.conf:5:9: warning: quorum: number '0' outside range [1, 4294967295]: found '0', expected"
                + " [1, 4294967295]; setting it to 1\n"
                + "k.conf:6:13: warning: delay_loop: number '0' outside range [0.000001, 4294967295.000000]: found"
                + " '0', expected [0.000001, 4294967295.000000]; ignoring it\n"
                + "k.conf:8:10: warning: weight: number '70000' outside range [0, 65535]: found '70000', expected"
                + " [0, 65535]; ignoring it\n", r.rendered());
        VirtualServer vs = only(r);
        assertEquals(1, vs.quorum());
        assertEquals(60_000_000L, vs.delayLoopMicros());
        assertEquals(1, vs.realServers().get(0).weight());
    }

    @Test
    void scriptsAreScriptCommands() {
        VirtualServer vs = only(bind(HEAD + " lb_algo rr\n lb_kind NAT\n protocol TCP\n"
                + " quorum_up \"/bin/up.sh a b\" nobody\n quorum_down /bin/down.sh\n"
                + " real_server 10.0.1.1 80 {\n  notify_up \"/bin/rs.sh up\"\n  notify_down /bin/rs.sh\n }\n}\n"));
        assertEquals(java.util.List.of("/bin/up.sh", "a", "b"), vs.quorumUp().argv());
        assertEquals("nobody", vs.quorumUp().user());
        assertEquals("/bin/down.sh", vs.quorumDown().program());
        assertEquals(java.util.List.of("/bin/rs.sh", "up"), vs.realServers().get(0).notifyUp().argv());
        assertEquals("/bin/rs.sh", vs.realServers().get(0).notifyDown().program());
    }

    @Test
    void aSorryServerAloneStillGetsTheDefaultMethodReported() {
        LvsTestSupport.Result r = bind(HEAD + " lb_algo rr\n protocol TCP\n sorry_server 10.0.9.9 8080\n"
                + " real_server 10.0.1.1 80 {\n  lvs_method DR\n }\n}\n");
        assertEquals("k.conf:1:1: warning: Virtual server [10.0.0.1]:tcp:80: no forwarding method set, setting"
                + " default NAT\n", r.rendered());
        VirtualServer vs = only(r);
        assertEquals(ForwardingMethod.NAT, vs.sorryServer().lvsMethod());
        assertEquals(8080, vs.sorryServer().port(), "a NAT sorry server keeps its port");
        assertEquals(80, vs.realServers().get(0).port());
    }

    @Test
    void everyScriptIsListedForTheSecurityPass() {
        LvsTestSupport.Result r = bind(HEAD + " lb_algo rr\n lb_kind NAT\n protocol TCP\n quorum_up /q.sh\n"
                + " real_server 10.0.1.1 80 {\n  notify_down /d.sh\n  MISC_CHECK {\n   misc_path /m.sh\n  }\n }\n}\n");
        assertEquals(java.util.List.of("/q.sh", "/d.sh", "/m.sh"),
                r.config().scripts().stream().map(s -> s.program()).collect(java.util.stream.Collectors.toList()));
    }

    @Test
    void sslBlock() {
        LvsTestSupport.Result r = bind("SSL {\n password secret\n ca /etc/ca.pem\n certificate /etc/c.pem\n"
                + " key /etc/k.pem\n}\n");
        assertEquals("", r.rendered());
        assertEquals("secret", r.config().ssl().password());
        assertEquals("/etc/ca.pem", r.config().ssl().ca());
        assertEquals("/etc/c.pem", r.config().ssl().certificate());
        assertEquals("/etc/k.pem", r.config().ssl().key());
        assertNull(bind("").config().ssl());
    }
}
