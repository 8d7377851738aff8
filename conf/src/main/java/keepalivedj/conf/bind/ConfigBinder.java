package keepalivedj.conf.bind;

import java.util.List;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.conf.model.GlobalDefs;
import keepalivedj.conf.model.KeepalivedConfig;
import keepalivedj.conf.model.LvsConfig;
import keepalivedj.conf.model.VrrpConfig;
import keepalivedj.conf.model.VrrpTrackFile;
import keepalivedj.conf.model.BfdInstance;
import keepalivedj.conf.syntax.Node;

/**
 * The top level of keepalived.conf: each block goes to the side that owns its keyword (global_defs and VRRP,
 * or LVS), anything else is keepalived's {@code Unknown keyword}; then each side completes and validates.
 */
public final class ConfigBinder {
    private final BindContext ctx;
    private final VrrpSections vrrp;
    private final LvsSections lvs;
    private final KeywordTable<Void> topLevel = new KeywordTable<>("the top level");

    /** A binder for top-level nodes given one at a time, in file order ({@link #bind(Node)}, then {@link #finish()}). */
    public ConfigBinder(HostEnvironment host, Diagnostics diagnostics) {
        ctx = new BindContext(diagnostics);
        vrrp = new VrrpSections(ctx, host);
        lvs = new LvsSections(ctx, host);
    }

    public static KeepalivedConfig bind(List<Node> nodes, HostEnvironment host, Diagnostics diagnostics) {
        ConfigBinder binder = new ConfigBinder(host, diagnostics);
        for (Node n : nodes) {
            binder.bind(n);
        }
        return binder.finish();
    }

    /** The next top-level node. */
    public void bind(Node n) {
        if (vrrp.knows(n.name())) {
            vrrp.bind(n);
        } else if (lvs.knows(n.name())) {
            lvs.bind(n);
        } else {
            topLevel.bind(n, null, ctx);
        }
    }

    /** After the last node: each side completes and validates. */
    public KeepalivedConfig finish() {
        GlobalDefs globals = vrrp.globalDefs();
        VrrpConfig vrrpConfig = vrrp.finish();
        LvsConfig lvsConfig = lvs.finish(lvsDefaults(globals, vrrpConfig));
        return new KeepalivedConfig(globals, vrrpConfig, lvsConfig);
    }

    /** What the LVS side needs to know of global_defs and of the trackers the VRRP side declared. */
    static LvsDefaults lvsDefaults(GlobalDefs g, VrrpConfig v) {
        return new LvsDefaults(g.smtpAlert(), g.smtpAlertChecker(), g.checkerLogAllFailures(),
                v.trackFiles().stream().map(VrrpTrackFile::name).toList(),
                v.bfdInstances().stream().map(BfdInstance::name).toList());
    }
}
