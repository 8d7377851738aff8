package keepalivedj.ipvs;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Renders IPVS state exactly as {@code ipvsadm -Ln}, {@code ipvsadm -Ln --timeout} and {@code ipvsadm -Ln
 * --daemon} print it (ipvsadm 1.31), so the two can be compared with diff. Pure: it formats what it is given.
 * Services and destinations are sorted in ipvsadm's order: fwmark, family, protocol, address, port.
 */
public final class IpvsListing {
    private IpvsListing() {
    }

    /** {@code ipvsadm -Ln}. */
    public static String list(IpvsInfo info, List<ServiceEntry> table) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("IP Virtual Server version %s (size=%d)%n", info.versionString(),
                info.connTableSize()));
        out.append("Prot LocalAddress:Port Scheduler Flags\n");
        out.append("  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
        for (ServiceEntry e : sorted(table)) {
            out.append(serviceLine(e.service())).append('\n');
            for (DestinationEntry d : e.destinations()) {
                out.append(String.format("  -> %-28s %-7s %-6d %-10d %-10d%n", addressPort(
                                d.destination().address(), d.destination().port()),
                        d.destination().forwarding().ipvsadmName(), d.destination().weight(), d.activeConns(),
                        d.inactConns()));
            }
        }
        return out.toString();
    }

    /** {@code ipvsadm -Ln --timeout}. */
    public static String timeouts(IpvsTimeouts t) {
        return String.format("Timeout (tcp tcpfin udp): %d %d %d%n", t.tcp(), t.tcpFin(), t.udp());
    }

    /** {@code ipvsadm -Ln --daemon}. */
    public static String daemons(List<SyncDaemon> daemons) {
        StringBuilder out = new StringBuilder();
        for (SyncDaemon d : daemons) {
            out.append(d.state() == SyncDaemon.State.MASTER ? "master" : "backup")
                    .append(" sync daemon (mcast=").append(d.interfaceName()).append(", syncid=").append(d.syncId())
                    .append(", maxlen=").append(d.maxLen());
            if (d.group() != null) {
                out.append(", group=").append(ntop(d.group()));
            }
            out.append(", port=").append(d.port()).append(", ttl=").append(d.ttl()).append(")\n");
        }
        return out.toString();
    }

    /** The service line: "TCP  10.1.1.1:80 sh (sh-fallback,sh-port) persistent 300 mask 255.255.255.0". */
    static String serviceLine(IpvsService s) {
        StringBuilder b = new StringBuilder();
        if (s.isFwmark()) {
            b.append("FWM  ").append(s.fwmark()).append(s.family() == Family.INET6 ? " IPv6" : "");
        } else {
            b.append(String.format("%-4s %s", s.protocol(), addressPort(s.address(), s.port())));
        }
        b.append(' ').append(s.scheduler());
        String sf = schedulerFlags(s.scheduler(), s.flags());
        if (!sf.isEmpty()) {
            b.append(" (").append(sf).append(')');
        }
        if ((s.flags() & IpvsService.F_PERSISTENT) != 0) {
            b.append(" persistent ").append(Integer.toUnsignedString(s.timeout()));
            if (s.family() == Family.INET && s.netmask() != 0xffffffff) {
                b.append(" mask ").append(dotted(s.netmask()));
            } else if (s.family() == Family.INET6 && s.netmask() != 128) {
                b.append(" mask ").append(s.netmask());
            }
            if (!s.persistenceEngine().isEmpty()) {
                b.append(" pe ").append(s.persistenceEngine());
            }
        }
        if ((s.flags() & IpvsService.F_ONEPACKET) != 0) {
            b.append(" ops");
        }
        return b.toString();
    }

    /** sh and mh name their SCHED1/SCHED2 flags; every scheduler calls them flag-1..3 otherwise. */
    static String schedulerFlags(String sched, int flags) {
        List<String> names = new ArrayList<>();
        boolean named = sched.equals("sh") || sched.equals("mh");
        if ((flags & IpvsService.F_SCHED1) != 0) {
            names.add(named ? sched + "-fallback" : "flag-1");
        }
        if ((flags & IpvsService.F_SCHED2) != 0) {
            names.add(named ? sched + "-port" : "flag-2");
        }
        if ((flags & IpvsService.F_SCHED3) != 0) {
            names.add("flag-3");
        }
        return String.join(",", names);
    }

    /** ipvsadm's order. Its C comparator subtracts; this compares, which agrees whenever that does not overflow. */
    public static List<ServiceEntry> sorted(List<ServiceEntry> table) {
        Comparator<IpvsService> svc = Comparator.<IpvsService>comparingLong(s -> Integer.toUnsignedLong(s.fwmark()))
                .thenComparingInt(s -> s.family().af())
                .thenComparingInt(s -> s.protocol() == null ? 0 : s.protocol().number())
                .thenComparing((a, b) -> compareAddresses(a.address(), b.address()))
                .thenComparingInt(IpvsService::port);
        Comparator<DestinationEntry> dst = Comparator.<DestinationEntry, InetAddress>comparing(
                        d -> d.destination().address(), IpvsListing::compareAddresses)
                .thenComparingInt(d -> d.destination().port());
        List<ServiceEntry> out = new ArrayList<>();
        table.stream().sorted(Comparator.comparing(ServiceEntry::service, svc)).forEach(e -> {
            List<DestinationEntry> ds = new ArrayList<>(e.destinations());
            ds.sort(dst);
            out.add(new ServiceEntry(e.service(), ds));
        });
        return out;
    }

    private static int compareAddresses(InetAddress a, InetAddress b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        for (int i = 0; i < x.length; i++) {
            int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** "10.1.1.1:80" or "[2001:db8::1]:80", as ipvsadm's numeric addrport_to_anyname. */
    public static String addressPort(InetAddress a, int port) {
        return a instanceof Inet6Address ? "[" + ntop(a) + "]:" + port : ntop(a) + ":" + port;
    }

    /** The address as glibc's inet_ntop writes it (RFC 5952 style zero compression for IPv6). */
    public static String ntop(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestBase = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    s.append(':');
                }
                continue;
            }
            if (i != 0) {
                s.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                s.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.').append(b[14] & 0xff).append('.')
                        .append(b[15] & 0xff);
                return s.toString();
            }
            s.append(Integer.toHexString(w[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            s.append(':');
        }
        return s.toString();
    }

    private static String dotted(int mask) {
        return (mask >>> 24) + "." + ((mask >>> 16) & 0xff) + "." + ((mask >>> 8) & 0xff) + "." + (mask & 0xff);
    }
}
