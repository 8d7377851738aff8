package keepalivedj.conf.bind;

import java.util.ArrayList;
import java.util.List;
import keepalivedj.conf.Position;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * The keywords of {@code vrrp_sync_group} (keepalived.md a.6) and the builder they fill. Members are resolved
 * against the instances by {@link VrrpInstanceCompleter}.
 */
public final class VrrpSyncGroupKeywords {
    private VrrpSyncGroupKeywords() {
    }

    static final class Builder {
        final String name;
        final Position position;
        final List<Token> members = new ArrayList<>();
        final List<VrrpTrackRefs.Raw> trackInterfaces = new ArrayList<>();
        final List<VrrpTrackRefs.Raw> trackScripts = new ArrayList<>();
        final List<VrrpTrackRefs.Raw> trackFiles = new ArrayList<>();
        final List<VrrpTrackRefs.Raw> trackProcesses = new ArrayList<>();
        final List<VrrpTrackRefs.Raw> trackBfds = new ArrayList<>();
        final VrrpInstanceKeywords.Notify notify = new VrrpInstanceKeywords.Notify();
        Boolean smtpAlert;
        boolean groupSeen;
        boolean syncGroupTrackingWeight;
        Boolean notifyPriorityChanges;

        Builder(String name, Position position) {
            this.name = name;
            this.position = position;
        }
    }

    static final KeywordTable<Builder> TABLE = table();

    private static KeywordTable<Builder> table() {
        KeywordTable<Builder> t = new KeywordTable<>("vrrp_sync_group");
        t.add("group", (n, b, c) -> {
            if (b.groupSeen) {
                c.warn(n.position(), "Group list already specified for sync group " + b.name, null, null,
                        "ignoring it and its block");
                return;
            }
            b.groupSeen = true;
            if (c.requireBlock(n)) {
                for (Node line : n.block()) {
                    b.members.addAll(VrrpWords.words(line));
                }
                if (b.members.isEmpty()) {
                    c.warn(n.position(), "Warning - sync group " + b.name + " has empty group block", null,
                            "vrrp_instance names", null);
                }
            }
        });
        VrrpInstanceKeywords.notifyKeywords(t, b -> b.notify, b -> "vrrp group " + b.name + ": ");
        t.add("smtp_alert", (n, b, c) -> VrrpInstanceKeywords.bool(n, c, "Invalid vrrp_group smtp_alert parameter ")
                .ifPresent(v -> b.smtpAlert = v));
        t.add("global_tracking", (n, b, c) -> {
            c.warn(n.position(), "(" + b.name + ") global_tracking is deprecated. Use track_interface/script/file on "
                    + "the sync group", null, "track_interface/track_script/track_file on the sync group", null);
            b.syncGroupTrackingWeight = true; // what keepalived makes of it
        });
        t.add("sync_group_tracking_weight", (n, b, c) -> b.syncGroupTrackingWeight = true);
        t.add("notify_priority_changes", (n, b, c) -> VrrpInstanceKeywords.bool(n, c, "(" + b.name
                + ") Invalid value '" + (n.arg(0) == null ? "" : n.arg(0).text())
                + "' for sync group notify_priority_changes specified").ifPresent(v -> b.notifyPriorityChanges = v));
        t.add("track_interface", (n, b, c) -> VrrpTrackRefs.read(n, 254, b.trackInterfaces, c));
        t.add("track_script", (n, b, c) -> VrrpTrackRefs.read(n, 253, b.trackScripts, c));
        t.add("track_file", (n, b, c) -> VrrpTrackRefs.read(n, 254, b.trackFiles, c));
        t.add("track_process", (n, b, c) -> VrrpTrackRefs.read(n, 254, b.trackProcesses, c));
        t.add("track_bfd", (n, b, c) -> VrrpTrackRefs.read(n, 253, b.trackBfds, c));
        return t;
    }
}
