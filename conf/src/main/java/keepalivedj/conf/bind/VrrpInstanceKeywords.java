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
        int unicastTtl = 255;
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
            b.interfaceToken = v;
            c.extraWords(n, 1);
        }));
        t.add("virtual_router_id", (n, b, c) -> c.integer(n, 0, 1, 255, "the instance cannot run without one")
                .ifPresent(v -> b.vrid = (int) v));
        // an invalid priority is set to 100 explicitly, so 'state MASTER' no longer implies 255
        t.add("priority", (n, b, c) -> b.priority = (int) c.integer(n, 0, 1, 255, "using default 100").orElse(100));
        t.add("advert_int", (n, b, c) -> c.micros(n, 0, 1, MAX_TIMER, "using default 1").ifPresent(v -> {
            b.advertIntMicros = v;
            b.advertPosition = n.arg(0).position();
        }));
        t.add("version", (n, b, c) -> c.integer(n, 0, 2, 3, "using the global vrrp_version")
                .ifPresent(v -> b.version = (int) v));
        t.add("nopreempt", (n, b, c) -> b.nopreempt = true);
        t.add("preempt", (n, b, c) -> b.nopreempt = false);
        t.add("preempt_delay", (n, b, c) -> c.micros(n, 0, 0, 1_000_000_000L, "using default 0")
                .ifPresent(v -> b.preemptDelayMicros = v));
        t.add("authentication", VrrpInstanceKeywords::authentication);
        t.add(List.of("unicast_src_ip", "mcast_src_ip"), VrrpInstanceKeywords::sourceIp);
        t.add("unicast_peer", VrrpInstanceKeywords::unicastPeers);
        t.add("unicast_ttl", (n, b, c) -> {
            b.unicastKeywordSeen = true;
            c.integer(n, 0, 1, 255, "using default 255").ifPresent(v -> b.unicastTtl = (int) v);
        });
        t.add("check_unicast_src", (n, b, c) -> c.bool(n, 0, "ignoring it").ifPresent(v -> b.checkUnicastSrc = v));
        flag(t, "unicast_fault_no_peer", (b, v) -> b.unicastFaultNoPeer = v);
        t.add("mcast_dst_ip", (n, b, c) -> c.required(n, 0, "address", "using the global group").ifPresent(a -> {
            InetAddress ip = VrrpWords.ip(a.text());
            if (ip == null || !ip.isMulticastAddress()) {
                c.warn(a.position(), "(" + b.name + ") mcast_dst_ip '" + a.text() + "' is invalid", a.text(),
                        "a multicast address", "using the global group");
            } else {
                b.mcastDstIp = ip;
            }
        }));
        flag(t, "track_src_ip", (b, v) -> b.trackSrcIp = v);
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
        notifyKeywords(t, b -> b.notify);
        t.add("notify_deleted", (n, b, c) -> Scripts.parse(n, 0, c).ifPresent(s -> b.notify.deleted = s));
        t.add("notify_master_rx_lower_pri",
                (n, b, c) -> Scripts.parse(n, 0, c).ifPresent(s -> b.notify.masterRxLowerPri = s));
        t.add("smtp_alert", (n, b, c) -> c.bool(n, 0, "ignoring it").ifPresent(v -> b.smtpAlert = v));
        t.add("notify_priority_changes",
                (n, b, c) -> c.bool(n, 0, "ignoring it").ifPresent(v -> b.notifyPriorityChanges = v));
        flag(t, "promote_secondaries", (b, v) -> b.promoteSecondaries = v);
        t.add("accept", (n, b, c) -> b.accept = true);
        t.add("no_accept", (n, b, c) -> b.accept = false);
        t.add("strict_mode", (n, b, c) -> c.bool(n, 0, "ignoring it").ifPresent(v -> b.strictMode = v));
        t.add("skip_check_adv_addr", (n, b, c) -> c.bool(n, 0, "ignoring it").ifPresent(v -> b.skipCheckAdvAddr = v));
        flag(t, "dont_track_primary", (b, v) -> b.dontTrackPrimary = v);
        t.add("use_vmac", VrrpInstanceKeywords::useVmac);
        t.add("vmac_xmit_base", (n, b, c) -> b.vmacXmitBase = true);
        t.add("use_vmac_addr", (n, b, c) -> b.useVmacAddr = true);
        t.accepted("use_ipvlan", "ipvlan interfaces are not created by keepalived-j");
        t.add("native_ipv6", (n, b, c) -> {
            c.warn(n.position(), "'native_ipv6' is deprecated", null, "IPv6 virtual addresses", null);
            b.ipv6 = true;
        });
        t.add("garp_master_delay", (n, b, c) -> c.integer(n, 0, 0, Integer.MAX_VALUE / 1_000_000,
                "using the global value").ifPresent(v -> b.garpMasterDelayMicros = v * 1_000_000L));
        t.add("garp_master_repeat", (n, b, c) -> c.integer(n, 0, 0, Integer.MAX_VALUE, "using the global value")
                .ifPresent(v -> b.garpMasterRepeat = (int) v));
        t.add("garp_master_refresh", (n, b, c) -> c.integer(n, 0, 0, Integer.MAX_VALUE / 1_000_000,
                "using the global value").ifPresent(v -> b.garpMasterRefreshMicros = v * 1_000_000L));
        t.add("garp_master_refresh_repeat", (n, b, c) -> c.integer(n, 0, 0, Integer.MAX_VALUE,
                "using the global value").ifPresent(v -> b.garpMasterRefreshRepeat = (int) v));
        t.add("garp_lower_prio_delay", (n, b, c) -> c.integer(n, 0, 0, Integer.MAX_VALUE / 1_000_000,
                "using the global value").ifPresent(v -> b.garpLowerPrioDelayMicros = v * 1_000_000L));
        t.add("garp_lower_prio_repeat", (n, b, c) -> c.integer(n, 0, 0, Integer.MAX_VALUE,
                "using the global value").ifPresent(v -> b.garpLowerPrioRepeat = (int) v));
        t.add("garp_extra_if", (n, b, c) -> {
            int i = n.arg(0) != null && n.arg(0).text().equals("all") ? 1 : 0;
            c.integer(n, i, 0, 86400, "ignoring it").ifPresent(v -> b.garpExtraIfMicros = v * 1_000_000L);
        });
        t.deprecated("vmac_garp_intvl", "garp_extra_if", (n, b, c) -> {
            int i = n.arg(0) != null && n.arg(0).text().equals("all") ? 1 : 0;
            c.integer(n, i, 0, 86400, "ignoring it").ifPresent(v -> b.garpExtraIfMicros = v * 1_000_000L);
        });
        t.add("lower_prio_no_advert", (n, b, c) -> c.bool(n, 0, "ignoring it").ifPresent(v -> b.lowerPrioNoAdvert = v));
        t.add("higher_prio_send_advert",
                (n, b, c) -> c.bool(n, 0, "ignoring it").ifPresent(v -> b.higherPrioSendAdvert = v));
        t.add("down_timer_adverts", (n, b, c) -> c.integer(n, 0, 1, 100, "using the global value")
                .ifPresent(v -> b.downTimerAdverts = (int) v));
        t.add("kernel_rx_buf_size", (n, b, c) -> c.integer(n, 0, 0, Integer.MAX_VALUE, "using the kernel default")
                .ifPresent(v -> b.kernelRxBufSize = v));
        flag(t, "linkbeat_use_polling", (b, v) -> b.linkbeatUsePolling = v);
        t.deprecated("lvs_sync_daemon_interface", "lvs_sync_daemon",
                (n, b, c) -> c.string(n, 0, "interface", "ignoring it").ifPresent(v -> b.lvsSyncDaemonInterface = v));
        t.add("debug", (n, b, c) -> c.integer(n, 0, 0, 4, "using 0"));
        t.accepted("vrf", "VRF binding is not implemented by keepalived-j");
        t.accepted("old_unicast_checksum", "keepalived-j always checks both checksum forms");
        return t;
    }

    static <B> void notifyKeywords(KeywordTable<B> t, java.util.function.Function<B, Notify> f) {
        t.add("notify_master", (n, b, c) -> Scripts.parse(n, 0, c).ifPresent(s -> f.apply(b).master = s));
        t.add("notify_backup", (n, b, c) -> Scripts.parse(n, 0, c).ifPresent(s -> f.apply(b).backup = s));
        t.add("notify_fault", (n, b, c) -> Scripts.parse(n, 0, c).ifPresent(s -> f.apply(b).fault = s));
        t.add("notify_stop", (n, b, c) -> Scripts.parse(n, 0, c).ifPresent(s -> f.apply(b).stop = s));
        t.add("notify", (n, b, c) -> Scripts.parse(n, 0, c).ifPresent(s -> f.apply(b).generic = s));
    }

    private static void flag(KeywordTable<Builder> t, String kw, BiConsumer<Builder, Boolean> set) {
        t.add(kw, (n, b, c) -> c.bool(n, 0, "ignoring it").ifPresent(v -> set.accept(b, v)));
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
                b.state = VrrpState.BACKUP;
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
            c.warn(t.get().position(), "Configuration error: VRRP instance[" + b.name + "] malformed "
                    + n.name() + " address[" + t.get().text() + "]. Skipping...", t.get().text(), "an IP address",
                    null);
            return;
        }
        boolean v6 = a.getAddress().length == 16;
        if (b.ipv6 != null && b.ipv6 != v6) {
            c.warn(t.get().position(), "(" + b.name + ") " + n.name() + " address family must match VRRP instance",
                    t.get().text(), b.ipv6 ? "an IPv6 address" : "an IPv4 address", "ignoring it");
            return;
        }
        b.ipv6 = v6;
        b.srcIp = a;
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
