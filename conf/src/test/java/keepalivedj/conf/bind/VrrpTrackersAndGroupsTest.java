package keepalivedj.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import keepalivedj.conf.Severity;
import keepalivedj.conf.model.VrrpScript;
import org.junit.jupiter.api.Test;

/** keepalived.md a.2 (trackers), a.6 (sync groups) and the other top-level VRRP blocks. */
class VrrpTrackersAndGroupsTest {

    static final String VI = "vrrp_instance %s {\ninterface eth0\nvirtual_router_id %d\nvirtual_ipaddress {\n10.0.0.%d\n}\n%s}\n";

    static String vi(String name, int vrid, String extra) {
        return String.format(VI, name, vrid, vrid, extra);
    }

    @Test
    void vrrpScriptDefaults() {
        VrrpBinding b = VrrpBinding.of("vrrp_script chk {\nscript \"killall -0 sshd\"\n}");
        assertEquals(List.of(), b.all());
        VrrpScript s = b.config().scripts().get(0);
        assertEquals("chk", s.name());
        assertEquals(List.of("killall", "-0", "sshd"), s.script().argv());
        assertNull(s.script().user());
        assertEquals(1_000_000L, s.intervalMicros());
        assertEquals(1_000_000L, s.timeoutMicros());
        assertEquals(0, s.weight());
        assertEquals(1, s.rise());
        assertEquals(1, s.fall());
        assertFalse(s.initFail());
    }

    @Test
    void vrrpScriptValues() {
        VrrpBinding b = VrrpBinding.of("vrrp_script chk {\nscript \"/bin/c.sh\"\ninterval 2\ntimeout 10\n"
                + "weight -4 reverse\nrise 3\nfall 2\nuser nobody nogroup\ninit_fail\n}");
        assertEquals(List.of(), b.problems());
        VrrpScript s = b.config().scripts().get(0);
        assertEquals(2_000_000L, s.intervalMicros());
        assertEquals(10_000_000L, s.timeoutMicros());
        assertEquals(-4, s.weight());
        assertTrue(s.weightReverse());
        assertEquals(3, s.rise());
        assertEquals(2, s.fall());
        assertTrue(s.initFail());
        assertEquals("nobody", s.script().user());
        assertEquals("nogroup", s.script().group());
    }

    @Test
    void vrrpScriptWithoutScriptIsRemovedEverywhere() {
        VrrpBinding b = VrrpBinding.of("vrrp_script chk {\ninterval 1\n}\n"
                + vi("VI_1", 1, "track_script {\nchk\n}\n"));
        assertEquals(List.of("k.conf:1:1: warning: No script set for vrrp_script chk - removing: expected script CMD",
                "k.conf:11:1: warning: (VI_1) track script chk not found, ignoring"), b.all());
        assertTrue(b.config().scripts().isEmpty());
        assertTrue(b.config().instance("VI_1").trackScripts().isEmpty());
    }

    @Test
    void scriptSecurityWithoutADefaultUserRemovesScriptsWithoutUser() {
        // keepalived.md i: enable_script_security + vrrp_script without user + no keepalived_script user
        VrrpBinding b = VrrpBinding.of("global_defs {\nenable_script_security\n}\n"
                + "vrrp_script a {\nscript /bin/a\n}\nvrrp_script b {\nscript /bin/b\nuser nobody\n}\n"
                + vi("VI_1", 1, "track_script {\na\nb\n}\n"));
        assertEquals(List.of("k.conf:4:1: warning: Unable to set default user for vrrp script a - removing: expected "
                        + "a 'user' line, script_user, or a keepalived_script user",
                "k.conf:18:1: warning: (VI_1) track script a not found, ignoring"), b.all());
        assertNull(b.globals().scriptUser());
        assertEquals(List.of("b"), b.config().scripts().stream().map(VrrpScript::name).collect(
                java.util.stream.Collectors.toList()));
        assertEquals(5, b.diagnostics().testExitCode());
    }

    @Test
    void scriptWeightOutOfRange() {
        VrrpBinding b = VrrpBinding.of("vrrp_script chk {\nscript /bin/true\nweight 254\n}");
        assertEquals(List.of("k.conf:3:8: warning: vrrp_script chk weight 254 must be in [-253, 253]: found '254', "
                + "expected [-253, 253]; using 0"), b.all());
    }

    @Test
    void trackFileAndProcess() {
        VrrpBinding b = VrrpBinding.of("track_file tf {\nfile /run/prio\ninit_file 5 overwrite\n}\n"
                + "vrrp_track_file old {\nfile /run/old\nweight -3 reverse\n}\n"
                + "vrrp_track_process haproxy {\nprocess haproxy -f /etc/h.cfg\nparam_match initial\nweight 10\n"
                + "quorum 2\nquorum_max 4\ndelay 1.5\nfull_command\n}\n"
                + vi("VI_1", 1, "track_file {\ntf\nold weight 2\n}\ntrack_process {\nhaproxy\n}\n"));
        assertEquals(List.of(), b.problems());
        var tf = b.config().trackFiles().get(0);
        assertEquals("/run/prio", tf.file());
        assertEquals(1, tf.weight());
        assertEquals(5L, tf.initFileValue());
        assertTrue(tf.initFileOverwrite());
        assertEquals(-3, b.config().trackFiles().get(1).weight());
        var tp = b.config().trackProcesses().get(0);
        assertEquals(List.of("haproxy", "-f", "/etc/h.cfg"), tp.process());
        assertEquals("initial", tp.paramMatch());
        assertEquals(10, tp.weight());
        assertEquals(2, tp.quorum());
        assertEquals(4, tp.quorumMax());
        assertEquals(1_500_000L, tp.terminateDelayMicros());
        assertEquals(1_500_000L, tp.forkDelayMicros()); // "delay" sets both
        assertTrue(tp.fullCommand());
        var i = b.config().instance("VI_1");
        assertEquals(1, i.trackFiles().get(0).weight());
        assertEquals(2, i.trackFiles().get(1).weight());
        assertEquals(10, i.trackProcesses().get(0).weight());
        assertEquals(1, b.diagnostics().count(Severity.NOTE)); // vrrp_track_file is a deprecated synonym
    }

    @Test
    void syncGroupMembersAndNotify() {
        VrrpBinding b = VrrpBinding.of("vrrp_sync_group G1 {\ngroup {\nVI_1 VI_2\nVI_9\n}\n"
                + "notify_master \"/bin/m.sh a\"\nnotify /bin/n.sh\nsmtp_alert\n}\n" + vi("VI_1", 1, "")
                + vi("VI_2", 2, ""));
        assertEquals(List.of("k.conf:4:1: warning: Virtual router VI_9 specified in sync group G1 doesn't exist - "
                + "ignoring: found 'VI_9', expected the name of a vrrp_instance"), b.all());
        var g = b.config().syncGroups().get(0);
        assertEquals(List.of("VI_1", "VI_2"), g.members());
        assertEquals(List.of("/bin/m.sh", "a"), g.notifyScripts().master().argv());
        assertEquals("/bin/n.sh", g.notifyScripts().generic().program());
        assertTrue(g.smtpAlert());
        assertEquals("G1", b.config().instance("VI_2").syncGroup());
    }

    @Test
    void syncGroupIgnoresWeightedTrackersOfMembers() {
        VrrpBinding b = VrrpBinding.of("vrrp_script s {\nscript /bin/true\nweight 5\n}\n"
                + "vrrp_sync_group G1 {\ngroup {\nVI_1\nVI_2\n}\n}\n"
                + vi("VI_1", 1, "track_interface {\neth1 weight 5\n}\ntrack_script {\ns\n}\n") + vi("VI_2", 2, ""));
        assertEquals(List.of("k.conf:18:1: warning: (VI_1) ignoring eth1 tracked interface weight due to SYNC group",
                "k.conf:21:1: warning: (VI_1) ignoring tracked script s with weights due to SYNC group"), b.all());
        var i = b.config().instance("VI_1");
        assertEquals(0, i.trackInterfaces().get(0).weight());
        assertTrue(i.trackScripts().isEmpty());
    }

    @Test
    void syncGroupTrackingWeightKeepsThem() {
        VrrpBinding b = VrrpBinding.of("vrrp_sync_group G1 {\ngroup {\nVI_1\nVI_2\n}\nsync_group_tracking_weight\n}\n"
                + vi("VI_1", 1, "track_interface {\neth1 weight 5\n}\n") + vi("VI_2", 2, ""));
        assertEquals(List.of(), b.all());
        assertEquals(5, b.config().instance("VI_1").trackInterfaces().get(0).weight());
    }

    @Test
    void syncGroupWithOneMemberWarns() {
        VrrpBinding b = VrrpBinding.of("vrrp_sync_group G1 {\ngroup {\nVI_1\n}\n}\n" + vi("VI_1", 1, ""));
        assertEquals(List.of("k.conf:1:1: warning: Sync group G1 has only 1 virtual router(s) - this probably isn't "
                + "what you want"), b.all());
        assertEquals(1, b.config().syncGroups().size());
    }

    @Test
    void instanceInTwoGroupsAndOwnerMix() {
        VrrpBinding b = VrrpBinding.of("vrrp_sync_group G1 {\ngroup {\nVI_1\nVI_2\n}\n}\n"
                + "vrrp_sync_group G2 {\ngroup {\nVI_1\nVI_3\n}\n}\n"
                + vi("VI_1", 1, "priority 255\n") + vi("VI_2", 2, "") + vi("VI_3", 3, ""));
        assertEquals(List.of("k.conf:9:1: warning: Virtual router VI_1 cannot exist in more than one sync group; "
                        + "ignoring G2: found 'VI_1', expected not a member of G1",
                "k.conf:1:1: warning: Sync group G1 has some member(s) as address owner and some not as address "
                        + "owner. This won't work.: found 'VI_2'",
                "k.conf:7:1: warning: Sync group G2 has only 1 virtual router(s) - this probably isn't what you want"),
                b.all());
        assertEquals(List.of("VI_3"), b.config().syncGroups().get(1).members());
    }

    @Test
    void staticAddressesUseTheDefaultInterface() {
        VrrpBinding b = VrrpBinding.of("static_ipaddress {\n192.168.200.16 dev eth1 scope link\n192.168.200.17\n}\n"
                + "static_routes {\n192.168.210.0/24 via 192.168.200.254 dev eth0\n}");
        assertEquals(List.of(), b.all());
        assertEquals("eth1", b.config().staticIpaddresses().get(0).dev());
        assertEquals(253, b.config().staticIpaddresses().get(0).scope());
        assertEquals("eth0", b.config().staticIpaddresses().get(1).dev());
        assertEquals("eth0", b.config().staticRoutes().get(0).dev());
    }

    @Test
    void staticAddressWithoutDefaultInterfaceIsFatal() {
        // keepalived.md i: static_ipaddress { 1.2.3.4/32 } with no eth0 → CONFIG_FATAL, exit 4
        ReferenceHost noEth0 = new ReferenceHost(Set.of("lo", "eth1"), "vm");
        VrrpBinding b = VrrpBinding.of("k.conf", VrrpBinding.lines("static_ipaddress {\n1.2.3.4/32\n}"), noEth0);
        assertEquals(List.of("k.conf:2:1: fatal: Static address 1.2.3.4 requires either an interface or default "
                + "interface must exist"), b.all());
        assertEquals(4, b.diagnostics().testExitCode());
        assertTrue(b.config().staticIpaddresses().isEmpty());
    }

    @Test
    void smallTopLevelBlocks() {
        VrrpBinding b = VrrpBinding.of("linkbeat_interfaces {\neth0 MII\neth1\n}\n"
                + "interface_up_down_delays {\neth0 2 0.5\neth1 3\n}\n"
                + "track_group TG {\ngroup {\nVI_1 VI_2\n}\n}\n"
                + "garp_group {\ngarp_interval 0.01\ninterfaces {\neth0\neth1\n}\n}\n"
                + "bfd_instance b1 {\nneighbor_ip 10.0.0.9\nmin_rx 50\n}\n");
        assertEquals(List.of(), b.all());
        var c = b.config();
        assertEquals("MII", c.linkbeatInterfaces().get(0).mode());
        assertNull(c.linkbeatInterfaces().get(1).mode());
        assertEquals(2_000_000L, c.interfaceUpDownDelays().get(0).downDelayMicros());
        assertEquals(500_000L, c.interfaceUpDownDelays().get(0).upDelayMicros());
        assertEquals(0, c.interfaceUpDownDelays().get(1).upDelayMicros());
        assertEquals(List.of("VI_1", "VI_2"), c.trackGroups().get(0).members());
        assertEquals(10_000L, c.garpGroups().get(0).garpIntervalMicros());
        assertEquals(List.of("eth0", "eth1"), c.garpGroups().get(0).interfaces());
        assertEquals(50_000L, c.bfdInstances().get(0).minRxMicros());
        assertEquals(10_000L, c.bfdInstances().get(0).minTxMicros());
        assertEquals(5, c.bfdInstances().get(0).multiplier());
    }

    @Test
    void duplicateInstanceNameKeepsTheFirst() {
        VrrpBinding b = VrrpBinding.of(vi("VI_1", 1, "") + vi("VI_1", 2, ""));
        assertEquals(List.of("k.conf:8:15: warning: vrrp instance VI_1 already defined: found 'VI_1', "
                + "expected a unique name; ignoring this definition"), b.all());
        assertEquals(1, b.config().instances().get(0).virtualRouterId());
    }

    @Test
    void knowsExactlyTheVrrpSide() {
        VrrpSections s = new VrrpSections(new BindContext(new keepalivedj.conf.Diagnostics()), ReferenceHost.INSTANCE);
        for (String k : List.of("global_defs", "vrrp_script", "track_file", "vrrp_track_file", "vrrp_track_process",
                "vrrp_instance", "vrrp_sync_group", "static_ipaddress", "static_routes", "static_rules",
                "linkbeat_interfaces", "interface_up_down_delays", "track_group", "garp_group", "bfd_instance")) {
            assertTrue(s.knows(k), k);
        }
        for (String k : List.of("virtual_server", "virtual_server_group", "real_server", "include", "foo")) {
            assertFalse(s.knows(k), k);
        }
    }
}
