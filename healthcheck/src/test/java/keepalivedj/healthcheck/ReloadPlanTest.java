package keepalivedj.healthcheck;

import static keepalivedj.healthcheck.Fixtures.rs;
import static keepalivedj.healthcheck.Fixtures.tcp;
import static keepalivedj.healthcheck.VirtualServerStateTest.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import keepalivedj.conf.Position;
import keepalivedj.conf.model.RealServer;
import keepalivedj.conf.model.VirtualServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReloadPlanTest {

    @Test
    @DisplayName("a real server moved to another line is unchanged; a new weight or checker is a change")
    void unchangedRealServers() {
        RealServer a = rs("10.1.0.2", 80, 1, List.of(tcp(false, new Position("a.conf", 4, 3))), "notify");
        RealServer b = rs("10.1.0.3", 80, 1, List.of(tcp(false)));
        VirtualServer old = new Fixtures.Vs().rs(a).rs(b).build();
        RealServer aMoved = rs("10.1.0.2", 80, 1, List.of(tcp(false, new Position("b.conf", 40, 9))), "notify");
        RealServer bHeavier = rs("10.1.0.3", 80, 5, List.of(tcp(false)));
        RealServer bAlpha = rs("10.1.0.3", 80, 1, List.of(tcp(true)));
        assertEquals(List.of(aMoved), ReloadPlan.unchangedRealServers(old,
                new Fixtures.Vs().rs(aMoved).rs(bHeavier).build()));
        assertEquals(List.of(aMoved), ReloadPlan.unchangedRealServers(old,
                new Fixtures.Vs().rs(aMoved).rs(bAlpha).build()));
    }

    @Test
    @DisplayName("services match by kind, address, port and protocol; removed destinations are deleted")
    void matchingAndRemoved() {
        RealServer a = rs("10.1.0.2", 80, 1, List.of(tcp(false)));
        RealServer b = rs("10.1.0.3", 80, 1, List.of(tcp(false)));
        VirtualServerState running = new VirtualServerState(new Fixtures.Vs().rs(a).rs(b).build());
        running.start(false);
        Fixtures.Vs other = new Fixtures.Vs().rs(a);
        other.address = "10.0.0.9";
        assertNull(ReloadPlan.matching(List.of(running), other.build()));
        VirtualServer next = new Fixtures.Vs().rs(a).build();
        assertSame(running, ReloadPlan.matching(List.of(running), next));
        assertEquals(List.of(), show(ReloadPlan.removedSorry(running, next)));
        assertEquals(List.of("del 10.1.0.3:80", "fifo RS [10.1.0.3]:tcp:80 [10.0.0.1]:tcp:80 DOWN\\n"),
                show(running.realServersRemovedByReload(next)));
    }

    @Test
    @DisplayName("a sorry server in IPVS that the new configuration changes is deleted")
    void sorryChanged() {
        RealServer a = rs("10.1.0.2", 80, 1, List.of(tcp(true)));
        VirtualServerState running = new VirtualServerState(new Fixtures.Vs().sorry("10.0.0.9", 80, false).rs(a)
                .build());
        running.start(false);
        assertEquals(1, running.sorryInPool());
        VirtualServer next = new Fixtures.Vs().sorry("10.0.0.8", 80, false).rs(a).build();
        assertFalse(ReloadPlan.sameSorry(running.virtualServer(), next));
        assertEquals(List.of("del sorry 10.0.0.9:80"), show(ReloadPlan.removedSorry(running, next)));
        assertTrue(ReloadPlan.sameSorry(running.virtualServer(),
                new Fixtures.Vs().sorry("10.0.0.9", 80, false).rs(a).build()));
    }
}
