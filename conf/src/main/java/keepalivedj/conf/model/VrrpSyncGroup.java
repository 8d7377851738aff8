package keepalivedj.conf.model;

import java.util.List;
import keepalivedj.conf.Position;

/**
 * {@code vrrp_sync_group NAME { group { VI... } ... }} (keepalived.md a.6): members that move together.
 * {@code members} lists only instances that exist; a group left with none is not in the model.
 * {@code syncGroupTrackingWeight} is also set by the deprecated {@code global_tracking}, as in keepalived.
 */
public record VrrpSyncGroup(String name, List<String> members, List<VrrpTrackRef> trackInterfaces,
                            List<VrrpTrackRef> trackScripts, List<VrrpTrackRef> trackFiles,
                            List<VrrpTrackRef> trackProcesses, List<VrrpTrackRef> trackBfds,
                            VrrpNotifyScripts notifyScripts, boolean smtpAlert,
                            boolean syncGroupTrackingWeight, boolean notifyPriorityChanges, Position position) {

    public VrrpSyncGroup {
        members = List.copyOf(members);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
        trackFiles = List.copyOf(trackFiles);
        trackProcesses = List.copyOf(trackProcesses);
        trackBfds = List.copyOf(trackBfds);
    }
}
