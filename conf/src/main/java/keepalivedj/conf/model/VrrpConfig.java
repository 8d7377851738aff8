package keepalivedj.conf.model;

import java.util.List;

/**
 * Everything on the VRRP side of keepalived.conf except global_defs (see {@link GlobalDefs}): trackers,
 * instances, sync groups and the static addresses, routes and rules, completed and validated. Lists are in
 * configuration order.
 */
public record VrrpConfig(List<VrrpScript> scripts, List<VrrpTrackFile> trackFiles,
                         List<VrrpTrackProcess> trackProcesses, List<BfdInstance> bfdInstances,
                         List<VrrpInstance> instances, List<VrrpSyncGroup> syncGroups,
                         List<VrrpAddress> staticIpaddresses, List<VrrpRoute> staticRoutes,
                         List<VrrpRule> staticRules, List<LinkbeatInterface> linkbeatInterfaces,
                         List<InterfaceUpDownDelay> interfaceUpDownDelays, List<VrrpTrackGroup> trackGroups,
                         List<VrrpGarpGroup> garpGroups) {

    public VrrpConfig {
        scripts = List.copyOf(scripts);
        trackFiles = List.copyOf(trackFiles);
        trackProcesses = List.copyOf(trackProcesses);
        bfdInstances = List.copyOf(bfdInstances);
        instances = List.copyOf(instances);
        syncGroups = List.copyOf(syncGroups);
        staticIpaddresses = List.copyOf(staticIpaddresses);
        staticRoutes = List.copyOf(staticRoutes);
        staticRules = List.copyOf(staticRules);
        linkbeatInterfaces = List.copyOf(linkbeatInterfaces);
        interfaceUpDownDelays = List.copyOf(interfaceUpDownDelays);
        trackGroups = List.copyOf(trackGroups);
        garpGroups = List.copyOf(garpGroups);
    }

    /** The instance called {@code name}, or null. */
    public VrrpInstance instance(String name) {
        for (VrrpInstance i : instances) {
            if (i.name().equals(name)) {
                return i;
            }
        }
        return null;
    }
}
