package keepalivedj.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class IpvsListingTest {
    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    static DestinationEntry dest(IpvsDestination d) {
        return new DestinationEntry(d, 0, 0, 0);
    }

    /** `ipvsadm -Ln` (1.31, Debian 12) of the table below, captured in the VM; note the trailing blanks. */
    static final String IPVSADM = String.join("\n",
            "IP Virtual Server version 1.2.1 (size=4096)",
            "Prot LocalAddress:Port Scheduler Flags",
            "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn",
            "TCP  10.1.1.1:80 rr",
            "  -> 10.2.2.2:8080                Masq    3      0          0         ",
            "  -> 10.2.2.3:80                  Tunnel  1      0          0         ",
            "  -> 10.2.2.4:80                  Tunnel  1      0          0         ",
            "  -> 10.2.2.10:80                 Route   0      0          0         ",
            "TCP  10.1.1.2:443 sh (sh-fallback,sh-port) persistent 300 mask 255.255.255.0",
            "UDP  10.1.1.3:53 wrr ops",
            "TCP  [2001:db8::1]:80 rr persistent 100 pe sip",
            "  -> [2001:db8::a]:80             Masq    1      0          0         ",
            "SCTP [2001:db8::1]:9000 wlc persistent 60 mask 64",
            "FWM  7 lc persistent 360",
            "  -> 10.3.3.3:0                   Route   5      0          0         ",
            "FWM  8 IPv6 mh (mh-port)", "");

    @Test
    void rendersExactlyWhatIpvsadmPrintsInItsOrder() throws Exception {
        IpvsService web = IpvsService.of(Protocol.TCP, ip("10.1.1.1"), 80, "rr");
        // Given in kernel (hash) order, not ipvsadm's: the listing sorts.
        List<ServiceEntry> table = List.of(
                new ServiceEntry(IpvsService.fwmark(Family.INET6, 8, "mh").withFlags(IpvsService.F_MH_PORT), List.of()),
                new ServiceEntry(IpvsService.of(Protocol.SCTP, ip("2001:db8::1"), 9000, "wlc").persistent(60)
                        .withNetmask(64), List.of()),
                new ServiceEntry(web, List.of(
                        dest(IpvsDestination.of(ip("10.2.2.4"), 80, Forwarding.TUNNEL, 1)
                                .withTunnel(TunnelType.GRE, 0, TunnelType.CSUM)),
                        dest(IpvsDestination.of(ip("10.2.2.10"), 80, Forwarding.DROUTE, 0)),
                        dest(IpvsDestination.of(ip("10.2.2.2"), 8080, Forwarding.MASQ, 3).withThresholds(100, 10)),
                        dest(IpvsDestination.of(ip("10.2.2.3"), 80, Forwarding.TUNNEL, 1)
                                .withTunnel(TunnelType.GUE, 6080, TunnelType.NOCSUM)))),
                new ServiceEntry(IpvsService.fwmark(Family.INET, 7, "lc").persistent(360),
                        List.of(dest(IpvsDestination.of(ip("10.3.3.3"), 0, Forwarding.DROUTE, 5)))),
                new ServiceEntry(IpvsService.of(Protocol.TCP, ip("2001:db8::1"), 80, "rr").persistent(100)
                        .withPersistenceEngine("sip"),
                        List.of(dest(IpvsDestination.of(ip("2001:db8::a"), 80, Forwarding.MASQ, 1)))),
                new ServiceEntry(IpvsService.of(Protocol.UDP, ip("10.1.1.3"), 53, "wrr")
                        .withFlags(IpvsService.F_ONEPACKET), List.of()),
                new ServiceEntry(IpvsService.of(Protocol.TCP, ip("10.1.1.2"), 443, "sh").persistent(300)
                        .withNetmask(0xffffff00).withFlags(IpvsService.F_PERSISTENT | IpvsService.F_SH_FALLBACK
                                | IpvsService.F_SH_PORT), List.of()));
        assertEquals(IPVSADM, IpvsListing.list(new IpvsInfo(0x010201, 4096), table));
    }

    @Test
    void timeoutAndDaemonLinesMatchIpvsadm() throws Exception {
        assertEquals("Timeout (tcp tcpfin udp): 100 20 30\n", IpvsListing.timeouts(new IpvsTimeouts(100, 20, 30)));
        assertEquals("master sync daemon (mcast=lo, syncid=5, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)\n"
                        + "backup sync daemon (mcast=lo, syncid=6, maxlen=65507, group=224.0.0.81, port=8848, ttl=1)\n",
                IpvsListing.daemons(List.of(
                        new SyncDaemon(SyncDaemon.State.MASTER, "lo", 5, 1472, ip("224.0.0.81"), 8848, 1),
                        new SyncDaemon(SyncDaemon.State.BACKUP, "lo", 6, 65507, ip("224.0.0.81"), 8848, 1))));
    }

    @Test
    void ipv6AddressesAreWrittenAsGlibcInetNtopDoes() throws Exception {
        assertEquals("2001:db8::1", IpvsListing.ntop(ip("2001:db8:0:0:0:0:0:1")));
        assertEquals("::", IpvsListing.ntop(ip("::")));
        assertEquals("::1", IpvsListing.ntop(ip("::1")));
        assertEquals("fe80::", IpvsListing.ntop(ip("fe80::")));
        assertEquals("2001:db8:0:1:1:1:1:1", IpvsListing.ntop(ip("2001:db8:0:1:1:1:1:1")));
        assertEquals("2001:0:0:1::1", IpvsListing.ntop(ip("2001:0:0:1:0:0:0:1")));
        assertEquals("::1.2.3.4", IpvsListing.ntop(ip("::102:304")));
    }

    @Test
    void otherSchedulersNameTheirFlagsByNumber() throws Exception {
        IpvsService s = IpvsService.of(Protocol.TCP, ip("10.0.0.1"), 80, "rr")
                .withFlags(IpvsService.F_SCHED1 | IpvsService.F_SCHED3);
        assertEquals("TCP  10.0.0.1:80 rr (flag-1,flag-3)", IpvsListing.serviceLine(s));
    }
}
