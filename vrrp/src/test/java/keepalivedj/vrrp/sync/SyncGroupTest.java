package keepalivedj.vrrp.sync;

import static keepalivedj.vrrp.packet.Frames.ip;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import keepalivedj.vrrp.fsm.Action;
import keepalivedj.vrrp.fsm.Event;
import keepalivedj.vrrp.fsm.State;
import keepalivedj.vrrp.fsm.Timer;
import keepalivedj.vrrp.fsm.VrrpMachine;
import keepalivedj.vrrp.packet.Advertisement;
import keepalivedj.vrrp.packet.Frames;
import keepalivedj.vrrp.spec.InstanceSpec;
import keepalivedj.vrrp.spec.Tracked;
import keepalivedj.vrrp.spec.TrackedObject;
import keepalivedj.vrrp.spec.VirtualAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** keepalived.md §a.6 and §d.1: vrrp_sync_group members move together. */
class SyncGroupTest {
    private static final long S = 1_000_000;

    private static InstanceSpec spec(String name, int vrid, String vip, List<TrackedObject> trackers) {
        return InstanceSpec.builder(name, vrid, ip("10.0.0.2")).vips(List.of(VirtualAddress.of(ip(vip))))
                .trackers(trackers).build();
    }

    private final VrrpMachine a = new VrrpMachine(spec("VI_A", 1, "10.0.0.101", List.of(TrackedObject.of(new Tracked.Interface("eth0"), 0))));
    private final VrrpMachine b = new VrrpMachine(spec("VI_B", 2, "10.0.0.102", List.of()));
    private final SyncGroup g = new SyncGroup("G", List.of(a, b));

    private static List<String> transitions(List<SyncGroup.MemberAction> out) {
        return out.stream().filter(m -> m.action() instanceof Action.Transition)
                .map(m -> m.instance() + ":" + ((Action.Transition) m.action()).to()).toList();
    }

    @Test
    @DisplayName("§d.1: the first member to time out waits (adver_int + min skew) until its sibling wants MASTER too")
    void waitsForSibling() {
        g.step("VI_A", Event.STARTED, 0);
        g.step("VI_B", Event.STARTED, 0);
        // B keeps hearing its master, A's master is gone
        g.step("VI_B", new Event.AdvertReceived(Frames.decode(Frames.v4(
                Advertisement.v2(2, 150, 1, null, List.of(ip("10.0.0.102"))), "10.0.0.1", "224.0.0.18", 255))), 3 * S);
        List<SyncGroup.MemberAction> out = g.step("VI_A", new Event.TimerExpired(Timer.MASTER_DOWN), 3_609_375);
        assertEquals(List.of(), transitions(out));
        assertEquals(State.BACKUP, a.state());
        assertEquals(State.MASTER, a.wantState());
        assertEquals(3_609_375 + 1_003_906, a.deadline(Timer.MASTER_DOWN));
        // B's master goes too: B times out, sees A wanting MASTER, both go MASTER together
        out = g.step("VI_B", new Event.TimerExpired(Timer.MASTER_DOWN), 6_609_375);
        assertEquals(List.of("VI_B:MASTER", "VI_A:MASTER"), transitions(out));
        assertTrue(out.contains(new SyncGroup.MemberAction("G", new Action.Notify("GROUP", "G", "MASTER", 0))));
    }

    @Test
    @DisplayName("§b.5: a group rebuilt by a reload with the state it notified does not notify it again")
    void rebuiltGroupDoesNotNotifyAgain() {
        g.step("VI_A", Event.STARTED, 0);
        g.step("VI_B", Event.STARTED, 0);
        g.step("VI_A", new Event.TimerExpired(Timer.MASTER_DOWN), 3_609_375);
        g.step("VI_B", new Event.TimerExpired(Timer.MASTER_DOWN), 3_609_375);
        assertEquals(State.MASTER, g.state());
        SyncGroup rebuilt = new SyncGroup("G", List.of(a, b), g.state());
        List<SyncGroup.MemberAction> out = rebuilt.step("VI_A", new Event.TimerExpired(Timer.ADVER), 4 * S);
        assertTrue(out.stream().noneMatch(m -> m.action() instanceof Action.Notify), "no notify: " + out);
        // without the notified state it would have notified MASTER again (what a fresh group does)
        SyncGroup fresh = new SyncGroup("G", List.of(a, b));
        out = fresh.step("VI_A", new Event.TimerExpired(Timer.ADVER), 5 * S);
        assertTrue(out.contains(new SyncGroup.MemberAction("G", new Action.Notify("GROUP", "G", "MASTER", 0))));
    }

    @Test
    @DisplayName("§a.6: a member going BACKUP on a higher advert takes the other master with it")
    void backupTogether() {
        g.step("VI_A", Event.STARTED, 0);
        g.step("VI_B", Event.STARTED, 0);
        g.step("VI_A", new Event.TimerExpired(Timer.MASTER_DOWN), 3_609_375); // waits for B
        g.step("VI_B", new Event.TimerExpired(Timer.MASTER_DOWN), 3_609_375);
        assertEquals(State.MASTER, a.state());
        List<SyncGroup.MemberAction> out = g.step("VI_B", new Event.AdvertReceived(Frames.decode(Frames.v4(
                Advertisement.v2(2, 150, 1, null, List.of(ip("10.0.0.102"))), "10.0.0.1", "224.0.0.18", 255))), 5 * S);
        assertEquals(List.of("VI_B:BACKUP", "VI_A:BACKUP"), transitions(out));
        assertEquals(State.BACKUP, g.state());
    }

    @Test
    @DisplayName("§a.6: one member's weight-0 tracker puts the whole group in FAULT, and only its recovery lifts it")
    void faultTogether() {
        g.step("VI_A", Event.STARTED, 0);
        g.step("VI_B", Event.STARTED, 0);
        g.step("VI_A", new Event.TimerExpired(Timer.MASTER_DOWN), 3_609_375);
        g.step("VI_B", new Event.TimerExpired(Timer.MASTER_DOWN), 3_609_375);
        List<SyncGroup.MemberAction> out = g.step("VI_A", new Event.TrackerChanged(new Tracked.Interface("eth0"), false), 5 * S);
        assertEquals(List.of("VI_A:FAULT", "VI_B:FAULT"), transitions(out));
        long prio0 = out.stream().filter(m -> m.action() instanceof Action.SendAdvert s && s.advert().priority() == 0).count();
        assertEquals(2, prio0, "both masters hand over with priority 0");
        assertEquals(State.FAULT, g.state());
        out = g.step("VI_A", new Event.TrackerChanged(new Tracked.Interface("eth0"), true), 9 * S);
        assertEquals(List.of("VI_A:BACKUP", "VI_B:BACKUP"), transitions(out));
        assertTrue(out.contains(new SyncGroup.MemberAction("G", new Action.Notify("GROUP", "G", "BACKUP", 0))));
    }

    @Test
    @DisplayName("§d.4 regression (found by the simulation): an owner leaving FAULT in a sync group is not stuck in FAULT")
    void ownerLeavesFaultInGroup() {
        VrrpMachine owner = new VrrpMachine(InstanceSpec.builder("VI_O", 1, ip("10.0.0.2")).priority(255).wantMaster(true)
                .vips(List.of(VirtualAddress.of(ip("10.0.0.101")))).trackers(List.of(TrackedObject.of(new Tracked.Interface("eth0"), 0))).build());
        VrrpMachine other = new VrrpMachine(spec("VI_P", 2, "10.0.0.102", List.of(TrackedObject.of(new Tracked.Interface("eth0"), 0))));
        SyncGroup group = new SyncGroup("G2", List.of(owner, other));
        group.step("VI_O", Event.STARTED, 0);
        group.step("VI_P", Event.STARTED, 0);
        group.step("VI_O", new Event.TrackerChanged(new Tracked.Interface("eth0"), false), 1 * S);
        group.step("VI_P", new Event.TrackerChanged(new Tracked.Interface("eth0"), false), 1 * S);
        assertEquals(State.FAULT, owner.state());
        group.step("VI_O", new Event.TrackerChanged(new Tracked.Interface("eth0"), true), 2 * S);
        group.step("VI_P", new Event.TrackerChanged(new Tracked.Interface("eth0"), true), 2 * S);
        assertEquals(State.BACKUP, owner.state());
        assertEquals(2 * S + 1, owner.deadline(Timer.MASTER_DOWN), "owner goes on to MASTER after 1 µs");
        group.step("VI_O", new Event.TimerExpired(Timer.MASTER_DOWN), 2 * S + 1);
        assertEquals(State.BACKUP, owner.state(), "held until the sibling wants MASTER too");
        assertEquals(State.MASTER, owner.wantState());
        assertEquals(2 * S + 3_609_375, other.deadline(Timer.MASTER_DOWN));
        group.step("VI_P", new Event.TimerExpired(Timer.MASTER_DOWN), 2 * S + 3_609_375);
        assertEquals(State.MASTER, other.state());
        assertEquals(State.MASTER, owner.state(), "the held owner follows");
    }

    @Test
    @DisplayName("§d.3: when one member answers a lower priority, the MASTER siblings send their GARP bursts too")
    void siblingsGarpOnLowerPriority() {
        g.step("VI_A", Event.STARTED, 0);
        g.step("VI_B", Event.STARTED, 0);
        g.step("VI_A", new Event.TimerExpired(Timer.MASTER_DOWN), 3_609_375);
        g.step("VI_B", new Event.TimerExpired(Timer.MASTER_DOWN), 3_609_375);
        List<SyncGroup.MemberAction> out = g.step("VI_B", new Event.AdvertReceived(Frames.decode(Frames.v4(
                Advertisement.v2(2, 50, 1, null, List.of(ip("10.0.0.102"))), "10.0.0.1", "224.0.0.18", 255))), 5 * S);
        List<String> garps = out.stream().filter(m -> m.action() instanceof Action.SendGratuitous)
                .map(SyncGroup.MemberAction::instance).toList();
        assertEquals(List.of("VI_B", "VI_A"), garps);
        assertEquals(10 * S, a.deadline(Timer.GARP_LOWER_PRIO));
    }
}
