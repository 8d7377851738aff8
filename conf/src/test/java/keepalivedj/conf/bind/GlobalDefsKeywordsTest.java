package keepalivedj.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import keepalivedj.conf.Severity;
import keepalivedj.conf.model.GlobalDefs;
import keepalivedj.conf.model.VrrpGarpSettings;
import org.junit.jupiter.api.Test;

class GlobalDefsKeywordsTest {

    @Test
    void defaultsAreKeepalived227s() {
        VrrpBinding b = VrrpBinding.of("global_defs {\n}");
        GlobalDefs g = b.globals();
        assertEquals(List.of(), b.all());
        assertEquals("vm", g.routerId());
        assertEquals(List.of(), g.notificationEmail());
        assertNull(g.smtpServer());
        assertNull(g.notificationEmailFrom());
        assertEquals(25, g.smtpServerPort());
        assertEquals("vm", g.smtpHeloName());
        assertEquals(30_000_000L, g.smtpConnectTimeoutMicros());
        assertNull(g.smtpAlert());
        assertEquals("root", g.scriptUser()); // no keepalived_script user on the reference host
        assertEquals(10_000_000L, g.startupScriptTimeoutMicros());
        assertEquals("/224.0.0.18", g.vrrpMcastGroup4().toString());
        assertEquals("ff02:0:0:0:0:0:0:12", g.vrrpMcastGroup6().getHostAddress());
        assertEquals("eth0", g.defaultInterface());
        assertEquals(2, g.vrrpVersion());
        assertFalse(g.vrrpStrict());
        assertEquals(VrrpGarpSettings.DEFAULTS, g.vrrpGarp());
        assertEquals(0, g.vrrpGarpIntervalMicros());
        assertEquals(3, g.vrrpDownTimerAdverts());
        assertNull(g.lvsSyncDaemon());
        assertNull(g.vrrpNotifyFifo());
        assertEquals(5, g.childWaitTimeSeconds());
        assertEquals("k.conf:1:1", g.position().toString());
    }

    @Test
    void valuesAreBound() {
        VrrpBinding b = VrrpBinding.of(String.join("\n",
                "global_defs {",
                "  router_id LVS_DEVEL",
                "  notification_email {",
                "    a@b.c",
                "    d@e.f g@h.i",
                "  }",
                "  notification_email_from ka@x",
                "  smtp_server 192.168.200.1 2525",
                "  smtp_connect_timeout 12",
                "  smtp_alert_vrrp off",
                "  script_user nobody nogroup",
                "  enable_script_security",
                "  vrrp_version 3",
                "  vrrp_strict",
                "  vrrp_garp_master_delay 10",
                "  vrrp_garp_master_repeat 3",
                "  vrrp_garp_interval 0.001",
                "  vrrp_gna_interval 0.000002",
                "  vrrp_notify_fifo /run/ka.fifo",
                "  vrrp_notify_fifo_script \"/bin/fifo.sh x\" nobody",
                "  dynamic_interfaces allow_if_changes",
                "  lvs_flush_on_stop VS",
                "  lvs_timeouts tcp 900 udp 30",
                "}"));
        assertEquals(List.of(), b.problems());
        GlobalDefs g = b.globals();
        assertEquals("LVS_DEVEL", g.routerId());
        assertEquals(List.of("a@b.c", "d@e.f", "g@h.i"), g.notificationEmail());
        assertEquals("ka@x", g.notificationEmailFrom());
        assertEquals("192.168.200.1", g.smtpServer());
        assertEquals(2525, g.smtpServerPort());
        assertEquals(12_000_000L, g.smtpConnectTimeoutMicros());
        assertEquals(Boolean.FALSE, g.smtpAlertVrrp());
        assertEquals("nobody", g.scriptUser());
        assertEquals("nogroup", g.scriptGroup());
        assertTrue(g.enableScriptSecurity());
        assertEquals(3, g.vrrpVersion());
        assertTrue(g.vrrpStrict());
        assertEquals(new VrrpGarpSettings(10_000_000L, 3, 0, 1, 10_000_000L, 3), g.vrrpGarp());
        assertEquals(1000, g.vrrpGarpIntervalMicros());
        assertEquals(2, g.vrrpGnaIntervalMicros());
        assertEquals("/run/ka.fifo", g.vrrpNotifyFifo().path());
        assertEquals(List.of("/bin/fifo.sh", "x"), g.vrrpNotifyFifo().script().argv());
        assertEquals("nobody", g.vrrpNotifyFifo().script().user());
        assertTrue(g.dynamicInterfaces());
        assertTrue(g.dynamicInterfacesAllowIfChanges());
        assertEquals("VS", g.lvsFlushOnStop());
        assertEquals(900, g.lvsTimeouts().tcpSeconds());
        assertEquals(0, g.lvsTimeouts().tcpfinSeconds());
        assertEquals(30, g.lvsTimeouts().udpSeconds());
    }

    @Test
    void notificationEmailFromDefaultsOnlyWithAnSmtpServer() {
        assertEquals("root@vm", VrrpBinding.of("global_defs {\nsmtp_server 10.0.0.1\n}").globals()
                .notificationEmailFrom());
    }

    @Test
    void garpIntervalZeroIsRejectedAsIn227() {
        VrrpBinding b = VrrpBinding.of("global_defs {\n  vrrp_garp_interval 0\n}");
        assertEquals(List.of("k.conf:2:22: warning: vrrp_garp_interval: number '0' outside range "
                + "[0.000001, 4294.967295]: found '0', expected [0.000001, 4294.967295]; "
                + "vrrp_garp_interval '0' is invalid - ignoring"), b.all());
        assertEquals(0, b.globals().vrrpGarpIntervalMicros());
        assertEquals(5, b.diagnostics().testExitCode());
    }

    @Test
    void vrrpVersionOutOfRangeKeepsTwo() {
        VrrpBinding b = VrrpBinding.of("global_defs {\n  vrrp_version 4\n}");
        assertEquals(List.of("k.conf:2:16: warning: vrrp_version: number '4' outside range [2, 3]: found '4', "
                + "expected [2, 3]; using default 2"), b.all());
        assertEquals(2, b.globals().vrrpVersion());
    }

    @Test
    void lvsSyncDaemonTakesTheInstancesVrid() {
        VrrpBinding b = VrrpBinding.of(String.join("\n",
                "global_defs {",
                "  lvs_sync_daemon eth1 VI_1 maxlen 1400 port 9000 ttl 2 group 224.0.0.82",
                "}",
                "vrrp_instance VI_1 {",
                "  interface eth0",
                "  virtual_router_id 42",
                "  virtual_ipaddress {",
                "    10.0.0.1",
                "  }",
                "}"));
        assertEquals(List.of(), b.problems());
        var s = b.globals().lvsSyncDaemon();
        assertEquals("eth1", s.interfaceName());
        assertEquals("VI_1", s.instance());
        assertEquals(42, s.syncId());
        assertEquals(1400, s.maxlen());
        assertEquals(9000, s.port());
        assertEquals(2, s.ttl());
        assertEquals("224.0.0.82", s.group().getHostAddress());
    }

    @Test
    void lvsSyncDaemonDefaultsAndUnknownInstance() {
        VrrpBinding b = VrrpBinding.of("global_defs {\n  lvs_sync_daemon eth1 VI_9\n}");
        var s = b.globals().lvsSyncDaemon();
        assertEquals(0, s.syncId());
        assertEquals(8848, s.port());
        assertEquals("224.0.0.81", s.group().getHostAddress());
        assertEquals(List.of("k.conf:2:3: warning: lvs_sync_daemon vrrp instance VI_9 not found: found 'VI_9', "
                + "expected the name of a vrrp_instance; the sync daemon is not tied to an instance"), b.problems());
    }

    @Test
    void keywordsAddedAfter227AreUnknownAsIn227() {
        VrrpBinding b = VrrpBinding.of("global_defs {\n  vrrp_owner_ignore_adverts\n  use_symlink_paths\n}");
        assertEquals(2, b.problems().size());
        assertEquals("k.conf:2:3: warning: Unknown keyword 'vrrp_owner_ignore_adverts': found "
                + "'vrrp_owner_ignore_adverts', expected a keyword of global_defs; ignoring it", b.problems().get(0));
    }

    @Test
    void fifoWriteVrrpStatesOnReloadIsBoundNotJustNoted() {
        assertFalse(VrrpBinding.of("global_defs {\n}").globals().fifoWriteVrrpStatesOnReload());
        VrrpBinding b = VrrpBinding.of("global_defs {\n  fifo_write_vrrp_states_on_reload\n}");
        assertEquals(List.of(), b.all());
        assertTrue(b.globals().fifoWriteVrrpStatesOnReload());
    }

    @Test
    void rsInitNotifiesIsBoundWithKeepalivedsOptionalBoolean() {
        assertFalse(VrrpBinding.of("global_defs {\n}").globals().rsInitNotifies());
        VrrpBinding b = VrrpBinding.of("global_defs {\n  rs_init_notifies\n}");
        assertEquals(List.of(), b.all());
        assertTrue(b.globals().rsInitNotifies());
        assertFalse(VrrpBinding.of("global_defs {\n  rs_init_notifies false\n}").globals().rsInitNotifies());
    }

    @Test
    void acceptedKeywordsOnlyNote() {
        VrrpBinding b = VrrpBinding.of("global_defs {\n  enable_snmp_vrrp\n  vrrp_iptables\n  umask 022\n}");
        assertEquals(List.of(), b.problems());
        assertEquals(3, b.diagnostics().count(Severity.NOTE));
        assertEquals(0, b.diagnostics().testExitCode());
    }

    @Test
    void everyGlobalKeywordOfTheReferenceIsKnown() {
        // keepalived.md a.1 keywords that exist in 2.2.7
        for (String k : List.of("router_id", "notification_email", "notification_email_from", "smtp_server",
                "smtp_helo_name", "smtp_connect_timeout", "smtp_alert", "smtp_alert_vrrp", "smtp_alert_checker",
                "no_email_faults", "no_checker_emails", "checker_log_all_failures", "script_user",
                "enable_script_security", "startup_script", "shutdown_script", "startup_script_timeout",
                "shutdown_script_timeout", "vrrp_mcast_group4", "vrrp_mcast_group6", "default_interface",
                "vrrp_version", "vrrp_strict", "vrrp_garp_master_delay", "vrrp_garp_master_repeat",
                "vrrp_garp_master_refresh", "vrrp_garp_master_refresh_repeat", "vrrp_garp_lower_prio_delay",
                "vrrp_garp_lower_prio_repeat", "vrrp_garp_interval", "vrrp_gna_interval", "vrrp_min_garp",
                "vrrp_garp_extra_if", "vrrp_lower_prio_no_advert", "vrrp_higher_prio_send_advert",
                "vrrp_down_timer_adverts", "vrrp_check_unicast_src", "vrrp_skip_check_adv_addr",
                "vrrp_startup_delay", "vrrp_iptables", "vrrp_ipsets", "nftables", "nftables_priority",
                "nftables_counters", "nftables_ifindex", "nftables_ipvs", "vrrp_notify_fifo",
                "vrrp_notify_fifo_script", "notify_fifo", "notify_fifo_script", "lvs_notify_fifo",
                "lvs_notify_fifo_script", "vrrp_notify_priority_changes", "fifo_write_vrrp_states_on_reload",
                "lvs_sync_daemon", "lvs_timeouts", "lvs_flush", "lvs_flush_on_stop", "dynamic_interfaces",
                "net_namespace", "net_namespace_ipvs", "instance", "use_pid_dir", "max_auto_priority",
                "min_auto_priority_delay", "vrrp_priority", "checker_priority", "bfd_priority", "vrrp_rt_priority",
                "checker_rt_priority", "bfd_rt_priority", "vrrp_no_swap", "checker_no_swap", "bfd_no_swap",
                "vrrp_cpu_affinity", "checker_cpu_affinity", "bfd_cpu_affinity", "vrrp_rlimit_rttime",
                "checker_rlimit_rttime", "bfd_rlimit_rttime", "snmp_socket", "enable_snmp_vrrp",
                "enable_snmp_checker", "enable_snmp_rfc", "enable_snmp_rfcv2", "enable_snmp_rfcv3",
                "enable_traps", "enable_dbus", "dbus_service_name", "vmac_prefix", "vmac_addr_prefix",
                "child_wait_time", "umask", "random_seed", "log_unknown_vrids", "rs_init_notifies",
                "linkbeat_use_polling", "disable_local_igmp", "vrrp_netlink_cmd_rcv_bufs",
                "vrrp_netlink_cmd_rcv_bufs_force", "vrrp_rx_bufs_policy", "vrrp_rx_bufs_multiplier",
                "reload_check_config", "reload_time_file", "reload_repeat", "reload_file", "config_save_dir",
                "tmp_config_directory", "data_use_instance")) {
            assertTrue(GlobalDefsKeywords.TABLE.knows(k), k);
        }
    }

    @Test
    void badMulticastGroupKeepsTheDefault() {
        VrrpBinding b = VrrpBinding.of("global_defs {\n  vrrp_mcast_group4 fe80::1\n  vrrp_mcast_group6 ff02::99\n}");
        assertEquals(List.of("k.conf:2:21: warning: Configuration error: Cant parse vrrp_mcast_group4 [fe80::1]. "
                + "Skipping: found 'fe80::1', expected an IPv4 address; using the default group"), b.problems());
        assertEquals("224.0.0.18", b.globals().vrrpMcastGroup4().getHostAddress());
        assertEquals("ff02:0:0:0:0:0:0:99", b.globals().vrrpMcastGroup6().getHostAddress());
    }

    @Test
    void garpRepeatZeroBecomesOneAndMinGarpKeepsExplicitSettings() {
        VrrpBinding b = VrrpBinding.of("global_defs {\nvrrp_garp_master_repeat 0\nvrrp_garp_master_delay 3\n"
                + "vrrp_min_garp\n}");
        assertEquals(List.of("k.conf:2:25: warning: vrrp_garp_master_repeat must be greater than 0, setting to 1: "
                + "found '0', expected at least 1"), b.all());
        assertEquals(1, b.globals().vrrpGarp().masterRepeat());
        assertEquals(3_000_000L, b.globals().vrrpGarp().masterDelayMicros());
        assertEquals(0, VrrpBinding.of("global_defs {\nvrrp_min_garp\n}").globals().vrrpGarp().masterDelayMicros());
    }

    @Test
    void lvsSyncDaemonOldPositionalForm() {
        VrrpBinding b = VrrpBinding.of("global_defs {\nlvs_sync_daemon eth1 VI_1 7\nlvs_sync_daemon eth2\n}");
        assertEquals(List.of("k.conf:2:27: warning: Please use keyword \"id\" before lvs_sync_daemon SYNCID: found "
                        + "'7', expected id 7",
                "k.conf:3:1: warning: lvs_sync_daemon has already been specified as eth1 VI_1 - ignoring",
                "k.conf:2:1: warning: lvs_sync_daemon vrrp instance VI_1 not found: found 'VI_1', expected the name "
                        + "of a vrrp_instance; the sync daemon is not tied to an instance"), b.problems());
        assertEquals(7, b.globals().lvsSyncDaemon().syncId());
    }

    @Test
    void globalMessagesAreKeepalivedS() {
        VrrpBinding b = VrrpBinding.of("global_defs {\nrouter_id\nsmtp_connect_timeout 0\nscript_user nosuchuser\n"
                + "smtp_server bad/name\nnotification_email {\n}\nlvs_timeouts tcp\nsmtp_alert maybe\n}");
        assertEquals(List.of("k.conf:2:1: warning: routerid name missing - ignoring: expected a value",
                "k.conf:3:22: warning: smtp_conect_timeout must be greater than 0, setting to 1: found '0', expected "
                        + "at least 1",
                "k.conf:5:13: warning: Invalid smtp server bad/name 25: found 'bad/name', expected ADDRESS|NAME [PORT]; "
                        + "no SMTP alerts will be sent",
                "k.conf:6:1: warning: Warning - empty notification_email block: expected addresses",
                "k.conf:8:1: warning: lvs_timeouts requires at least one option: expected tcp|tcpfin|udp SECONDS",
                "k.conf:9:12: warning: Invalid value 'maybe' for global smtp_alert specified: found 'maybe', expected "
                        + "on|off|true|false|yes|no; ignoring it",
                "k.conf:4:13: warning: Error setting global script uid/gid: found 'nosuchuser', expected a user (and "
                        + "group) of this host; using the default script user"), b.all());
        assertEquals(1_000_000L, b.globals().smtpConnectTimeoutMicros());
        assertEquals("root", b.globals().scriptUser());
        assertEquals("vm", b.globals().routerId());
    }

    @Test
    void keepalivedJMailAndNotifyExtensions() {
        VrrpBinding b = VrrpBinding.of("global_defs {\nsmtp_server 10.0.0.1\nsmtp_auth_user alerts\n"
                + "smtp_auth_password \"s3cret word\"\nsmtp_starttls\nnotify_script_timeout 15\n}");
        assertEquals(List.of(), b.all());
        assertEquals("alerts", b.globals().smtpAuthUser());
        assertEquals("s3cret word", b.globals().smtpAuthPassword());
        assertTrue(b.globals().smtpStartTls());
        assertEquals(15_000_000L, b.globals().notifyScriptTimeoutMicros());

        VrrpBinding d = VrrpBinding.of("global_defs {\nsmtp_server 10.0.0.1\n}");
        assertNull(d.globals().smtpAuthUser());
        assertNull(d.globals().smtpAuthPassword());
        assertFalse(d.globals().smtpStartTls());
        assertEquals(60_000_000L, d.globals().notifyScriptTimeoutMicros());
    }

    @Test
    void smtpAuthNeedsBothAndTimeoutIsBounded() {
        VrrpBinding b = VrrpBinding.of("global_defs {\nsmtp_auth_user alerts\nnotify_script_timeout 0\n"
                + "smtp_starttls maybe\nsmtp_auth_password\n}");
        assertEquals(List.of("k.conf:3:23: warning: notify_script_timeout: number '0' outside range [1, 3600]: found "
                        + "'0', expected [1, 3600]; notify_script_timeout '0' must be in [1, 3600] - ignoring",
                "k.conf:4:15: warning: smtp_starttls: invalid boolean: found 'maybe', expected on|off|true|false|yes|no;"
                        + " ignoring it",
                "k.conf:5:1: warning: 'smtp_auth_password' is missing its password: expected password; SMTP AUTH "
                        + "will not be used",
                "k.conf:2:1: warning: smtp_auth_user specified without smtp_auth_password: expected "
                        + "smtp_auth_password too; SMTP AUTH will not be used"), b.all());
        assertNull(b.globals().smtpAuthUser());
        assertNull(b.globals().smtpAuthPassword());
        assertFalse(b.globals().smtpStartTls());
        assertEquals(60_000_000L, b.globals().notifyScriptTimeoutMicros());
    }
}
