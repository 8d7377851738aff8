package keepalivedj.daemon.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import keepalivedj.conf.ConfigLoader;
import keepalivedj.conf.SystemHostEnvironment;
import keepalivedj.conf.model.LvsConfig;
import keepalivedj.conf.model.VirtualServer;
import keepalivedj.daemon.exec.ScriptResult;
import keepalivedj.healthcheck.Destination;
import keepalivedj.healthcheck.RsChange;
import keepalivedj.healthcheck.ScriptExecutor;
import keepalivedj.ipvs.Forwarding;
import keepalivedj.ipvs.IpvsDestination;
import keepalivedj.ipvs.IpvsOp;
import keepalivedj.ipvs.IpvsService;
import keepalivedj.ipvs.Protocol;
import keepalivedj.ipvs.TunnelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpvsMappingTest {
    @TempDir
    Path dir;

    private LvsConfig load(String text) throws Exception {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text);
        ConfigLoader.Result r = ConfigLoader.load(f, new ConfigLoader.Options(null, false),
                new SystemHostEnvironment());
        return r.config().lvs();
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void natServiceWithPersistenceAndFlags() throws Exception {
        LvsConfig c = load("virtual_server 10.1.1.1 80 {\n lvs_sched sh\n sh-port\n lvs_method NAT\n protocol TCP\n"
                + " persistence_timeout 300\n persistence_granularity 255.255.255.0\n"
                + " real_server 10.2.2.2 8080 {\n weight 3\n uthreshold 100\n lthreshold 10\n }\n}\n");
        VirtualServer vs = c.virtualServers().get(0);
        IpvsMapping m = new IpvsMapping(c);
        List<IpvsService> s = m.services(vs);
        IpvsService want = IpvsService.of(Protocol.TCP, ip("10.1.1.1"), 80, "sh").withFlags(IpvsService.F_SH_PORT)
                .persistent(300).withNetmask(0xffffff00);
        assertEquals(List.of(want), s);
        IpvsDestination d = IpvsMapping.destination(want, Destination.of(vs.realServers().get(0)), 3);
        assertEquals(List.of(8080, Forwarding.MASQ, 3, 100, 10), List.of(d.port(), d.forwarding(), d.weight(),
                d.upperThreshold(), d.lowerThreshold()));
    }

    @Test
    void directRoutingPortIsTheServicePortAndFwmarkNonNatPortIsZero() throws Exception {
        LvsConfig c = load("virtual_server 10.1.1.1 80 {\n lvs_method DR\n protocol TCP\n"
                + " real_server 10.2.2.2 8080 { }\n}\n"
                + "virtual_server fwmark 7 {\n lvs_method TUN type gue port 6080 csum\n lvs_sched rr\n"
                + " real_server 10.2.2.3 80 { }\n}\n");
        IpvsMapping m = new IpvsMapping(c);
        VirtualServer dr = c.virtualServers().get(0);
        IpvsService s = m.services(dr).get(0);
        assertEquals(80, IpvsMapping.destination(s, Destination.of(dr.realServers().get(0)), 1).port());
        assertEquals(Forwarding.DROUTE, IpvsMapping.destination(s, Destination.of(dr.realServers().get(0)), 1)
                .forwarding());
        VirtualServer fw = c.virtualServers().get(1);
        IpvsService f = m.services(fw).get(0);
        assertTrue(f.isFwmark());
        assertEquals(7, f.fwmark());
        IpvsDestination d = IpvsMapping.destination(f, Destination.of(fw.realServers().get(0)), 1);
        assertEquals(0, d.port());
        assertEquals(IpvsDestination.of(ip("10.2.2.3"), 0, Forwarding.TUNNEL, 1)
                .withTunnel(TunnelType.GUE, 6080, TunnelType.CSUM), d);
    }

    @Test
    void aGroupIsOneServicePerEntryAndEveryChangeGoesToEachOfThem() throws Exception {
        LvsConfig c = load("virtual_server_group G {\n 10.1.1.1-3 80\n fwmark 5\n}\n"
                + "virtual_server group G {\n lvs_method NAT\n protocol TCP\n lvs_sched rr\n"
                + " real_server 10.2.2.2 80 {\n weight 2\n }\n}\n");
        VirtualServer vs = c.virtualServers().get(0);
        IpvsMapping m = new IpvsMapping(c);
        List<IpvsService> s = m.services(vs);
        assertEquals(List.of("TCP 10.1.1.1:80", "TCP 10.1.1.2:80", "TCP 10.1.1.3:80", "FWM 5"),
                s.stream().map(IpvsService::toString).toList());
        Destination d = Destination.of(vs.realServers().get(0));
        List<IpvsOp> add = m.ops(new RsChange.AddDest(vs, d, 2));
        assertEquals(4, add.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(new IpvsOp.AddDestination(s.get(i), IpvsDestination.of(ip("10.2.2.2"), 80,
                    Forwarding.MASQ, 2)), add.get(i));
        }
        assertEquals(IpvsOp.EditDestination.class, m.ops(new RsChange.SetWeight(vs, d, 0)).get(0).getClass());
        assertEquals(IpvsOp.DeleteDestination.class, m.ops(new RsChange.RemoveDest(vs, d)).get(3).getClass());
        assertTrue(m.ops(new RsChange.Log("x")).isEmpty());
    }

    @Test
    void miscCheckStatusesFromTheScriptRunner() {
        ScriptExecutor.Outcome killed = MiscScripts.outcome(new ScriptResult(ScriptResult.Outcome.EXITED, 137,
                Duration.ZERO, null));
        assertEquals(-1, killed.exitStatus());
        assertFalse(killed.timedOut());
        assertEquals(5, MiscScripts.outcome(new ScriptResult(ScriptResult.Outcome.EXITED, 5, Duration.ZERO, null))
                .exitStatus());
        assertTrue(MiscScripts.outcome(new ScriptResult(ScriptResult.Outcome.TIMED_OUT, 143, Duration.ZERO, null))
                .timedOut());
        assertEquals(-1, MiscScripts.outcome(new ScriptResult(ScriptResult.Outcome.REFUSED, -1, Duration.ZERO,
                "unsafe permissions")).exitStatus());
    }
}
