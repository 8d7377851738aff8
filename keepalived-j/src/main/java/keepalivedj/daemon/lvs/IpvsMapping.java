package keepalivedj.daemon.lvs;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import keepalivedj.conf.model.ForwardingMethod;
import keepalivedj.conf.model.LvsAddressFamily;
import keepalivedj.conf.model.LvsConfig;
import keepalivedj.conf.model.SchedulerFlags;
import keepalivedj.conf.model.VirtualServer;
import keepalivedj.conf.model.VirtualServerGroup;
import keepalivedj.conf.model.VirtualServerGroupEntry;
import keepalivedj.healthcheck.Destination;
import keepalivedj.healthcheck.RsChange;
import keepalivedj.ipvs.Family;
import keepalivedj.ipvs.Forwarding;
import keepalivedj.ipvs.IpvsDestination;
import keepalivedj.ipvs.IpvsOp;
import keepalivedj.ipvs.IpvsService;
import keepalivedj.ipvs.Protocol;
import keepalivedj.ipvs.TunnelType;

/**
 * Pure translation of keepalived's LVS model into IPVS values (keepalived.md §e.2, §e.3): a virtual server into
 * its kernel services (one per virtual_server_group entry and per address of a range), a {@link Destination} at a
 * weight into the kernel destination of one of those services (DR/TUN port forced to the service port, fwmark
 * non-NAT port 0, group port 0 meaning the entry's port), and the health-check core's {@link RsChange}s into
 * {@link IpvsOp}s. No I/O.
 */
public final class IpvsMapping {
    /** A range in a virtual_server_group larger than this is refused rather than expanded. */
    static final int MAX_RANGE = 65536;

    private final LvsConfig config;

    public IpvsMapping(LvsConfig config) {
        this.config = config;
    }

    /** The kernel services of a virtual server, in configuration order. */
    public List<IpvsService> services(VirtualServer vs) {
        List<IpvsService> out = new ArrayList<>();
        switch (vs.kind()) {
            case ADDRESS:
                out.add(decorate(IpvsService.of(protocol(vs), vs.address(), vs.port(), vs.lvsSched()), vs));
                break;
            case FWMARK:
                out.add(decorate(IpvsService.fwmark(family(vs.family()), (int) vs.fwmark(), vs.lvsSched()), vs));
                break;
            case GROUP:
                VirtualServerGroup g = config.group(vs.group());
                if (g == null) {
                    break;
                }
                for (VirtualServerGroupEntry e : g.entries()) {
                    if (e.isFwmark()) {
                        LvsAddressFamily f = e.fwmarkFamily() != null ? e.fwmarkFamily() : vs.family();
                        out.add(decorate(IpvsService.fwmark(family(f), (int) e.fwmark(), vs.lvsSched()), vs));
                    } else {
                        for (InetAddress a : range(e.first(), e.last())) {
                            out.add(decorate(IpvsService.of(protocol(vs), a, e.port(), vs.lvsSched()), vs));
                        }
                    }
                }
                break;
            default:
                break;
        }
        return out;
    }

    /** Every service of the configuration, in order. */
    public List<IpvsService> allServices() {
        List<IpvsService> out = new ArrayList<>();
        for (VirtualServer vs : config.virtualServers()) {
            out.addAll(services(vs));
        }
        return out;
    }

    /** The destination {@code d} at {@code weight} as service {@code svc} holds it. */
    public static IpvsDestination destination(IpvsService svc, Destination d, int weight) {
        ForwardingMethod m = d.lvsMethod() != null ? d.lvsMethod() : ForwardingMethod.NAT;
        int port;
        if (svc.isFwmark()) {
            port = m.method() == ForwardingMethod.Method.NAT ? d.port() : 0;
        } else if (m.method() != ForwardingMethod.Method.NAT) {
            port = svc.port();
        } else {
            port = d.port() == 0 ? svc.port() : d.port();
        }
        IpvsDestination out = IpvsDestination.of(d.address(), port, forwarding(m), weight)
                .withThresholds((int) Math.min(Integer.MAX_VALUE, d.uthreshold()),
                        (int) Math.min(Integer.MAX_VALUE, d.lthreshold()));
        if (m.method() == ForwardingMethod.Method.TUN) {
            TunnelType t = TunnelType.valueOf(m.tunnelType().name());
            int flags = t == TunnelType.IPIP ? 0 : switch (m.tunnelChecksum()) {
                case CSUM -> TunnelType.CSUM;
                case REMCSUM -> TunnelType.REMCSUM;
                default -> TunnelType.NOCSUM;
            };
            out = out.withTunnel(t, t == TunnelType.GUE ? m.tunnelPort() : 0, flags);
        }
        return out;
    }

    /** The IPVS ops of one change; empty for changes that are not IPVS commands. */
    public List<IpvsOp> ops(RsChange c) {
        List<IpvsOp> out = new ArrayList<>();
        if (c instanceof RsChange.AddDest a) {
            for (IpvsService s : services(a.vs())) {
                out.add(new IpvsOp.AddDestination(s, destination(s, a.dest(), a.weight())));
            }
        } else if (c instanceof RsChange.SetWeight w) {
            for (IpvsService s : services(w.vs())) {
                out.add(new IpvsOp.EditDestination(s, destination(s, w.dest(), w.weight())));
            }
        } else if (c instanceof RsChange.RemoveDest r) {
            for (IpvsService s : services(r.vs())) {
                out.add(new IpvsOp.DeleteDestination(s, destination(s, r.dest(), 0)));
            }
        }
        return out;
    }

    private static IpvsService decorate(IpvsService s, VirtualServer vs) {
        IpvsService out = s.withFlags(flags(vs.flags()));
        if (vs.persistenceTimeoutSeconds() > 0) {
            out = out.persistent((int) Math.min(Integer.MAX_VALUE, vs.persistenceTimeoutSeconds()));
        }
        if (vs.persistenceGranularity() != null) {
            out = out.withNetmask(netmask(s.family(), vs.persistenceGranularity()));
        }
        if (vs.persistenceEngine() != null) {
            out = out.withPersistenceEngine(vs.persistenceEngine());
        }
        return out;
    }

    static int flags(SchedulerFlags f) {
        if (f == null) {
            return 0;
        }
        int out = 0;
        out |= f.hashed() ? IpvsService.F_HASHED : 0;
        out |= f.ops() ? IpvsService.F_ONEPACKET : 0;
        out |= f.flag1() || f.shFallback() || f.mhFallback() ? IpvsService.F_SCHED1 : 0;
        out |= f.flag2() || f.shPort() || f.mhPort() ? IpvsService.F_SCHED2 : 0;
        out |= f.flag3() ? IpvsService.F_SCHED3 : 0;
        return out;
    }

    /** IPv4: a dotted mask as a 32-bit value; IPv6: a prefix length. */
    static int netmask(Family f, String granularity) {
        if (f == Family.INET6) {
            return Integer.parseInt(granularity.trim());
        }
        try {
            byte[] b = InetAddress.getByName(granularity.trim()).getAddress();
            return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("persistence_granularity " + granularity, e);
        }
    }

    static Forwarding forwarding(ForwardingMethod m) {
        return switch (m.method()) {
            case NAT -> Forwarding.MASQ;
            case DR -> Forwarding.DROUTE;
            case TUN -> Forwarding.TUNNEL;
        };
    }

    private static Protocol protocol(VirtualServer vs) {
        return vs.protocol() == null ? Protocol.TCP : Protocol.valueOf(vs.protocol().name());
    }

    private static Family family(LvsAddressFamily f) {
        return f == LvsAddressFamily.INET6 ? Family.INET6 : Family.INET;
    }

    /** Every address from first to last inclusive. */
    static List<InetAddress> range(InetAddress first, InetAddress last) {
        List<InetAddress> out = new ArrayList<>();
        BigInteger a = new BigInteger(1, first.getAddress());
        BigInteger b = new BigInteger(1, (last == null ? first : last).getAddress());
        int len = first.getAddress().length;
        if (b.subtract(a).compareTo(BigInteger.valueOf(MAX_RANGE)) >= 0) {
            throw new IllegalArgumentException("virtual_server_group range " + first + "-" + last + " is too large");
        }
        for (BigInteger x = a; x.compareTo(b) <= 0; x = x.add(BigInteger.ONE)) {
            byte[] raw = x.toByteArray();
            byte[] addr = new byte[len];
            int n = Math.min(raw.length, len);
            System.arraycopy(raw, raw.length - n, addr, len - n, n);
            try {
                out.add(InetAddress.getByAddress(addr));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
