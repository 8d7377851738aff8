package keepalivedj.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import keepalivedj.conf.Severity;
import keepalivedj.conf.model.VrrpAuthentication;
import keepalivedj.conf.model.VrrpGarpSettings;
import keepalivedj.conf.model.VrrpInstance;
import keepalivedj.conf.model.VrrpState;
import org.junit.jupiter.api.Test;

class VrrpInstanceKeywordsTest {

    /** {@code vrrp_instance VI_1 {} on line 1, the body from line 2, VIP 10.0.0.1 appended unless given. */
    static VrrpBinding instance(String... body) {
        StringBuilder sb = new StringBuilder("vrrp_instance VI_1 {\n");
        boolean vip = false;
        for (String l : body) {
            sb.append(l).append('\n');
            vip |= l.contains("virtual_ipaddress");
        }
        if (!vip) {
            sb.append("virtual_ipaddress {\n10.0.0.1\n}\n");
        }
        sb.append("}");
        return VrrpBinding.of(sb.toString());
    }

    static VrrpInstance vi(VrrpBinding b) {
        return b.config().instance("VI_1");
    }

    @Test
    void defaults() {
        VrrpBinding b = instance("interface eth0", "virtual_router_id 51");
        assertEquals(List.of(), b.all());
        VrrpInstance i = vi(b);
        assertEquals(VrrpState.BACKUP, i.state());
        assertEquals("eth0", i.interfaceName());
        assertEquals(51, i.virtualRouterId());
        assertEquals(100, i.priority());
        assertEquals(1_000_000L, i.advertIntMicros());
        assertEquals(2, i.version());
        assertFalse(i.ipv6());
        assertFalse(i.nopreempt());
        assertEquals(0, i.preemptDelayMicros());
        assertNull(i.authentication());
        assertNull(i.unicastTtl()); // multicast
        assertEquals("224.0.0.18", i.mcastDstIp().getHostAddress());
        assertTrue(i.accept());
        assertFalse(i.strictMode());
        assertFalse(i.smtpAlert());
        assertEquals(VrrpGarpSettings.DEFAULTS, i.garp());
        assertEquals(3, i.downTimerAdverts());
        assertNull(i.vmac());
        assertNull(i.syncGroup());
        assertEquals(1, i.virtualIpaddresses().size());
        assertEquals(32, i.virtualIpaddresses().get(0).prefixLength());
        assertEquals("eth0", i.virtualIpaddresses().get(0).dev());
        assertEquals("k.conf:1:1", i.position().toString());
    }

    @Test
    void stateMasterWithoutPriorityIsTheOwner() {
        VrrpInstance i = vi(instance("state MASTER", "interface eth0", "virtual_router_id 1"));
        assertEquals(VrrpState.MASTER, i.state());
        assertEquals(255, i.priority());
    }

    @Test
    void priority255WithoutStateIsMaster() {
        VrrpInstance i = vi(instance("priority 255", "interface eth0", "virtual_router_id 1"));
        assertEquals(VrrpState.MASTER, i.state());
    }

    @Test
    void priorityOutOfRangeUsesDefault() {
        VrrpBinding b = instance("interface eth0", "virtual_router_id 1", "priority 300");
        assertEquals(List.of("k.conf:4:10: warning: priority: number '300' outside range [1, 255]: found '300', "
                + "expected [1, 255]; using default 100"), b.all());
        assertEquals(100, vi(b).priority());
        assertEquals(5, b.diagnostics().testExitCode());
        // keepalived sets the default explicitly: state MASTER no longer implies the owner's 255
        VrrpInstance m = vi(instance("interface eth0", "virtual_router_id 1", "state MASTER", "priority 0"));
        assertEquals(100, m.priority());
        assertEquals(VrrpState.MASTER, m.state());
    }

    @Test
    void unknownStateDefaultsToBackup() {
        VrrpBinding b = instance("interface eth0", "virtual_router_id 1", "state master");
        assertEquals(List.of("k.conf:4:7: warning: (VI_1) unknown state 'master', defaulting to BACKUP: found "
                + "'master', expected MASTER or BACKUP (upper case)"), b.all());
        assertEquals(VrrpState.BACKUP, vi(b).state());
    }

    @Test
    void authPassIsTruncatedToEight() {
        VrrpBinding b = instance("interface eth0", "virtual_router_id 1", "authentication {", "auth_type PASS",
                "auth_pass 0123456789", "}");
        assertEquals(List.of("k.conf:6:11: warning: Truncating auth_pass to 8 characters: found '0123456789', "
                + "expected at most 8 characters; using '01234567'"), b.all());
        assertEquals(new VrrpAuthentication(VrrpAuthentication.Type.PASS, "01234567",
                new keepalivedj.conf.Position("k.conf", 4, 1)), vi(b).authentication());
        assertEquals(5, b.diagnostics().testExitCode());
    }

    @Test
    void ahWithInitialStateMasterIsCleared() {
        VrrpBinding b = instance("state MASTER", "priority 100", "interface eth0", "virtual_router_id 1",
                "authentication {", "auth_type AH", "auth_pass 1111", "}");
        assertEquals(List.of("k.conf:6:1: warning: (VI_1) Initial state master is incompatible with AH "
                + "authentication - clearing"), b.all());
        assertEquals(VrrpState.BACKUP, vi(b).state());
        assertEquals(VrrpAuthentication.Type.AH, vi(b).authentication().type());
    }

    @Test
    void nopreemptWithStateMasterIsCleared() {
        VrrpBinding b = instance("state MASTER", "priority 100", "nopreempt", "interface eth0",
                "virtual_router_id 1");
        assertEquals(List.of("k.conf:1:1: warning: (VI_1) Warning - nopreempt will not work with initial state "
                + "MASTER - clearing"), b.all());
        assertFalse(vi(b).nopreempt());
    }

    @Test
    void nopreemptWithPriority255IsCleared() {
        VrrpBinding b = instance("priority 255", "nopreempt", "interface eth0", "virtual_router_id 1");
        assertEquals(List.of("k.conf:1:1: warning: (VI_1) nopreempt is incompatible with priority 255. resetting "
                + "nopreempt"), b.all());
        assertFalse(vi(b).nopreempt());
    }

    @Test
    void nopreemptWithBackupIsKept() {
        VrrpBinding b = instance("state BACKUP", "nopreempt", "interface eth0", "virtual_router_id 1",
                "preempt_delay 5");
        assertEquals(List.of("k.conf:1:1: warning: (VI_1) preempt_delay is incompatible with nopreempt mode - "
                + "resetting"), b.all());
        assertTrue(vi(b).nopreempt());
        assertEquals(0, vi(b).preemptDelayMicros());
    }

    @Test
    void v2AdvertIntervalIsRounded() {
        VrrpBinding b = instance("interface eth0", "virtual_router_id 1", "advert_int 1.5");
        assertEquals(List.of("k.conf:4:12: warning: (VI_1) VRRPv2 advertisement interval 1.500000s must be an "
                + "integer. rounding"), b.all());
        assertEquals(2_000_000L, vi(b).advertIntMicros());
    }

    @Test
    void v3AdvertIntervalInCentiseconds() {
        VrrpBinding b = instance("interface eth0", "virtual_router_id 1", "version 3", "advert_int 0.015");
        assertEquals(List.of("k.conf:5:12: warning: (VI_1) VRRPv3 advertisement interval 0.015000s must be in "
                + "units of 10ms - rounding"), b.all());
        assertEquals(20_000L, vi(b).advertIntMicros());
        assertEquals(1_500_000L, vi(instance("interface eth0", "virtual_router_id 1", "version 3",
                "advert_int 1.5")).advertIntMicros());
    }

    @Test
    void ipv6InstanceIsVersion3AndV2IsAnError() {
        VrrpBinding ok = instance("interface eth0", "virtual_router_id 1", "virtual_ipaddress {", "fe80::1", "}");
        assertEquals(List.of(), ok.all());
        assertTrue(vi(ok).ipv6());
        assertEquals(3, vi(ok).version());
        assertEquals(128, vi(ok).virtualIpaddresses().get(0).prefixLength());
        assertEquals("ff02:0:0:0:0:0:0:12", vi(ok).mcastDstIp().getHostAddress());
        VrrpBinding bad = instance("interface eth0", "virtual_router_id 1", "version 2", "virtual_ipaddress {",
                "fe80::1", "}");
        assertEquals(List.of("k.conf:1:1: warning: (VI_1) cannot use IPv6 with VRRP version 2; setting version 3"),
                bad.all());
        assertEquals(3, vi(bad).version());
    }

    @Test
    void globalVersionApplies() {
        VrrpBinding b = VrrpBinding.of("global_defs {\nvrrp_version 3\n}\nvrrp_instance VI_1 {\ninterface eth0\n"
                + "virtual_router_id 1\nvirtual_ipaddress {\n10.0.0.1\n}\n}");
        assertEquals(3, vi(b).version());
    }

    @Test
    void missingInterfaceIsAWarningAndTheBadInterfaceClass() {
        VrrpBinding b = instance("interface nosuchif", "virtual_router_id 1");
        assertEquals(List.of("k.conf:2:11: warning: WARNING - interface nosuchif for vrrp_instance VI_1 doesn't "
                        + "exist: found 'nosuchif', expected an interface of this host",
                "k.conf:2:11: fatal: Non-existent interface specified in configuration: found 'nosuchif'; "
                        + "keepalived would not start VRRP"), b.all());
        assertEquals(5, b.diagnostics().testExitCode());
        assertEquals(1, b.diagnostics().count(Severity.FATAL));
    }

    @Test
    void dynamicInterfacesOnlyNote() {
        VrrpBinding b = VrrpBinding.of("global_defs {\ndynamic_interfaces\n}\nvrrp_instance VI_1 {\n"
                + "interface nosuchif\nvirtual_router_id 1\nvirtual_ipaddress {\n10.0.0.1\n}\n}");
        assertEquals(List.of(), b.problems());
        assertEquals(0, b.diagnostics().testExitCode());
    }

    @Test
    void anInstanceWithoutInterfaceNeedsAUnicastSource() {
        VrrpBinding b = instance("virtual_router_id 1");
        assertEquals(List.of("k.conf:1:1: warning: (VI_1) : Unicast instances must have unicast_src_ip or interface"),
                b.all());
        assertTrue(b.config().instances().isEmpty());
        VrrpBinding u = instance("virtual_router_id 1", "unicast_src_ip 10.1.0.1", "unicast_peer {", "10.1.0.2", "}");
        assertEquals(List.of(), u.all());
        assertNull(vi(u).interfaceName());
        assertNull(vi(u).virtualIpaddresses().get(0).dev());
    }

    @Test
    void noVipIsSensibleForV2AndRequiredForV3() {
        VrrpBinding v2 = VrrpBinding.of("vrrp_instance VI_1 {\ninterface eth0\nvirtual_router_id 1\n}");
        assertEquals(List.of("k.conf:1:1: warning: (VI_1) No VIP specified; at least one is sensible"), v2.all());
        assertEquals(1, v2.config().instances().size());
        VrrpBinding v3 = VrrpBinding.of("vrrp_instance VI_1 {\ninterface eth0\nvirtual_router_id 1\nversion 3\n}");
        assertEquals(List.of("k.conf:1:1: warning: (VI_1) No VIP specified; at least one is required"), v3.all());
        assertTrue(v3.config().instances().isEmpty());
    }

    @Test
    void duplicateVridOnOneInterface() {
        VrrpBinding b = VrrpBinding.of(String.join("\n",
                "vrrp_instance A {", "interface eth0", "virtual_router_id 7", "virtual_ipaddress {", "10.0.0.1", "}",
                "}",
                "vrrp_instance B {", "interface eth0", "virtual_router_id 7", "virtual_ipaddress {", "10.0.0.2", "}",
                "}",
                "vrrp_instance C {", "interface eth1", "virtual_router_id 7", "virtual_ipaddress {", "10.0.0.3", "}",
                "}",
                "vrrp_instance D {", "interface eth0", "virtual_router_id 7", "virtual_ipaddress {", "fe80::3", "}",
                "}"));
        assertEquals(List.of("k.conf:8:1: warning: A and B both use VRID 7 with IPv4 on interface eth0: found '7', "
                + "expected a VRID not used by A (k.conf:1:1); keepalived would not start VRRP"), b.all());
        assertEquals(5, b.diagnostics().testExitCode());
    }

    @Test
    void unicastInstancesWithDistinctPeersMayShareAVrid() {
        VrrpBinding b = VrrpBinding.of(String.join("\n",
                "vrrp_instance A {", "interface eth0", "virtual_router_id 7", "unicast_peer {", "10.1.0.1", "}",
                "virtual_ipaddress {", "10.0.0.1", "}", "}",
                "vrrp_instance B {", "interface eth0", "virtual_router_id 7", "unicast_peer {", "10.1.0.2", "}",
                "virtual_ipaddress {", "10.0.0.2", "}", "}"));
        assertEquals(List.of(), b.problems());
    }

    @Test
    void missingVridRemovesTheInstance() {
        VrrpBinding b = instance("interface eth0");
        assertEquals(List.of("k.conf:1:1: warning: (VI_1) the virtual router id must be set"), b.all());
        assertTrue(b.config().instances().isEmpty());
    }

    @Test
    void strictModeCorrections() {
        VrrpBinding b = VrrpBinding.of(String.join("\n",
                "global_defs {", "vrrp_strict", "}",
                "vrrp_instance VI_1 {", "state MASTER", "priority 100", "interface eth0", "virtual_router_id 1",
                "preempt_delay 10", "garp_lower_prio_repeat 2", "vmac_xmit_base", "use_vmac",
                "authentication {", "auth_type PASS", "auth_pass x", "}",
                "virtual_ipaddress {", "10.0.0.1", "}", "}"));
        assertEquals(List.of(
                "k.conf:4:1: warning: (VI_1) State MASTER must match being address owner",
                "k.conf:13:1: warning: (VI_1) Strict mode does not support authentication. Ignoring.",
                "k.conf:4:1: warning: (VI_1) preempt_delay is incompatible with strict mode - resetting",
                "k.conf:4:1: warning: (VI_1) Strict mode requires no repeat garps. resetting",
                "k.conf:4:1: warning: (VI_1) xmit_base is incompatible with strict mode - resetting"), b.all());
        VrrpInstance i = vi(b);
        assertEquals(VrrpState.BACKUP, i.state());
        assertNull(i.authentication());
        assertTrue(i.strictMode());
        assertFalse(i.accept());
        assertTrue(i.lowerPrioNoAdvert());
        assertEquals(0, i.garp().lowerPrioRepeat());
        assertEquals(0, i.garp().lowerPrioDelayMicros());
        assertFalse(i.vmac().xmitBase());
    }

    @Test
    void strictModeNeedsAVip() {
        VrrpBinding b = VrrpBinding.of("vrrp_instance VI_1 {\nstrict_mode\ninterface eth0\nvirtual_router_id 1\n}");
        assertEquals(List.of("k.conf:1:1: warning: (VI_1) No VIP specified; at least one is required"), b.all());
        assertTrue(b.config().instances().isEmpty());
    }

    @Test
    void trackScriptWeightsAndUnknownScripts() {
        VrrpBinding b = VrrpBinding.of(String.join("\n",
                "vrrp_script chk {", "script \"/bin/true\"", "weight -4 reverse", "}",
                "vrrp_instance VI_1 {", "interface eth0", "virtual_router_id 1",
                "track_script {", "chk", "chk weight 7", "nope", "chk weight 300", "}",
                "virtual_ipaddress {", "10.0.0.1", "}", "}"));
        assertEquals(List.of(
                "k.conf:12:12: warning: chk: number '300' outside range [-253, 253]: found '300', expected "
                        + "[-253, 253]; using the tracked object's weight",
                "k.conf:11:1: warning: (VI_1) track script nope not found, ignoring"), b.all());
        var ts = vi(b).trackScripts();
        assertEquals(3, ts.size());
        assertEquals(-4, ts.get(0).weight());
        assertTrue(ts.get(0).reverse());
        assertEquals(7, ts.get(1).weight());
        assertFalse(ts.get(1).reverse());
        assertEquals(-4, ts.get(2).weight());
    }

    @Test
    void trackInterfaceWeightsAndOwnInterface() {
        VrrpBinding b = instance("interface eth0", "virtual_router_id 1", "track_interface {", "eth1 weight 2",
                "eth2 weight -2 reverse", "eth3", "eth0", "}");
        assertEquals(List.of("k.conf:8:1: warning: (VI_1) Ignoring track_interface eth0 since own interface"),
                b.all());
        var t = vi(b).trackInterfaces();
        assertEquals(3, t.size());
        assertEquals(2, t.get(0).weight());
        assertEquals(-2, t.get(1).weight());
        assertTrue(t.get(1).reverse());
        assertEquals(0, t.get(2).weight());
    }

    @Test
    void unicastPeersAndSource() {
        VrrpBinding b = instance("interface eth0", "virtual_router_id 1", "unicast_src_ip 10.1.0.1",
                "unicast_ttl 5", "unicast_peer {", "10.1.0.2", "10.1.0.3 min_ttl 2 max_ttl 9", "}");
        assertEquals(List.of(), b.all());
        VrrpInstance i = vi(b);
        assertEquals("10.1.0.1", i.unicastSrcIp().getHostAddress());
        assertEquals(5, i.unicastTtl());
        assertEquals(2, i.unicastPeers().size());
        assertFalse(i.unicastPeers().get(0).ttlChecked());
        assertEquals(2, i.unicastPeers().get(1).minTtl());
        assertEquals(9, i.unicastPeers().get(1).maxTtl());
        assertTrue(i.unicastPeers().get(1).ttlChecked());
    }

    @Test
    void notifyScriptsAreScriptCommands() {
        VrrpBinding b = instance("interface eth0", "virtual_router_id 1",
                "notify_master \"/usr/local/bin/vrrp.sh  MASTER  VI_1\"", "notify /bin/n.sh nobody nogroup",
                "notify_fault /f.sh", "notify_stop /s.sh", "notify_backup /b.sh", "notify_deleted /d.sh",
                "notify_master_rx_lower_pri /l.sh");
        assertEquals(List.of(), b.problems());
        var n = vi(b).notifyScripts();
        assertEquals(List.of("/usr/local/bin/vrrp.sh", "MASTER", "VI_1"), n.master().argv());
        assertEquals("nobody", n.generic().user());
        assertEquals("nogroup", n.generic().group());
        assertEquals("/f.sh", n.fault().program());
        assertEquals("/s.sh", n.stop().program());
        assertEquals("/b.sh", n.backup().program());
        assertEquals("/d.sh", n.deleted().program());
        assertEquals("/l.sh", n.masterRxLowerPri().program());
    }

    @Test
    void perInstanceSettings() {
        VrrpBinding b = instance("interface eth0", "virtual_router_id 1", "garp_master_delay 10",
                "garp_master_repeat 2", "garp_master_refresh 60", "smtp_alert", "use_vmac vrrp51 00:00:5e:00:01",
                "vmac_xmit_base", "no_accept", "down_timer_adverts 5", "mcast_dst_ip 224.0.0.99",
                "dont_track_primary", "skip_check_adv_addr", "check_unicast_src");
        assertEquals(List.of(), b.problems());
        VrrpInstance i = vi(b);
        assertEquals(new VrrpGarpSettings(10_000_000L, 2, 60_000_000L, 1, 5_000_000L, 5), i.garp());
        assertTrue(i.smtpAlert());
        assertEquals("vrrp51", i.vmac().name());
        assertEquals("00:00:5e:00:01:01", i.vmac().mac()); // five octets: the VRID is appended
        assertTrue(i.vmac().xmitBase());
        assertFalse(i.accept());
        assertEquals(5, i.downTimerAdverts());
        assertEquals("224.0.0.99", i.mcastDstIp().getHostAddress());
        assertTrue(i.dontTrackPrimary());
        assertTrue(i.skipCheckAdvAddr());
        assertTrue(i.checkUnicastSrc());
    }

    @Test
    void promoteSecondariesIsImplicitWithAVmac() {
        VrrpBinding b = instance("interface eth0", "virtual_router_id 1", "promote_secondaries", "use_vmac");
        assertEquals(List.of("k.conf:1:1: warning: (VI_1) promote_secondaries is automatically set for vmacs - "
                + "ignoring"), b.all());
        assertFalse(vi(b).promoteSecondaries());
        assertEquals("vrrp.1", vi(b).vmac().name());
        assertTrue(vi(instance("interface eth0", "virtual_router_id 1", "promote_secondaries")).promoteSecondaries());
    }

    @Test
    void smtpAlertFallsBackThroughTheGlobals() {
        String inst = "vrrp_instance VI_1 {\ninterface eth0\nvirtual_router_id 1\nvirtual_ipaddress {\n10.0.0.1\n}\n}";
        assertTrue(vi(VrrpBinding.of("global_defs {\nsmtp_alert\n}\n" + inst)).smtpAlert());
        assertFalse(vi(VrrpBinding.of("global_defs {\nsmtp_alert\nsmtp_alert_vrrp off\n}\n" + inst)).smtpAlert());
    }

    @Test
    void deprecatedLvsSyncDaemonInterfaceWarns() {
        VrrpBinding b = instance("interface eth0", "virtual_router_id 1", "lvs_sync_daemon_interface eth1");
        assertEquals(List.of("k.conf:4:1: warning: (VI_1) Specifying lvs_sync_daemon_interface against a vrrp is "
                + "deprecated.: expected global lvs_sync_daemon"), b.all());
        // keepalived makes it the global sync daemon, tied to this instance
        assertEquals("eth1", b.globals().lvsSyncDaemon().interfaceName());
        assertEquals("VI_1", b.globals().lvsSyncDaemon().instance());
        assertEquals(1, b.globals().lvsSyncDaemon().syncId());
    }

    @Test
    void sameTextGivesEqualModelsAndAChangeDoesNot() {
        String[] body = {"interface eth0", "virtual_router_id 1", "priority 90", "track_interface {", "eth1", "}"};
        assertEquals(instance(body).config(), instance(body).config());
        assertEquals(instance(body).globals(), instance(body).globals());
        String[] other = body.clone();
        other[2] = "priority 91";
        assertNotEquals(instance(body).config(), instance(other).config());
    }

    @Test
    void unknownKeywordInInstance() {
        VrrpBinding b = instance("interface eth0", "virtual_router_id 1", "auth_hmac {", "key x", "}");
        assertEquals(List.of("k.conf:4:1: warning: Unknown keyword 'auth_hmac': found 'auth_hmac', expected a "
                + "keyword of vrrp_instance; ignoring it and its block"), b.all());
    }

    @Test
    void v3IgnoresAuthentication() {
        VrrpBinding b = instance("interface eth0", "virtual_router_id 1", "version 3", "authentication {",
                "auth_type PASS", "auth_pass x", "}");
        assertEquals(List.of("k.conf:5:1: warning: (VI_1) VRRP version 3 does not support authentication. Ignoring."),
                b.all());
        assertNull(vi(b).authentication());
    }

    @Test
    void authTypeWithoutPassword() {
        VrrpBinding b = instance("interface eth0", "virtual_router_id 1", "authentication {", "auth_type PASS", "}");
        assertEquals(List.of("k.conf:4:1: warning: (VI_1) Authentication specified but no password given. Ignoring"),
                b.all());
    }

    @Test
    void unicastKeywordsWithoutPeersFallBackToMulticast() {
        VrrpBinding b = instance("interface eth0", "virtual_router_id 1", "unicast_src_ip 10.1.0.1");
        assertEquals(List.of("k.conf:1:1: note: (VI_1) unicast configured but no unicast peers - using multicast"),
                b.all());
        assertEquals(0, b.diagnostics().testExitCode()); // keepalived only logs it
        assertFalse(vi(b).unicast());
        assertEquals(List.of(), instance("interface eth0", "virtual_router_id 1", "unicast_src_ip 10.1.0.1",
                "unicast_fault_no_peer").all());
    }

    @Test
    void globalGarpAndAdvertDefaultsReachTheInstance() {
        VrrpBinding b = VrrpBinding.of("global_defs {\nvrrp_garp_master_delay 2\nvrrp_garp_master_repeat 3\n"
                + "vrrp_garp_lower_prio_repeat 1\nvrrp_down_timer_adverts 4\nvrrp_check_unicast_src\n"
                + "vrrp_notify_priority_changes\n}\n"
                + "vrrp_instance VI_1 {\ninterface eth0\nvirtual_router_id 1\ngarp_master_repeat 7\n"
                + "virtual_ipaddress {\n10.0.0.1\n}\n}");
        assertEquals(List.of(), b.all());
        VrrpInstance i = vi(b);
        assertEquals(new VrrpGarpSettings(2_000_000L, 7, 0, 1, 2_000_000L, 1), i.garp());
        assertEquals(4, i.downTimerAdverts());
        assertTrue(i.checkUnicastSrc());
        assertTrue(i.notifyPriorityChanges());
    }

    @Test
    void strictIpv6NeedsALinkLocalFirstVip() {
        VrrpBinding b = instance("interface eth0", "virtual_router_id 1", "strict_mode", "priority 255",
                "virtual_ipaddress {", "2001:db8::1", "}");
        assertEquals(List.of("k.conf:7:1: warning: (VI_1) the first IPv6 VIP address must be link local"),
                b.all());
        assertTrue(vi(b).accept()); // the owner accepts even under strict mode
    }

    @Test
    void advertIntervalOutOfRangeForTheVersion() {
        VrrpBinding b = instance("interface eth0", "virtual_router_id 1", "version 3", "advert_int 41");
        assertEquals(List.of("k.conf:5:12: warning: (VI_1) VRRPv3 advertisement interval 41.00s is out of range. "
                + "Must be less than 40.96s. Setting to 40.95s"), b.all());
        assertEquals(40_950_000L, vi(b).advertIntMicros());
        VrrpBinding v2 = instance("interface eth0", "virtual_router_id 1", "advert_int 300");
        assertEquals(List.of("k.conf:4:12: warning: advert_int: number '300' outside range [0.010000, 255.000000]: "
                + "found '300', expected [0.010000, 255.000000]; (VI_1) Advert interval (300) not valid! Must be > 0 "
                + "- ignoring"), v2.all());
        assertEquals(1_000_000L, vi(v2).advertIntMicros());
    }

    @Test
    void ownerIgnoresWeightedTrackers() {
        VrrpBinding b = VrrpBinding.of("track_file tf {\nfile /run/x\n}\n"
                + "vrrp_instance VI_1 {\ninterface eth0\nvirtual_router_id 1\npriority 255\n"
                + "track_interface {\neth1 weight 3\neth2\n}\ntrack_file {\ntf\n}\n"
                + "virtual_ipaddress {\n10.0.0.1\n}\n}");
        assertEquals(List.of("k.conf:9:1: warning: (VI_1) ignoring eth1 tracked interface due to address owner",
                "k.conf:13:1: warning: (VI_1) ignoring weight from tracked file tf due to address_owner - specify "
                        + "weight 0"), b.all());
        assertEquals(1, vi(b).trackInterfaces().size());
        assertEquals(0, vi(b).trackFiles().get(0).weight());
    }

    @Test
    void everyInstanceKeywordOf227IsKnownAndLaterOnesAreNot() {
        for (String k : List.of("state", "interface", "virtual_router_id", "priority", "advert_int", "nopreempt",
                "preempt", "preempt_delay", "authentication", "unicast_src_ip", "unicast_peer", "unicast_ttl",
                "check_unicast_src", "unicast_fault_no_peer", "mcast_src_ip", "mcast_dst_ip", "track_src_ip",
                "version", "virtual_ipaddress", "virtual_ipaddress_excluded", "virtual_routes", "virtual_rules",
                "promote_secondaries", "accept", "no_accept", "strict_mode", "skip_check_adv_addr",
                "dont_track_primary", "use_vmac", "vmac_xmit_base", "use_vmac_addr", "use_ipvlan", "native_ipv6",
                "garp_master_delay", "garp_master_repeat", "garp_master_refresh", "garp_master_refresh_repeat",
                "garp_lower_prio_delay", "garp_lower_prio_repeat", "garp_extra_if", "vmac_garp_intvl",
                "lower_prio_no_advert", "higher_prio_send_advert", "down_timer_adverts", "kernel_rx_buf_size",
                "linkbeat_use_polling", "notify_master", "notify_backup", "notify_fault", "notify_stop",
                "notify_deleted", "notify", "notify_master_rx_lower_pri", "smtp_alert", "notify_priority_changes",
                "lvs_sync_daemon_interface", "debug", "vrf", "old_unicast_checksum", "track_interface",
                "track_script", "track_file", "track_process", "track_bfd")) {
            assertTrue(VrrpInstanceKeywords.TABLE.knows(k), k);
        }
        for (String k : List.of("timer_expired_backup", "thread_timer_expired", "owner_ignore_adverts", "auth_hmac",
                "v3_checksum_as_v2", "no_virtual_ipaddress")) {
            assertFalse(VrrpInstanceKeywords.TABLE.knows(k), k); // keepalived.md a.13: HEAD only
        }
        for (String k : List.of("group", "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify",
                "smtp_alert", "global_tracking", "sync_group_tracking_weight", "notify_priority_changes",
                "track_interface", "track_script", "track_file", "track_process", "track_bfd")) {
            assertTrue(VrrpSyncGroupKeywords.TABLE.knows(k), k);
        }
    }
}
