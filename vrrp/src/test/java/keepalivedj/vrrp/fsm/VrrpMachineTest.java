package keepalivedj.vrrp.fsm;

import static keepalivedj.vrrp.fsm.MachineFixture.*;
import static keepalivedj.vrrp.packet.Frames.ip;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import keepalivedj.vrrp.fsm.Action.*;
import keepalivedj.vrrp.packet.Drop;
import keepalivedj.vrrp.packet.Frames;
import keepalivedj.vrrp.packet.VrrpCodec;
import keepalivedj.vrrp.spec.GarpSettings;
import keepalivedj.vrrp.spec.Tracked;
import keepalivedj.vrrp.spec.TrackedObject;
import keepalivedj.vrrp.spec.VirtualAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The state machine against RFC 3768/5798 §6.4 and keepalived.md §d.1–d.5, §d.9, with a hand-driven clock in µs.
 * Each test: init (spec, start), step (events at exact times), check (exact actions and deadlines).
 */
class VrrpMachineTest {
    private static final long S = 1_000_000;

    @Test
    @DisplayName("§d.1: a backup starts in BACKUP, notifies it, and arms Master_Down_Interval (3.609375 s)")
    void startupBackup() {
        MachineFixture m = new MachineFixture(lab("10.99.0.2").build());
        List<Action> out = m.start(0);
        assertEquals(List.of(
                new RemoveAddresses(m.machine.spec().vips(), List.of(), List.of(), List.of(), true),
                new Transition(State.INIT, State.BACKUP, "start"),
                new Log("(VI_51) Entering BACKUP STATE (init)"),
                new Notify("INSTANCE", "VI_51", "BACKUP", 100),
                new ArmTimer(Timer.MASTER_DOWN, 3_609_375)), out);
        assertEquals(State.BACKUP, m.machine.state());
    }

    @Test
    @DisplayName("RFC 3768 §6.4.2: backup of priority 100 at advert_int 1 takes over 3.609375 s after the last advert")
    void takeoverAfterLastAdvert() {
        MachineFixture m = new MachineFixture(lab("10.99.0.2").build());
        m.start(0);
        List<Action> heard = m.advert(2_500_000, "10.99.0.1", 101);
        assertEquals(List.of(new ArmTimer(Timer.MASTER_DOWN, 2_500_000 + 3_609_375)), heard);
        assertEquals(List.of(), m.fire(3_609_375, Timer.MASTER_DOWN), "the old deadline is stale now");
        assertEquals(List.of(), m.fire(6_109_374, Timer.MASTER_DOWN), "one µs early does nothing");
        List<Action> out = m.fire(6_109_375, Timer.MASTER_DOWN);
        assertEquals(State.MASTER, m.machine.state());
        SendAdvert first = only(out, SendAdvert.class).get(0);
        assertEquals(Frames.labV2(100), first.advert());
        assertEquals(List.of(VrrpCodec.VRRP_IPV4_GROUP), first.destinations());
        assertEquals(255, first.ttl());
        // §d.4 order: advert, addresses, GARP burst, second burst timer, notify, advert timer.
        assertEquals(List.of(
                new Log("(VI_51) Receive advertisement timeout"), // the fired timer needs no cancel
                new Transition(State.BACKUP, State.MASTER, "Master_Down_Timer expired"),
                new Log("(VI_51) Entering MASTER STATE"),
                first,
                new Log("(VI_51) setting VIPs."),
                new AddAddresses(m.machine.spec().vips(), List.of(), List.of(), List.of()),
                new Log("(VI_51) Sending/queueing gratuitous ARPs on eth0 for 10.99.0.100"),
                new SendGratuitous("eth0", m.machine.spec().vips(), 5, 0),
                new ArmTimer(Timer.GARP_MASTER_DELAY, 6_109_375 + 5 * S),
                new Notify("INSTANCE", "VI_51", "MASTER", 100),
                new ArmTimer(Timer.ADVER, 7_109_375)), out);
    }

    @Test
    @DisplayName("RFC 3768 §6.4.2: after a priority-0 advert the backup takes over after Skew_Time, 0.609375 s")
    void priorityZero() {
        MachineFixture m = new MachineFixture(lab("10.99.0.2").build());
        m.start(0);
        m.advert(1 * S, "10.99.0.1", 101);
        List<Action> out = m.advert(1_500_000, "10.99.0.1", 0);
        assertEquals(List.of(new Log("(VI_51) Backup received priority 0 advertisement"),
                new ArmTimer(Timer.MASTER_DOWN, 1_500_000 + 609_375)), out);
        m.fire(2_109_375, Timer.MASTER_DOWN);
        assertEquals(State.MASTER, m.machine.state());
    }

    @Test
    @DisplayName("master: ADVER sends at the effective priority and re-arms; GARP second burst after 5 s")
    void masterAdvertTimer() {
        MachineFixture m = new MachineFixture(lab("10.99.0.2").build());
        m.start(0);
        m.fire(3_609_375, Timer.MASTER_DOWN);
        List<Action> tick = m.fire(4_609_375, Timer.ADVER);
        assertEquals(Frames.labV2(100), only(tick, SendAdvert.class).get(0).advert());
        assertEquals(5_609_375, armed(tick, Timer.ADVER));
        assertEquals(List.of(new SendGratuitous("eth0", m.machine.spec().vips(), 5, 0)),
                m.fire(8_609_375, Timer.GARP_MASTER_DELAY));
    }

    @Test
    @DisplayName("advertOnAdverTimer is what the next ADVER expiry sends, changes nothing, and is null unless MASTER")
    void advertOnAdverTimerIsWhatTheExpirySends() {
        MachineFixture m = new MachineFixture(lab("10.99.0.2").build());
        assertNull(m.machine.advertOnAdverTimer(), "INIT");
        m.start(0);
        assertNull(m.machine.advertOnAdverTimer(), "BACKUP");
        m.fire(3_609_375, Timer.MASTER_DOWN);
        SendAdvert before = m.machine.advertOnAdverTimer();
        assertEquals(before, m.machine.advertOnAdverTimer(), "asking twice");
        assertEquals(3_609_375 + S, m.machine.deadline(Timer.ADVER), "asking re-armed nothing");
        List<Action> tick = m.fire(4_609_375, Timer.ADVER);
        assertEquals(List.of(before), only(tick, SendAdvert.class));
        assertTrue(before.advert() == only(tick, SendAdvert.class).get(0).advert(), "the same advert object");
        m.advert(5 * S, "10.99.0.1", 101); // yields to a higher priority
        assertEquals(State.BACKUP, m.machine.state());
        assertNull(m.machine.advertOnAdverTimer(), "BACKUP again");
    }

    @Test
    @DisplayName("RFC 5798 §6.4.3 / §d.3: master hearing a higher priority goes BACKUP without a priority-0 advert")
    void masterYieldsToHigher() {
        MachineFixture m = new MachineFixture(lab("10.99.0.2").build());
        m.start(0);
        m.fire(3_609_375, Timer.MASTER_DOWN);
        List<Action> out = m.advert(4 * S, "10.99.0.1", 101);
        assertEquals(State.BACKUP, m.machine.state());
        assertEquals(List.of("(VI_51) Master received advert from 10.99.0.1 with higher priority 101, ours 100",
                "(VI_51) Entering BACKUP STATE", "(VI_51) removing VIPs."), logs(out));
        assertTrue(only(out, SendAdvert.class).isEmpty());
        assertEquals(1, only(out, RemoveAddresses.class).size());
        assertEquals(List.of(new Notify("INSTANCE", "VI_51", "BACKUP", 100)), only(out, Notify.class));
        assertEquals(4 * S + 3_609_375, armed(out, Timer.MASTER_DOWN));
        assertEquals(-1, m.machine.deadline(Timer.ADVER));
        assertEquals(-1, m.machine.deadline(Timer.GARP_MASTER_DELAY));
    }

    @Test
    @DisplayName("§d.3: higher_prio_send_advert sends one advert before yielding")
    void higherPrioSendAdvert() {
        MachineFixture m = new MachineFixture(lab("10.99.0.2").higherPrioSendAdvert(true).build());
        m.start(0);
        m.fire(3_609_375, Timer.MASTER_DOWN);
        List<Action> out = m.advert(4 * S, "10.99.0.1", 101);
        assertEquals(100, only(out, SendAdvert.class).get(0).advert().priority());
        assertEquals(State.BACKUP, m.machine.state());
    }

    @Test
    @DisplayName("§d.3 (split-brain heal capture): master hearing lower priority answers with advert + 5 GARPs + 5 after 5 s")
    void masterAnswersLower() {
        MachineFixture m = new MachineFixture(lab("10.99.0.1").priority(101).build());
        m.start(0);
        m.fire(3_605_468, Timer.MASTER_DOWN);
        List<Action> out = m.advert(10 * S, "10.99.0.2", 100);
        assertEquals(State.MASTER, m.machine.state());
        assertEquals(List.of(
                new ArmTimer(Timer.ADVER, 11 * S),
                new Log("(VI_51) Received advert from 10.99.0.2 with lower priority 100, ours 101, forcing new election"),
                only(out, SendAdvert.class).get(0),
                new SendGratuitous("eth0", m.machine.spec().vips(), 5, 0),
                new ArmTimer(Timer.GARP_LOWER_PRIO, 15 * S),
                new Notify("INSTANCE", "VI_51", "MASTER_RX_LOWER_PRI", 101)), out);
        assertEquals(101, only(out, SendAdvert.class).get(0).advert().priority());
    }

    @Test
    @DisplayName("§d.3: lower_prio_no_advert and garp_lower_prio_repeat 0 silence the answer")
    void masterSilentToLower() {
        MachineFixture m = new MachineFixture(lab("10.99.0.1").priority(101).lowerPrioNoAdvert(true)
                .garp(new GarpSettings(5 * S, 5, 0, 1, 0, 0, 0)).build());
        m.start(0);
        m.fire(3_605_468, Timer.MASTER_DOWN);
        List<Action> out = m.advert(10 * S, "10.99.0.2", 100);
        assertTrue(only(out, SendAdvert.class).isEmpty());
        assertTrue(only(out, SendGratuitous.class).isEmpty());
    }

    @Test
    @DisplayName("RFC 5798 §6.4.3: equal priority — the higher primary IP wins; our own IP only warns")
    void tieBreak() {
        MachineFixture m = new MachineFixture(lab("10.99.0.5").build());
        m.start(0);
        m.fire(3_609_375, Timer.MASTER_DOWN);
        m.advert(4 * S, "10.99.0.4", 100);
        assertEquals(State.MASTER, m.machine.state(), "lower IP loses");
        List<Action> same = m.advert(4_100_000, "10.99.0.5", 100);
        assertEquals(List.of("(VI_51) WARNING - equal priority advert received from remote host with our IP address."),
                logs(same));
        m.advert(4_200_000, "10.99.0.6", 100);
        assertEquals(State.BACKUP, m.machine.state(), "higher IP wins");
        assertTrue(VrrpMachine.compareAddresses(ip("10.99.0.200"), ip("10.99.0.6")) > 0, "numeric, not textual");
    }

    @Test
    @DisplayName("§d.2: a backup never preempts an equal-priority master; it accepts and re-arms")
    void equalPriorityBackupAccepts() {
        MachineFixture m = new MachineFixture(lab("10.99.0.9").build());
        m.start(0);
        assertEquals(1 * S + 3_609_375, armed(m.advert(1 * S, "10.99.0.1", 100), Timer.MASTER_DOWN));
    }

    @Test
    @DisplayName("§d.2 preempt: a higher-priority backup discards lower adverts and takes over MDI after its last accepted one")
    void preempt() {
        MachineFixture m = new MachineFixture(lab("10.99.0.1").priority(101).build());
        m.start(0); // deadline 3.605468 s
        List<Action> out = m.advert(1 * S, "10.99.0.2", 100);
        assertEquals(List.of(new Log("(VI_51) received lower priority (100) advert from 10.99.0.2 - discarding")), out);
        assertEquals(3_605_468, m.machine.deadline(Timer.MASTER_DOWN));
        m.fire(3_605_468, Timer.MASTER_DOWN);
        assertEquals(State.MASTER, m.machine.state());
    }

    @Test
    @DisplayName("§d.2 nopreempt: the higher-priority backup accepts the lower master and never takes over")
    void nopreempt() {
        MachineFixture m = new MachineFixture(lab("10.99.0.1").priority(150).nopreempt(true).build());
        m.start(0);
        for (long t = 1; t <= 20; t++) {
            assertEquals(t * S + 3_414_062, armed(m.advert(t * S, "10.99.0.2", 100), Timer.MASTER_DOWN));
        }
        assertEquals(State.BACKUP, m.machine.state());
    }

    @Test
    @DisplayName("§d.2 preempt_delay 5 s: lower adverts are accepted for 5 s after the first, then MDI to takeover")
    void preemptDelay() {
        MachineFixture m = new MachineFixture(lab("10.99.0.1").priority(150).preemptDelayUs(5 * S).build());
        m.start(0);
        for (long t = 1; t <= 5; t++) {
            assertEquals(t * S + 3_414_062, armed(m.advert(t * S, "10.99.0.2", 100), Timer.MASTER_DOWN), "t=" + t);
        }
        List<Action> discarded = m.advert(6 * S, "10.99.0.2", 100);
        assertEquals(-1, armed(discarded, Timer.MASTER_DOWN), "delay over at 6 s: discarded");
        m.advert(7 * S, "10.99.0.2", 100);
        m.fire(5 * S + 3_414_062, Timer.MASTER_DOWN);
        assertEquals(State.MASTER, m.machine.state());
    }

    @Test
    @DisplayName("§d.1: state MASTER with priority 255 becomes MASTER 1 µs after start, without a BACKUP notify")
    void ownerStartsMaster() {
        MachineFixture m = new MachineFixture(lab("10.99.0.1").priority(255).wantMaster(true).build());
        List<Action> out = m.start(0);
        assertTrue(only(out, Notify.class).isEmpty());
        assertEquals(1, armed(out, Timer.MASTER_DOWN));
        m.fire(1, Timer.MASTER_DOWN);
        assertEquals(State.MASTER, m.machine.state());
    }

    @Test
    @DisplayName("§d.1: state MASTER without priority 255 still starts BACKUP and waits the full interval")
    void stateMasterNotOwnerWaits() {
        MachineFixture m = new MachineFixture(lab("10.99.0.1").priority(101).wantMaster(true).build());
        assertEquals(3_605_468, armed(m.start(0), Timer.MASTER_DOWN));
        assertEquals(State.BACKUP, m.machine.state());
    }

    @Test
    @DisplayName("§d.3 (2.2.7): two owners — the receiver drops to 254 and yields")
    void twoOwners() {
        MachineFixture m = new MachineFixture(lab("10.99.0.2").priority(255).wantMaster(true).build());
        m.start(0);
        m.fire(1, Timer.MASTER_DOWN);
        List<Action> out = m.advert(1 * S, "10.99.0.1", 255);
        assertEquals(State.BACKUP, m.machine.state());
        assertEquals(254, m.machine.effectivePriority());
        assertTrue(logs(out).get(0).contains("both configured as address owner"));
    }

    @Test
    @DisplayName("RFC 5798 §6.4.2: a v3 backup adopts the master's interval for Master_Down_Interval")
    void v3AdoptsInterval() {
        MachineFixture m = new MachineFixture(labV3("10.99.0.2", 100).build());
        assertEquals(3_609_375, armed(m.start(0), Timer.MASTER_DOWN));
        List<Action> out = m.advertV3(1 * S, "10.99.0.1", 101, 50);
        assertEquals(1 * S + 1_500_000 + 304_687, armed(out, Timer.MASTER_DOWN));
        assertEquals(50, m.machine.masterAdverIntCs());
    }

    @Test
    @DisplayName("v3 at 0.1 s (vrrp3 capture): takeover 360.937 ms after the last advert")
    void v3Fast() {
        MachineFixture m = new MachineFixture(labV3("10.99.0.2", 10).build());
        m.start(0);
        assertEquals(2 * S + 360_937, armed(m.advertV3(2 * S, "10.99.0.1", 101, 10), Timer.MASTER_DOWN));
        assertEquals(3 * S + 60_937, armed(m.advertV3(3 * S, "10.99.0.1", 0, 10), Timer.MASTER_DOWN));
    }

    @Test
    @DisplayName("§d.4/§b.5: SIGTERM as master sends priority 0, removes addresses, notifies STOP")
    void stopAsMaster() {
        MachineFixture m = new MachineFixture(lab("10.99.0.1").build());
        m.start(0);
        m.fire(3_609_375, Timer.MASTER_DOWN);
        List<Action> out = m.at(5 * S, Event.STOPPED);
        assertEquals(0, only(out, SendAdvert.class).get(0).advert().priority());
        assertEquals(1, only(out, RemoveAddresses.class).size());
        assertEquals(List.of(new Notify("INSTANCE", "VI_51", "STOP", 100)), only(out, Notify.class));
        assertEquals(State.STOP, m.machine.state());
        assertEquals(-1, m.machine.deadline(Timer.ADVER));
        assertEquals(List.of(), m.fire(6 * S, Timer.ADVER));
    }

    @Test
    @DisplayName("§d.9: a weight-0 tracker failing puts a master in FAULT with a priority-0 advert; recovery goes BACKUP")
    void faultFromTracker() {
        MachineFixture m = new MachineFixture(lab("10.99.0.1").trackers(List.of(TrackedObject.of(new Tracked.Interface("eth0"), 0))).build());
        m.start(0);
        m.fire(3_609_375, Timer.MASTER_DOWN);
        List<Action> out = m.at(4 * S, new Event.TrackerChanged(new Tracked.Interface("eth0"), false));
        assertEquals(State.FAULT, m.machine.state());
        assertEquals(0, only(out, SendAdvert.class).get(0).advert().priority());
        assertTrue(logs(out).contains("(VI_51) Entering FAULT STATE"));
        assertEquals(List.of(new Notify("INSTANCE", "VI_51", "FAULT", 100)), only(out, Notify.class));
        assertEquals(Drop.NOT_ACTIVE, dropOf(m, 4_500_000));
        List<Action> back = m.at(10 * S, new Event.TrackerChanged(new Tracked.Interface("eth0"), true));
        assertEquals(State.BACKUP, m.machine.state());
        assertEquals(10 * S + 3_609_375, armed(back, Timer.MASTER_DOWN));
        assertEquals(List.of(), m.at(11 * S, new Event.TrackerChanged(new Tracked.Script("not-tracked"), false)));
    }

    private static Drop dropOf(MachineFixture m, long t) {
        long before = m.machine.drops().get(Drop.NOT_ACTIVE);
        m.advert(t, "10.99.0.2", 100);
        return m.machine.drops().get(Drop.NOT_ACTIVE) == before + 1 ? Drop.NOT_ACTIVE : null;
    }

    @Test
    @DisplayName("§d.1: a priority change moves the pending down timer by the change in Skew_Time")
    void priorityChangeMovesTimer() {
        MachineFixture m = new MachineFixture(lab("10.99.0.2").trackers(List.of(TrackedObject.of(new Tracked.Script("chk"), -50))).build());
        m.start(0);
        List<Action> out = m.at(1 * S, new Event.TrackerChanged(new Tracked.Script("chk"), false));
        assertEquals(50, m.machine.effectivePriority());
        assertEquals(3_609_375 + (804_687 - 609_375), armed(out, Timer.MASTER_DOWN));
    }

    @Test
    @DisplayName("keepalived 2.2.7 re-arms a master's advert timer on any packet for its VRID, even a rejected one")
    void masterRearmsOnInvalid() {
        MachineFixture m = new MachineFixture(lab("10.99.0.2").build());
        m.start(0);
        m.fire(3_609_375, Timer.MASTER_DOWN);
        List<Action> out = m.at(4 * S, new Event.AdvertReceived(Frames.decode(
                Frames.v4(Frames.labV2(200), "10.99.0.1", "224.0.0.18", 64))));
        assertEquals(List.of(new ArmTimer(Timer.ADVER, 5 * S), new Log("(VI_51) invalid TTL/HL. Received 64 and expect 255")),
                out);
        assertEquals(1, m.machine.drops().get(Drop.BAD_TTL));
        assertEquals(State.MASTER, m.machine.state());
    }

    @Test
    @DisplayName("a rejected advert does not touch a backup's down timer (§d.6 'Effect of a failed check')")
    void rejectedDoesNotRearm() {
        MachineFixture m = new MachineFixture(lab("10.99.0.2").build());
        m.start(0);
        List<Action> out = m.at(1 * S, new Event.AdvertReceived(Frames.decode(Frames.v4(
                keepalivedj.vrrp.packet.Advertisement.v2(51, 101, 1, "nope".getBytes(), List.of(ip("10.99.0.100"))),
                "10.99.0.1", "224.0.0.18", 255))));
        assertEquals(List.of(new Log("(VI_51) received an invalid passwd!")), out);
        assertEquals(3_609_375, m.machine.deadline(Timer.MASTER_DOWN));
        assertEquals(1, m.machine.drops().snapshot().get(Drop.AUTH_FAILURE));
    }

    @Test
    @DisplayName("an advert for another VRID is counted WRONG_VRID and changes nothing")
    void wrongVrid() {
        MachineFixture m = new MachineFixture(lab("10.99.0.2").build());
        m.start(0);
        List<Action> out = m.at(1 * S, new Event.AdvertReceived(Frames.decode(Frames.v4(
                keepalivedj.vrrp.packet.Advertisement.v2(52, 101, 1, "lab51".getBytes(), List.of(ip("10.99.0.100"))),
                "10.99.0.1", "224.0.0.18", 255))));
        assertEquals(List.of(), out);
        assertEquals(1, m.machine.drops().get(Drop.WRONG_VRID));
    }

    @Test
    @DisplayName("§d.6: skip_check_adv_addr skips the VIP check only for the current master")
    void skipCheckAdvAddr() {
        MachineFixture m = new MachineFixture(lab("10.99.0.2").skipCheckAdvAddr(true)
                .vips(List.of(VirtualAddress.of(ip("10.99.0.100")), VirtualAddress.of(ip("10.99.0.101")))).build());
        m.start(0);
        // first advert from 10.99.0.1 carries one VIP: address check applies (not yet the master) → rejected
        assertEquals(Drop.ADDRESS_COUNT, lastDrop(m, m.advert(1 * S, "10.99.0.1", 101)));
        assertEquals(3_609_375, m.machine.deadline(Timer.MASTER_DOWN));
    }

    private static Drop lastDrop(MachineFixture m, List<Action> out) {
        return m.machine.drops().snapshot().keySet().stream().findFirst().orElse(null);
    }

    @Test
    @DisplayName("unicast: adverts go to each peer with unicast_ttl")
    void unicastSend() {
        MachineFixture m = new MachineFixture(lab("10.99.0.2").unicastTtl(64)
                .unicastPeers(List.of(keepalivedj.vrrp.spec.UnicastPeer.of(ip("10.99.0.1")),
                        keepalivedj.vrrp.spec.UnicastPeer.of(ip("10.99.0.3")))).build());
        m.start(0);
        SendAdvert a = only(m.fire(3_609_375, Timer.MASTER_DOWN), SendAdvert.class).get(0);
        assertEquals(List.of(ip("10.99.0.1"), ip("10.99.0.3")), a.destinations());
        assertEquals(64, a.ttl());
        assertNull(a.checksumDestination());
    }

    @Test
    @DisplayName("§d.6 (v3): a backup reports an interval different from Master_Adver_Interval, then adopts it")
    void v3IntervalChangeLogged() {
        MachineFixture m = new MachineFixture(labV3("10.99.0.2", 100).build());
        m.start(0);
        assertEquals(List.of("(VI_51) advertisement interval changed: mine=1000 milli-sec, rcved=500 milli-sec"),
                logs(m.advertV3(1 * S, "10.99.0.1", 101, 50)));
        assertEquals(List.of(), logs(m.advertV3(2 * S, "10.99.0.1", 101, 50)), "adopted: no repeat");
    }

    @Test
    @DisplayName("§c.3 notify_priority_changes: BACKUP_PRIORITY / MASTER_PRIORITY with the new effective priority")
    void priorityChangeNotify() {
        MachineFixture m = new MachineFixture(lab("10.99.0.2").notifyPriorityChanges(true)
                .trackers(List.of(TrackedObject.of(new Tracked.Script("chk"), -30))).build());
        m.start(0);
        assertEquals(List.of(new Notify("INSTANCE", "VI_51", "BACKUP_PRIORITY", 70)),
                only(m.at(1 * S, new Event.TrackerChanged(new Tracked.Script("chk"), false)), Notify.class));
        m.fire(m.machine.deadline(Timer.MASTER_DOWN), Timer.MASTER_DOWN);
        assertEquals(List.of(new Notify("INSTANCE", "VI_51", "MASTER_PRIORITY", 100)),
                only(m.at(9 * S, new Event.TrackerChanged(new Tracked.Script("chk"), true)), Notify.class));
        MachineFixture quiet = new MachineFixture(lab("10.99.0.2").trackers(List.of(TrackedObject.of(new Tracked.Script("chk"), -30))).build());
        quiet.start(0);
        assertEquals(List.of(), only(quiet.at(1 * S, new Event.TrackerChanged(new Tracked.Script("chk"), false)), Notify.class));
    }

    @Test
    @DisplayName("§a.4: a VIP deleted from outside while MASTER: priority 0, addresses dropped, BACKUP, re-take after Skew_Time")
    void addressRemovedWhileMaster() {
        MachineFixture m = new MachineFixture(lab("10.99.0.2").build());
        m.start(0);
        m.fire(3_609_375, Timer.MASTER_DOWN);
        assertEquals(State.MASTER, m.machine.state());
        List<Action> out = m.machine.step(new Event.AddressRemoved("ipaddress 10.99.0.100"), 4 * S);
        assertEquals(0, only(out, SendAdvert.class).get(0).advert().priority());
        assertEquals(1, only(out, RemoveAddresses.class).size());
        assertEquals(State.BACKUP, m.machine.state());
        assertEquals(4 * S + 609_375, armed(out, Timer.MASTER_DOWN), "down timer at Skew_Time for priority 100");
        List<Action> again = m.fire(4 * S + 609_375, Timer.MASTER_DOWN);
        assertEquals(State.MASTER, m.machine.state(), "nobody else claimed the VRID: MASTER again");
        assertEquals(1, only(again, AddAddresses.class).size());
    }

    @Test
    @DisplayName("§a.4: an address removal reported while BACKUP changes nothing")
    void addressRemovedWhileBackup() {
        MachineFixture m = new MachineFixture(lab("10.99.0.2").build());
        m.start(0);
        assertEquals(List.of(), m.machine.step(new Event.AddressRemoved("ipaddress 10.99.0.100"), S));
        assertEquals(State.BACKUP, m.machine.state());
    }

    @Test
    @DisplayName("addresses in log lines as keepalived's inet_ntop prints them (RFC 5952 for IPv6)")
    void addressText() throws Exception {
        assertEquals("10.99.0.1", VrrpMachine.text(java.net.InetAddress.getByName("10.99.0.1")));
        assertEquals("fd99::100", VrrpMachine.text(java.net.InetAddress.getByName("fd99:0:0:0:0:0:0:100")));
        assertEquals("fe80::bcda:f6ff:fe5a:8b2", VrrpMachine.text(java.net.InetAddress.getByName("fe80::bcda:f6ff:fe5a:8b2")));
        assertEquals("::", VrrpMachine.text(java.net.InetAddress.getByName("::")));
        assertEquals("2001:db8:0:1::1",
                VrrpMachine.text(java.net.InetAddress.getByName("2001:db8:0:1:0:0:0:1")));
        assertEquals("2001:db8::1:0:0:1", VrrpMachine.text(java.net.InetAddress.getByName("2001:db8:0:0:1:0:0:1")));
        assertEquals("1:0:2:3:4:5:6:7", VrrpMachine.text(java.net.InetAddress.getByName("1:0:2:3:4:5:6:7")));
    }

    @Test
    @DisplayName("§b.5 reload: a changed instance resumes MASTER with no transition log, no priority 0, no GARP;"
            + " it re-adds its addresses and advertises at once")
    void resumedMaster() {
        MachineFixture m = new MachineFixture(lab("10.99.0.1").priority(101).build());
        List<Action> out = m.at(5 * S, new Event.Resumed(State.MASTER));
        assertEquals(State.MASTER, m.machine.state());
        assertEquals(List.of(), logs(out), "no 'Entering' line");
        assertEquals(101, only(out, SendAdvert.class).get(0).advert().priority());
        assertEquals(1, only(out, AddAddresses.class).size());
        assertEquals(List.of(), only(out, SendGratuitous.class));
        assertEquals(List.of(), only(out, RemoveAddresses.class));
        assertEquals(5 * S + S, armed(out, Timer.ADVER));
        assertEquals(List.of(), only(m.at(5 * S + 1, Event.STARTED), Action.class), "already running");
    }

    @Test
    @DisplayName("§b.5 reload: a changed BACKUP instance starts as at start-up but keeps the addresses alone")
    void resumedBackup() {
        MachineFixture m = new MachineFixture(lab("10.99.0.2").build());
        List<Action> out = m.at(S, new Event.Resumed(State.BACKUP));
        assertEquals(State.BACKUP, m.machine.state());
        assertEquals(List.of(), only(out, RemoveAddresses.class));
        assertEquals(S + 3_609_375, armed(out, Timer.MASTER_DOWN));
    }

    @Test
    @DisplayName("track_file below -253 faults a master keeping its last priority in the FAULT notify, as keepalived")
    void trackFileFaultKeepsPriority() {
        MachineFixture m = new MachineFixture(lab("10.99.0.1").notifyPriorityChanges(true)
                .trackers(List.of(new TrackedObject(new Tracked.File("tf"), 2, false))).build());
        m.at(0, new Event.TrackFileChanged(new Tracked.File("tf"), 5));
        List<Action> start = m.start(0);
        assertEquals(new Notify("INSTANCE", "VI_51", "BACKUP_PRIORITY", 110), only(start, Notify.class).get(0),
                "keepalived 2.2.7 reports the trackers' start priority before the first state");
        m.fire(4 * S, Timer.MASTER_DOWN);
        assertEquals(State.MASTER, m.machine.state());
        List<Action> out = m.at(5 * S, new Event.TrackFileChanged(new Tracked.File("tf"), -200));
        assertEquals(State.FAULT, m.machine.state());
        assertEquals(List.of(new Notify("INSTANCE", "VI_51", "FAULT", 110)), only(out, Notify.class));
        assertEquals(0, only(out, SendAdvert.class).get(0).advert().priority());
        List<Action> back = m.at(6 * S, new Event.TrackFileChanged(new Tracked.File("tf"), 3));
        assertEquals(List.of(new Notify("INSTANCE", "VI_51", "BACKUP", 106)), only(back, Notify.class),
                "leaving FAULT: the new priority, no BACKUP_PRIORITY line");
    }

    @Test
    @DisplayName("a file that holds a FAULT value at start starts the instance in FAULT at its base priority")
    void trackFileFaultAtStart() {
        MachineFixture m = new MachineFixture(lab("10.99.0.1").notifyPriorityChanges(true)
                .trackers(List.of(new TrackedObject(new Tracked.File("tf"), 2, false))).build());
        m.at(0, new Event.TrackFileChanged(new Tracked.File("tf"), -200));
        List<Action> start = m.start(0);
        assertEquals(List.of(new Notify("INSTANCE", "VI_51", "FAULT", 100)), only(start, Notify.class));
    }
}
