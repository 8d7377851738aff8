package keepalivedj.conf.bind;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import keepalivedj.conf.Position;
import keepalivedj.conf.model.ScriptCommand;
import keepalivedj.conf.model.VrrpAddress;
import keepalivedj.conf.model.VrrpAuthentication;
import keepalivedj.conf.model.VrrpRoute;
import keepalivedj.conf.model.VrrpRule;
import keepalivedj.conf.model.VrrpState;
import keepalivedj.conf.model.VrrpUnicastPeer;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * The keywords of {@code vrrp_instance} (keepalived.md a.3) and the builder they fill. Values are recorded as
 * written (null = not written); defaults, globals and the corrections keepalived applies once the whole block
 * is known are {@link VrrpInstanceCompleter}'s.
 */
public final class VrrpInstanceKeywords {
    private VrrpInstanceKeywords() {
    }

    static final long MAX_TIMER = GlobalDefsKeywords.MAX_TIMER;

    /** An instance as written. */
    static final class Builder {
        final String name;
        final Position position;
        final VrrpRuleParser.AutoPreference autoPreference;
        /** Whether a {@code dev} may be named: it exists on the host, or dynamic_interfaces is set. */
        final java.util.function.Predicate<String> interfaceKnown;
        VrrpState state;
        Token interfaceToken;
        Integer vrid;
        Integer priority;
        Long advertIntMicros;
        Position advertPosition;
        Integer version;
        boolean nopreempt;
        long preemptDelayMicros;
        VrrpAuthentication.Type authType;
        String authPass;
        Position authPosition;
        InetAddress srcIp;
        Boolean ipv6;
        boolean unicastKeywordSeen;
        final List<VrrpUnicastPeer> peers = new ArrayList<>();
        Integer unicastTtl;
        Boolean checkUnicastSrc;
        boolean unicastFaultNoPeer;
        InetAddress mcastDstIp;
        boolean trackSrcIp;
        final List<VrrpAddress> vips = new ArrayList<>();
        final List<VrrpAddress> evips = new ArrayList<>();
        final List<VrrpRoute> routes = new ArrayList<>();
        final List<VrrpRule> rules = new ArrayList<>();
        final List<VrrpTrackRefs.Raw> trackScripts = new ArrayList<>();
        final List<VrrpTrackRefs.Raw> trackInterfaces = new ArrayList<>();
        final List<VrrpTrackRefs.Raw> trackFiles = new ArrayList<>();
        final List<VrrpTrackRefs.Raw> trackProcesses = new ArrayList<>();
        final List<VrrpTrackRefs.Raw> trackBfds = new ArrayList<>();
        final Notify notify = new Notify();
        Boolean smtpAlert;
        Boolean notifyPriorityChanges;
        boolean promoteSecondaries;
        Boolean accept;
        Boolean strictMode;
        Boolean skipCheckAdvAddr;
        boolean dontTrackPrimary;
        Position vmacPosition;
        String vmacName;
        String vmacMac;
        boolean vmacXmitBase;
        boolean useVmacAddr;
        Long garpMasterDelayMicros;
        Integer garpMasterRepeat;
        Long garpMasterRefreshMicros;
        Integer garpMasterRefreshRepeat;
        Long garpLowerPrioDelayMicros;
        Integer garpLowerPrioRepeat;
        long garpExtraIfMicros;
        boolean garpExtraIfAll;
        boolean notifyDeleted;
        Position lvsSyncDaemonPosition;
        Boolean lowerPrioNoAdvert;
        Boolean higherPrioSendAdvert;
        Integer downTimerAdverts;
        long kernelRxBufSize;
        boolean linkbeatUsePolling;
        String lvsSyncDaemonInterface;

        Builder(String name, Position position, VrrpRuleParser.AutoPreference autoPreference,
                java.util.function.Predicate<String> interfaceKnown) {
            this.name = name;
            this.position = position;
            this.autoPreference = autoPreference;
            this.interfaceKnown = interfaceKnown;
        }
    }

    /** notify_* commands of an instance or a sync group while they are read. */
    static final class Notify {
        ScriptCommand master;
        ScriptCommand backup;
        ScriptCommand fault;
        ScriptCommand stop;
        ScriptCommand deleted;
        ScriptCommand generic;
        ScriptCommand masterRxLowerPri;

        keepalivedj.conf.model.VrrpNotifyScripts build() {
            return new keepalivedj.conf.model.VrrpNotifyScripts(master, backup, fault, stop, deleted, generic,
                    masterRxLowerPri);
        }
    }

    static final KeywordTable<Builder> TABLE = table();

    private static KeywordTable<Builder> table() {
        KeywordTable<Builder> t = new KeywordTable<>("vrrp_instance");
        t.add("state", VrrpInstanceKeywords::state);
        t.add("interface", (n, b, c) -> c.required(n, 0, "interface name", "ignoring it").ifPresent(v -> {
            if (v.text().length() >= 16) {
                c.warn(v.position(), "Interface name '" + v.text() + "' too long - ignoring", v.text(),
                        "at most 15 characters", null);
                return;
            }
            b.interfaceToken = v;
            c.extraWords(n, 1);
        }));
        t.add("virtual_router_id", (n, b, c) -> c.integer(n, 0, 1, 255, "(" + b.name + "): VRID '"
                + (n.arg(0) == null ? "" : n.arg(0).text()) + "' not valid - must be between 1 & 255")
                .ifPresent(v -> b.vrid = (int) v));
        // an invalid priority is set to 100 explicitly, so 'state MASTER' no longer implies 255
        t.add("priority", (n, b, c) -> b.priority = (int) c.integer(n, 0, 1, 255, "using default 100").orElse(100));
        t.add("advert_int", (n, b, c) -> c.micros(n, 0, 10_000L, 255_000_000L, "(" + b.name + ") Advert interval ("
                + (n.arg(0) == null ? "" : n.arg(0).text()) + ") not valid! Must be > 0 - ignoring").ifPresent(v -> {
                    b.advertIntMicros = v;
                    b.advertPosition = n.arg(0).position();
                }));
        t.add("version", VrrpInstanceKeywords::version);
        t.add("nopreempt", (n, b, c) -> b.nopreempt = true);
        t.add("preempt", (n, b, c) -> b.nopreempt = false);
        t.add("preempt_delay", (n, b, c) -> b.preemptDelayMicros = c.micros(n, 0, 0, 1_000_000_000L,
                "(" + b.name + ") Preempt_delay not valid! must be between 0-1000").orElse(0));
        t.add("authentication", VrrpInstanceKeywords::authentication);
        t.add(List.of("unicast_src_ip", "mcast_src_ip"), VrrpInstanceKeywords::sourceIp);
        t.add("unicast_peer", VrrpInstanceKeywords::unicastPeers);
        t.add("unicast_ttl", (n, b, c) -> {
            b.unicastKeywordSeen = true;
            c.integer(n, 0, 0, 255, "(" + b.name + "): TTL '" + (n.arg(0) == null ? "" : n.arg(0).text())
                    + "' not valid - must be between 0 & 255").ifPresent(v -> b.unicastTtl = (int) v);
        });
        t.add("check_unicast_src", (n, b, c) -> {
            b.unicastKeywordSeen = true;
            b.checkUnicastSrc = true;
        });
        t.add("unicast_fault_no_peer", (n, b, c) -> {
            b.unicastKeywordSeen = true;
            b.unicastFaultNoPeer = true;
        });
        t.add("mcast_dst_ip", VrrpInstanceKeywords::mcastDstIp);
        t.add("track_src_ip", (n, b, c) -> b.trackSrcIp = true);
        t.add("virtual_ipaddress", (n, b, c) -> addresses(n, b, c, b.vips, false));
        t.add("virtual_ipaddress_excluded", (n, b, c) -> addresses(n, b, c, b.evips, true));
        t.add("virtual_routes", (n, b, c) -> {
            if (c.requireBlock(n)) {
                for (Node line : n.block()) {
                    VrrpRoute r = VrrpRouteParser.parse(line, c, false, b.interfaceKnown);
                    if (r != null) {
                        b.routes.add(r);
                    }
                }
            }
        });
        t.add("virtual_rules", (n, b, c) -> {
            if (c.requireBlock(n)) {
                for (Node line : n.block()) {
                    VrrpRule r = VrrpRuleParser.parse(line, c, b.autoPreference, false, b.interfaceKnown);
                    if (r != null) {
                        b.rules.add(r);
                    }
                }
            }
        });
        t.add("track_script", (n, b, c) -> VrrpTrackRefs.read(n, 253, b.trackScripts, c));
        t.add("track_interface", (n, b, c) -> VrrpTrackRefs.read(n, 254, b.trackInterfaces, c));
        t.add("track_file", (n, b, c) -> VrrpTrackRefs.read(n, 254, b.trackFiles, c));
        t.add("track_process", (n, b, c) -> VrrpTrackRefs.read(n, 254, b.trackProcesses, c));
        t.add("track_bfd", (n, b, c) -> VrrpTrackRefs.read(n, 253, b.trackBfds, c));
        notifyKeywords(t, b -> b.notify, b -> "(" + b.name + ") ");
        t.add("notify_deleted", (n, b, c) -> {
            if (b.notifyDeleted) {
                c.warn(n.position(), "(" + b.name + ") notify_deleted already specified - ignoring "
                        + (n.arg(0) == null ? "" : n.arg(0).text()), null, null, null);
                return;
            }
            b.notifyDeleted = true;
            if (n.arg(0) != null) {
                Scripts.parse(n, 0, c).ifPresent(s -> b.notify.deleted = s);
            }
        });
        t.add("notify_master_rx_lower_pri", (n, b, c) -> notifyScript(n, c, "(" + b.name + ") ",
                b.notify.masterRxLowerPri, s -> b.notify.masterRxLowerPri = s));
        t.add("smtp_alert", (n, b, c) -> bool(n, c, "Invalid vrrp_instance smtp_alert parameter ")
                .ifPresent(v -> b.smtpAlert = v));
        t.add("notify_priority_changes", (n, b, c) -> bool(n, c, "(" + b.name + ") Invalid value '"
                + (n.arg(0) == null ? "" : n.arg(0).text()) + "' for notify_priority_changes specified")
                .ifPresent(v -> b.notifyPriorityChanges = v));
        t.add("promote_secondaries", (n, b, c) -> b.promoteSecondaries = true);
        t.add("accept", (n, b, c) -> b.accept = true);
        t.add("no_accept", (n, b, c) -> b.accept = false);
        t.add("strict_mode", (n, b, c) -> bool(n, c, "(" + b.name + ") invalid strict_mode "
                + (n.arg(0) == null ? "" : n.arg(0).text()) + " specified").ifPresent(v -> b.strictMode = v));
        // keepalived 2.2 sets skip_check_adv_addr for any valid boolean, "off" included; kept for compatibility
        t.add("skip_check_adv_addr", (n, b, c) -> bool(n, c, "(" + b.name + ") invalid skip_check_adv_addr "
                + (n.arg(0) == null ? "" : n.arg(0).text()) + " specified").ifPresent(v -> b.skipCheckAdvAddr = true));
        t.add("dont_track_primary", (n, b, c) -> b.dontTrackPrimary = true);
        t.add("use_vmac", VrrpInstanceKeywords::useVmac);
        t.add("vmac_xmit_base", (n, b, c) -> b.vmacXmitBase = true);
        t.add("use_vmac_addr", (n, b, c) -> b.useVmacAddr = true);
        t.accepted("use_ipvlan", "ipvlan interfaces are not created by keepalived-j");
        t.add("native_ipv6", (n, b, c) -> {
            if (Boolean.FALSE.equals(b.ipv6)) {
                c.warn(n.position(), "(" + b.name + ") Cannot specify native_ipv6 with IPv4 addresses", null, null,
                        "ignoring it");
                return;
            }
            b.ipv6 = true;
            b.version = 3;
        });
        garpKeywords(t);
        t.add("lower_prio_no_advert", (n, b, c) -> bool(n, c, "(" + b.name + ") invalid lower_prio_no_advert "
                + (n.arg(0) == null ? "" : n.arg(0).text()) + " specified").ifPresent(v -> b.lowerPrioNoAdvert = v));
        t.add("higher_prio_send_advert", (n, b, c) -> bool(n, c, "(" + b.name + ") invalid higher_prio_send_advert "
                + (n.arg(0) == null ? "" : n.arg(0).text()) + " specified")
                .ifPresent(v -> b.higherPrioSendAdvert = v));
        t.add("down_timer_adverts", (n, b, c) -> c.integer(n, 0, 1, 100, "(" + b.name
                + "): Invalid down_timer_adverts [1:100] '" + (n.arg(0) == null ? "" : n.arg(0).text()) + "'")
                .ifPresent(v -> b.downTimerAdverts = (int) v));
        t.add("kernel_rx_buf_size", (n, b, c) -> c.integer(n, 0, 0, 0xffffffffL, "(" + b.name
                + ") invalid kernel_rx_buf_size specified").ifPresent(v -> b.kernelRxBufSize = v));
        t.add("linkbeat_use_polling", (n, b, c) -> {
            c.warn(n.position(), "(" + b.name + ") 'linkbeat_use_polling' in vrrp instance deprecated - use "
                    + "linkbeat_interfaces block", null, "linkbeat_interfaces { }", null);
            b.linkbeatUsePolling = true;
        });
        t.add("lvs_sync_daemon_interface", (n, b, c) -> {
            c.warn(n.position(), "(" + b.name + ") Specifying lvs_sync_daemon_interface against a vrrp is "
                    + "deprecated.", null, "global lvs_sync_daemon", null);
            c.string(n, 0, "interface", "ignoring it").ifPresent(v -> {
                b.lvsSyncDaemonInterface = v;
                b.lvsSyncDaemonPosition = n.position();
            });
        });
        t.add("debug", (n, b, c) -> c.integer(n, 0, 0, 4, "(" + b.name + ") Debug value '"
                + (n.arg(0) == null ? "" : n.arg(0).text()) + "' not valid; must be between 0-4"));
        t.accepted("vrf", "VRF binding is not implemented by keepalived-j");
        t.accepted("old_unicast_checksum", "keepalived-j always checks both checksum forms");
        return t;
    }

    private static void garpKeywords(KeywordTable<Builder> t) {
        t.add("garp_master_delay", (n, b, c) -> c.integer(n, 0, 0, 4294, "(" + b.name + "): garp_master_delay '"
                + word(n) + "' invalid - ignoring").ifPresent(v -> b.garpMasterDelayMicros = v * 1_000_000L));
        t.add("garp_master_repeat", (n, b, c) -> repeat(n, c, b, "garp_master_repeat")
                .ifPresent(v -> b.garpMasterRepeat = v));
        t.add("garp_master_refresh", (n, b, c) -> b.garpMasterRefreshMicros = c.integer(n, 0, 0, 0xffffffffL, "("
                + b.name + "): Invalid garp_master_refresh '" + word(n) + "' - ignoring").orElse(0) * 1_000_000L);
        t.add("garp_master_refresh_repeat", (n, b, c) -> repeat(n, c, b, "garp_master_refresh_repeat")
                .ifPresent(v -> b.garpMasterRefreshRepeat = v));
        t.add("garp_lower_prio_delay", (n, b, c) -> c.integer(n, 0, 0, 4294, "(" + b.name
                + "): garp_lower_prio_delay '" + word(n) + "' invalid - ignoring")
                .ifPresent(v -> b.garpLowerPrioDelayMicros = v * 1_000_000L));
        t.add("garp_lower_prio_repeat", (n, b, c) -> c.integer(n, 0, 0, Integer.MAX_VALUE, "(" + b.name
                + "): Invalid garp_lower_prio_repeat '" + word(n) + "'").ifPresent(v -> b.garpLowerPrioRepeat = (int) v));
        t.add(List.of("garp_extra_if", "vmac_garp_intvl"), VrrpInstanceKeywords::garpExtraIf);
    }

    private static String word(Node n) {
        return n.arg(0) == null ? "" : n.arg(0).text();
    }

    /** garp_master_repeat and _refresh_repeat: 0 is accepted but made 1, with keepalived's error. */
    private static java.util.Optional<Integer> repeat(Node n, BindContext c, Builder b, String kw) {
        java.util.OptionalLong v = c.integer(n, 0, 0, 0xffffffffL, "(" + b.name + "): " + kw + " '" + word(n)
                + "' invalid - ignoring");
        if (v.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (v.getAsLong() == 0) {
            c.warn(n.arg(0).position(), "(" + b.name + "): " + kw + " must be greater than 0, setting to 1", "0",
                    "at least 1", null);
            return java.util.Optional.of(1);
        }
        return java.util.Optional.of((int) Math.min(v.getAsLong(), Integer.MAX_VALUE));
    }

    private static void garpExtraIf(Node n, Builder b, BindContext c) {
        if (n.name().equals("vmac_garp_intvl")) {
            c.warn(n.position(), "Keyword \"vmac_garp_intvl\" is deprecated - please use \"garp_extra_if\"",
                    n.name(), "garp_extra_if", null);
        }
        Long delay = null;
        for (Token a : n.args()) {
            if (a.text().equals("all")) {
                b.garpExtraIfAll = true;
                continue;
            }
            java.util.OptionalLong v = c.integer(n, a, 0, 86400, "(" + b.name + "): " + n.name() + " '" + a.text()
                    + "' invalid - ignoring");
            if (v.isEmpty()) {
                return;
            }
            delay = v.getAsLong();
        }
        if (delay == null) {
            c.warn(n.position(), "(" + b.name + "): " + n.name() + " specified without time - ignoring", null,
                    "seconds", null);
            return;
        }
        b.garpExtraIfMicros = delay * 1_000_000L;
    }

    /** keepalived's check_true_false: no word is true; a bad word is reported with {@code message}. */
    static java.util.Optional<Boolean> bool(Node n, BindContext c, String message) {
        Token a = n.arg(0);
        if (a == null) {
            return java.util.Optional.of(Boolean.TRUE);
        }
        switch (a.text().toLowerCase(java.util.Locale.ROOT)) {
            case "on":
            case "true":
            case "yes":
                return java.util.Optional.of(Boolean.TRUE);
            case "off":
            case "false":
            case "no":
                return java.util.Optional.of(Boolean.FALSE);
            default:
                c.warn(a.position(), message.endsWith(" ") ? message + a.text() : message, a.text(),
                        "on|off|true|false|yes|no", "ignoring it");
                return java.util.Optional.empty();
        }
    }

    private static void version(Node n, Builder b, BindContext c) {
        java.util.OptionalLong v = c.integer(n, 0, 2, 3, "(" + b.name + "): Version must be either 2 or 3");
        if (v.isEmpty()) {
            return;
        }
        int version = (int) v.getAsLong();
        if ((b.version != null && b.version != version) || (version == 2 && Boolean.TRUE.equals(b.ipv6))) {
            c.warn(n.arg(0).position(), "(" + b.name + ") vrrp_version " + version + " conflicts with configured or "
                    + "deduced version " + (b.version == null ? 0 : b.version) + "; ignoring.", n.arg(0).text(),
                    null, null);
            return;
        }
        b.version = version;
    }

    static <B> void notifyKeywords(KeywordTable<B> t, java.util.function.Function<B, Notify> f,
                                   java.util.function.Function<B, String> prefix) {
        t.add("notify_master", (n, b, c) -> notifyScript(n, c, prefix.apply(b), f.apply(b).master,
                s -> f.apply(b).master = s));
        t.add("notify_backup", (n, b, c) -> notifyScript(n, c, prefix.apply(b), f.apply(b).backup,
                s -> f.apply(b).backup = s));
        t.add("notify_fault", (n, b, c) -> notifyScript(n, c, prefix.apply(b), f.apply(b).fault,
                s -> f.apply(b).fault = s));
        t.add("notify_stop", (n, b, c) -> notifyScript(n, c, prefix.apply(b), f.apply(b).stop,
                s -> f.apply(b).stop = s));
        t.add("notify", (n, b, c) -> notifyScript(n, c, prefix.apply(b), f.apply(b).generic,
                s -> f.apply(b).generic = s));
    }

    /** One notify command; a second one for the same event is ignored, as keepalived does. */
    private static void notifyScript(Node n, BindContext c, String prefix, ScriptCommand existing,
                                     java.util.function.Consumer<ScriptCommand> set) {
        if (existing != null) {
            String kw = n.name().equals("notify") ? "notify" : n.name();
            c.warn(n.position(), prefix + kw + " script already specified - ignoring " + word(n), word(n), null, null);
            return;
        }
        Scripts.parse(n, 0, c).ifPresent(set);
    }

    private static void state(Node n, Builder b, BindContext c) {
        Optional<Token> s = c.required(n, 0, "state", "defaulting to BACKUP");
        if (s.isEmpty()) {
            return;
        }
        switch (s.get().text()) {
            case "MASTER":
                b.state = VrrpState.MASTER;
                break;
            case "BACKUP":
                if (b.state == VrrpState.MASTER) {
                    c.warn(s.get().position(), "(" + b.name + ") state previously set as MASTER - ignoring BACKUP",
                            s.get().text(), null, null);
                } else {
                    b.state = VrrpState.BACKUP;
                }
                break;
            default:
                c.warn(s.get().position(), "(" + b.name + ") unknown state '" + s.get().text()
                        + "', defaulting to BACKUP", s.get().text(), "MASTER or BACKUP (upper case)", null);
                b.state = VrrpState.BACKUP;
        }
        c.extraWords(n, 1);
    }

    private static void authentication(Node n, Builder b, BindContext c) {
        if (!c.requireBlock(n)) {
            return;
        }
        b.authPosition = n.position();
        for (Node line : n.block()) {
            switch (line.name()) {
                case "auth_type": {
                    Optional<Token> t = c.required(line, 0, "type", "ignoring it");
                    if (t.isEmpty()) {
                        break;
                    }
                    if (t.get().text().equals("PASS")) {
                        b.authType = VrrpAuthentication.Type.PASS;
                    } else if (t.get().text().equals("AH")) {
                        b.authType = VrrpAuthentication.Type.AH;
                    } else {
                        c.warn(t.get().position(), "(" + b.name + ") unknown authentication type '"
                                + t.get().text() + "'", t.get().text(), "PASS or AH", "ignoring it");
                    }
                    break;
                }
                case "auth_pass": {
                    Optional<Token> t = c.required(line, 0, "password", "ignoring it");
                    if (t.isEmpty()) {
                        break;
                    }
                    String p = t.get().text();
                    if (p.length() > 8) {
                        c.warn(t.get().position(), "Truncating auth_pass to 8 characters", p, "at most 8 characters",
                                "using '" + p.substring(0, 8) + "'");
                        p = p.substring(0, 8);
                    }
                    b.authPass = p;
                    break;
                }
                default:
                    c.warn(line.position(), "Unknown keyword '" + line.name() + "'", line.name(),
                            "auth_type or auth_pass", line.hasBlock() ? "ignoring it and its block" : "ignoring it");
            }
        }
    }

    private static void sourceIp(Node n, Builder b, BindContext c) {
        if (n.name().equals("unicast_src_ip")) {
            b.unicastKeywordSeen = true;
        }
        Optional<Token> t = c.required(n, 0, "address", "ignoring it");
        if (t.isEmpty()) {
            return;
        }
        InetAddress a = VrrpWords.ip(t.get().text());
        if (a == null) {
            c.warn(t.get().position(), "Configuration error: VRRP instance[" + b.name + "] malformed src address["
                    + t.get().text() + "]. Skipping...", t.get().text(), "an IP address", null);
            return;
        }
        boolean v6 = a.getAddress().length == 16;
        if (b.ipv6 != null && b.ipv6 != v6) {
            c.warn(t.get().position(), "Configuration error: VRRP instance[" + b.name + "] and src address["
                    + t.get().text() + "] MUST be of the same family !!! Skipping...", t.get().text(),
                    b.ipv6 ? "an IPv6 address" : "an IPv4 address", null);
            return;
        }
        b.ipv6 = v6;
        b.srcIp = a;
    }

    private static void mcastDstIp(Node n, Builder b, BindContext c) {
        Optional<Token> t = c.required(n, 0, "address", "using the global group");
        if (t.isEmpty()) {
            return;
        }
        String w = t.get().text();
        InetAddress a = VrrpWords.ip(w);
        if (a == null) {
            c.warn(t.get().position(), "(" + b.name + ") malformed mcast dest address " + w + ". Skipping...", w,
                    "a multicast address", null);
            return;
        }
        boolean v6 = a.getAddress().length == 16;
        if (b.ipv6 != null && b.ipv6 != v6) {
            c.warn(t.get().position(), "(" + b.name + ") mcast dest address " + w + " MUST match VRRP instance family. "
                    + "Skipping...", w, b.ipv6 ? "an IPv6 address" : "an IPv4 address", null);
            return;
        }
        b.ipv6 = v6;
        if (!a.isMulticastAddress() || (v6 && !a.isMCLinkLocal())) {
            c.warn(t.get().position(), "(" + b.name + ") mcast_dst_ip " + w + " not" + (v6 ? " link-local" : "")
                    + " multicast. Skipping...", w, "a multicast address", null);
            return;
        }
        b.mcastDstIp = a;
    }

    private static void unicastPeers(Node n, Builder b, BindContext c) {
        b.unicastKeywordSeen = true;
        if (!c.requireBlock(n)) {
            return;
        }
        for (Node line : n.block()) {
            InetAddress a = VrrpWords.ip(line.name());
            if (a == null) {
                c.warn(line.position(), "(" + b.name + ") unicast_peer address '" + line.name() + "' is invalid",
                        line.name(), "an IP address", "ignoring it");
                continue;
            }
            boolean v6 = a.getAddress().length == 16;
            if (b.ipv6 != null && b.ipv6 != v6) {
                c.warn(line.position(), "(" + b.name + ") Unicast peer address family must match VRRP instance - "
                        + "ignoring " + line.name(), line.name(), null, null);
                continue;
            }
            b.ipv6 = v6;
            int min = 0;
            int max = 255;
            boolean ttl = false;
            List<Token> args = line.args();
            for (int i = 0; i < args.size(); i++) {
                Token o = args.get(i);
                if ((o.text().equals("min_ttl") || o.text().equals("max_ttl")) && i + 1 < args.size()) {
                    java.util.OptionalLong v = c.integer(line, args.get(++i), 0, 255, "ignoring it");
                    if (v.isPresent()) {
                        ttl = true;
                        if (o.text().equals("min_ttl")) {
                            min = (int) v.getAsLong();
                        } else {
                            max = (int) v.getAsLong();
                        }
                    }
                } else {
                    c.warn(o.position(), "Unknown unicast_peer option '" + o.text() + "'", o.text(),
                            "min_ttl N or max_ttl N", "ignoring it");
                }
            }
            if (min > max) {
                c.warn(line.position(), "(" + b.name + ") unicast_peer " + line.name() + " min_ttl " + min
                        + " is greater than max_ttl " + max, null, null, "ignoring the TTL range");
                min = 0;
                max = 255;
                ttl = false;
            }
            b.peers.add(new VrrpUnicastPeer(a, min, max, ttl, line.position()));
        }
    }

    private static void addresses(Node n, Builder b, BindContext c, List<VrrpAddress> out, boolean excluded) {
        if (!c.requireBlock(n)) {
            return;
        }
        for (Node line : n.block()) {
            VrrpAddress a = VrrpAddressParser.parse(line, c, false, b.interfaceKnown);
            if (a == null) {
                continue;
            }
            if (!excluded) {
                if (b.ipv6 == null) {
                    b.ipv6 = a.isIpv6();
                } else if (b.ipv6 != a.isIpv6()) {
                    c.warn(line.position(), "(" + b.name + ") address family must match VRRP instance ["
                            + line.name() + "] - ignoring", line.name(),
                            b.ipv6 ? "an IPv6 address" : "an IPv4 address", null);
                    continue;
                }
            }
            out.add(a);
        }
    }

    private static void useVmac(Node n, Builder b, BindContext c) {
        b.vmacPosition = n.position();
        for (Token t : n.args()) {
            String s = t.text();
            if (s.equals("netlink_notify_msg")) {
                continue;
            }
            if (s.indexOf(':') >= 0) {
                if (!s.matches("([0-9A-Fa-f]{1,2}:){4,5}[0-9A-Fa-f]{1,2}")) {
                    c.warn(t.position(), "(" + b.name + ") use_vmac MAC address '" + s + "' is invalid", s,
                            "xx:xx:xx:xx:xx[:xx]", "using the default MAC");
                } else {
                    b.vmacMac = s.toLowerCase(java.util.Locale.ROOT);
                }
            } else if (b.vmacName == null) {
                if (s.length() > 15) {
                    c.warn(t.position(), "(" + b.name + ") VMAC interface name '" + s + "' too long", s,
                            "at most 15 characters", "using the default name");
                } else {
                    b.vmacName = s;
                }
            } else {
                c.warn(t.position(), "(" + b.name + ") unknown use_vmac option '" + s + "'", s, null, "ignoring it");
            }
        }
    }
}
