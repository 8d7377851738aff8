package keepalivedj.conf.bind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import keepalivedj.conf.Diagnostic;
import keepalivedj.conf.Diagnostics;
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
    private final HostEnvironment host;
    /** Made at the first virtual_server: its tables link some hundred handlers a VRRP-only check never uses. */
    private VirtualServerKeywords virtualServers;
    private final KeywordTable<String[]> sslTable = sslTable();
    private final List<Group> groups = new ArrayList<>();
    private final List<Vs> servers = new ArrayList<>();
    private String[] ssl;
    private Node sslNode;
    private LvsConfig finished;

    public LvsSections(BindContext ctx, HostEnvironment host) {
        this.ctx = ctx;
        this.host = host;
    }

    public boolean knows(String topLevelKeyword) {
        return TOP_LEVEL.contains(topLevelKeyword);
    }

    /** Binds one top-level node this side {@link #knows}; others are reported as unknown. */
    public void bind(Node node) {
        switch (node.name()) {
            case "virtual_server":
                if (virtualServers == null) {
                    virtualServers = new VirtualServerKeywords(host);
                }
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
        List<VirtualServer> vss = completeAll(d, gs);
        LvsSsl s = ssl == null ? null : new LvsSsl(ssl[0], ssl[1], ssl[2], ssl[3], sslNode.position());
        finished = new LvsConfig(gs, vss, s);
        return finished;
    }

    /**
     * Every virtual server completed, in order. Virtual servers complete independently of each other, so with
     * thousands of real servers the second half is completed on a helper thread while this one does the first
     * (after reading, the reading thread is idle); the second half's findings follow the first half's.
     */
    private List<VirtualServer> completeAll(LvsDefaults d, List<VirtualServerGroup> gs) {
        int split = splitPoint();
        VirtualServer[] done = new VirtualServer[servers.size()];
        Diagnostics laterFindings = new Diagnostics();
        FutureTask<Void> secondHalf = new FutureTask<>(() -> {
            LvsCompletion completion = new LvsCompletion(new BindContext(laterFindings), d, gs);
            for (int i = split; i < done.length; i++) {
                done[i] = completion.complete(servers.get(i));
            }
        }, null);
        if (split < done.length) {
            Thread helper = new Thread(secondHalf, "keepalived-j LVS completion");
            helper.setDaemon(true);
            helper.start();
        }
        LvsCompletion completion = new LvsCompletion(ctx, d, gs);
        for (int i = 0; i < split; i++) {
            done[i] = completion.complete(servers.get(i));
        }
        if (split < done.length) {
            awaitUninterruptibly(secondHalf);
            for (Diagnostic x : laterFindings.all()) {
                ctx.diagnostics().add(x);
            }
        }
        List<VirtualServer> vss = new ArrayList<>(done.length);
        for (VirtualServer v : done) {
            if (v != null) {
                vss.add(v);
            }
        }
        return vss;
    }

    /** Below this many real servers a second thread costs more than it saves. */
    private static final int PARALLEL_REAL_SERVERS = 4096;

    /** Where the second half starts: half the real servers on each side, or the end when not worth it. */
    private int splitPoint() {
        long total = 0;
        for (Vs vs : servers) {
            total += vs.realServers.size();
        }
        if (total < PARALLEL_REAL_SERVERS) {
            return servers.size();
        }
        long half = 0;
        for (int i = 0; i < servers.size(); i++) {
            half += servers.get(i).realServers.size();
            if (half * 2 >= total) {
                return i + 1;
            }
        }
        return servers.size();
    }

    private static void awaitUninterruptibly(FutureTask<Void> task) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    task.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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
