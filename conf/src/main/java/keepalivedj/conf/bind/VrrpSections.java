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
                    GlobalDefsKeywords.TABLE.bindAll(node.block(), global, ctx);
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
            case "vrrp_instance":
                named(node, instances, (n, p) -> new VrrpInstanceKeywords.Builder(n, p, autoPreference, this::interfaceKnown),
                        VrrpInstanceKeywords.TABLE);
                break;
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

    private <B> void named(Node node, Map<String, B> into, java.util.function.BiFunction<String, Position, B> make,
                           KeywordTable<B> table) {
        Optional<Token> name = ctx.required(node, 0, "name", "ignoring the block");
        if (name.isEmpty()) {
            return;
        }
        ctx.extraWords(node, 1);
        if (!ctx.requireBlock(node)) {
            return;
        }
        String n = name.get().text();
        if (into.containsKey(n)) {
            ctx.warn(name.get().position(), node.name() + " " + n + " is defined more than once", n,
                    "a unique name", "ignoring this definition");
            return;
        }
        B b = make.apply(n, node.position());
        into.put(n, b);
        table.bindAll(node.block(), b, ctx);
    }

    private void eachLine(Node node, java.util.function.Consumer<Node> each) {
        if (ctx.requireBlock(node)) {
            node.block().forEach(each);
        }
    }

    private void linkbeatLine(Node line) {
        String mode = "ETHTOOL";
        Token m = line.arg(0);
        if (m != null) {
            if (List.of("MII", "ETHTOOL", "IOCTL").contains(m.text())) {
                mode = m.text();
            } else {
                ctx.warn(m.position(), "Unknown linkbeat type '" + m.text() + "' for " + line.name(), m.text(),
                        "MII, ETHTOOL or IOCTL", "using ETHTOOL");
            }
        }
        ctx.extraWords(line, 1);
        linkbeat.add(new LinkbeatInterface(line.name(), mode, line.position()));
    }

    private void upDownLine(Node line) {
        if (line.arg(0) == null) {
            ctx.warn(line.position(), "No delay specified for interface " + line.name(), null, "IF DOWN [UP]",
                    "ignoring it");
            return;
        }
        java.util.OptionalLong down = ctx.micros(line, 0, 0, GlobalDefsKeywords.MAX_TIMER, "ignoring it");
        if (down.isEmpty()) {
            return;
        }
        long up = 0;
        if (line.arg(1) != null) {
            java.util.OptionalLong u = ctx.micros(line, 1, 0, GlobalDefsKeywords.MAX_TIMER, "using 0");
            up = u.orElse(0);
        }
        ctx.extraWords(line, 2);
        upDownDelays.add(new InterfaceUpDownDelay(line.name(), down.getAsLong(), up, line.position()));
    }

    private void trackGroup(Node node) {
        Optional<Token> name = ctx.required(node, 0, "name", "ignoring the block");
        if (name.isEmpty() || !ctx.requireBlock(node)) {
            return;
        }
        List<String> members = new ArrayList<>();
        for (Node line : node.block()) {
            if (line.name().equals("group") && ctx.requireBlock(line)) {
                for (Node m : line.block()) {
                    VrrpWords.words(m).forEach(t -> members.add(t.text()));
                }
            } else if (!line.name().equals("group")) {
                ctx.warn(line.position(), "Unknown keyword '" + line.name() + "'", line.name(), "group",
                        "ignoring it");
            }
        }
        trackGroups.put(name.get().text(), new VrrpTrackGroup(name.get().text(), members, node.position()));
    }

    private void garpGroup(Node node) {
        if (!ctx.requireBlock(node)) {
            return;
        }
        long garp = 0;
        long gna = 0;
        List<String> ifs = new ArrayList<>();
        for (Node line : node.block()) {
            switch (line.name()) {
                case "garp_interval":
                    garp = ctx.micros(line, 0, 1, GlobalDefsKeywords.MAX_TIMER, "ignoring it").orElse(garp);
                    break;
                case "gna_interval":
                    gna = ctx.micros(line, 0, 1, GlobalDefsKeywords.MAX_TIMER, "ignoring it").orElse(gna);
                    break;
                case "interface":
                    ctx.string(line, 0, "interface", "ignoring it").ifPresent(ifs::add);
                    break;
                case "interfaces":
                    if (ctx.requireBlock(line)) {
                        for (Node m : line.block()) {
                            VrrpWords.words(m).forEach(t -> ifs.add(t.text()));
                        }
                    }
                    break;
                default:
                    ctx.warn(line.position(), "Unknown keyword '" + line.name() + "'", line.name(),
                            "a keyword of garp_group", "ignoring it");
            }
        }
        if (ifs.isEmpty()) {
            ctx.warn(node.position(), "garp_group has no interfaces", null, "interface or interfaces",
                    "ignoring it");
            return;
        }
        if (garp == 0 && gna == 0) {
            ctx.warn(node.position(), "garp_group has no garp_interval or gna_interval", null, null,
                    "ignoring it");
            return;
        }
        garpGroups.add(new VrrpGarpGroup(garp, gna, ifs, node.position()));
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
