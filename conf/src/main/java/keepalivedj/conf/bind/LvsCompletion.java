package keepalivedj.conf.bind;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import keepalivedj.conf.Position;
import keepalivedj.conf.bind.LvsDrafts.Rs;
import keepalivedj.conf.bind.LvsDrafts.Vs;
import keepalivedj.conf.model.ForwardingMethod;
import keepalivedj.conf.model.RealServer;
import keepalivedj.conf.model.SchedulerFlags;
import keepalivedj.conf.model.SorryServer;
import keepalivedj.conf.model.VirtualServer;
import keepalivedj.conf.model.VirtualServerGroup;
import keepalivedj.conf.model.VirtualServerGroupEntry;

/**
 * keepalived 2.2.7's validate_check_config for one virtual server, in its order and with its messages: drop a VS
 * with an unknown group or no real servers, default protocol / scheduler / method, ignore a protocol on fwmark
 * services, drop duplicate real servers, inherit VS values into real servers, bound quorum and hysteresis, and
 * correct real-server ports for DR/TUN. Checkers are completed by {@link CheckerCompletion}.
 */
final class LvsCompletion {
    private final BindContext ctx;
    private final LvsDefaults defaults;
    private final List<VirtualServerGroup> groups;

    LvsCompletion(BindContext ctx, LvsDefaults defaults, List<VirtualServerGroup> groups) {
        this.ctx = ctx;
        this.defaults = defaults;
        this.groups = groups;
    }

    /** The completed virtual server, or null when keepalived would drop it (already reported). */
    VirtualServer complete(Vs vs) {
        VirtualServerGroup group = null;
        if (vs.kind == VirtualServer.Kind.GROUP) {
            group = groups.stream().filter(g -> g.name().equals(vs.group)).findFirst().orElse(null);
            if (group == null) {
                warn(vs.position, "Virtual server group " + vs.group + " specified but not configured - ignoring"
                        + " virtual server " + vs.label());
                return null;
            }
        }
        if (vs.realServers.isEmpty()) {
            warn(vs.position, "Virtual server " + vs.label() + " has no real servers - ignoring");
            return null;
        }
        boolean fwmarks = vs.kind == VirtualServer.Kind.FWMARK || (group != null && group.hasFwmarks());
        boolean addresses = vs.kind == VirtualServer.Kind.ADDRESS || (group != null && group.hasAddresses());
        if (vs.haSuspend && fwmarks) {
            warn(vs.position, "Virtual server " + vs.label() + ": cannot use ha_suspend with fwmarks - clearing"
                    + " ha_suspend");
            vs.haSuspend = false;
        }
        if (addresses) {
            addressChecks(vs);
        }
        if (vs.persistenceTimeout == 0 && group != null
                && group.entries().stream().anyMatch(e -> !e.isFwmark() && e.port() == 0)) {
            warn(vs.position, "Virtual server " + vs.label() + ": zero port only valid for persistent services"
                    + " - setting");
            vs.persistenceTimeout = 360;
        }
        if (vs.protocol != null && !addresses && fwmarks) {
            warn(vs.protocolPosition, "Warning: Virtual server " + vs.label() + ": protocol specified for fwmark"
                    + " - protocol will be ignored");
            vs.protocol = null;
        }
        if (vs.scheduler == null) {
            warn(vs.position, "Virtual server " + vs.label() + ": no scheduler set, setting default 'wlc'");
            vs.scheduler = "wlc";
        }
        boolean vsSmtp = vs.smtpAlert != null ? vs.smtpAlert : defaults.virtualServerSmtpAlert();
        List<Rs> kept = realServers(vs);
        if (vs.sorry != null && vs.sorry.forwarding == null) {
            if (vs.forwarding == null) {
                warn(vs.position, "Virtual server " + vs.label() + ": no forwarding method set, setting default NAT");
                vs.forwarding = ForwardingMethod.NAT;
            }
            vs.sorry.forwarding = vs.forwarding;
        }
        long weightSum = 0;
        for (Rs rs : kept) {
            weightSum += rs.weight;
        }
        if (vs.quorum > weightSum) {
            warn(vs.position, "Warning - quorum " + vs.quorum + " for " + vs.label() + " exceeds total weight of"
                    + " real servers " + weightSum + ", reducing quorum to " + weightSum);
            vs.quorum = weightSum;
        }
        if (vs.hysteresis >= vs.quorum) {
            // keepalived computes quorum - 1 unsigned, so quorum 0 gives 4294967295; 0 is what it means.
            long h = vs.quorum == 0 ? 0 : vs.quorum - 1;
            warn(vs.position, "Virtual server " + vs.label() + ": hysteresis " + vs.hysteresis + " >= quorum "
                    + vs.quorum + "; setting hysteresis to " + h);
            vs.hysteresis = h;
        }
        ports(vs, group, kept);
        CheckerCompletion checkers = new CheckerCompletion(defaults, ctx);
        List<RealServer> out = new ArrayList<>();
        for (Rs rs : kept) {
            out.add(checkers.realServer(vs, rs));
        }
        SorryServer sorry = vs.sorry == null ? null
                : new SorryServer(vs.sorry.address, vs.sorry.port, vs.sorry.forwarding, vs.sorry.inhibit,
                vs.sorry.position);
        return new VirtualServer(vs.kind, vs.address, vs.port, vs.fwmark, vs.group, vs.family, vs.protocol,
                vs.scheduler, new SchedulerFlags(vs.hashed, vs.ops, vs.flag1, vs.flag2, vs.flag3, vs.shPort,
                vs.shFallback, vs.mhPort, vs.mhFallback), vsForwarding(vs), vs.persistenceTimeout,
                vs.persistenceGranularity, vs.persistenceEngine, vs.delayLoop, vs.connectTimeout, vs.retry,
                vs.delayBeforeRetry, vs.warmup, vs.inhibit, vs.alpha, vs.omega, vs.haSuspend, vs.quorum,
                vs.hysteresis, vs.quorumUp, vs.quorumDown, vs.weight, sorry, vsSmtp, vs.virtualhost, vs.snmpName,
                out, vs.position);
    }

    private void addressChecks(Vs vs) {
        if (vs.protocol == null) {
            warn(vs.position, "Virtual server " + vs.label() + ": no protocol set - defaulting to UDP");
            vs.protocol = VirtualServer.Protocol.UDP;
        }
        if (vs.ops && vs.protocol != VirtualServer.Protocol.UDP) {
            warn(vs.position, "Virtual server " + vs.label() + ": one packet scheduling requires UDP - resetting");
            vs.ops = false;
        }
        if (vs.persistenceTimeout == 0 && vs.kind == VirtualServer.Kind.ADDRESS && vs.port == 0) {
            warn(vs.position, "Virtual server " + vs.label() + ": zero port only valid for persistent services"
                    + " - setting");
            vs.persistenceTimeout = 360;
        }
    }

    /** The VS's forwarding method, NAT when none was set (keepalived sets it at the first real server needing it). */
    private static ForwardingMethod vsForwarding(Vs vs) {
        return vs.forwarding == null ? ForwardingMethod.NAT : vs.forwarding;
    }

    private List<Rs> realServers(Vs vs) {
        List<Rs> kept = new ArrayList<>();
        // A set, not a search of kept: a virtual server may have thousands of real servers.
        Set<RsKey> seen = new HashSet<>();
        boolean reportedMethod = false;
        for (Rs rs : vs.realServers) {
            if (!seen.add(new RsKey(rs.address, rs.port))) {
                warn(rs.position, "VS " + vs.label() + ": real server " + rsLabel(vs, rs)
                        + " is duplicated - removing second rs");
                continue;
            }
            if (rs.forwarding == null) {
                if (vs.forwarding == null && !reportedMethod) {
                    warn(vs.position, "Virtual server " + vs.label() + ": no forwarding method set, setting default"
                            + " NAT");
                    reportedMethod = true;
                }
                rs.forwarding = vsForwarding(vs);
            }
            if (rs.alpha == null) {
                rs.alpha = vs.alpha;
            }
            if (rs.inhibit == null) {
                rs.inhibit = vs.inhibit;
            }
            if (rs.weight == null) {
                rs.weight = vs.weight;
            }
            if (rs.smtpAlert == null) {
                rs.smtpAlert = defaults.realServerSmtpAlert();
            }
            if (vs.sorry != null && vs.sorry.address.equals(rs.address) && vs.sorry.port == rs.port
                    && vs.sorry.inhibit != rs.inhibit) {
                warn(rs.position, "Virtual server " + vs.label() + ": real server " + rsLabel(vs, rs)
                        + " matches sorry server, but inhibit setting differs, " + (rs.inhibit ? "sett" : "clear")
                        + "ing on sorry server");
                vs.sorry.inhibit = rs.inhibit;
            }
            kept.add(rs);
        }
        if (vs.forwarding == null && reportedMethod) {
            vs.forwarding = ForwardingMethod.NAT;
        }
        return kept;
    }

    /** Real-server (and sorry-server) ports: forced to the VS port for DR/TUN, cleared for fwmark non-NAT. */
    private void ports(Vs vs, VirtualServerGroup group, List<Rs> kept) {
        if (group != null) {
            // keepalived only warns for groups: the port goes to IPVS per entry, nothing is rewritten.
            LvsDrafts.Sorry s = vs.sorry;
            boolean sorryHasPort = s != null && s.forwarding.method() != ForwardingMethod.Method.NAT && s.port != 0;
            if (group.hasFwmarks()) {
                for (Rs rs : kept) {
                    if (rs.forwarding.method() != ForwardingMethod.Method.NAT && rs.port != 0) {
                        warn(rs.position, "WARNING - fwmark virtual server " + vs.label() + ", real server "
                                + rsLabel(vs, rs) + " has port specified - port will be ignored");
                    }
                }
                if (sorryHasPort) {
                    warn(s.position, "WARNING - fwmark virtual server " + vs.label() + ", sorry server has port"
                            + " specified - port will be ignored");
                }
            }
            for (VirtualServerGroupEntry e : group.entries()) {
                if (e.isFwmark()) {
                    continue;
                }
                for (Rs rs : kept) {
                    if (rs.forwarding.method() != ForwardingMethod.Method.NAT && rs.port != 0 && e.port() != rs.port) {
                        warn(rs.position, "virtual server " + vs.label() + ":[" + entryLabel(e) + "] and real server "
                                + rsLabel(vs, rs) + " ports don't match");
                    }
                }
                if (sorryHasPort && e.port() != s.port) {
                    warn(s.position, "WARNING - virtual server " + vs.label() + ", sorry server has port specified"
                            + " - port will be ignored");
                }
            }
            return;
        }
        for (Rs rs : kept) {
            if (rs.forwarding.method() == ForwardingMethod.Method.NAT) {
                if (vs.kind != VirtualServer.Kind.FWMARK && rs.port == 0) {
                    rs.port = vs.port;
                }
            } else if (vs.kind == VirtualServer.Kind.FWMARK) {
                if (rs.port != 0) {
                    warn(rs.position, "WARNING - fwmark virtual server " + vs.label() + ", real server "
                            + rsLabel(vs, rs) + " has port specified - clearing");
                    rs.port = 0;
                }
            } else if (rs.port == 0) {
                rs.port = vs.port;
            } else if (rs.port != vs.port) {
                warn(rs.position, "WARNING - virtual server " + vs.label() + " and real server " + rsLabel(vs, rs)
                        + " ports don't match - resetting");
                rs.port = vs.port;
            }
        }
        LvsDrafts.Sorry s = vs.sorry;
        if (s == null || s.forwarding.method() == ForwardingMethod.Method.NAT) {
            return;
        }
        if (vs.kind == VirtualServer.Kind.FWMARK) {
            if (s.port != 0) {
                warn(s.position, "WARNING - virtual server " + vs.label() + ", sorry server has port specified"
                        + " - clearing");
                s.port = 0;
            }
        } else if (s.port == 0) {
            s.port = vs.port;
        } else if (s.port != vs.port) {
            warn(s.position, "WARNING - virtual server " + vs.label() + " and sorry server ports don't match"
                    + " - resetting");
            s.port = vs.port;
        }
    }

    /**
     * What makes two real servers of one virtual server the same. A class, not a record: a record's equals and
     * hashCode are bootstrapped at run time, which a short -t run pays for.
     */
    private static final class RsKey {
        private final InetAddress address;
        private final int port;

        RsKey(InetAddress address, int port) {
            this.address = address;
            this.port = port;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RsKey k && k.port == port && k.address.equals(address);
        }

        @Override
        public int hashCode() {
            return address.hashCode() * 31 + port;
        }
    }

    static String rsLabel(Vs vs, Rs rs) {
        return LvsAddresses.trio(rs.address, vs.protocol, rs.port);
    }

    private static String entryLabel(VirtualServerGroupEntry e) {
        if (e.first().equals(e.last())) {
            return LvsAddresses.text(e.first()) + "," + e.port();
        }
        return LvsAddresses.text(e.first()) + "-" + LvsAddresses.text(e.last()) + "," + e.port();
    }

    private void warn(Position at, String message) {
        ctx.warn(at, message, null, null, null);
    }
}
