package keepalivedj.ipvs.vm;

import static keepalivedj.ipvs.vm.IpvsClientVmCase.cli;
import static keepalivedj.ipvs.vm.IpvsClientVmCase.ip;
import static keepalivedj.ipvs.vm.Sh.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import keepalivedj.ipvs.DestinationEntry;
import keepalivedj.ipvs.Family;
import keepalivedj.ipvs.Forwarding;
import keepalivedj.ipvs.IpvsDestination;
import keepalivedj.ipvs.IpvsOp;
import keepalivedj.ipvs.IpvsOutcome;
import keepalivedj.ipvs.IpvsService;
import keepalivedj.ipvs.NetlinkIpvs;
import keepalivedj.ipvs.Protocol;
import keepalivedj.ipvs.ServiceEntry;
import keepalivedj.ipvs.TunnelType;
import org.junit.jupiter.api.Test;

/** Whatever keepalived-j programs, ipvsadm lists identically; whatever ipvsadm programs, keepalived-j reads back. */
class RoundTripVmCase {
    /** A varied table: every protocol, both families, fwmarks, flags, persistence, every forwarding method. */
    static List<ServiceEntry> table() {
        List<ServiceEntry> t = new ArrayList<>();
        String[] scheds = {"rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "mh", "fo", "ovf"};
        for (int i = 0; i < 26; i++) {
            Protocol p = Protocol.values()[i % 3];
            boolean v6 = i % 4 == 3;
            IpvsService s = IpvsService.of(p, ip(v6 ? "2001:db8::" + Integer.toHexString(i + 1) : "10.7.0." + (i + 1)),
                    1000 + 7 * i, scheds[i % scheds.length]);
            if (i % 5 == 1) {
                s = s.persistent(60 + i).withNetmask(v6 ? 64 : 0xffffff00);
            }
            if (s.scheduler().equals("sh") || s.scheduler().equals("mh")) {
                s = s.withFlags(s.flags() | IpvsService.F_SCHED1 | IpvsService.F_SCHED2);
            }
            if (p == Protocol.UDP && i % 2 == 1) {
                s = s.withFlags(s.flags() | IpvsService.F_ONEPACKET);
            }
            List<DestinationEntry> ds = new ArrayList<>();
            for (int k = 0; k < i % 5; k++) {
                Forwarding f = Forwarding.values()[new int[] {0, 2, 3}[(i + k) % 3]];
                String a = v6 ? "2001:db8:1::" + Integer.toHexString(16 * i + k + 1) : "10.8." + i + "." + (k + 1);
                IpvsDestination d = IpvsDestination.of(ip(a), f == Forwarding.MASQ ? 8000 + k : s.port(), f, k + i % 3)
                        .withThresholds(k * 10, k * 5);
                if (f == Forwarding.TUNNEL && k % 2 == 1) {
                    d = d.withTunnel(TunnelType.GUE, 6080 + k, k == 3 ? TunnelType.REMCSUM : TunnelType.CSUM);
                } else if (f == Forwarding.TUNNEL && !v6) {
                    d = d.withTunnel(TunnelType.GRE, 0, TunnelType.CSUM); // ipvsadm refuses remcsum for gre
                }
                ds.add(new DestinationEntry(d, 0, 0, 0));
            }
            t.add(new ServiceEntry(s, ds));
        }
        t.add(new ServiceEntry(IpvsService.fwmark(Family.INET, 42, "rr").persistent(30),
                List.of(new DestinationEntry(IpvsDestination.of(ip("10.9.0.1"), 0, Forwarding.DROUTE, 2), 0, 0, 0))));
        t.add(new ServiceEntry(IpvsService.fwmark(Family.INET6, 43, "wlc"), List.of()));
        return t;
    }

    static List<IpvsOp> program(List<ServiceEntry> t) {
        List<IpvsOp> ops = new ArrayList<>();
        for (ServiceEntry e : t) {
            ops.add(new IpvsOp.AddService(e.service()));
            for (DestinationEntry d : e.destinations()) {
                ops.add(new IpvsOp.AddDestination(e.service(), d.destination()));
            }
        }
        return ops;
    }

    static Set<String> asSet(List<ServiceEntry> t) {
        Set<String> out = new HashSet<>();
        for (ServiceEntry e : t) {
            out.add(e.service().toString() + " = " + e.service());
            for (DestinationEntry d : e.destinations()) {
                out.add(e.service() + " -> " + d.destination());
                out.add(e.service() + " -> " + d.destination() + " = " + java.util.Objects.toString(d.destination()
                        .forwarding()) + "/" + d.destination().weight() + "/" + d.destination().upperThreshold() + "/"
                        + d.destination().lowerThreshold() + "/" + d.destination().tunnelType() + "/"
                        + d.destination().tunnelPort() + "/" + d.destination().tunnelFlags());
            }
        }
        return out;
    }

    static Set<Object> records(List<ServiceEntry> t) {
        Set<Object> out = new HashSet<>();
        for (ServiceEntry e : t) {
            out.add(e.service());
            for (DestinationEntry d : e.destinations()) {
                out.add(List.of(e.service(), d.destination()));
            }
        }
        return out;
    }

    /** The table as ipvsadm-restore input. */
    static String rules(List<ServiceEntry> t) {
        StringBuilder b = new StringBuilder();
        for (ServiceEntry e : t) {
            IpvsService s = e.service();
            String key = s.isFwmark() ? "-f " + s.fwmark() + (s.family() == Family.INET6 ? " -6" : "")
                    : (s.protocol() == Protocol.TCP ? "-t " : s.protocol() == Protocol.UDP ? "-u " : "--sctp-service ")
                    + keepalivedj.ipvs.IpvsListing.addressPort(s.address(), s.port());
            b.append("-A ").append(key).append(" -s ").append(s.scheduler());
            if ((s.flags() & IpvsService.F_PERSISTENT) != 0) {
                b.append(" -p ").append(s.timeout()).append(" -M ").append(s.family() == Family.INET6 ? "" + s.netmask()
                        : keepalivedj.ipvs.IpvsListing.ntop(ip(String.valueOf(Integer.toUnsignedLong(s.netmask())))));
            }
            if ((s.flags() & IpvsService.F_ONEPACKET) != 0) {
                b.append(" -o");
            }
            String sf = (s.flags() & (IpvsService.F_SCHED1 | IpvsService.F_SCHED2)) != 0
                    ? " -b " + s.scheduler() + "-fallback," + s.scheduler() + "-port" : "";
            b.append(sf).append('\n');
            for (DestinationEntry de : e.destinations()) {
                IpvsDestination d = de.destination();
                String m = d.forwarding() == Forwarding.MASQ ? "-m" : d.forwarding() == Forwarding.DROUTE ? "-g" : "-i";
                b.append("-a ").append(key).append(" -r ")
                        .append(keepalivedj.ipvs.IpvsListing.addressPort(d.address(), d.port())).append(' ').append(m)
                        .append(" -w ").append(d.weight()).append(" -x ").append(d.upperThreshold()).append(" -y ")
                        .append(d.lowerThreshold());
                if (d.forwarding() == Forwarding.TUNNEL) {
                    b.append(" --tun-type ").append(d.tunnelType().ipvsadmName());
                    if (d.tunnelType() == TunnelType.GUE) {
                        b.append(" --tun-port ").append(d.tunnelPort());
                    }
                    if (d.tunnelType() != TunnelType.IPIP) {
                        b.append(d.tunnelFlags() == TunnelType.CSUM ? " --tun-csum"
                                : d.tunnelFlags() == TunnelType.REMCSUM ? " --tun-remcsum" : " --tun-nocsum");
                    }
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    @Test
    void whatWeProgramIpvsadmListsExactlyAsWeDo() throws Exception {
        sh("ipvsadm -C");
        List<ServiceEntry> t = table();
        try (NetlinkIpvs ipvs = NetlinkIpvs.open()) {
            List<IpvsOutcome> out = ipvs.apply(program(t));
            for (IpvsOutcome o : out) {
                assertEquals(IpvsOutcome.Status.DONE, o.status(), o.op() + ": " + o.logLine());
            }
            String theirs = sh("ipvsadm -Ln");
            assertEquals(theirs, cli("list", "-n"));
            assertTrue(theirs.split("\n").length > 60, theirs);
            assertEquals(records(t), records(ipvs.table()));
            assertEquals(0, ipvs.malformedReplies());
        }
    }

    @Test
    void whatIpvsadmProgramsWeReadBackAsTheSameRecords() throws Exception {
        sh("ipvsadm -C");
        List<ServiceEntry> t = table();
        try (NetlinkIpvs ipvs = NetlinkIpvs.open()) {
            // ipvsadm -S leaves out thresholds, so the rules are written here, in ipvsadm's syntax, with -x/-y.
            sh("ipvsadm-restore <<'EOF'\n" + rules(t) + "EOF");
            assertEquals(records(t), records(ipvs.table()));
            assertEquals(sh("ipvsadm -Ln"), cli("list"));
        }
    }
}
