package keepalivedj.conf.bind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.conf.Position;
import keepalivedj.conf.Severity;
import keepalivedj.conf.model.BfdInstance;
import keepalivedj.conf.model.GlobalDefs;
import keepalivedj.conf.model.VrrpScript;
import keepalivedj.conf.model.VrrpTrackFile;
import keepalivedj.conf.model.VrrpTrackProcess;
import keepalivedj.conf.model.VrrpTrackRef;

/**
 * Resolves an instance's {@code track_*} lines against the tracker blocks (keepalived 2.2's
 * {@code vrrp_complete_instance}): unknown names are dropped with "track X Y not found, ignoring", the
 * weight defaults to the tracked object's own, and weighted trackers are ignored for sync-group members
 * (without {@code sync_group_tracking_weight}) and for the address owner, with keepalived's messages.
 */
final class VrrpInstanceTrackers {
    private final BindContext ctx;
    private final HostEnvironment host;
    private final GlobalDefs globals;
    private final Map<String, VrrpScript> scripts;
    private final Map<String, VrrpTrackFile> files;
    private final Map<String, VrrpTrackProcess> processes;
    private final Map<String, BfdInstance> bfds;

    /** The resolved tracker lists of one instance. */
    record Resolved(List<VrrpTrackRef> interfaces, List<VrrpTrackRef> scripts, List<VrrpTrackRef> files,
                    List<VrrpTrackRef> processes, List<VrrpTrackRef> bfds) {
    }

    VrrpInstanceTrackers(BindContext ctx, HostEnvironment host, GlobalDefs globals, Map<String, VrrpScript> scripts,
                         Map<String, VrrpTrackFile> files, Map<String, VrrpTrackProcess> processes,
                         Map<String, BfdInstance> bfds) {
        this.ctx = ctx;
        this.host = host;
        this.globals = globals;
        this.scripts = scripts;
        this.files = files;
        this.processes = processes;
        this.bfds = bfds;
    }

    private void error(Position at, String message) {
        ctx.report(Severity.WARNING, at, message, null, null, null);
    }

    /**
     * {@code sync}: a member of a sync group without sync_group_tracking_weight; {@code owner}: priority 255.
     * Either makes weighted trackers ineffective.
     */
    Resolved resolve(VrrpInstanceKeywords.Builder b, String ifname, boolean sync, boolean owner) {
        String p = "(" + b.name + ") ";
        String why = sync ? "SYNC group" : "address_owner";
        return new Resolved(interfaces(b, ifname, p, sync, owner), scripts(b, p, sync || owner, why),
                files(b, p, sync || owner, why), processes(b, p), bfds(b, p, sync || owner, why));
    }

    private List<VrrpTrackRef> interfaces(VrrpInstanceKeywords.Builder b, String ifname, String p, boolean sync,
                                          boolean owner) {
        List<VrrpTrackRef> out = new ArrayList<>();
        for (VrrpTrackRefs.Raw r : b.trackInterfaces) {
            if (r.name().equals(ifname)) {
                error(r.position(), p + "Ignoring track_interface " + r.name() + " since own interface");
                continue;
            }
            if (!host.interfaceExists(r.name()) && !globals.dynamicInterfaces()) {
                error(r.position(), p + "tracked interface " + r.name() + " doesn't exist");
                continue;
            }
            VrrpTrackRef t = new VrrpTrackRef(r.name(), r.weight() == null ? 0 : r.weight(), r.reverse(),
                    r.position());
            if ((sync || owner) && t.weight() != 0) {
                error(r.position(), p + "ignoring " + t.name() + " tracked interface " + (sync ? "weight " : "")
                        + "due to " + (sync ? "SYNC group" : "address owner"));
                if (!sync) {
                    continue; // the owner stops tracking it; a sync member tracks it unweighted
                }
                t = new VrrpTrackRef(t.name(), 0, false, t.position());
            }
            out.add(t);
        }
        return out;
    }

    private List<VrrpTrackRef> scripts(VrrpInstanceKeywords.Builder b, String p, boolean unweighted, String why) {
        List<VrrpTrackRef> out = new ArrayList<>();
        for (VrrpTrackRefs.Raw r : b.trackScripts) {
            VrrpScript s = scripts.get(r.name());
            if (s == null) {
                error(r.position(), p + "track script " + r.name() + " not found, ignoring");
                continue;
            }
            VrrpTrackRef t = resolve(r, s.weight(), s.weightReverse());
            if (unweighted && t.weight() != 0) {
                error(r.position(), p + "ignoring tracked script " + t.name() + " with weights due to " + why);
                continue;
            }
            out.add(t);
        }
        return out;
    }

    private List<VrrpTrackRef> files(VrrpInstanceKeywords.Builder b, String p, boolean unweighted, String why) {
        List<VrrpTrackRef> out = new ArrayList<>();
        for (VrrpTrackRefs.Raw r : b.trackFiles) {
            VrrpTrackFile f = files.get(r.name());
            if (f == null) {
                error(r.position(), p + "track file " + r.name() + " not found, ignoring");
                continue;
            }
            VrrpTrackRef t = resolve(r, f.weight(), f.weightReverse());
            if (unweighted && t.weight() == 1) { // 1 is the default weight: keepalived just drops it
                error(r.position(), p + "ignoring weight from tracked file " + t.name() + " due to " + why
                        + " - specify weight 0");
                t = new VrrpTrackRef(t.name(), 0, false, t.position());
            } else if (unweighted && t.weight() != 0) {
                error(r.position(), p + "ignoring tracked file " + t.name() + " with weight " + t.weight()
                        + " due to " + why);
                continue;
            }
            out.add(t);
        }
        return out;
    }

    private List<VrrpTrackRef> processes(VrrpInstanceKeywords.Builder b, String p) {
        List<VrrpTrackRef> out = new ArrayList<>();
        for (VrrpTrackRefs.Raw r : b.trackProcesses) {
            VrrpTrackProcess tp = processes.get(r.name());
            if (tp == null) {
                error(r.position(), p + "track process " + r.name() + " not found, ignoring");
                continue;
            }
            out.add(resolve(r, tp.weight(), tp.weightReverse()));
        }
        return out;
    }

    private List<VrrpTrackRef> bfds(VrrpInstanceKeywords.Builder b, String p, boolean unweighted, String why) {
        List<VrrpTrackRef> out = new ArrayList<>();
        for (VrrpTrackRefs.Raw r : b.trackBfds) {
            BfdInstance bfd = bfds.get(r.name());
            if (bfd == null) {
                error(r.position(), p + "track bfd " + r.name() + " not found, ignoring");
                continue;
            }
            VrrpTrackRef t = resolve(r, bfd.weight(), false);
            if (unweighted && t.weight() != 0) {
                error(r.position(), p + "ignoring tracked bfd " + t.name() + " with weight " + t.weight()
                        + " due to " + why);
                continue;
            }
            out.add(t);
        }
        return out;
    }

    /** A weight on the tracking line wins; otherwise the tracked object's weight and reverse apply. */
    static VrrpTrackRef resolve(VrrpTrackRefs.Raw r, int ownWeight, boolean ownReverse) {
        if (r.weight() != null) {
            return new VrrpTrackRef(r.name(), r.weight(), r.reverse(), r.position());
        }
        return new VrrpTrackRef(r.name(), ownWeight, r.reverse() || ownReverse, r.position());
    }
}
