package keepalivedj.healthcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.conf.model.RealServer;
import keepalivedj.conf.model.ScriptCommand;
import keepalivedj.conf.model.VirtualServer;

/**
 * The pure decisions of a reload (keepalived.md §b.5): which running virtual server a new one continues (same
 * kind, address, port, fwmark, group and protocol, as keepalived's vs_exist compares), and which destinations a
 * continued virtual server no longer has. It does not run anything.
 */
public final class ReloadPlan {
    private ReloadPlan() {
    }

    /** The same service: what IPVS knows it by. */
    public static boolean sameService(VirtualServer a, VirtualServer b) {
        return a.kind() == b.kind() && Objects.equals(a.address(), b.address()) && a.port() == b.port()
                && a.fwmark() == b.fwmark() && Objects.equals(a.group(), b.group())
                && a.protocol() == b.protocol();
    }

    /** The running state the new virtual server continues, or null for a new service. */
    public static VirtualServerState matching(List<VirtualServerState> running, VirtualServer next) {
        for (VirtualServerState st : running) {
            if (sameService(st.virtualServer(), next)) {
                return st;
            }
        }
        return null;
    }

    /**
     * The real servers of {@code next} that are unchanged from {@code old}: same configuration, where they are
     * written in the files aside. They keep everything through a reload: IPVS entry, weight, checker state.
     */
    public static List<RealServer> unchangedRealServers(VirtualServer old, VirtualServer next) {
        List<RealServer> before = new ArrayList<>();
        for (RealServer rs : old.realServers()) {
            before.add(withoutPositions(rs));
        }
        List<RealServer> out = new ArrayList<>();
        for (RealServer rs : next.realServers()) {
            if (before.contains(withoutPositions(rs))) {
                out.add(rs);
            }
        }
        return out;
    }

    /** The real server as a value: every configuration position removed, in its checkers and scripts too. */
    static RealServer withoutPositions(RealServer rs) {
        List<CheckerSpec> checkers = new ArrayList<>();
        for (CheckerSpec c : rs.checkers()) {
            checkers.add(CheckKey.withoutPositions(c));
        }
        return new RealServer(rs.address(), rs.port(), rs.weight(), rs.lvsMethod(), rs.uthreshold(),
                rs.lthreshold(), rs.inhibitOnFailure(), rs.alpha(), rs.retry(), rs.delayBeforeRetryMicros(),
                rs.warmupMicros(), rs.delayLoopMicros(), rs.connectTimeoutMicros(), rs.smtpAlert(), rs.virtualhost(),
                rs.snmpName(), withoutPosition(rs.notifyUp()), withoutPosition(rs.notifyDown()), checkers, null);
    }

    private static ScriptCommand withoutPosition(ScriptCommand c) {
        return c == null ? null : new ScriptCommand(c.text(), c.argv(), c.user(), c.group(), null);
    }

    /** Whether the sorry server stays the same IPVS destination. */
    public static boolean sameSorry(VirtualServer a, VirtualServer b) {
        return a.sorryServer() != null && b.sorryServer() != null
                && Destination.of(a.sorryServer()).equals(Destination.of(b.sorryServer()));
    }

    /**
     * The sorry server of {@code old} when it is in IPVS but not the sorry server of {@code next}: a
     * {@link RsChange.RemoveDest} on the continued service (clear_diff_s_srv). Dropped real servers are the
     * state's own business ({@link VirtualServerState#realServersRemovedByReload}).
     */
    public static List<RsChange> removedSorry(VirtualServerState old, VirtualServer next) {
        List<RsChange> out = new ArrayList<>();
        if (old.sorryInPool() != null && !sameSorry(old.virtualServer(), next)) {
            out.add(new RsChange.RemoveDest(next, Destination.of(old.virtualServer().sorryServer())));
        }
        return out;
    }
}
