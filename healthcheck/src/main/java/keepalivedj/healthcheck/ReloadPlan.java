package keepalivedj.healthcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import keepalivedj.conf.model.RealServer;
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

    /** Whether the sorry server stays the same IPVS destination. */
    public static boolean sameSorry(VirtualServer a, VirtualServer b) {
        return a.sorryServer() != null && b.sorryServer() != null
                && Destination.of(a.sorryServer()).equals(Destination.of(b.sorryServer()));
    }

    /**
     * Real servers (and the sorry server) of {@code old} that are in IPVS but gone from {@code next}: each one is a
     * {@link RsChange.RemoveDest} on the continued service.
     */
    public static List<RsChange> removedDestinations(VirtualServerState old, VirtualServer next) {
        List<RsChange> out = new ArrayList<>();
        List<RealServer> olds = old.virtualServer().realServers();
        for (int i = 0; i < olds.size(); i++) {
            RealServer o = olds.get(i);
            boolean kept = next.realServers().stream()
                    .anyMatch(n -> n.address().equals(o.address()) && n.port() == o.port());
            if (!kept && old.weightInPool(i) != null) {
                out.add(new RsChange.RemoveDest(next, Destination.of(o)));
            }
        }
        if (old.sorryInPool() != null && !sameSorry(old.virtualServer(), next)) {
            out.add(new RsChange.RemoveDest(next, Destination.of(old.virtualServer().sorryServer())));
        }
        return out;
    }
}
