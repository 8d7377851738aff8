package keepalivedj.conf.bind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.conf.Position;
import keepalivedj.conf.Severity;
import keepalivedj.conf.model.BfdInstance;
import keepalivedj.conf.model.GlobalDefs;
import keepalivedj.conf.model.InterfaceUpDownDelay;
import keepalivedj.conf.model.LinkbeatInterface;
import keepalivedj.conf.model.VrrpAddress;
import keepalivedj.conf.model.VrrpConfig;
import keepalivedj.conf.model.VrrpGarpGroup;
import keepalivedj.conf.model.VrrpInstance;
import keepalivedj.conf.model.VrrpRoute;
import keepalivedj.conf.model.VrrpRule;
import keepalivedj.conf.model.VrrpScript;
import keepalivedj.conf.model.VrrpSyncGroup;
import keepalivedj.conf.model.VrrpTrackFile;
import keepalivedj.conf.model.VrrpTrackGroup;
import keepalivedj.conf.model.VrrpTrackProcess;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * The VRRP side of keepalived.conf: {@code global_defs} and every VRRP top-level block. The top-level binder
 * hands it, in file order, each top-level node it {@link #knows}; {@link #globalDefs()} and {@link #finish()}
 * then give the effective, validated records. Not thread-safe; one instance reads one configuration.
 * It does not judge script security (the lead's ScriptSecurity does, over every ScriptCommand of the model).
 */
public final class VrrpSections {
    private static final Set<String> TOP_LEVEL = Set.of("global_defs", "vrrp_script", "track_file",
            "vrrp_track_file", "vrrp_track_process", "vrrp_instance", "vrrp_sync_group", "static_ipaddress",
            "static_routes", "static_rules", "linkbeat_interfaces", "interface_up_down_delays", "track_group",
            "garp_group", "bfd_instance");

    private final BindContext ctx;
    private final HostEnvironment host;
    private final GlobalDefsKeywords.Builder global = new GlobalDefsKeywords.Builder();
    private final VrrpRuleParser.AutoPreference autoPreference = new VrrpRuleParser.AutoPreference();
    private final Map<String, VrrpTrackerKeywords.Script> scripts = new LinkedHashMap<>();
    private final Map<String, VrrpTrackerKeywords.File> files = new LinkedHashMap<>();
    private final Map<String, VrrpTrackerKeywords.Process> processes = new LinkedHashMap<>();
    private final Map<String, VrrpTrackerKeywords.Bfd> bfds = new LinkedHashMap<>();
    private final Map<String, VrrpInstanceKeywords.Builder> instances = new LinkedHashMap<>();
    private final Map<String, VrrpSyncGroupKeywords.Builder> groups = new LinkedHashMap<>();
    private final List<VrrpAddress> staticAddresses = new ArrayList<>();
    private final List<VrrpRoute> staticRoutes = new ArrayList<>();
    private final List<VrrpRule> staticRules = new ArrayList<>();
    private final List<LinkbeatInterface> linkbeat = new ArrayList<>();
    private final List<InterfaceUpDownDelay> upDownDelays = new ArrayList<>();
    private final Map<String, VrrpTrackGroup> trackGroups = new LinkedHashMap<>();
    private final List<VrrpGarpGroup> garpGroups = new ArrayList<>();
    private final java.util.Set<String> garpInterfaces = new java.util.HashSet<>();
    private GlobalDefs globalDefs;
    private VrrpConfig result;

    public VrrpSections(BindContext ctx, HostEnvironment host) {
        this.ctx = ctx;
        this.host = host;
    }

    /** Whether {@code topLevelKeyword} is global_defs or a VRRP-side top-level block. */
    public boolean knows(String topLevelKeyword) {
        return TOP_LEVEL.contains(topLevelKeyword);
    }

    /** Reads one top-level node this side {@link #knows}; called in file order. */
    public void bind(Node node) {
        globalDefs = null;
        switch (node.name()) {
            case "global_defs":
                if (global.position == null) {
                    global.position = node.position();
                }
                if (ctx.requireBlock(node)) {
                    Token before = global.scriptUserToken;
                    GlobalDefsKeywords.TABLE.bindAll(node.block(), global, ctx);
                    if (global.scriptUserToken != before) {
                        checkScriptUser();
                    }
                }
                break;
            case "vrrp_script":
                named(node, scripts, VrrpTrackerKeywords.Script::new, VrrpTrackerKeywords.SCRIPT);
                break;
            case "vrrp_track_file":
                ctx.note(node.position(), "'vrrp_track_file' is a deprecated synonym of 'track_file'");
                named(node, files, VrrpTrackerKeywords.File::new, VrrpTrackerKeywords.FILE);
                break;
            case "track_file":
                named(node, files, VrrpTrackerKeywords.File::new, VrrpTrackerKeywords.FILE);
                break;
            case "vrrp_track_process":
                named(node, processes, VrrpTrackerKeywords.Process::new, VrrpTrackerKeywords.PROCESS);
                break;
            case "bfd_instance":
                named(node, bfds, VrrpTrackerKeywords.Bfd::new, VrrpTrackerKeywords.BFD);
                break;
            case "vrrp_instance": {
                VrrpInstanceKeywords.Builder b = named(node, instances,
                        (n, p) -> new VrrpInstanceKeywords.Builder(n, p, autoPreference, this::interfaceKnown),
                        VrrpInstanceKeywords.TABLE);
                if (b != null && b.lvsSyncDaemonInterface != null) {
                    lvsSyncDaemonInterface(b);
                }
                break;
            }
            case "vrrp_sync_group":
                named(node, groups, VrrpSyncGroupKeywords.Builder::new, VrrpSyncGroupKeywords.TABLE);
                break;
            case "static_ipaddress":
                eachLine(node, line -> {
                    VrrpAddress a = VrrpAddressParser.parse(line, ctx, true, this::interfaceKnown);
                    if (a != null) {
                        staticAddresses.add(a);
                    }
                });
                break;
            case "static_routes":
                eachLine(node, line -> {
                    VrrpRoute r = VrrpRouteParser.parse(line, ctx, true, this::interfaceKnown);
                    if (r != null) {
                        staticRoutes.add(r);
                    }
                });
                break;
            case "static_rules":
                eachLine(node, line -> {
                    VrrpRule r = VrrpRuleParser.parse(line, ctx, autoPreference, true, this::interfaceKnown);
                    if (r != null) {
                        staticRules.add(r);
                    }
                });
                break;
            case "linkbeat_interfaces":
                eachLine(node, this::linkbeatLine);
                break;
            case "interface_up_down_delays":
                eachLine(node, this::upDownLine);
                break;
            case "track_group":
                trackGroup(node);
                break;
            case "garp_group":
                garpGroup(node);
                break;
            default:
                ctx.warn(node.position(), "Unknown keyword '" + node.name() + "'", node.name(),
                        "a VRRP-side top-level keyword", "ignoring it");
        }
    }

    /** keepalived resolves script_user when it reads it; an unknown user or group leaves the default. */
    private void checkScriptUser() {
        boolean userOk = host.userId(global.scriptUser).isPresent();
        boolean groupOk = global.scriptGroup == null || host.groupId(global.scriptGroup).isPresent();
        if (!userOk || !groupOk) {
            ctx.warn(global.scriptUserToken.position(), "Error setting global script uid/gid",
                    userOk ? global.scriptGroup : global.scriptUser, "a user (and group) of this host",
                    "using the default script user");
            global.scriptUser = null;
            global.scriptGroup = null;
        }
    }

    private boolean interfaceKnown(String name) {
        return global.dynamicInterfaces || host.interfaceExists(name);
    }

    /** The effective global_defs (defaults filled in); valid once every node is bound. */
    public GlobalDefs globalDefs() {
        if (globalDefs == null) {
            globalDefs = global.build(host, name -> {
                VrrpInstanceKeywords.Builder b = instances.get(name);
                return b == null || b.vrid == null ? 0 : b.vrid;
            });
        }
        return globalDefs;
    }

    /** Completes and validates everything; the diagnostics go to the context. Idempotent. */
    public VrrpConfig finish() {
        if (result == null) {
            global.checkSmtpAuth(ctx);
            result = new VrrpCompletion(ctx, host, globalDefs()).complete(this);
        }
        return result;
    }

    // ---- accessors for VrrpCompletion ------------------------------------------------------------------------

    Map<String, VrrpTrackerKeywords.Script> scripts() {
        return scripts;
    }

    Map<String, VrrpTrackerKeywords.File> files() {
        return files;
    }

    Map<String, VrrpTrackerKeywords.Process> processes() {
        return processes;
    }

    Map<String, VrrpTrackerKeywords.Bfd> bfds() {
        return bfds;
    }

    Map<String, VrrpInstanceKeywords.Builder> instances() {
        return instances;
    }

    Map<String, VrrpSyncGroupKeywords.Builder> groups() {
        return groups;
    }

    List<VrrpAddress> staticAddresses() {
        return staticAddresses;
    }

    VrrpConfig assemble(List<VrrpScript> s, List<VrrpTrackFile> f, List<VrrpTrackProcess> p, List<BfdInstance> b,
                        List<VrrpInstance> i, List<VrrpSyncGroup> g, List<VrrpAddress> statics) {
        return new VrrpConfig(s, f, p, b, i, g, statics, staticRoutes, staticRules, linkbeat, upDownDelays,
                new ArrayList<>(trackGroups.values()), garpGroups);
    }

    GlobalLvsSync lvsSync() {
        return global.lvsSyncDaemon == null ? null
                : new GlobalLvsSync(global.lvsSyncDaemon.interfaceName, global.lvsSyncDaemon.instance,
                global.lvsSyncDaemon.position);
    }

    record GlobalLvsSync(String interfaceName, String instance, Position position) {
    }

    // ---- readers ---------------------------------------------------------------------------------------------

    /** keepalived's messages for a nameless or repeated named block; other blocks get ours. */
    private static String noName(String kw) {
        return kw.equals("vrrp_instance") ? "vrrp_instance must have a name" : kw + " must have a name - skipping";
    }

    private static String duplicate(String kw, String name) {
        switch (kw) {
            case "vrrp_instance":
                return "vrrp instance " + name + " already defined";
            case "vrrp_sync_group":
                return "vrrp sync group " + name + " already defined";
            default:
                return kw + " " + name + " already defined";
        }
    }

    /** Reads a {@code KEYWORD NAME { ... }} block into a new builder; null when it is skipped (reported). */
    private <B> B named(Node node, Map<String, B> into, java.util.function.BiFunction<String, Position, B> make,
                        KeywordTable<B> table) {
        if (node.args().size() != 1) {
            ctx.warn(node.position(), noName(node.name()), node.lineText(), node.name() + " NAME",
                    "ignoring the block");
            return null;
        }
        if (!ctx.requireBlock(node)) {
            return null;
        }
        Token name = node.arg(0);
        if (into.containsKey(name.text())) {
            ctx.warn(name.position(), duplicate(node.name(), name.text()), name.text(), "a unique name",
                    "ignoring this definition");
            return null;
        }
        B b = make.apply(name.text(), node.position());
        into.put(name.text(), b);
        table.bindAll(node.block(), b, ctx);
        return b;
    }

    /** The deprecated per-instance keyword sets the global sync daemon, once (keepalived's vrrp_lvs_syncd). */
    private void lvsSyncDaemonInterface(VrrpInstanceKeywords.Builder b) {
        if (global.lvsSyncDaemon != null) {
            ctx.warn(b.lvsSyncDaemonPosition, "(" + b.name + ") lvs_sync_daemon_interface has already been specified as "
                    + global.lvsSyncDaemon.interfaceName + " - ignoring", b.lvsSyncDaemonInterface, null, null);
            return;
        }
        GlobalDefsKeywords.SyncDaemon d = new GlobalDefsKeywords.SyncDaemon();
        d.interfaceName = b.lvsSyncDaemonInterface;
        d.instance = b.name;
        d.position = b.lvsSyncDaemonPosition;
        global.lvsSyncDaemon = d;
    }

    private void eachLine(Node node, java.util.function.Consumer<Node> each) {
        if (ctx.requireBlock(node)) {
            node.block().forEach(each);
        }
    }

    private void linkbeatLine(Node line) {
        if (!interfaceKnown(line.name())) {
            ctx.report(Severity.FATAL, line.position(), "unknown interface " + line.name()
                    + " specified for linkbeat interface", line.name(), "an interface of this host", "ignoring it");
            return;
        }
        String mode = null;
        Token m = line.arg(0);
        if (m != null) {
            if (List.of("MII", "ETHTOOL", "IOCTL").contains(m.text())) {
                mode = m.text();
            }
            if (mode == null || line.args().size() > 1) {
                ctx.warn(m.position(), "extra characters " + m.text() + " in linkbeat interface", m.text(),
                        "MII, ETHTOOL or IOCTL", null);
            }
        }
        linkbeat.add(new LinkbeatInterface(line.name(), mode, line.position()));
    }

    private void upDownLine(Node line) {
        if (!interfaceKnown(line.name())) {
            ctx.report(Severity.FATAL, line.position(), "unknown interface " + line.name()
                    + " specified for up/down delay", line.name(), "an interface of this host", "ignoring it");
            return;
        }
        if (line.arg(0) == null) {
            ctx.note(line.position(), "No timeouts specified for " + line.name() + " up/down delays");
            return;
        }
        if (line.args().size() > 2) {
            ctx.note(line.position(), "Too many parameters for " + line.name() + " up/down delays");
        }
        Long down = delay(line.arg(0));
        if (down == null) {
            ctx.note(line.arg(0).position(), "Invalid down delay " + line.arg(0).text() + " for " + line.name());
            return;
        }
        Long up = line.arg(1) == null ? Long.valueOf(0) : delay(line.arg(1));
        if (up == null) {
            ctx.note(line.arg(1).position(), "Invalid up delay " + line.arg(1).text() + " for " + line.name());
            return;
        }
        upDownDelays.add(new InterfaceUpDownDelay(line.name(), down, up, line.position()));
    }

    /** A timer of 0..255 s with up to six decimals, in µs; null when invalid. */
    private static Long delay(Token t) {
        try {
            java.math.BigDecimal secs = new java.math.BigDecimal(t.text());
            long us = secs.movePointRight(6).longValueExact();
            return us >= 0 && us <= 255_000_000L ? us : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private void trackGroup(Node node) {
        if (node.args().size() != 1) {
            ctx.warn(node.position(), "track_group must have a name - skipping", node.lineText(), "track_group NAME",
                    "ignoring the block");
            return;
        }
        String name = node.arg(0).text();
        if (trackGroups.containsKey(name)) {
            ctx.warn(node.arg(0).position(), "track_group " + name + " already defined", name, "a unique name",
                    "ignoring this definition");
            return;
        }
        if (!ctx.requireBlock(node)) {
            return;
        }
        List<String> members = new ArrayList<>();
        boolean groupSeen = false;
        for (Node line : node.block()) {
            if (!line.name().equals("group")) {
                ctx.warn(line.position(), "Unknown keyword '" + line.name() + "'", line.name(), "group",
                        line.hasBlock() ? "ignoring it and its block" : "ignoring it");
            } else if (groupSeen) {
                ctx.warn(line.position(), "Group list already specified for sync group " + name, null, null,
                        "ignoring it and its block");
            } else if (ctx.requireBlock(line)) {
                groupSeen = true;
                for (Node m : line.block()) {
                    VrrpWords.words(m).forEach(t -> members.add(t.text()));
                }
                if (members.isEmpty()) {
                    ctx.warn(line.position(), "Warning - track group " + name + " has empty group block", null,
                            "vrrp_instance names", null);
                }
            }
        }
        if (members.isEmpty()) {
            ctx.warn(node.position(), "Static track group " + name + " has no members - removing", null, null, null);
            return;
        }
        trackGroups.put(name, new VrrpTrackGroup(name, members, node.position()));
    }

    private void garpGroup(Node node) {
        if (!ctx.requireBlock(node)) {
            return;
        }
        Long garp = null;
        Long gna = null;
        List<String> ifs = new ArrayList<>();
        boolean aggregation = false;
        for (Node line : node.block()) {
            switch (line.name()) {
                case "garp_interval":
                case "gna_interval": {
                    Long v = line.arg(0) == null ? null : garpDelay(line.arg(0));
                    if (v == null) {
                        ctx.warn(line.position(), "garp_group " + line.name() + " '"
                                + (line.arg(0) == null ? "" : line.arg(0).text()) + "' invalid", null,
                                "seconds 0..2147.483647", null);
                    } else if (line.name().equals("garp_interval")) {
                        garp = v;
                    } else {
                        gna = v;
                    }
                    if (v != null && v >= 1_000_000L) {
                        ctx.note(line.position(), "The " + line.name() + " is very large - " + line.arg(0).text()
                                + " seconds");
                    }
                    break;
                }
                case "interface":
                    ctx.string(line, 0, "interface", "ignoring it").ifPresent(i -> garpInterface(i, line, ifs));
                    break;
                case "interfaces":
                    aggregation = true;
                    if (ctx.requireBlock(line)) {
                        if (line.block().isEmpty()) {
                            ctx.warn(line.position(), "Warning - empty garp_group interfaces block", null,
                                    "interface names", null);
                        }
                        for (Node m : line.block()) {
                            VrrpWords.words(m).forEach(t -> garpInterface(t.text(), m, ifs));
                        }
                    }
                    break;
                default:
                    ctx.warn(line.position(), "Unknown keyword '" + line.name() + "'", line.name(),
                            "a keyword of garp_group", line.hasBlock() ? "ignoring it and its block" : "ignoring it");
            }
        }
        if (garp == null && gna == null) {
            long group = aggregation ? garpGroups.stream().filter(g -> g.interfaces().size() > 0).count() + 1 : 0;
            ctx.warn(node.position(), "garp group " + group + " does not have any delay set - removing", null,
                    "garp_interval or gna_interval", null);
            garpInterfaces.removeAll(ifs);
            return;
        }
        garpGroups.add(new VrrpGarpGroup(garp == null ? 0 : garp, gna == null ? 0 : gna, ifs, node.position()));
    }

    private void garpInterface(String name, Node at, List<String> ifs) {
        if (!host.interfaceExists(name)) {
            String msg = "WARNING - interface " + name + " specified for garp_group doesn't exist";
            if (global.dynamicInterfaces) {
                ctx.note(at.position(), msg);
            } else {
                ctx.warn(at.position(), msg, name, "an interface of this host", "ignoring it");
            }
            return;
        }
        if (garpInterfaces.contains(name) || ifs.contains(name)) {
            ctx.warn(at.position(), "garp_group already specified for " + name + " - ignoring", name, null, null);
            return;
        }
        garpInterfaces.add(name);
        ifs.add(name);
    }

    /** garp_group intervals: 0..INT_MAX µs with up to six decimals; null when invalid. */
    private static Long garpDelay(Token t) {
        try {
            long us = new java.math.BigDecimal(t.text()).movePointRight(6).longValueExact();
            return us >= 0 && us <= Integer.MAX_VALUE ? us : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        Map<String, T> m = new HashMap<>();
        for (T t : items) {
            m.put(name.apply(t), t);
        }
        return m;
    }

    static void fatal(BindContext ctx, Position at, String message) {
        ctx.report(Severity.FATAL, at, message, null, null, null);
    }
}
