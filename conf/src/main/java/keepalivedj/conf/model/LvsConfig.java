package keepalivedj.conf.model;

import java.util.ArrayList;
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

    /**
     * Every script the LVS side may run (quorum_up/down, notify_up/down, misc_path), in file order: what keepalived's
     * check_check_script_security looks at, for the whole-configuration script-security pass.
     */
    public List<ScriptCommand> scripts() {
        List<ScriptCommand> out = new ArrayList<>();
        for (VirtualServer vs : virtualServers) {
            addIfSet(out, vs.quorumUp());
            addIfSet(out, vs.quorumDown());
            for (RealServer rs : vs.realServers()) {
                addIfSet(out, rs.notifyUp());
                addIfSet(out, rs.notifyDown());
                for (CheckerSpec c : rs.checkers()) {
                    if (c instanceof CheckerSpec.MiscCheck) {
                        out.add(((CheckerSpec.MiscCheck) c).miscPath());
                    }
                }
            }
        }
        return out;
    }

    private static void addIfSet(List<ScriptCommand> out, ScriptCommand s) {
        if (s != null) {
            out.add(s);
        }
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
