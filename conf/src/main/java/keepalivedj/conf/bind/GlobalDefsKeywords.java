package keepalivedj.conf.bind;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.conf.Position;
import keepalivedj.conf.model.GlobalDefs;
import keepalivedj.conf.model.GlobalLvsSyncDaemon;
import keepalivedj.conf.model.GlobalLvsTimeouts;
import keepalivedj.conf.model.GlobalNotifyFifo;
import keepalivedj.conf.model.ScriptCommand;
import keepalivedj.conf.model.VrrpGarpSettings;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * The keywords of {@code global_defs} (keepalived.md a.1), including the LVS-related globals, and the builder
 * they fill. Keywords added to keepalived after 2.2.7 are deliberately absent, so they are unknown keywords as
 * in 2.2.7. Cross-checks that need the instances (lvs_sync_daemon's instance) are done by {@link VrrpSections}.
 */
public final class GlobalDefsKeywords {
    private GlobalDefsKeywords() {
    }

    static final long MAX_TIMER = 4_294_967_295L;

    /** Mutable state of global_defs while its lines are read; {@link #build} gives the effective record. */
    static final class Builder {
        Position position;
        String routerId;
        final List<String> notificationEmail = new ArrayList<>();
        String notificationEmailFrom;
        String smtpServer;
        int smtpServerPort = 25;
        String smtpHeloName;
        long smtpConnectTimeoutMicros = 30_000_000L;
        Boolean smtpAlert;
        Boolean smtpAlertVrrp;
        Boolean smtpAlertChecker;
        boolean noEmailFaults;
        boolean noCheckerEmails;
        boolean checkerLogAllFailures;
        String scriptUser;
        Token scriptUserToken;
        String scriptGroup;
        boolean enableScriptSecurity;
        ScriptCommand startupScript;
        long startupScriptTimeoutMicros = 10_000_000L;
        ScriptCommand shutdownScript;
        long shutdownScriptTimeoutMicros = 10_000_000L;
        InetAddress vrrpMcastGroup4 = VrrpWords.ip("224.0.0.18");
        InetAddress vrrpMcastGroup6 = VrrpWords.ip("ff02::12");
        String defaultInterface = "eth0";
        int vrrpVersion = 2;
        boolean vrrpStrict;
        long garpMasterDelayMicros = 5_000_000L;
        int garpMasterRepeat = 5;
        long garpMasterRefreshMicros;
        int garpMasterRefreshRepeat = 1;
        Long garpLowerPrioDelayMicros;
        Integer garpLowerPrioRepeat;
        long vrrpGarpIntervalMicros;
        long vrrpGnaIntervalMicros;
        long vrrpGarpExtraIfMicros;
        boolean vrrpLowerPrioNoAdvert;
        boolean vrrpHigherPrioSendAdvert;
        int vrrpDownTimerAdverts = 3;
        boolean vrrpCheckUnicastSrc;
        boolean vrrpSkipCheckAdvAddr;
        long vrrpStartupDelayMicros;
        final Fifo vrrpNotifyFifo = new Fifo();
        final Fifo notifyFifo = new Fifo();
        final Fifo lvsNotifyFifo = new Fifo();
        boolean vrrpNotifyPriorityChanges;
        boolean fifoWriteVrrpStatesOnReload;
        boolean rsInitNotifies;
        SyncDaemon lvsSyncDaemon;
        GlobalLvsTimeouts lvsTimeouts;
        boolean lvsFlush;
        String lvsFlushOnStop;
        boolean dynamicInterfaces;
        boolean dynamicInterfacesAllowIfChanges;
        String netNamespace;
        String instanceName;
        boolean usePidDir;
        boolean linkbeatUsePolling;
        String vmacPrefix = "vrrp";
        boolean reloadCheckConfig;
        String reloadCheckConfigLogFile;
        int childWaitTimeSeconds = 5;
        String smtpAuthUser;
        Position smtpAuthUserPosition;
        String smtpAuthPassword;
        Position smtpAuthPasswordPosition;
        boolean smtpStartTls;
        long notifyScriptTimeoutMicros = 60_000_000L;

        VrrpGarpSettings garp() {
            return new VrrpGarpSettings(garpMasterDelayMicros, garpMasterRepeat, garpMasterRefreshMicros,
                    garpMasterRefreshRepeat,
                    garpLowerPrioDelayMicros != null ? garpLowerPrioDelayMicros : garpMasterDelayMicros,
                    garpLowerPrioRepeat != null ? garpLowerPrioRepeat : garpMasterRepeat);
        }

        /** The effective record; {@code syncIdOfInstance} answers the VRID of the sync daemon's instance. */
        GlobalDefs build(HostEnvironment host, java.util.function.ToIntFunction<String> syncIdOfInstance) {
            String user = scriptUser;
            if (user == null && host.userId("keepalived_script").isPresent()) {
                user = "keepalived_script";
            } else if (user == null && !enableScriptSecurity) {
                user = "root";
            } // else: script security never defaults to root, so there is no default user (null)
            GlobalLvsSyncDaemon sync = null;
            if (lvsSyncDaemon != null) {
                SyncDaemon s = lvsSyncDaemon;
                int id = s.syncId != null ? s.syncId
                        : s.instance == null ? 0 : syncIdOfInstance.applyAsInt(s.instance);
                sync = new GlobalLvsSyncDaemon(s.interfaceName, s.instance, id, s.maxlen, s.port, s.ttl, s.group,
                        s.position);
            }
            String name = host.hostname();
            // keepalived fills in <running user>@<local name> only when there is an SMTP server to use it
            String from = notificationEmailFrom != null ? notificationEmailFrom
                    : smtpServer != null ? "root@" + name : null;
            return new GlobalDefs(routerId != null ? routerId : name, notificationEmail, from,
                    smtpServer, smtpServerPort, smtpHeloName != null ? smtpHeloName : name,
                    smtpConnectTimeoutMicros, smtpAlert, smtpAlertVrrp, smtpAlertChecker, noEmailFaults,
                    noCheckerEmails, checkerLogAllFailures, user, scriptGroup, enableScriptSecurity, startupScript,
                    startupScriptTimeoutMicros, shutdownScript, shutdownScriptTimeoutMicros, vrrpMcastGroup4,
                    vrrpMcastGroup6, defaultInterface, vrrpVersion, vrrpStrict, garp(), vrrpGarpIntervalMicros,
                    vrrpGnaIntervalMicros, vrrpGarpExtraIfMicros, vrrpLowerPrioNoAdvert, vrrpHigherPrioSendAdvert,
                    vrrpDownTimerAdverts, vrrpCheckUnicastSrc, vrrpSkipCheckAdvAddr, vrrpStartupDelayMicros,
                    vrrpNotifyFifo.build(), notifyFifo.build(), lvsNotifyFifo.build(), vrrpNotifyPriorityChanges,
                    fifoWriteVrrpStatesOnReload, rsInitNotifies, sync, lvsTimeouts, lvsFlush, lvsFlushOnStop, dynamicInterfaces,
                    dynamicInterfacesAllowIfChanges, netNamespace, instanceName, usePidDir, linkbeatUsePolling,
                    vmacPrefix, reloadCheckConfig, reloadCheckConfigLogFile, childWaitTimeSeconds,
                    smtpAuthUser != null && smtpAuthPassword != null ? smtpAuthUser : null,
                    smtpAuthUser != null && smtpAuthPassword != null ? smtpAuthPassword : null, smtpStartTls,
                    notifyScriptTimeoutMicros, position);
        }

        /**
         * smtp_auth_user and smtp_auth_password go together: one without the other is reported once, after the
         * whole configuration is read, and SMTP AUTH is then not used (the record gets neither).
         */
        void checkSmtpAuth(BindContext c) {
            if (smtpAuthUser != null && smtpAuthPassword == null) {
                c.warn(smtpAuthUserPosition, "smtp_auth_user specified without smtp_auth_password", null,
                        "smtp_auth_password too", "SMTP AUTH will not be used");
            } else if (smtpAuthUser == null && smtpAuthPassword != null) {
                c.warn(smtpAuthPasswordPosition, "smtp_auth_password specified without smtp_auth_user", null,
                        "smtp_auth_user too", "SMTP AUTH will not be used");
            }
        }
    }

    static final class Fifo {
        String path;
        String user;
        String group;
        ScriptCommand script;
        Position position;

        GlobalNotifyFifo build() {
            return path == null && script == null ? null : new GlobalNotifyFifo(path, user, group, script, position);
        }
    }

    static final class SyncDaemon {
        String interfaceName;
        String instance;
        Integer syncId;
        int maxlen;
        int port = 8848;
        int ttl;
        InetAddress group = VrrpWords.ip("224.0.0.81");
        Position position;
    }

    private static KeywordTable<Builder> table() {
        KeywordTable<Builder> t = new KeywordTable<>("global_defs");
        t.add("router_id", (n, b, c) -> value(n, c, "routerid name missing - ignoring").ifPresent(v -> b.routerId = v));
        t.add("notification_email", (n, b, c) -> {
            if (c.requireBlock(n)) {
                if (n.block().isEmpty()) {
                    c.warn(n.position(), "Warning - empty notification_email block", null, "addresses", null);
                }
                for (Node line : n.block()) {
                    for (Token w : VrrpWords.words(line)) {
                        b.notificationEmail.add(w.text());
                    }
                }
            }
        });
        t.add("notification_email_from", (n, b, c) -> value(n, c, "emailfrom missing - ignoring")
                .ifPresent(v -> b.notificationEmailFrom = v));
        t.add("smtp_server", GlobalDefsKeywords::smtpServer);
        t.add("smtp_helo_name", (n, b, c) -> c.string(n, 0, "name", "ignoring it").ifPresent(v -> b.smtpHeloName = v));
        t.add("smtp_connect_timeout", GlobalDefsKeywords::smtpConnectTimeout);
        t.add("smtp_alert", (n, b, c) -> VrrpInstanceKeywords.bool(n, c, "Invalid value '" + word(n)
                + "' for global smtp_alert specified").ifPresent(v -> b.smtpAlert = v));
        t.add("smtp_alert_vrrp", (n, b, c) -> VrrpInstanceKeywords.bool(n, c, "Invalid value '" + word(n)
                + "' for global smtp_alert_vrrp specified").ifPresent(v -> b.smtpAlertVrrp = v));
        t.add("smtp_alert_checker", (n, b, c) -> VrrpInstanceKeywords.bool(n, c, "Invalid value '" + word(n)
                + "' for global smtp_alert_checker specified").ifPresent(v -> b.smtpAlertChecker = v));
        // keepalived-j extensions (keepalived 2.2.7 has neither SMTP AUTH nor TLS, nor a notify script bound)
        t.add("smtp_auth_user", (n, b, c) -> c.string(n, 0, "user name", "SMTP AUTH will not be used")
                .ifPresent(v -> {
                    b.smtpAuthUser = v;
                    b.smtpAuthUserPosition = n.position();
                    c.extraWords(n, 1);
                }));
        t.add("smtp_auth_password", (n, b, c) -> c.string(n, 0, "password", "SMTP AUTH will not be used")
                .ifPresent(v -> {
                    b.smtpAuthPassword = v;
                    b.smtpAuthPasswordPosition = n.position();
                    c.extraWords(n, 1);
                }));
        flag(t, "smtp_starttls", (b, v) -> b.smtpStartTls = v);
        t.add("notify_script_timeout", (n, b, c) -> c.integer(n, 0, 1, 3600, "notify_script_timeout '" + word(n)
                + "' must be in [1, 3600] - ignoring").ifPresent(v -> b.notifyScriptTimeoutMicros = v * 1_000_000L));
        flag(t, "no_email_faults", (b, v) -> b.noEmailFaults = v);
        flag(t, "no_checker_emails", (b, v) -> b.noCheckerEmails = v);
        flag(t, "checker_log_all_failures", (b, v) -> b.checkerLogAllFailures = v);
        t.add("script_user", (n, b, c) -> value(n, c, "No script username specified").ifPresent(u -> {
            b.scriptUserToken = n.arg(0);
            b.scriptUser = u;
            b.scriptGroup = n.arg(1) == null ? null : n.arg(1).text();
            c.extraWords(n, 2);
        }));
        flag(t, "enable_script_security", (b, v) -> b.enableScriptSecurity = v);
        t.add("startup_script", (n, b, c) -> {
            if (b.startupScript != null) {
                c.warn(n.position(), "startup script already specified", null, null, "ignoring it");
            } else if (n.arg(0) == null) {
                c.warn(n.position(), "startup script missing", null, "a command", null);
            } else {
                Scripts.parse(n, 0, c).ifPresent(s -> b.startupScript = s);
            }
        });
        t.add("shutdown_script", (n, b, c) -> {
            if (b.shutdownScript != null) {
                c.warn(n.position(), "shutdown script already specified", null, null, "ignoring it");
            } else if (n.arg(0) == null) {
                c.warn(n.position(), "shutdown script missing", null, "a command", null);
            } else {
                Scripts.parse(n, 0, c).ifPresent(s -> b.shutdownScript = s);
            }
        });
        t.add("startup_script_timeout", (n, b, c) -> c.integer(n, 0, 1, 1000, "startup_script_timeout '" + word(n)
                + "' must be in [1, 1000] - ignoring").ifPresent(v -> b.startupScriptTimeoutMicros = v * 1_000_000L));
        t.add("shutdown_script_timeout", (n, b, c) -> c.integer(n, 0, 1, 1000, "shutdown_script_timeout '" + word(n)
                + "' must be in [1, 1000] - ignoring").ifPresent(v -> b.shutdownScriptTimeoutMicros = v * 1_000_000L));
        t.add("vrrp_mcast_group4", (n, b, c) -> mcastGroup(n, c, false).ifPresent(a -> b.vrrpMcastGroup4 = a));
        t.add("vrrp_mcast_group6", (n, b, c) -> mcastGroup(n, c, true).ifPresent(a -> b.vrrpMcastGroup6 = a));
        t.add("default_interface", (n, b, c) -> value(n, c, "default_interface requires interface name")
                .ifPresent(v -> b.defaultInterface = v));
        t.add("vrrp_version", (n, b, c) -> c.integer(n, 0, 2, 3, "using default 2")
                .ifPresent(v -> b.vrrpVersion = (int) v));
        flag(t, "vrrp_strict", (b, v) -> b.vrrpStrict = v);
        t.add("vrrp_garp_master_delay", (n, b, c) -> c.integer(n, 0, 0, 4294, "vrrp_garp_master_delay '" + word(n)
                + "' invalid - ignoring").ifPresent(v -> b.garpMasterDelayMicros = v * 1_000_000L));
        t.add("vrrp_garp_master_repeat", (n, b, c) -> repeat(n, c).ifPresent(v -> b.garpMasterRepeat = v));
        t.add("vrrp_garp_master_refresh", (n, b, c) -> b.garpMasterRefreshMicros = c.integer(n, 0, 0, 0xffffffffL,
                "Invalid vrrp_garp_master_refresh '" + word(n) + "' - ignoring").orElse(0) * 1_000_000L);
        t.add("vrrp_garp_master_refresh_repeat", (n, b, c) -> repeat(n, c)
                .ifPresent(v -> b.garpMasterRefreshRepeat = v));
        t.add("vrrp_garp_lower_prio_delay", (n, b, c) -> c.integer(n, 0, 0, 4294, "vrrp_garp_lower_prio_delay '"
                + word(n) + "' invalid - ignoring").ifPresent(v -> b.garpLowerPrioDelayMicros = v * 1_000_000L));
        t.add("vrrp_garp_lower_prio_repeat", (n, b, c) -> c.integer(n, 0, 0, Integer.MAX_VALUE,
                "Invalid vrrp_garp_lower_prio_repeat '" + word(n) + "'").ifPresent(v -> b.garpLowerPrioRepeat = (int) v));
        t.add("vrrp_garp_interval", (n, b, c) -> garpInterval(n, c).ifPresent(v -> b.vrrpGarpIntervalMicros = v));
        t.add("vrrp_gna_interval", (n, b, c) -> garpInterval(n, c).ifPresent(v -> b.vrrpGnaIntervalMicros = v));
        t.add("vrrp_min_garp", (n, b, c) -> VrrpInstanceKeywords.bool(n, c,
                "Invalid value for vrrp_min_garp specified").ifPresent(v -> {
                    if (v) { // one GARP, no repeat - but settings already made are kept (keepalived)
                        b.garpMasterRepeat = b.garpMasterRepeat == 5 ? 1 : b.garpMasterRepeat;
                        b.garpMasterRefreshRepeat = b.garpMasterRefreshRepeat == 1 ? 0 : b.garpMasterRefreshRepeat;
                        b.garpMasterDelayMicros = b.garpMasterDelayMicros == 5_000_000L ? 0 : b.garpMasterDelayMicros;
                    }
                }));
        t.add(List.of("vrrp_garp_extra_if", "vrrp_vmac_garp_intvl"), GlobalDefsKeywords::garpExtraIf);
        flag(t, "vrrp_lower_prio_no_advert", (b, v) -> b.vrrpLowerPrioNoAdvert = v);
        flag(t, "vrrp_higher_prio_send_advert", (b, v) -> b.vrrpHigherPrioSendAdvert = v);
        t.add("vrrp_down_timer_adverts", (n, b, c) -> c.integer(n, 0, 1, 100, "using default 3")
                .ifPresent(v -> b.vrrpDownTimerAdverts = (int) v));
        flag(t, "vrrp_check_unicast_src", (b, v) -> b.vrrpCheckUnicastSrc = v);
        flag(t, "vrrp_skip_check_adv_addr", (b, v) -> b.vrrpSkipCheckAdvAddr = v);
        t.add("vrrp_startup_delay", (n, b, c) -> c.micros(n, 0, 0, MAX_TIMER, "ignoring it")
                .ifPresent(v -> b.vrrpStartupDelayMicros = v));
        fifo(t, "vrrp_notify_fifo", b -> b.vrrpNotifyFifo);
        fifo(t, "notify_fifo", b -> b.notifyFifo);
        fifo(t, "lvs_notify_fifo", b -> b.lvsNotifyFifo);
        flag(t, "vrrp_notify_priority_changes", (b, v) -> b.vrrpNotifyPriorityChanges = v);
        flag(t, "fifo_write_vrrp_states_on_reload", (b, v) -> b.fifoWriteVrrpStatesOnReload = v);
        flag(t, "rs_init_notifies", (b, v) -> b.rsInitNotifies = v);
        t.add("lvs_sync_daemon", GlobalDefsKeywords::lvsSyncDaemon);
        t.add("lvs_timeouts", GlobalDefsKeywords::lvsTimeouts);
        flag(t, "lvs_flush", (b, v) -> b.lvsFlush = v);
        t.add("lvs_flush_on_stop", (n, b, c) -> {
            Token a = n.arg(0);
            if (a != null && !a.text().equals("VS")) {
                c.warn(a.position(), "Unknown lvs_flush_on_stop type " + a.text(), a.text(), "'VS' or nothing", null);
                return;
            }
            b.lvsFlushOnStop = a == null ? "ALL" : "VS";
        });
        t.add("dynamic_interfaces", (n, b, c) -> {
            b.dynamicInterfaces = true;
            Token a = n.arg(0);
            if (a != null && a.text().equals("allow_if_changes")) {
                b.dynamicInterfacesAllowIfChanges = true;
            } else if (a != null) {
                c.warn(a.position(), "Unknown dynamic_interfaces option '" + a.text() + "'", a.text(),
                        "allow_if_changes", null);
            }
        });
        t.add("net_namespace", (n, b, c) -> c.string(n, 0, "name", "ignoring it").ifPresent(v -> b.netNamespace = v));
        t.add("instance", (n, b, c) -> c.string(n, 0, "name", "ignoring it").ifPresent(v -> b.instanceName = v));
        flag(t, "use_pid_dir", (b, v) -> b.usePidDir = v);
        flag(t, "linkbeat_use_polling", (b, v) -> b.linkbeatUsePolling = v);
        t.add("vmac_prefix", (n, b, c) -> c.string(n, 0, "prefix", "using default vrrp").ifPresent(v -> b.vmacPrefix = v));
        t.add("reload_check_config", (n, b, c) -> {
            b.reloadCheckConfig = true;
            b.reloadCheckConfigLogFile = n.arg(0) == null ? null : n.arg(0).text();
        });
        t.add("child_wait_time", (n, b, c) -> c.integer(n, 0, 0, 1000, "using default 5")
                .ifPresent(v -> b.childWaitTimeSeconds = (int) v));
        for (String k : ACCEPTED) {
            t.accepted(k, "tuning or integration keepalived-j does not implement");
        }
        return t;
    }

    /** Known to keepalived 2.2.7, no effect in keepalived-j (yet): accepted with a note. */
    static final List<String> ACCEPTED = List.of("vrrp_iptables", "vrrp_ipsets", "nftables", "nftables_priority",
            "nftables_counters", "nftables_ifindex", "nftables_ipvs", "vrrp_notify_fifo_user",
            "net_namespace_ipvs", "namespace_with_ipsets", "max_auto_priority",
            "min_auto_priority_delay", "vrrp_priority", "checker_priority", "bfd_priority", "vrrp_rt_priority",
            "checker_rt_priority", "bfd_rt_priority", "vrrp_no_swap", "checker_no_swap", "bfd_no_swap",
            "vrrp_cpu_affinity", "checker_cpu_affinity", "bfd_cpu_affinity", "vrrp_rlimit_rttime",
            "checker_rlimit_rttime", "bfd_rlimit_rttime", "snmp_socket", "enable_snmp_vrrp", "enable_snmp_keepalived",
            "enable_snmp_checker", "enable_snmp_rfc", "enable_snmp_rfcv2", "enable_snmp_rfcv3", "enable_traps",
            "enable_dbus", "dbus_service_name", "vmac_addr_prefix", "umask", "random_seed", "log_unknown_vrids",
            "disable_local_igmp", "vrrp_netlink_cmd_rcv_bufs", "vrrp_netlink_cmd_rcv_bufs_force",
            "vrrp_netlink_monitor_rcv_bufs", "vrrp_netlink_monitor_rcv_bufs_force", "lvs_netlink_cmd_rcv_bufs",
            "lvs_netlink_cmd_rcv_bufs_force", "lvs_netlink_monitor_rcv_bufs", "lvs_netlink_monitor_rcv_bufs_force",
            "process_monitor_rcv_bufs", "process_monitor_rcv_bufs_force", "vrrp_rx_bufs_policy",
            "vrrp_rx_bufs_multiplier", "reload_time_file", "reload_repeat", "reload_file", "config_save_dir",
            "tmp_config_directory", "data_use_instance", "include_check", "process_names", "process_name",
            "vrrp_process_name", "checker_process_name", "bfd_process_name", "vrrp_socket_priority",
            "vrrp_netlink_monitor_priority", "lvs_sync_daemon_id");

    private static String word(Node n) {
        return n.arg(0) == null ? "" : n.arg(0).text();
    }

    /** vrrp_garp_master_repeat / _refresh_repeat: 0 is made 1 with keepalived's error. */
    private static Optional<Integer> repeat(Node n, BindContext c) {
        OptionalLong v = c.integer(n, 0, 0, 0xffffffffL, n.name() + " '" + word(n) + "' invalid - ignoring");
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.getAsLong() == 0) {
            c.warn(n.arg(0).position(), n.name() + " must be greater than 0, setting to 1", "0", "at least 1", null);
            return Optional.of(1);
        }
        return Optional.of((int) Math.min(v.getAsLong(), Integer.MAX_VALUE));
    }

    private static void garpExtraIf(Node n, Builder b, BindContext c) {
        if (n.name().equals("vrrp_vmac_garp_intvl")) {
            c.warn(n.position(), "Keyword \"vrrp_vmac_garp_intvl\" is deprecated - please use \"vrrp_garp_extra_if\"",
                    n.name(), "vrrp_garp_extra_if", null);
        }
        long delay = 0;
        for (Token a : n.args()) {
            if (a.text().equals("all")) {
                continue;
            }
            OptionalLong v = c.integer(n, a, 1, 86400, n.name() + " '" + a.text() + "' invalid - ignoring");
            if (v.isEmpty()) {
                return;
            }
            delay = v.getAsLong();
        }
        if (delay == 0) {
            c.warn(n.position(), n.name() + " specified without time - ignoring", null, "seconds", null);
            return;
        }
        b.vrrpGarpExtraIfMicros = delay * 1_000_000L;
    }

    private static void flag(KeywordTable<Builder> t, String kw, BiConsumer<Builder, Boolean> set) {
        t.add(kw, (n, b, c) -> c.bool(n, 0, "ignoring it").ifPresent(v -> set.accept(b, v)));
    }

    private static void fifo(KeywordTable<Builder> t, String kw, java.util.function.Function<Builder, Fifo> f) {
        t.add(kw, (n, b, c) -> c.string(n, 0, "path", "ignoring it").ifPresent(p -> {
            Fifo fifo = f.apply(b);
            fifo.path = p;
            fifo.user = n.arg(1) == null ? null : n.arg(1).text();
            fifo.group = n.arg(2) == null ? null : n.arg(2).text();
            fifo.position = n.position();
            c.extraWords(n, 3);
        }));
        t.add(kw + "_script", (n, b, c) -> Scripts.parse(n, 0, c).ifPresent(s -> {
            Fifo fifo = f.apply(b);
            fifo.script = s;
            if (fifo.position == null) {
                fifo.position = n.position();
            }
        }));
    }

    /** The word after the keyword, or keepalived's message when it is missing. */
    private static Optional<String> value(Node n, BindContext c, String missing) {
        if (n.arg(0) == null) {
            c.warn(n.position(), missing, null, "a value", null);
            return Optional.empty();
        }
        return Optional.of(n.arg(0).text());
    }

    /** An address or host name and an optional port; names are resolved when mail is sent, not here. */
    private static void smtpServer(Node n, Builder b, BindContext c) {
        Token host = n.arg(0);
        Token port = n.arg(1);
        Long p = port == null ? Long.valueOf(25) : VrrpWords.number(port.text());
        boolean hostOk = host != null && (VrrpWords.ip(host.text()) != null
                || host.text().matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?"));
        if (!hostOk || p == null || p < 1 || p > 65535) {
            c.warn(host == null ? n.position() : host.position(), "Invalid smtp server "
                    + (host == null ? "" : host.text()) + " " + (port == null ? "25" : port.text()),
                    host == null ? null : host.text(), "ADDRESS|NAME [PORT]", "no SMTP alerts will be sent");
            return;
        }
        b.smtpServer = host.text();
        b.smtpServerPort = (int) (long) p;
        c.extraWords(n, 2);
    }

    /** Whole seconds 0..4294; 0 becomes 1 with keepalived's (misspelt) error. */
    private static void smtpConnectTimeout(Node n, Builder b, BindContext c) {
        OptionalLong v = c.integer(n, 0, 0, 4294, "smtp_connect_timeout '" + word(n) + "' must be in [0, 4294] - "
                + "ignoring");
        if (v.isEmpty()) {
            return;
        }
        long secs = v.getAsLong();
        if (secs == 0) {
            c.warn(n.arg(0).position(), "smtp_conect_timeout must be greater than 0, setting to 1", "0", "at least 1",
                    null);
            secs = 1;
        }
        b.smtpConnectTimeoutMicros = secs * 1_000_000L;
    }

    private static Optional<InetAddress> mcastGroup(Node n, BindContext c, boolean v6) {
        Optional<Token> t = c.required(n, 0, "address", "using the default group");
        if (t.isEmpty()) {
            return Optional.empty();
        }
        InetAddress a = VrrpWords.ip(t.get().text());
        if (a == null || a.getAddress().length != (v6 ? 16 : 4)) {
            c.warn(t.get().position(), "Configuration error: Cant parse " + n.name() + " [" + t.get().text()
                    + "]. Skipping", t.get().text(), v6 ? "an IPv6 address" : "an IPv4 address",
                    "using the default group");
            return Optional.empty();
        }
        return Optional.of(a);
    }

    /** vrrp_garp_interval / vrrp_gna_interval: 0 is rejected by 2.2.7 (keepalived.md a.1, i). */
    private static OptionalLong garpInterval(Node n, BindContext c) {
        OptionalLong v = c.micros(n, 0, 1, MAX_TIMER, n.name() + " '" + word(n) + "' is invalid - ignoring");
        if (v.isPresent() && v.getAsLong() >= 1_000_000L) {
            c.note(n.position(), "The " + n.name() + " is very large - " + word(n) + " seconds");
        }
        return v;
    }

    /** keepalived's lvs_syncd_handler, including the old positional {@code IF VI [SYNCID]} form. */
    private static void lvsSyncDaemon(Node n, Builder b, BindContext c) {
        if (b.lvsSyncDaemon != null) {
            c.warn(n.position(), "lvs_sync_daemon has already been specified as " + b.lvsSyncDaemon.interfaceName + " "
                    + (b.lvsSyncDaemon.instance == null ? "" : b.lvsSyncDaemon.instance) + " - ignoring", null, null,
                    null);
            return;
        }
        Token ifname = n.arg(0);
        if (ifname == null) {
            c.warn(n.position(), "lvs_sync_daemon requires interface", null, "an interface", null);
            return;
        }
        if (ifname.text().length() >= 16) {
            c.warn(ifname.position(), "lvs_sync_daemon interface name '" + ifname.text() + "' too long - ignoring",
                    ifname.text(), "at most 15 characters", null);
            return;
        }
        SyncDaemon s = new SyncDaemon();
        s.interfaceName = ifname.text();
        s.position = n.position();
        b.lvsSyncDaemon = s;
        for (int i = 1; i < n.args().size(); i++) {
            Token opt = n.arg(i);
            Token val = n.arg(i + 1);
            if (opt.text().equals("inst") || OPTIONS.contains(opt.text())) {
                if (val == null) {
                    c.warn(opt.position(), "No value specified for lvs_sync_daemon " + opt.text()
                            + (opt.text().equals("id") ? ", defaulting to vrid" : " - ignoring"), null, null, null);
                    continue;
                }
                syncOption(opt, val, s, c);
                i++;
            } else if (i == 1) {
                s.instance = opt.text(); // old form: lvs_sync_daemon IF VRRP_INSTANCE [SYNC_ID]
            } else if (i == 2) {
                Long id = VrrpWords.number(opt.text());
                if (id == null || id < 0 || id > 255) {
                    c.warn(opt.position(), "Invalid syncid (" + opt.text() + ") - defaulting to vrid", opt.text(),
                            "0..255", null);
                } else {
                    c.warn(opt.position(), "Please use keyword \"id\" before lvs_sync_daemon SYNCID", opt.text(),
                            "id " + opt.text(), null);
                    s.syncId = (int) (long) id;
                }
            } else {
                c.warn(opt.position(), "Unknown option " + opt.text() + " specified for lvs_sync_daemon", opt.text(),
                        "inst, id, maxlen, port, ttl or group", null);
            }
        }
    }

    private static void syncOption(Token opt, Token val, SyncDaemon s, BindContext c) {
        String v = val.text();
        Long num = VrrpWords.number(v);
        switch (opt.text()) {
            case "inst":
                if (s.instance != null) {
                    c.warn(val.position(), "lvs_sync_daemon vrrp instance has already been specified as " + s.instance
                            + " - ignoring", v, null, null);
                } else {
                    s.instance = v;
                }
                return;
            case "id":
                if (num == null || num < 0 || num > 255) {
                    c.warn(val.position(), "Invalid syncid (" + v + ") - defaulting to vrid", v, "0..255", null);
                } else {
                    s.syncId = (int) (long) num;
                }
                return;
            case "group": {
                InetAddress g = VrrpWords.ip(v);
                if (g == null) {
                    c.warn(val.position(), "Invalid lvs_sync_daemon group (" + v + ") - ignoring", v,
                            "a multicast address", null);
                } else if (!g.isMulticastAddress()) {
                    c.warn(val.position(), "lvs_sync_daemon group address " + v + " is not multicast - ignoring", v,
                            "a multicast address", null);
                } else {
                    s.group = g;
                }
                return;
            }
            default: {
                long max = opt.text().equals("maxlen") ? 65535 - 20 - 8 : opt.text().equals("port") ? 65535 : 255;
                if (num == null || num < 1 || num > max) {
                    c.warn(val.position(), "Invalid lvs_sync_daemon " + opt.text() + " (" + v + ") - ignoring", v,
                            "1.." + max, null);
                } else if (opt.text().equals("maxlen")) {
                    s.maxlen = (int) (long) num;
                } else if (opt.text().equals("port")) {
                    s.port = (int) (long) num;
                } else {
                    s.ttl = (int) (long) num;
                }
            }
        }
    }

    private static final List<String> OPTIONS = List.of("id", "maxlen", "port", "ttl", "group");

    private static void lvsTimeouts(Node n, Builder b, BindContext c) {
        if (n.args().size() < 2) {
            c.warn(n.position(), "lvs_timeouts requires at least one option", null, "tcp|tcpfin|udp SECONDS", null);
            return;
        }
        int[] v = b.lvsTimeouts == null ? new int[3] : new int[] {b.lvsTimeouts.tcpSeconds(),
            b.lvsTimeouts.tcpfinSeconds(), b.lvsTimeouts.udpSeconds()};
        List<String> names = List.of("tcp", "tcpfin", "udp");
        for (int i = 0; i < n.args().size(); i++) {
            Token opt = n.arg(i);
            int k = names.indexOf(opt.text());
            if (k < 0) {
                c.warn(opt.position(), "Unknown option " + opt.text() + " specified for lvs_timeouts", opt.text(),
                        "tcp, tcpfin or udp", null);
                continue;
            }
            Token val = n.arg(i + 1);
            if (val == null) {
                c.warn(opt.position(), "No value specified for lvs_timeout " + opt.text() + " - ignoring", null, null,
                        null);
                continue;
            }
            i++;
            Long x = VrrpWords.number(val.text());
            if (x == null || x < 0 || x > 86400L * 31) {
                c.warn(val.position(), "Invalid lvs_timeout " + opt.text() + " (" + val.text() + ") - ignoring",
                        val.text(), "0.." + 86400 * 31, null);
            } else {
                v[k] = (int) (long) x;
            }
        }
        b.lvsTimeouts = new GlobalLvsTimeouts(v[0], v[1], v[2], n.position());
    }

    /** Declared last: the table reads the lists above while it is built. */
    static final KeywordTable<Builder> TABLE = table();
}
