package keepalivedj.conf.model;

import java.util.List;

/**
 * The LVS side of keepalived.conf as keepalived 2.2.7 would run it: the virtual server groups, the virtual servers
 * that survived validation (with defaults and inherited values filled in), and the top-level {@code SSL} block.
 * It does not hold global_defs or anything of VRRP; the top-level configuration composes this with those.
 *
 * @param ssl the {@code SSL} block, or null when there is none (SSL_GET then uses an auto-generated context)
 */
public record LvsConfig(List<VirtualServerGroup> virtualServerGroups, List<VirtualServer> virtualServers,
                        LvsSsl ssl) {

    public LvsConfig {
        virtualServerGroups = List.copyOf(virtualServerGroups);
        virtualServers = List.copyOf(virtualServers);
    }

    /** The group of this name, or null. */
    public VirtualServerGroup group(String name) {
        for (VirtualServerGroup g : virtualServerGroups) {
            if (g.name().equals(name)) {
                return g;
            }
        }
        return null;
    }
}
