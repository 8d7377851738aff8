package keepalivedj.vrrp.sim;

import static keepalivedj.vrrp.packet.Frames.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import keepalivedj.vrrp.fsm.Timing;
import keepalivedj.vrrp.spec.InstanceSpec;
import keepalivedj.vrrp.spec.Tracked;
import keepalivedj.vrrp.spec.TrackedObject;
import keepalivedj.vrrp.spec.VirtualAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Thousands of seeded random networks and fault schedules: 2–4 routers, 1–2 VRIDs, v2 or v3 (IPv4 or IPv6),
 * random priorities, preempt / nopreempt / preempt_delay, trackers, sync groups; a chaos phase with crashes,
 * graceful stops, restarts, partitions, link flaps, tracker changes, loss, duplication and reordering; then a
 * calm phase in which exactly one MASTER per VRID must emerge and stay. The {@link Sim} invariants run after
 * every event in both phases.
 * <p>
 * {@code -Dvrrp.sim.seeds=N} sets the number of seeds (default 5000); {@code -Dvrrp.sim.seed=S} re-runs one
 * seed with a full trace.
 */
class RandomSimulationTest {
    private static final long BASE_SEED = 0x6b61L << 32; // "ka"

    @Test
    @DisplayName("random schedules: invariants hold and every network converges to one MASTER per VRID")
    void randomSchedules() {
        Long only = Long.getLong("vrrp.sim.seed");
        if (only != null) {
            Sim sim = run(only, true);
            System.out.println(sim.trace());
            System.out.println("vrrp simulation: seed " + only + ": " + (sim.violation() == null ? "ok" : sim.violation()));
            assertEquals(null, sim.violation());
            return;
        }
        int seeds = Integer.getInteger("vrrp.sim.seeds", 5000);
        List<String> failures = new ArrayList<>();
        long transitions = 0;
        long frames = 0;
        for (int i = 0; i < seeds; i++) {
            long seed = BASE_SEED + i;
            Sim sim = run(seed, false);
            transitions += sim.transitions();
            frames += sim.framesDelivered();
            if (sim.violation() != null) {
                failures.add("seed " + seed + ": " + sim.violation() + "\n" + sim.trace()
                        + "\nre-run: mvn -B -pl vrrp -am test -Dtest=RandomSimulationTest"
                        + " -Dsurefire.failIfNoSpecifiedTests=false -Dvrrp.sim.seed=" + seed);
            }
        }
        System.out.println("vrrp simulation: " + seeds + " seeds, " + failures.size() + " failures ("
                + transitions + " transitions, " + frames + " frames delivered)");
        failures.stream().limit(3).forEach(System.out::println);
        assertEquals(0, failures.size(), () -> "failing seeds: " + failures.stream()
                .map(f -> f.substring(5, f.indexOf(':'))).toList());
    }

    /** One seeded run: builds the network, schedules chaos, then a calm phase with the convergence invariant. */
    static Sim run(long seed, boolean fullTrace) {
        Sim sim = new Sim(seed, fullTrace);
        SplittableRandom r = sim.random();
        boolean ipv6 = r.nextInt(5) == 0;
        int version = ipv6 || r.nextBoolean() ? 3 : 2;
        int adverIntCs = version == 2 ? (r.nextInt(4) == 0 ? 200 : 100) : new int[] {100, 50, 20}[r.nextInt(3)];
        long intUs = adverIntCs * 10_000L;
        int routers = 2 + r.nextInt(3);
        int vrids = 1 + r.nextInt(2);
        boolean sync = vrids == 2 && r.nextInt(4) == 0;
        long maxPreemptDelay = 0;
        for (int n = 1; n <= routers; n++) {
            String self = ipv6 ? "fe80::" + n : "10.99.0." + n;
            int groupPrio = pickPriority(r);
            long groupSeed = r.nextLong();
            List<InstanceSpec> specs = new ArrayList<>();
            for (int v = 1; v <= vrids; v++) {
                int prio = sync ? groupPrio : pickPriority(r);
                // sync-group members share priority and preempt options, as a sane keepalived config does: a
                // member with nopreempt would hold its preempting siblings in BACKUP forever (keepalived.md §a.6)
                SplittableRandom o = sync ? new SplittableRandom(groupSeed) : r;
                List<TrackedObject> trackers = new ArrayList<>(List.of(TrackedObject.of(Sim.LINK, 0)));
                if (r.nextInt(3) == 0) {
                    int weight = sync ? 0 : new int[] {0, -60, 30}[r.nextInt(3)]; // weights are ignored in sync groups
                    trackers.add(TrackedObject.of(new Tracked.Script("chk"), weight));
                }
                InstanceSpec.Builder b = InstanceSpec.builder("VI_" + v, v, ip(self)).version(version)
                        .adverIntCs(adverIntCs).priority(prio).trackers(trackers)
                        .vips(List.of(VirtualAddress.of(ip(ipv6 ? "fe80::" + v + ":100" : "10.99." + v + ".100"))));
                if (prio == 255) {
                    b.wantMaster(o.nextBoolean());
                } else if (o.nextInt(10) == 0) {
                    b.nopreempt(true);
                } else if (o.nextInt(10) == 0) {
                    long d = (1 + o.nextInt(5)) * intUs;
                    maxPreemptDelay = Math.max(maxPreemptDelay, d);
                    b.preemptDelayUs(d);
                }
                b.higherPrioSendAdvert(r.nextInt(10) == 0).lowerPrioNoAdvert(r.nextInt(10) == 0);
                specs.add(b.build());
            }
            Sim.Node node = sim.addNode("r" + n, specs, sync ? List.of("VI_1", "VI_2") : List.of());
            sim.at(r.nextLong(2 * intUs), () -> sim.start(node));
        }
        long chaosEnd = 20 * intUs;
        long jitterMax = r.nextBoolean() ? intUs / 5 : 0;
        scheduleChaos(sim, r, chaosEnd, jitterMax);
        long mdi = Timing.masterDownIntervalUs(version, 1, adverIntCs, 3);
        long settle = maxPreemptDelay + 4 * mdi + 4 * intUs + 2 * jitterMax;
        sim.at(chaosEnd, () -> calm(sim));
        sim.at(chaosEnd + settle, () -> sim.expectConverged = true);
        sim.runUntil(chaosEnd + settle + 10 * intUs);
        return sim;
    }

    private static int pickPriority(SplittableRandom r) {
        return new int[] {50, 100, 100, 150, 200, 254, 255}[r.nextInt(r.nextInt(8) == 0 ? 7 : 6)];
    }

    private static void scheduleChaos(Sim sim, SplittableRandom r, long until, long jitterMax) {
        sim.delayJitterUs = jitterMax;
        sim.duplication = r.nextInt(3) == 0 ? 0.1 : 0;
        int events = 1 + r.nextInt(8);
        List<Sim.Node> nodes = sim.nodes();
        for (int i = 0; i < events; i++) {
            long t = 2 * until / 20 + r.nextLong(until - 2 * until / 20);
            Sim.Node n = nodes.get(r.nextInt(nodes.size()));
            int kind = r.nextInt(8);
            double p = new double[] {0.05, 0.3, 1.0}[r.nextInt(3)];
            int seg = r.nextInt(3);
            sim.at(t, () -> {
                switch (kind) {
                    case 0 -> { if (n.alive()) sim.crash(n); else sim.start(n); }
                    case 1 -> { if (n.alive()) sim.stop(n); else sim.start(n); }
                    case 2 -> sim.segment(n, seg);
                    case 3 -> nodes.forEach(x -> sim.segment(x, 0));
                    case 4 -> sim.link(n, !n.linkUp);
                    case 5 -> sim.tracker(n, "chk", r.nextBoolean());
                    case 6 -> sim.loss = p;
                    default -> sim.loss = 0;
                }
            });
        }
    }

    /** The network heals: everyone on one segment, links and trackers up, dead routers restarted, no loss. */
    private static void calm(Sim sim) {
        sim.loss = 0;
        for (Sim.Node n : sim.nodes()) {
            sim.segment(n, 0);
            sim.link(n, true);
            if (!n.alive()) {
                sim.start(n);
            } else {
                sim.tracker(n, "chk", true);
            }
        }
    }
}
