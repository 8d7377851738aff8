package keepalivedj.vrrp.fsm;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import keepalivedj.vrrp.fsm.Action.*;
import keepalivedj.vrrp.fsm.Event.*;
import keepalivedj.vrrp.packet.Advertisement;
import keepalivedj.vrrp.packet.Drop;
import keepalivedj.vrrp.packet.Ipv4Header;
import keepalivedj.vrrp.packet.VrrpPacket;
import keepalivedj.vrrp.rx.DropCounters;
import keepalivedj.vrrp.rx.ReceiveCheck;
import keepalivedj.vrrp.rx.Verdict;
import keepalivedj.vrrp.spec.InstanceSpec;
import keepalivedj.vrrp.spec.VirtualAddress;
import keepalivedj.vrrp.track.Tracking;

/**
 * One vrrp_instance as a transition function (RFC 3768 §6.4, RFC 5798 §6.4, as keepalived 2.2.7 implements
 * them: keepalived.md §d.1–d.5, §d.9). The only entry point is {@link #step}; time arrives as an argument in µs
 * and effects leave as {@link Action}s. No I/O, no clock, no threads; not thread-safe (one owner).
 * {@code state} is assigned only in {@link #state(State)}, called from {@link #enter} and, for the owner's
 * silent start, from {@link #onStart}.
 */
public final class VrrpMachine {
    private final InstanceSpec spec;
    private final ReceiveCheck check;
    private final Tracking tracking;
    private final DropCounters drops = new DropCounters();
    private final Effects effects;
    private final long[] deadlines = new long[Timer.values().length];
    private final String prefix;
    private SyncGate syncGate = SyncGate.NONE;

    private State state = State.INIT;
    private State wantState;
    private int basePriority;
    private int effectivePriority;
    private int masterAdverIntCs;      // RFC 5798 Master_Adver_Interval; v3 backups adopt the master's
    private InetAddress masterAddress; // last accepted master, for skip_check_adv_addr
    private long preemptAtUs = -1;     // preempt_delay: when a lower-priority master may be preempted
    private boolean syncFault;

    public VrrpMachine(InstanceSpec spec) {
        this.spec = spec;
        this.check = new ReceiveCheck(spec);
        this.tracking = new Tracking(spec.trackers());
        this.basePriority = spec.priority();
        this.effectivePriority = tracking.effectivePriority(basePriority);
        this.masterAdverIntCs = spec.adverIntCs();
        this.wantState = spec.wantMaster() ? State.MASTER : State.BACKUP;
        this.prefix = "(" + spec.name() + ") ";
        Arrays.fill(deadlines, -1);
        this.effects = new Effects(spec);
    }

    /** Used by {@code SyncGroup} when the instance joins a vrrp_sync_group. */
    public void joinSyncGroup(SyncGate gate) {
        this.syncGate = gate;
    }

    public List<Action> step(Event event, long nowUs) {
        List<Action> out = new ArrayList<>(8);
        if (event instanceof AdvertReceived a) {
            onAdvert(a.packet(), nowUs, out);
        } else if (event instanceof TimerExpired t) {
            onTimer(t.timer(), nowUs, out);
        } else if (event instanceof Started) {
            onStart(nowUs, out);
        } else if (event instanceof Resumed r) {
            onResumed(r.state(), nowUs, out);
        } else if (event instanceof Stopped) {
            onStop(out);
        } else if (event instanceof TrackerChanged t) {
            if (tracking.status(t.object(), t.up())) {
                onTrackingChanged(nowUs, out);
            }
        } else if (event instanceof AddressRemoved r) {
            onAddressRemoved(r.what(), nowUs, out);
        } else if (event instanceof TrackFileChanged f) {
            if (tracking.fileValue(f.file(), f.value())) {
                onTrackingChanged(nowUs, out);
            }
        } else if (event instanceof SyncRequested s) {
            onSyncRequest(s.state(), nowUs, out);
        } else if (event instanceof SyncLowerPriorityHeard) {
            if (state == State.MASTER) {
                lowerPriorityGratuitous(nowUs, out);
            }
        } else if (event instanceof SyncFaultChanged f) {
            syncFault = f.fault();
            onTrackingChanged(nowUs, out);
        }
        return out;
    }

    // ---- start, stop ----------------------------------------------------------------------------------------

    private void onStart(long now, List<Action> out) {
        if (state != State.INIT) {
            return;
        }
        // keepalived removes leftover VIPs of a previous run at start (keepalived.md §b.5).
        out.add(effects.removeAddresses(true));
        if (effectivePriority != basePriority) {
            // keepalived 2.2.7 sets the priority its weighted trackers give before the first state, and reports
            // it as BACKUP_PRIORITY even when the instance then starts in FAULT (seen in its notify FIFO)
            out.add(new Log(prefix + "Changing effective priority from " + basePriority + " to "
                    + effectivePriority));
            if (spec.notifyPriorityChanges()) {
                out.add(effects.notify("BACKUP_PRIORITY", effectivePriority));
            }
        }
        if (faulted()) {
            enter(State.FAULT, "start with a failed tracker", "(init)", out);
            out.add(notify(State.FAULT)); // keepalived.md §c.1: the first state is notified at start
        } else if (spec.wantMaster() && basePriority == InstanceSpec.PRIORITY_OWNER) {
            // §d.1: an owner with state MASTER times out of BACKUP after 1 µs, without a BACKUP notify.
            state(State.BACKUP);
            out.add(new Transition(State.INIT, State.BACKUP, "start as address owner"));
            arm(Timer.MASTER_DOWN, now + 1, out);
        } else {
            // §d.1: every other instance starts BACKUP and waits a full Master_Down_Interval, even "state MASTER".
            enter(State.BACKUP, "start", "(init)", out);
            out.add(notify(State.BACKUP)); // keepalived.md §c.1: the first state is notified at start
            arm(Timer.MASTER_DOWN, now + masterDownIntervalUs(), out);
        }
    }

    private void onResumed(State previous, long now, List<Action> out) {
        if (state != State.INIT) {
            return;
        }
        if (previous != State.MASTER || faulted()) {
            List<Action> start = new ArrayList<>();
            onStart(now, start);
            start.removeIf(a -> a instanceof RemoveAddresses r && r.force()); // the old instance's VIPs are ours
            out.addAll(start);
            return;
        }
        wantState = State.MASTER;
        state(State.MASTER);
        out.add(new Transition(State.INIT, State.MASTER, "reload: was MASTER"));
        out.add(advert(effectivePriority));
        out.add(effects.addAddresses());
        if (spec.garp().masterRefreshUs() > 0) {
            arm(Timer.GARP_REFRESH, now + spec.garp().masterRefreshUs(), out);
        }
        arm(Timer.ADVER, now + spec.adverIntUs(), out);
    }

    private void onStop(List<Action> out) {
        if (state == State.STOP) {
            return;
        }
        if (state == State.MASTER) { // §b.5: masters hand over with priority 0, then drop their addresses
            out.add(advert(0));
            out.add(new Log(prefix + "sent 0 priority"));
            removeAddresses(out);
        }
        enter(State.STOP, "stop", "", out);
    }

    // ---- timers ---------------------------------------------------------------------------------------------

    private void onTimer(Timer timer, long now, List<Action> out) {
        long due = deadlines[timer.ordinal()];
        if (due < 0 || now < due) {
            return; // cancelled or re-armed since: a stale firing is not a cause for anything
        }
        deadlines[timer.ordinal()] = -1;
        if (timer == Timer.MASTER_DOWN && state == State.BACKUP) {
            out.add(new Log(prefix + "Receive advertisement timeout"));
            goMaster(now, "Master_Down_Timer expired", out);
        } else if (state != State.MASTER) {
            return;
        } else if (timer == Timer.ADVER) { // RFC 5798 §6.4.3: send and re-arm Adver_Timer
            out.add(advert(effectivePriority));
            arm(Timer.ADVER, now + spec.adverIntUs(), out);
        } else if (timer == Timer.GARP_MASTER_DELAY) {
            out.add(gratuitous(spec.garp().masterRepeat()));
        } else if (timer == Timer.GARP_REFRESH) {
            out.add(gratuitous(spec.garp().masterRefreshRepeat()));
            arm(Timer.GARP_REFRESH, now + spec.garp().masterRefreshUs(), out);
        } else if (timer == Timer.GARP_LOWER_PRIO) {
            out.add(gratuitous(spec.garp().lowerPrioRepeat()));
        }
    }

    // ---- receiving ------------------------------------------------------------------------------------------

    private void onAdvert(VrrpPacket p, long now, List<Action> out) {
        if (p.advert().vrid() != spec.vrid() || (p.ip() instanceof Ipv4Header) == spec.ipv6()) {
            drops.count(Drop.WRONG_VRID);
            return;
        }
        if (state != State.BACKUP && state != State.MASTER) {
            drops.count(Drop.NOT_ACTIVE);
            return;
        }
        if (state == State.MASTER) {
            // keepalived 2.2.7 re-arms a master's advert timer on every packet it reads for the VRID, even an
            // invalid one (observed: java-libraries.md §3). Kept for timing compatibility.
            arm(Timer.ADVER, now + spec.adverIntUs(), out);
        }
        InetAddress source = p.ip().source();
        boolean checkAddresses = state == State.MASTER || !(spec.skipCheckAdvAddr() && source.equals(masterAddress));
        Verdict v = check.check(p, checkAddresses);
        if (v.log() != null) {
            out.add(new Log(v.log()));
        }
        if (!v.accepted()) {
            drops.count(v.drop()); // §d.6: a rejected advert does not touch the down timer
            return;
        }
        if (state == State.BACKUP) {
            if (spec.version() == 3 && p.advert().adverIntCs() != masterAdverIntCs) {
                // §d.6: a v3 interval mismatch is only reported; the backup adopts the master's interval
                out.add(new Log(prefix + "advertisement interval changed: mine=" + masterAdverIntCs * 10
                        + " milli-sec, rcved=" + p.advert().adverIntCs() * 10 + " milli-sec"));
            }
            backupReceived(p.advert(), source, now, out);
        } else {
            masterReceived(p.advert(), source, now, out);
        }
    }

    /** keepalived vrrp_state_backup (§d.2; RFC 5798 §6.4.2). */
    private void backupReceived(Advertisement a, InetAddress source, long now, List<Action> out) {
        int prio = a.priority();
        if (prio == 0) { // the master is leaving: take over after Skew_Time only
            out.add(new Log(prefix + "Backup received priority 0 advertisement"));
            arm(Timer.MASTER_DOWN, now + skewTimeUs(), out);
            return;
        }
        boolean preemptDelayRunning = spec.preemptDelayUs() > 0 && (preemptAtUs < 0 || now < preemptAtUs);
        if (spec.nopreempt() || prio >= effectivePriority || preemptDelayRunning) {
            if (spec.version() == 3 && a.adverIntCs() > 0) {
                masterAdverIntCs = a.adverIntCs(); // RFC 5798 §6.4.2: adopt the master's interval
            }
            masterAddress = source;
            arm(Timer.MASTER_DOWN, now + masterDownIntervalUs(), out);
            if (spec.preemptDelayUs() > 0) {
                if (prio >= effectivePriority) {
                    preemptAtUs = -1;
                } else if (preemptAtUs < 0) {
                    preemptAtUs = now + spec.preemptDelayUs();
                }
            }
        } else {
            out.add(new Log(prefix + "received lower priority (" + prio + ") advert from "
                    + text(source) + " - discarding"));
        }
    }

    /** keepalived vrrp_state_master_rx (§d.3; RFC 5798 §6.4.3). */
    private void masterReceived(Advertisement a, InetAddress source, long now, List<Action> out) {
        int prio = a.priority();
        if (prio == 0) { // someone is leaving: re-assert at once
            out.add(advert(effectivePriority));
            return;
        }
        if (prio == 255 && effectivePriority == 255) {
            // 2.2.7: two owners; the receiver steps down to 254 and so yields by the higher-priority rule.
            out.add(new Log(prefix + "CONFIGURATION ERROR: local instance and a remote instance are both"
                    + " configured as address owner, please resolve - reducing local priority"));
            basePriority = 254;
            effectivePriority = tracking.effectivePriority(basePriority);
        }
        int cmp = compareAddresses(source, spec.sourceAddress());
        if (prio > effectivePriority || (prio == effectivePriority && cmp > 0)) {
            out.add(new Log(prefix + "Master received advert from " + text(source)
                    + " with higher priority " + prio + ", ours " + effectivePriority));
            if (spec.higherPrioSendAdvert()) {
                out.add(advert(effectivePriority));
            }
            if (spec.version() == 3 && a.adverIntCs() > 0) {
                masterAdverIntCs = a.adverIntCs();
            }
            masterAddress = source;
            leaveMaster(now, "higher priority advert from " + text(source), out);
        } else if (prio < effectivePriority || cmp < 0) {
            out.add(new Log(prefix + "Received advert from " + text(source) + " with lower priority "
                    + prio + ", ours " + effectivePriority + ", forcing new election"));
            if (!spec.lowerPrioNoAdvert()) {
                out.add(advert(effectivePriority));
            }
            lowerPriorityGratuitous(now, out);
            out.add(effects.notify("MASTER_RX_LOWER_PRI", effectivePriority));
        } else {
            out.add(new Log(prefix + "WARNING - equal priority advert received from remote host with our IP"
                    + " address."));
        }
    }

    /** garp_lower_prio_repeat GARPs now and again after garp_lower_prio_delay (§d.3). */
    private void lowerPriorityGratuitous(long now, List<Action> out) {
        if (spec.garp().lowerPrioRepeat() > 0) {
            out.add(gratuitous(spec.garp().lowerPrioRepeat()));
            if (spec.garp().lowerPrioDelayUs() > 0) {
                arm(Timer.GARP_LOWER_PRIO, now + spec.garp().lowerPrioDelayUs(), out);
            }
        }
    }

    /** keepalived_netlink.c set_vrrp_backup: an address was deleted from outside while MASTER (§a.4). */
    private void onAddressRemoved(String what, long now, List<Action> out) {
        if (state != State.MASTER) {
            return;
        }
        out.add(new Log(prefix + what + " deleted externally - setting BACKUP"));
        out.add(advert(0));
        out.add(new Log(prefix + "sent 0 priority"));
        wantState = State.BACKUP;
        cancelMasterTimers(out);
        enter(State.BACKUP, "address deleted externally", "", out);
        removeAddresses(out);
        out.add(notify(State.BACKUP));
        arm(Timer.MASTER_DOWN, now + skewTimeUs(), out);
    }

    // ---- tracking and sync groups ---------------------------------------------------------------------------

    private void onTrackingChanged(long now, List<Action> out) {
        int old = effectivePriority;
        boolean fault = faulted();
        // keepalived 2.2.7 leaves the effective priority as it was when a tracker (a track_file below -253) takes
        // the instance to FAULT: the FAULT notify carries the old priority (seen in its notify FIFO)
        if (!(fault && (state == State.MASTER || state == State.BACKUP))) {
            effectivePriority = tracking.effectivePriority(basePriority);
        }
        if (old != effectivePriority && spec.notifyPriorityChanges()
                && (state == State.MASTER || state == State.BACKUP)) {
            out.add(effects.notify(state + "_PRIORITY", effectivePriority)); // §c.3
        }
        if (fault && state != State.FAULT && state != State.INIT && state != State.STOP) {
            goFault(syncFault ? "sync group member in FAULT" : "tracked object with weight 0 down", out);
        } else if (!fault && state == State.FAULT) {
            leaveFault(now, out);
        } else if (state == State.BACKUP && old != effectivePriority && deadlines[Timer.MASTER_DOWN.ordinal()] >= 0) {
            // §d.1: a priority change moves the pending down timer by the change in Skew_Time.
            long delta = Timing.skewTimeUs(spec.version(), effectivePriority, masterAdverIntCs)
                    - Timing.skewTimeUs(spec.version(), old, masterAdverIntCs);
            arm(Timer.MASTER_DOWN, Math.max(now, deadlines[Timer.MASTER_DOWN.ordinal()] + delta), out);
        }
    }

    private void onSyncRequest(State target, long now, List<Action> out) {
        if (target == State.MASTER && state == State.BACKUP) {
            wantState = State.MASTER;
            becomeMaster(now, "sync group member became MASTER", out);
        } else if (target == State.BACKUP && state == State.MASTER) {
            leaveMaster(now, "sync group member became BACKUP", out);
        }
    }

    // ---- transitions ----------------------------------------------------------------------------------------

    private void goMaster(long now, String cause, List<Action> out) {
        wantState = State.MASTER;
        if (!syncGate.canGoMaster(this)) {
            // §d.1: held in BACKUP until every sync-group member wants MASTER; retry after adver_int + min skew.
            arm(Timer.MASTER_DOWN, now + Timing.syncRetryUs(spec.version(), spec.adverIntCs()), out);
            return;
        }
        becomeMaster(now, cause, out);
    }

    /** keepalived vrrp_state_become_master (§d.4): advert first, then addresses, GARPs, notify. */
    private void becomeMaster(long now, String cause, List<Action> out) {
        masterAdverIntCs = spec.adverIntCs();
        preemptAtUs = -1;
        cancel(Timer.MASTER_DOWN, out);
        enter(State.MASTER, cause, "", out);
        out.add(advert(effectivePriority));
        out.add(new Log(prefix + "setting VIPs."));
        out.add(effects.addAddresses());
        for (VirtualAddress v : effects.allAddresses()) {
            out.add(new Log(prefix + "Sending/queueing " + (v.address() instanceof java.net.Inet6Address
                    ? "Unsolicited Neighbour Adverts" : "gratuitous ARPs") + " on " + spec.interfaceName() + " for "
                    + text(v.address())));
        }
        out.add(gratuitous(spec.garp().masterRepeat()));
        if (spec.garp().masterDelayUs() > 0) {
            arm(Timer.GARP_MASTER_DELAY, now + spec.garp().masterDelayUs(), out);
        }
        if (spec.garp().masterRefreshUs() > 0) {
            arm(Timer.GARP_REFRESH, now + spec.garp().masterRefreshUs(), out);
        }
        out.add(notify(State.MASTER));
        arm(Timer.ADVER, now + spec.adverIntUs(), out);
    }

    /** MASTER → BACKUP (§d.4): addresses go, no priority-0 advert. */
    private void leaveMaster(long now, String cause, List<Action> out) {
        wantState = State.BACKUP;
        cancelMasterTimers(out);
        enter(State.BACKUP, cause, "", out);
        removeAddresses(out);
        out.add(notify(State.BACKUP));
        arm(Timer.MASTER_DOWN, now + masterDownIntervalUs(), out);
    }

    private void goFault(String cause, List<Action> out) {
        if (state == State.MASTER) { // §d.4: MASTER → FAULT sends priority 0 so the backup takes over at once
            out.add(advert(0));
            out.add(new Log(prefix + "sent 0 priority"));
            cancelMasterTimers(out);
            enter(State.FAULT, cause, "", out);
            removeAddresses(out);
        } else {
            cancel(Timer.MASTER_DOWN, out);
            enter(State.FAULT, cause, "", out);
        }
        out.add(notify(State.FAULT));
    }

    private void leaveFault(long now, List<Action> out) {
        masterAdverIntCs = spec.adverIntCs(); // §d.4: reset to the local interval
        enter(State.BACKUP, "fault cleared", "", out);
        out.add(notify(State.BACKUP));
        // §d.4: an owner with state MASTER goes on to MASTER at once. Going through BACKUP with a 1 µs timer (as
        // at start) rather than straight to MASTER keeps a sync group's hold-in-BACKUP path in one place.
        boolean owner = spec.wantMaster() && basePriority == InstanceSpec.PRIORITY_OWNER;
        arm(Timer.MASTER_DOWN, now + (owner ? 1 : masterDownIntervalUs()), out);
    }

    /** The only place {@code state} changes (through {@link #state(State)}), with its log and cause. */
    private void enter(State to, String cause, String suffix, List<Action> out) {
        State from = state;
        state(to);
        out.add(new Transition(from, to, cause));
        if (to != State.STOP) {
            out.add(new Log(prefix + "Entering " + to + " STATE" + (suffix.isEmpty() ? "" : " " + suffix)));
        } else {
            cancelMasterTimers(out);
            cancel(Timer.MASTER_DOWN, out);
            out.add(notify(State.STOP));
        }
        if (to == State.BACKUP) {
            preemptAtUs = -1; // §d.4: preempt_time is cleared on entering BACKUP
        }
    }

    private void state(State to) {
        state = to;
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private boolean faulted() {
        return syncFault || tracking.fault();
    }

    private long skewTimeUs() {
        return Timing.skewTimeUs(spec.version(), effectivePriority, masterAdverIntCs);
    }

    private long masterDownIntervalUs() {
        return Timing.masterDownIntervalUs(spec.version(), effectivePriority, masterAdverIntCs,
                spec.downTimerAdverts());
    }

    private SendAdvert advert(int priority) {
        return effects.advert(priority, check.oldUnicastChecksum());
    }

    private SendGratuitous gratuitous(int count) {
        return effects.gratuitous(count);
    }

    private Notify notify(State s) {
        return effects.notify(s.name(), effectivePriority);
    }

    private void removeAddresses(List<Action> out) {
        out.add(new Log(prefix + "removing VIPs."));
        out.add(effects.removeAddresses(false));
    }

    private void arm(Timer t, long at, List<Action> out) {
        deadlines[t.ordinal()] = at;
        out.add(new ArmTimer(t, at));
    }

    private void cancel(Timer t, List<Action> out) {
        if (deadlines[t.ordinal()] >= 0) {
            deadlines[t.ordinal()] = -1;
            out.add(new CancelTimer(t));
        }
    }

    private void cancelMasterTimers(List<Action> out) {
        cancel(Timer.ADVER, out);
        cancel(Timer.GARP_MASTER_DELAY, out);
        cancel(Timer.GARP_REFRESH, out);
        cancel(Timer.GARP_LOWER_PRIO, out);
    }

    /** An address as keepalived prints it (inet_ntop: IPv6 in RFC 5952's compressed form). */
    static String text(InetAddress a) {
        return keepalivedj.conf.InetText.of(a);
    }

    /** keepalived addr_cmp: numeric, most significant byte first (§d.3). */
    static int compareAddresses(InetAddress a, InetAddress b) {
        return Arrays.compareUnsigned(a.getAddress(), b.getAddress());
    }

    // ---- read-only view -------------------------------------------------------------------------------------

    public State state() {
        return state;
    }

    /** What the instance is heading for; sync groups read it (keepalived's wantstate). */
    public State wantState() {
        return wantState;
    }

    public int effectivePriority() {
        return effectivePriority;
    }

    public int masterAdverIntCs() {
        return masterAdverIntCs;
    }

    public InstanceSpec spec() {
        return spec;
    }

    /** FAULT because of this instance's own trackers (not because of its sync group). */
    public boolean ownFault() {
        return tracking.fault();
    }

    public boolean syncFault() {
        return syncFault;
    }

    public DropCounters drops() {
        return drops;
    }

    /** When {@code t} fires, in µs, or -1 when it is not armed. */
    public long deadline(Timer t) {
        return deadlines[t.ordinal()];
    }

    /**
     * The advert the Adver_Timer's expiry would send if it came now with nothing else happening (RFC 5798
     * §6.4.3: send, re-arm one Advertisement_Interval later), or null when it would send nothing (not MASTER,
     * timer not armed). Changes nothing: a runtime that sends this itself at the expiry still steps the machine
     * with the expiry afterwards, at the time it sent.
     */
    public SendAdvert advertOnAdverTimer() {
        return state == State.MASTER && deadlines[Timer.ADVER.ordinal()] >= 0 ? advert(effectivePriority) : null;
    }

    /** Counts a frame the codec rejected before it could be dispatched (the I/O layer calls this). */
    public void countUndecodable(Drop drop) {
        drops.count(drop);
    }
}
