package keepalivedj.conf.bind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.conf.Severity;
import keepalivedj.conf.bind.LvsDrafts.Group;
import keepalivedj.conf.bind.LvsDrafts.Vs;
import keepalivedj.conf.model.LvsConfig;
import keepalivedj.conf.model.LvsSsl;
import keepalivedj.conf.model.VirtualServer;
import keepalivedj.conf.model.VirtualServerGroup;
import keepalivedj.conf.syntax.Node;

/**
 * The LVS side of keepalived.conf: the top-level {@code virtual_server_group}, {@code virtual_server} and
 * {@code SSL} blocks, bound in file order and then completed and validated as keepalived 2.2.7 does. It knows
 * nothing of global_defs or VRRP; the top-level binder hands it the nodes it {@link #knows} and the global values
 * it needs as {@link LvsDefaults}. One instance reads one configuration.
 */
public final class LvsSections {
    private static final Set<String> TOP_LEVEL = Set.of("virtual_server_group", "virtual_server", "SSL");

    private final BindContext ctx;
    private final VirtualServerKeywords virtualServers;
    private final KeywordTable<String[]> sslTable = sslTable();
    private final List<Group> groups = new ArrayList<>();
    private final List<Vs> servers = new ArrayList<>();
    private String[] ssl;
    private Node sslNode;
    private LvsConfig finished;

    public LvsSections(BindContext ctx, HostEnvironment host) {
        this.ctx = ctx;
        this.virtualServers = new VirtualServerKeywords(host);
    }

    public boolean knows(String topLevelKeyword) {
        return TOP_LEVEL.contains(topLevelKeyword);
    }

    /** Binds one top-level node this side {@link #knows}; others are reported as unknown. */
    public void bind(Node node) {
        switch (node.name()) {
            case "virtual_server":
                virtualServers.bind(node, ctx).ifPresent(servers::add);
                break;
            case "virtual_server_group":
                group(node);
                break;
            case "SSL":
                ssl(node);
                break;
            default:
                ctx.warn(node.position(), "Unknown keyword '" + node.name() + "'", node.name(),
                        "virtual_server_group, virtual_server or SSL", "ignoring it");
        }
    }

    /**
     * Completes and validates everything bound, after the last {@link #bind}. Validation runs once: later calls
     * return the same model and report nothing more.
     */
    public LvsConfig finish(LvsDefaults defaults) {
        if (finished != null) {
            return finished;
        }
        LvsDefaults d = defaults == null ? LvsDefaults.KEEPALIVED : defaults;
        List<VirtualServerGroup> gs = new ArrayList<>();
        for (Group g : groups) {
            gs.add(new VirtualServerGroup(g.name, g.entries, g.position));
        }
        LvsCompletion completion = new LvsCompletion(ctx, d, gs);
        List<VirtualServer> vss = new ArrayList<>();
        for (Vs vs : servers) {
            VirtualServer v = completion.complete(vs);
            if (v != null) {
                vss.add(v);
            }
        }
        LvsSsl s = ssl == null ? null : new LvsSsl(ssl[0], ssl[1], ssl[2], ssl[3], sslNode.position());
        finished = new LvsConfig(gs, vss, s);
        return finished;
    }

    private void group(Node node) {
        Optional<String> name = ctx.string(node, 0, "group name", "ignoring it");
        if (name.isEmpty() || !ctx.requireBlock(node)) {
            return;
        }
        ctx.extraWords(node, 1);
        Group g = new Group(name.get(), node.position());
        for (Node entry : node.block()) {
            VirtualServerGroupKeywords.entry(entry, g, ctx);
        }
        boolean v4 = g.entries.stream().anyMatch(e -> !e.isFwmark() && LvsAddresses.isV4(e.first()));
        boolean v6 = g.entries.stream().anyMatch(e -> !e.isFwmark() && !LvsAddresses.isV4(e.first()));
        boolean bareFwmark = g.entries.stream().anyMatch(e -> e.isFwmark() && e.fwmarkFamily() == null);
        if (g.entries.isEmpty()) {
            ctx.warn(node.position(), "virtual server group " + g.name + " has no entries - removing", null, null,
                    null);
        } else if (v4 && v6 && bareFwmark) {
            ctx.warn(node.position(), "virtual server group " + g.name + " cannot have IPv4, IPv6 and fwmark without"
                    + " family - removing", null, null, null);
        } else {
            groups.add(g);
        }
    }

    private void ssl(Node node) {
        if (!ctx.requireBlock(node)) {
            return;
        }
        if (ssl != null) {
            ctx.report(Severity.NOTE, node.position(), "SSL context already specified - replacing", null, null, null);
        }
        ssl = new String[4];
        sslNode = node;
        sslTable.bindAll(node.block(), ssl, ctx);
    }

    private static KeywordTable<String[]> sslTable() {
        KeywordTable<String[]> t = new KeywordTable<>("SSL");
        String[] names = {"password", "ca", "certificate", "key"};
        for (int i = 0; i < names.length; i++) {
            int slot = i;
            t.add(names[i], (n, s, c) -> {
                c.string(n, 0, names[slot], "ignoring it").ifPresent(v -> s[slot] = v);
                c.extraWords(n, 1);
            });
        }
        return t;
    }
}
