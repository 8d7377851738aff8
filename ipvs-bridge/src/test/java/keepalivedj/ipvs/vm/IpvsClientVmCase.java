package keepalivedj.ipvs.vm;

import static keepalivedj.ipvs.vm.Sh.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import keepalivedj.ipvs.DestinationEntry;
import keepalivedj.ipvs.Family;
import keepalivedj.ipvs.Forwarding;
import keepalivedj.ipvs.IpvsCommand;
import keepalivedj.ipvs.IpvsDestination;
import keepalivedj.ipvs.IpvsInfo;
import keepalivedj.ipvs.IpvsService;
import keepalivedj.ipvs.IpvsTimeouts;
import keepalivedj.ipvs.NetlinkIpvs;
import keepalivedj.ipvs.Protocol;
import keepalivedj.ipvs.SyncDaemon;
import keepalivedj.ipvs.TunnelType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every client operation against the VM's real IPVS, each checked with ipvsadm or /proc/net/ip_vs. */
class IpvsClientVmCase {
    static final String HEAD = "IP Virtual Server version 1.2.1 (size=4096)\n"
            + "Prot LocalAddress:Port Scheduler Flags\n"
            + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n";
    static NetlinkIpvs ipvs;

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @BeforeAll
    static void open() throws Exception {
        ipvs = NetlinkIpvs.open();
    }

    @AfterAll
    static void close() {
        ipvs.close();
    }

    @BeforeEach
    void empty() {
        sh("ipvsadm -C");
    }

    static String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = IpvsCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void infoMatchesIpvsadmHeader() throws Exception {
        IpvsInfo info = ipvs.info();
        assertEquals("1.2.1", info.versionString());
        assertTrue(sh("ipvsadm -Ln").startsWith("IP Virtual Server version 1.2.1 (size=" + info.connTableSize() + ")\n"));
    }

    @Test
    void addsServicesOfEveryKind() throws Exception {
        ipvs.addService(IpvsService.of(Protocol.TCP, ip("10.1.1.1"), 80, "rr"));
        ipvs.addService(IpvsService.of(Protocol.TCP, ip("10.1.1.2"), 443, "sh").persistent(300)
                .withNetmask(0xffffff00).withFlags(IpvsService.F_PERSISTENT | IpvsService.F_SH_FALLBACK
                        | IpvsService.F_SH_PORT));
        ipvs.addService(IpvsService.of(Protocol.UDP, ip("10.1.1.3"), 53, "wrr").withFlags(IpvsService.F_ONEPACKET));
        ipvs.addService(IpvsService.fwmark(Family.INET, 7, "lc").persistent(360));
        ipvs.addService(IpvsService.fwmark(Family.INET6, 8, "mh").withFlags(IpvsService.F_MH_PORT));
        ipvs.addService(IpvsService.of(Protocol.SCTP, ip("2001:db8::1"), 9000, "wlc").persistent(60).withNetmask(64));
        ipvs.addService(IpvsService.of(Protocol.TCP, ip("2001:db8::1"), 80, "rr").persistent(100)
                .withPersistenceEngine("sip"));
        assertEquals(HEAD
                + "TCP  10.1.1.1:80 rr\n"
                + "TCP  10.1.1.2:443 sh (sh-fallback,sh-port) persistent 300 mask 255.255.255.0\n"
                + "UDP  10.1.1.3:53 wrr ops\n"
                + "TCP  [2001:db8::1]:80 rr persistent 100 pe sip\n"
                + "SCTP [2001:db8::1]:9000 wlc persistent 60 mask 64\n"
                + "FWM  7 lc persistent 360\n"
                + "FWM  8 IPv6 mh (mh-port)\n", sh("ipvsadm -Ln"));
        assertTrue(sh("cat /proc/net/ip_vs").contains("TCP  0A010102:01BB sh  persistent 75000 FFFFFF00"));
        assertEquals(sh("ipvsadm -Ln"), cli("list", "-n"));
    }

    @Test
    void editsAndDeletesAService() throws Exception {
        IpvsService s = IpvsService.of(Protocol.TCP, ip("10.1.1.1"), 80, "rr");
        ipvs.addService(s);
        ipvs.editService(s.withScheduler("wlc").persistent(120));
        assertEquals(HEAD + "TCP  10.1.1.1:80 wlc persistent 120\n", sh("ipvsadm -Ln"));
        assertEquals(List.of(s.withScheduler("wlc").persistent(120)), ipvs.services());
        ipvs.deleteService(s);
        assertEquals(HEAD, sh("ipvsadm -Ln"));
        assertEquals(List.of(), ipvs.services());
    }

    @Test
    void addsEditsAndDeletesDestinationsOfEveryMethod() throws Exception {
        IpvsService s = IpvsService.of(Protocol.TCP, ip("10.1.1.1"), 80, "wrr");
        ipvs.addService(s);
        IpvsDestination nat = IpvsDestination.of(ip("10.2.2.2"), 8080, Forwarding.MASQ, 3).withThresholds(100, 10);
        IpvsDestination dr = IpvsDestination.of(ip("10.2.2.10"), 80, Forwarding.DROUTE, 0);
        IpvsDestination ipip = IpvsDestination.of(ip("10.2.2.5"), 80, Forwarding.TUNNEL, 2);
        IpvsDestination gue = IpvsDestination.of(ip("10.2.2.3"), 80, Forwarding.TUNNEL, 1)
                .withTunnel(TunnelType.GUE, 6080, TunnelType.NOCSUM);
        IpvsDestination gre = IpvsDestination.of(ip("10.2.2.4"), 80, Forwarding.TUNNEL, 1)
                .withTunnel(TunnelType.GRE, 0, TunnelType.CSUM);
        for (IpvsDestination d : List.of(nat, dr, ipip, gue, gre)) {
            ipvs.addDestination(s, d);
        }
        assertEquals(HEAD + "TCP  10.1.1.1:80 wrr\n"
                + "  -> 10.2.2.2:8080                Masq    3      0          0         \n"
                + "  -> 10.2.2.3:80                  Tunnel  1      0          0         \n"
                + "  -> 10.2.2.4:80                  Tunnel  1      0          0         \n"
                + "  -> 10.2.2.5:80                  Tunnel  2      0          0         \n"
                + "  -> 10.2.2.10:80                 Route   0      0          0         \n", sh("ipvsadm -Ln"));
        String tun = sh("ipvsadm -Ln --tun-info");
        assertTrue(tun.contains("  -> 10.2.2.3:80                  Tunnel  gue:6080:-c   1"), tun);
        assertTrue(tun.contains("  -> 10.2.2.4:80                  Tunnel  gre:+c        1"), tun);
        assertTrue(tun.contains("  -> 10.2.2.5:80                  Tunnel  ipip          2"), tun);
        assertTrue(sh("ipvsadm -Ln --thresholds").contains("  -> 10.2.2.2:8080                100        10"));
        assertEquals(List.of(nat, dr, ipip, gue, gre).stream().sorted(java.util.Comparator.comparing(
                        IpvsDestination::toString)).toList(),
                ipvs.destinations(s).stream().map(DestinationEntry::destination)
                        .sorted(java.util.Comparator.comparing(IpvsDestination::toString)).toList());

        ipvs.editDestination(s, nat.withWeight(7).withThresholds(0, 0));
        assertTrue(sh("ipvsadm -Ln").contains("  -> 10.2.2.2:8080                Masq    7      0          0"));
        assertTrue(sh("ipvsadm -Ln --thresholds").contains("  -> 10.2.2.2:8080                0          0"));
        ipvs.deleteDestination(s, dr);
        assertTrue(!sh("ipvsadm -Ln").contains("10.2.2.10"));
        assertTrue(sh("cat /proc/net/ip_vs").contains("-> 0A020202:1F90      Masq    7"));
        assertEquals(sh("ipvsadm -Ln"), cli("list"));
    }

    @Test
    void ipv6AndFwmarkDestinations() throws Exception {
        IpvsService v6 = IpvsService.of(Protocol.TCP, ip("2001:db8::1"), 80, "rr");
        IpvsService fw = IpvsService.fwmark(Family.INET, 7, "lc");
        ipvs.addService(v6);
        ipvs.addService(fw);
        ipvs.addDestination(v6, IpvsDestination.of(ip("2001:db8::a"), 8080, Forwarding.MASQ, 1));
        ipvs.addDestination(fw, IpvsDestination.of(ip("10.3.3.3"), 0, Forwarding.DROUTE, 5));
        assertEquals(HEAD + "TCP  [2001:db8::1]:80 rr\n"
                + "  -> [2001:db8::a]:8080           Masq    1      0          0         \n"
                + "FWM  7 lc\n"
                + "  -> 10.3.3.3:0                   Route   5      0          0         \n", sh("ipvsadm -Ln"));
        assertEquals(sh("ipvsadm -Ln"), cli("list", "-n"));
    }

    @Test
    void flushEmptiesTheTable() throws Exception {
        sh("ipvsadm -A -t 10.9.9.9:80 -s rr && ipvsadm -a -t 10.9.9.9:80 -r 10.8.8.8 -g && ipvsadm -A -f 3 -s rr");
        ipvs.flush();
        assertEquals(HEAD, sh("ipvsadm -Ln"));
    }

    @Test
    void timeoutsAreSetAndReadLikeIpvsadmSet() throws Exception {
        IpvsTimeouts before = ipvs.timeouts();
        assertEquals("Timeout (tcp tcpfin udp): " + before.tcp() + " " + before.tcpFin() + " " + before.udp() + "\n",
                sh("ipvsadm -Ln --timeout"));
        try {
            ipvs.setTimeouts(new IpvsTimeouts(100, 20, 30));
            assertEquals("Timeout (tcp tcpfin udp): 100 20 30\n", sh("ipvsadm -Ln --timeout"));
            ipvs.setTimeouts(new IpvsTimeouts(0, 0, 45)); // 0 leaves a timeout as it is
            assertEquals(new IpvsTimeouts(100, 20, 45), ipvs.timeouts());
            assertEquals(sh("ipvsadm -Ln --timeout"), cli("list", "--timeout"));
        } finally {
            ipvs.setTimeouts(before);
        }
    }

    @Test
    void syncDaemonsStartAndStop() throws Exception {
        ipvs.startDaemon(SyncDaemon.of(SyncDaemon.State.MASTER, "lo", 5));
        ipvs.startDaemon(new SyncDaemon(SyncDaemon.State.BACKUP, "lo", 6, 1400, ip("224.0.0.82"), 8849, 2));
        try {
            assertEquals("master sync daemon (mcast=lo, syncid=5, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)\n"
                    + "backup sync daemon (mcast=lo, syncid=6, maxlen=1400, group=224.0.0.82, port=8849, ttl=2)\n",
                    sh("ipvsadm -Ln --daemon"));
            assertEquals(sh("ipvsadm -Ln --daemon"), cli("list", "--daemon"));
        } finally {
            ipvs.stopDaemon(SyncDaemon.of(SyncDaemon.State.MASTER, "", 5));
            ipvs.stopDaemon(SyncDaemon.of(SyncDaemon.State.BACKUP, "", 6));
        }
        assertEquals("", sh("ipvsadm -Ln --daemon"));
        assertEquals(List.of(), ipvs.daemons());
    }
}
