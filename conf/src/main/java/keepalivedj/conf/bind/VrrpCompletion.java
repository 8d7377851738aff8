package keepalivedj.conf.bind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.conf.Severity;
import keepalivedj.conf.model.BfdInstance;
import keepalivedj.conf.model.GlobalDefs;
import keepalivedj.conf.model.VrrpAddress;
import keepalivedj.conf.model.VrrpInstance;
import keepalivedj.conf.model.VrrpScript;
import keepalivedj.conf.model.VrrpSyncGroup;
import keepalivedj.conf.model.VrrpTrackFile;
import keepalivedj.conf.model.VrrpTrackProcess;
import keepalivedj.conf.model.VrrpTrackRef;
import keepalivedj.conf.model.VrrpUnicastPeer;
import keepalivedj.conf.syntax.Token;

/**
 * The whole-configuration checks keepalived 2.2.7 runs once everything is read: trackers without their
 * mandatory line are removed, sync-group members resolved, instances completed ({@link VrrpInstanceCompleter}),
 * VRIDs checked for clashes, the lvs_sync_daemon's interface and instance and the static addresses'
 * interfaces checked against the host.
 */
final class VrrpCompletion {
    private final BindContext ctx;
    private final HostEnvironment host;
    private final GlobalDefs globals;

    VrrpCompletion(BindContext ctx, HostEnvironment host, GlobalDefs globals) {
        this.ctx = ctx;
        this.host = host;
        this.globals = globals;
    }

    keepalivedj.conf.model.VrrpConfig complete(VrrpSections s) {
        List<VrrpScript> scripts = new ArrayList<>();
        for (VrrpTrackerKeywords.Script b : s.scripts().values()) {
            VrrpScript v = b.build();
            if (v == null) {
                ctx.warn(b.position, "No script set for vrrp_script " + b.name + " - removing", null, "script CMD",
                        null);
            } else if (b.user != null && (host.userId(b.user).isEmpty()
                    || (b.group != null && host.groupId(b.group).isEmpty()))) {
                ctx.warn(b.position, "Unable to set uid/gid for script " + v.script().text(), b.user,
                        "a user (and group) of this host", "removing vrrp_script " + b.name);
            } else if (v.script().user() == null && globals.scriptUser() == null) {
                // keepalived.md c.5 / i: enable_script_security and no keepalived_script user
                ctx.warn(b.position, "Unable to set default user for vrrp script " + b.name + " - removing", null,
                        "a 'user' line, script_user, or a keepalived_script user", null);
            } else {
                scripts.add(v);
            }
        }
        List<VrrpTrackFile> files = new ArrayList<>();
        for (VrrpTrackerKeywords.File b : s.files().values()) {
            VrrpTrackFile v = b.build();
            if (v == null) {
                ctx.warn(b.position, "No file set for track_file " + b.name + " - removing", null, "file PATH", null);
            } else {
                files.add(v);
            }
        }
        List<VrrpTrackProcess> processes = new ArrayList<>();
        for (VrrpTrackerKeywords.Process b : s.processes().values()) {
            VrrpTrackProcess v = b.build();
            if (v == null) {
                ctx.warn(b.position, "track process '" + b.name + "' process name not specified", null,
                        "process NAME", "removing it");
            } else {
                processes.add(v);
            }
        }
        List<BfdInstance> bfds = new ArrayList<>();
        for (VrrpTrackerKeywords.Bfd b : s.bfds().values()) {
            BfdInstance v = b.build();
            if (v == null) {
                ctx.warn(b.position, "No neighbor_ip set for bfd_instance " + b.name + " - removing", null,
                        "neighbor_ip IP", null);
            } else {
                bfds.add(v);
            }
        }
        Map<String, String> groupOf = membership(s);
        VrrpInstanceCompleter completer = new VrrpInstanceCompleter(ctx, host, globals,
                new VrrpInstanceTrackers(ctx, host, globals, VrrpSections.byName(scripts, VrrpScript::name),
                        VrrpSections.byName(files, VrrpTrackFile::name),
                        VrrpSections.byName(processes, VrrpTrackProcess::name),
                        VrrpSections.byName(bfds, BfdInstance::name)));
        List<VrrpInstance> instances = new ArrayList<>();
        for (VrrpInstanceKeywords.Builder b : s.instances().values()) {
            String g = groupOf.get(b.name);
            VrrpInstance i = completer.complete(b, g == null ? null : s.groups().get(g));
            if (i != null) {
                instances.add(i);
            }
        }
        duplicateVrids(instances);
        List<VrrpSyncGroup> groups = syncGroups(s, instances, groupOf, completer, scripts, files, processes, bfds);
        lvsSync(s, instances, completer);
        List<VrrpAddress> statics = new ArrayList<>();
        for (VrrpAddress a : s.staticAddresses()) {
            if (a.dev() != null) {
                statics.add(a);
            } else if (!host.interfaceExists(globals.defaultInterface()) && !globals.dynamicInterfaces()) {
                VrrpSections.fatal(ctx, a.position(), "Static address " + a.address().getHostAddress()
                        + " requires either an interface or default interface must exist");
            } else {
                statics.add(a.withDev(globals.defaultInterface()));
            }
        }
        return s.assemble(scripts, files, processes, bfds, instances, groups, statics);
    }

    /** Instance name → its sync group, reporting unknown members and instances in two groups. */
    private Map<String, String> membership(VrrpSections s) {
        Map<String, String> groupOf = new LinkedHashMap<>();
        for (VrrpSyncGroupKeywords.Builder g : s.groups().values()) {
            for (Token m : g.members) {
                if (!s.instances().containsKey(m.text())) {
                    ctx.warn(m.position(), "Virtual router " + m.text() + " specified in sync group " + g.name
                            + " doesn't exist - ignoring", m.text(), "the name of a vrrp_instance", null);
                } else if (groupOf.containsKey(m.text())) {
                    ctx.warn(m.position(), "Virtual router " + m.text()
                            + " cannot exist in more than one sync group; ignoring " + g.name, m.text(),
                            "not a member of " + groupOf.get(m.text()), null);
                } else {
                    groupOf.put(m.text(), g.name);
                }
            }
        }
        return groupOf;
    }

    private List<VrrpSyncGroup> syncGroups(VrrpSections s, List<VrrpInstance> instances, Map<String, String> groupOf,
                                           VrrpInstanceCompleter completer, List<VrrpScript> scripts,
                                           List<VrrpTrackFile> files, List<VrrpTrackProcess> processes,
                                           List<BfdInstance> bfds) {
        Set<String> alive = new HashSet<>();
        instances.forEach(i -> alive.add(i.name()));
        List<VrrpSyncGroup> out = new ArrayList<>();
        for (VrrpSyncGroupKeywords.Builder g : s.groups().values()) {
            List<String> members = new ArrayList<>();
            for (Token m : g.members) {
                if (g.name.equals(groupOf.get(m.text())) && alive.contains(m.text()) && !members.contains(m.text())) {
                    members.add(m.text());
                }
            }
            if (g.members.isEmpty()) {
                ctx.warn(g.position, "Sync group " + g.name + " has no members - removing", null,
                        "group { VI_1 VI_2 ... }", null);
                continue;
            }
            if (members.isEmpty()) {
                ctx.warn(g.position, "Sync group " + g.name + " has no virtual router(s) - removing", null,
                        "at least one existing vrrp_instance in 'group { }'", null);
                continue;
            }
            ownerMix(g, members, instances);
            if (members.size() == 1) {
                ctx.warn(g.position, "Sync group " + g.name + " has only 1 virtual router(s) - this probably isn't"
                        + " what you want", null, null, null);
            }
            String p = "Sync group " + g.name + ": ";
            List<VrrpTrackRef> ifs = new ArrayList<>();
            for (VrrpTrackRefs.Raw r : g.trackInterfaces) {
                if (!host.interfaceExists(r.name()) && !globals.dynamicInterfaces()) {
                    ctx.warn(r.position(), p + "tracked interface " + r.name() + " doesn't exist", null, null,
                            "ignoring it");
                    continue;
                }
                ifs.add(new VrrpTrackRef(r.name(), r.weight() == null ? 0 : r.weight(), r.reverse(), r.position()));
            }
            List<VrrpTrackRef> sc = refs(g.trackScripts, VrrpSections.byName(scripts, VrrpScript::name).keySet(),
                    "track script", p, name -> scripts.stream().filter(x -> x.name().equals(name))
                            .findFirst().map(VrrpScript::weight).orElse(0));
            List<VrrpTrackRef> fl = refs(g.trackFiles, VrrpSections.byName(files, VrrpTrackFile::name).keySet(),
                    "track file", p, name -> files.stream().filter(x -> x.name().equals(name))
                            .findFirst().map(VrrpTrackFile::weight).orElse(1));
            List<VrrpTrackRef> pr = refs(g.trackProcesses,
                    VrrpSections.byName(processes, VrrpTrackProcess::name).keySet(), "track process", p,
                    name -> processes.stream().filter(x -> x.name().equals(name))
                            .findFirst().map(VrrpTrackProcess::weight).orElse(0));
            List<VrrpTrackRef> bf = refs(g.trackBfds, VrrpSections.byName(bfds, BfdInstance::name).keySet(),
                    "track bfd", p, name -> 0);
            boolean smtp = g.smtpAlert != null ? g.smtpAlert
                    : globals.smtpAlertVrrp() != null ? globals.smtpAlertVrrp()
                    : globals.smtpAlert() != null ? globals.smtpAlert() : false;
            out.add(new VrrpSyncGroup(g.name, members, ifs, sc, fl, pr, bf, g.notify.build(), smtp,
                    g.syncGroupTrackingWeight, g.notifyPriorityChanges != null ? g.notifyPriorityChanges
                    : globals.vrrpNotifyPriorityChanges(), g.position));
        }
        return out;
    }

    /** keepalived starts a group MASTER only if every member is an owner starting MASTER; it warns on a mix. */
    private void ownerMix(VrrpSyncGroupKeywords.Builder g, List<String> members, List<VrrpInstance> instances) {
        Boolean master = null;
        for (String m : members) {
            VrrpInstance i = instances.stream().filter(x -> x.name().equals(m)).findFirst().orElseThrow();
            boolean wantsMaster = i.state() == keepalivedj.conf.model.VrrpState.MASTER;
            if (Boolean.TRUE.equals(master) && !wantsMaster) {
                ctx.warn(g.position, "Sync group " + g.name + " has some member(s) as address owner and some not as "
                        + "address owner. This won't work.", m, null, null);
            }
            if (!Boolean.FALSE.equals(master)) {
                master = wantsMaster && i.priority() == 255;
            }
        }
    }

    private List<VrrpTrackRef> refs(List<VrrpTrackRefs.Raw> raw, Set<String> known, String what, String p,
                                    java.util.function.ToIntFunction<String> ownWeight) {
        List<VrrpTrackRef> out = new ArrayList<>();
        for (VrrpTrackRefs.Raw r : raw) {
            if (!known.contains(r.name())) {
                ctx.warn(r.position(), p + what + " " + r.name() + " not found, ignoring", r.name(), null, null);
                continue;
            }
            out.add(new VrrpTrackRef(r.name(), r.weight() != null ? r.weight() : ownWeight.applyAsInt(r.name()),
                    r.reverse(), r.position()));
        }
        return out;
    }

    /** keepalived.md d.9 / i: one VRID per interface, family and socket; unicast peers may separate them. */
    private void duplicateVrids(List<VrrpInstance> instances) {
        for (int i = 0; i < instances.size(); i++) {
            for (int j = 0; j < i; j++) {
                VrrpInstance a = instances.get(j);
                VrrpInstance b = instances.get(i);
                if (a.virtualRouterId() != b.virtualRouterId() || a.ipv6() != b.ipv6()
                        || !java.util.Objects.equals(a.interfaceName(), b.interfaceName())
                        || a.unicast() != b.unicast() || (a.unicast() && !peersOverlap(a, b))) {
                    continue;
                }
                ctx.report(Severity.WARNING, b.position(), a.name() + " and " + b.name() + " both use VRID "
                        + b.virtualRouterId() + " with " + (b.ipv6() ? "IPv6" : "IPv4") + " on interface "
                        + b.interfaceName(), String.valueOf(b.virtualRouterId()),
                        "a VRID not used by " + a.name() + " (" + a.position() + ")",
                        "keepalived would not start VRRP");
            }
        }
    }

    private static boolean peersOverlap(VrrpInstance a, VrrpInstance b) {
        for (VrrpUnicastPeer p : a.unicastPeers()) {
            for (VrrpUnicastPeer q : b.unicastPeers()) {
                if (p.address().equals(q.address())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void lvsSync(VrrpSections s, List<VrrpInstance> instances, VrrpInstanceCompleter completer) {
        VrrpSections.GlobalLvsSync sync = s.lvsSync();
        if (sync == null) {
            return;
        }
        if (!host.interfaceExists(sync.interfaceName()) && !globals.dynamicInterfaces()) {
            ctx.warn(sync.position(), "WARNING - interface " + sync.interfaceName() + " for lvs_sync_daemon doesn't "
                    + "exist", sync.interfaceName(), "an interface of this host", null);
        }
        if (sync.instance() != null && instances.stream().noneMatch(i -> i.name().equals(sync.instance()))) {
            ctx.warn(sync.position(), "lvs_sync_daemon vrrp instance " + sync.instance() + " not found", sync.instance(),
                    "the name of a vrrp_instance", "the sync daemon is not tied to an instance");
        }
    }
}
