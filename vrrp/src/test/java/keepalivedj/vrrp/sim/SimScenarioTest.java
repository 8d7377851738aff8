package keepalivedj.vrrp.sim;

import static keepalivedj.vrrp.packet.Frames.ip;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import keepalivedj.vrrp.fsm.State;
import keepalivedj.vrrp.spec.InstanceSpec;
import keepalivedj.vrrp.spec.Tracked;
import keepalivedj.vrrp.spec.TrackedObject;
import keepalivedj.vrrp.spec.VirtualAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Scenarios on the simulated LAN with a fixed 100 µs delay and no loss, asserting exact transition times
 * (keepalived.md §d.1–d.4; the lab captures' timings in keepalived-baseline.md). Invariants run throughout.
 */
class SimScenarioTest {
    private static final long S = 1_000_000;
    private static final long D = 100; // one-way delay

    static InstanceSpec vi(String name, int vrid, String self, int prio, List<TrackedObject> extra,
                           java.util.function.UnaryOperator<InstanceSpec.Builder> tweak) {
        List<TrackedObject> trackers = new java.util.ArrayList<>(extra);
        trackers.add(TrackedObject.of(Sim.LINK, 0));
        return tweak.apply(InstanceSpec.builder(name, vrid, ip(self)).priority(prio)
                .vips(List.of(VirtualAddress.of(ip("10.99." + vrid + ".100")))).trackers(trackers)).build();
    }

    static InstanceSpec vi(String name, int vrid, String self, int prio) {
        return vi(name, vrid, self, prio, List.of(), b -> b);
    }

    private static void assertOk(Sim sim) {
        assertNull(sim.violation(), () -> sim.violation() + "\n" + sim.trace());
    }

    private static Sim pair(InstanceSpec h1, InstanceSpec h2) {
        Sim sim = new Sim(1, false);
        sim.start(sim.addNode("h1", List.of(h1), List.of()));
        sim.start(sim.addNode("h2", List.of(h2), List.of()));
        return sim;
    }

    @Test
    @DisplayName("crash (vrrp2-crash-failover): backup takes over 3.609375 s after the last advert it heard")
    void crash() {
        Sim sim = pair(vi("VI_51", 51, "10.99.0.1", 101), vi("VI_51", 51, "10.99.0.2", 100));
        sim.at(20_500_000, () -> sim.crash(sim.nodes().get(0)));
        assertTrue(sim.runUntil(30 * S));
        assertOk(sim);
        assertEquals(List.of(3_605_468L), sim.timesOf("h1", "VI_51", State.MASTER));
        // h1's adverts at 3.605468 + k s; the last before the crash is at 19.605468 s, heard 100 µs later
        assertEquals(List.of(19_605_468L + D + 3_609_375L), sim.timesOf("h2", "VI_51", State.MASTER));
    }

    @Test
    @DisplayName("graceful stop (vrrp2-sigterm-prio0-handover): backup takes over Skew_Time 0.609375 s after priority 0")
    void gracefulStop() {
        Sim sim = pair(vi("VI_51", 51, "10.99.0.1", 101), vi("VI_51", 51, "10.99.0.2", 100));
        sim.at(20_500_000, () -> sim.stop(sim.nodes().get(0)));
        assertTrue(sim.runUntil(30 * S), sim::trace);
        assertEquals(List.of(20_500_000L + D + 609_375L), sim.timesOf("h2", "VI_51", State.MASTER));
        assertEquals(List.of(20_500_000L), sim.timesOf("h1", "VI_51", State.STOP));
    }

    @Test
    @DisplayName("partition + heal (split-brain captures): both MASTER while apart; the lower goes BACKUP on the first crossing")
    void partitionHeal() {
        Sim sim = pair(vi("VI_51", 51, "10.99.0.1", 101), vi("VI_51", 51, "10.99.0.2", 100));
        sim.at(10 * S, () -> sim.segment(sim.nodes().get(0), 1));
        sim.at(20 * S, () -> sim.segment(sim.nodes().get(0), 0));
        sim.at(21 * S, () -> sim.expectConverged = true);
        assertTrue(sim.runUntil(40 * S), sim::trace);
        assertEquals(List.of(9_605_468L + D + 3_609_375L), sim.timesOf("h2", "VI_51", State.MASTER));
        // h2 (master since 13.214943 s) advertises at 20.214943 s; h1 hears it, answers at once; h2 yields.
        assertEquals(List.of(20_214_943L + 2 * D), sim.timesOf("h2", "VI_51", State.BACKUP).subList(1, 2));
        assertEquals(List.of(3_605_468L), sim.timesOf("h1", "VI_51", State.MASTER), "h1 never changed state");
    }

    @Test
    @DisplayName("flapping link: FAULT on each loss, no flapping of the VIP; h1 preempts 3.605468 s after the link settles")
    void flappingLink() {
        Sim sim = pair(vi("VI_51", 51, "10.99.0.1", 101), vi("VI_51", 51, "10.99.0.2", 100));
        Sim.Node h1 = sim.nodes().get(0);
        long[] toggles = {10_000_000, 10_500_000, 11_000_000, 11_700_000, 12_200_000, 13_000_000};
        for (int i = 0; i < toggles.length; i++) {
            boolean up = i % 2 == 1;
            sim.at(toggles[i], () -> sim.link(h1, up));
        }
        sim.at(25 * S, () -> sim.expectConverged = true);
        assertTrue(sim.runUntil(40 * S), sim::trace);
        assertEquals(List.of(10_000_000L, 11_000_000L, 12_200_000L), sim.timesOf("h1", "VI_51", State.FAULT));
        assertEquals(List.of(9_605_468L + D + 3_609_375L), sim.timesOf("h2", "VI_51", State.MASTER));
        assertEquals(List.of(3_605_468L, 13_000_000L + 3_605_468L), sim.timesOf("h1", "VI_51", State.MASTER));
        assertEquals(13_000_000L + 3_605_468L + D, sim.timesOf("h2", "VI_51", State.BACKUP).get(1));
    }

    @Test
    @DisplayName("RFC 5798 §6.4.3 equal priorities: both time out together, the higher IP stays MASTER")
    void equalPriorities() {
        Sim sim = pair(vi("VI_51", 51, "10.99.0.1", 100), vi("VI_51", 51, "10.99.0.2", 100));
        sim.at(5 * S, () -> sim.expectConverged = true);
        assertTrue(sim.runUntil(30 * S), sim::trace);
        assertEquals(List.of(3_609_375L), sim.timesOf("h1", "VI_51", State.MASTER));
        assertEquals(List.of(3_609_375L + D), sim.timesOf("h1", "VI_51", State.BACKUP).subList(1, 2));
        assertEquals(State.MASTER, sim.nodes().get(1).machine(51).state());
    }

    @Test
    @DisplayName("three routers: the highest wins; on its crash the next one takes over, the lowest stays BACKUP")
    void threeRouters() {
        Sim sim = new Sim(1, false);
        sim.start(sim.addNode("r1", List.of(vi("VI_51", 51, "10.99.0.1", 100)), List.of()));
        sim.start(sim.addNode("r2", List.of(vi("VI_51", 51, "10.99.0.2", 110)), List.of()));
        sim.start(sim.addNode("r3", List.of(vi("VI_51", 51, "10.99.0.3", 120)), List.of()));
        sim.at(5 * S, () -> sim.expectConverged = true);
        sim.at(10_200_000, () -> {
            sim.expectConverged = false; // convergence is expected again once the survivors settle
            sim.crash(sim.nodes().get(2));
        });
        sim.at(15 * S, () -> sim.expectConverged = true);
        assertTrue(sim.runUntil(30 * S), sim::trace);
        assertEquals(List.of(3_531_250L), sim.timesOf("r3", "VI_51", State.MASTER));
        assertEquals(List.of(3_531_250L + 6 * S + D + 3_570_312L), sim.timesOf("r2", "VI_51", State.MASTER));
        assertEquals(List.of(), sim.timesOf("r1", "VI_51", State.MASTER));
    }

    @Test
    @DisplayName("dual master, mirrored: each router masters one VRID; after a crash the survivor masters both")
    void mirrored() {
        Sim sim = new Sim(1, false);
        sim.start(sim.addNode("a", List.of(vi("VI_1", 1, "10.99.0.1", 150), vi("VI_2", 2, "10.99.0.1", 100)), List.of()));
        sim.start(sim.addNode("b", List.of(vi("VI_1", 1, "10.99.0.2", 100), vi("VI_2", 2, "10.99.0.2", 150)), List.of()));
        sim.at(5 * S, () -> sim.expectConverged = true);
        sim.at(10 * S, () -> {
            sim.expectConverged = false;
            sim.crash(sim.nodes().get(0));
        });
        sim.at(15 * S, () -> sim.expectConverged = true);
        assertTrue(sim.runUntil(30 * S), sim::trace);
        assertEquals(State.MASTER, sim.nodes().get(1).machine(1).state());
        assertEquals(State.MASTER, sim.nodes().get(1).machine(2).state());
        assertEquals(List.of(3_414_062L), sim.timesOf("a", "VI_1", State.MASTER));
        assertEquals(List.of(3_414_062L), sim.timesOf("b", "VI_2", State.MASTER));
        assertEquals(1, sim.timesOf("b", "VI_1", State.MASTER).size());
    }

    @Test
    @DisplayName("§d.2 preempt_delay 5 s: the restarted higher router accepts the master for 5 s, then waits MDI")
    void preemptDelay() {
        Sim sim = new Sim(1, false);
        Sim.Node h1 = sim.addNode("h1", List.of(vi("VI_51", 51, "10.99.0.1", 150, List.of(),
                b -> b.preemptDelayUs(5 * S))), List.of());
        sim.start(sim.addNode("h2", List.of(vi("VI_51", 51, "10.99.0.2", 100)), List.of()));
        sim.at(10 * S, () -> sim.start(h1));
        assertTrue(sim.runUntil(30 * S), sim::trace);
        // h2 master at 3.609375 s, adverts heard at x.609475; first heard by h1 at 10.609475 → may preempt from
        // 15.609475; the last accepted advert is 14.609475, so MASTER at 14.609475 + 3.414062.
        assertEquals(List.of(14_609_475L + 3_414_062L), sim.timesOf("h1", "VI_51", State.MASTER));
    }

    @Test
    @DisplayName("§d.2 nopreempt: the restarted higher router never takes over from a running master")
    void nopreempt() {
        Sim sim = new Sim(1, false);
        Sim.Node h1 = sim.addNode("h1", List.of(vi("VI_51", 51, "10.99.0.1", 150, List.of(),
                b -> b.nopreempt(true))), List.of());
        sim.start(sim.addNode("h2", List.of(vi("VI_51", 51, "10.99.0.2", 100)), List.of()));
        sim.at(10 * S, () -> sim.start(h1));
        sim.at(10 * S, () -> sim.expectConverged = true);
        assertTrue(sim.runUntil(60 * S), sim::trace);
        assertEquals(List.of(), sim.timesOf("h1", "VI_51", State.MASTER));
        assertEquals(List.of(3_609_375L), sim.timesOf("h2", "VI_51", State.MASTER));
    }

    @Test
    @DisplayName("§a.6 sync group of two: a weight-0 tracker fault on one member hands both VRIDs over together")
    void syncGroup() {
        Sim sim = new Sim(1, false);
        List<TrackedObject> chk = List.of(TrackedObject.of(new Tracked.Script("chk"), 0));
        Sim.Node a = sim.addNode("a", List.of(vi("VI_1", 1, "10.99.0.1", 150, chk, b -> b), vi("VI_2", 2, "10.99.0.1", 150)),
                List.of("VI_1", "VI_2"));
        Sim.Node b = sim.addNode("b", List.of(vi("VI_1", 1, "10.99.0.2", 100), vi("VI_2", 2, "10.99.0.2", 100)),
                List.of("VI_1", "VI_2"));
        sim.start(a);
        sim.start(b);
        sim.at(5 * S, () -> sim.expectConverged = true);
        sim.at(10 * S, () -> {
            sim.expectConverged = false;
            sim.tracker(a, "chk", false);
        });
        sim.at(12 * S, () -> sim.expectConverged = true);
        sim.at(20 * S, () -> {
            sim.expectConverged = false;
            sim.tracker(a, "chk", true);
        });
        sim.at(25 * S, () -> sim.expectConverged = true);
        assertTrue(sim.runUntil(40 * S), sim::trace);
        assertEquals(List.of(10 * S), sim.timesOf("a", "VI_2", State.FAULT));
        assertEquals(List.of(10 * S + D + 609_375L), sim.timesOf("b", "VI_1", State.MASTER));
        assertEquals(List.of(10 * S + D + 609_375L), sim.timesOf("b", "VI_2", State.MASTER));
        assertEquals(List.of(3_414_062L, 20 * S + 3_414_062L), sim.timesOf("a", "VI_1", State.MASTER));
        assertEquals(List.of(3_414_062L, 20 * S + 3_414_062L), sim.timesOf("a", "VI_2", State.MASTER));
    }
}
