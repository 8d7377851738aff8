package keepalivedj.vrrp.fsm;

import keepalivedj.vrrp.packet.VrrpPacket;
import keepalivedj.vrrp.spec.Tracked;

/** What can happen to an instance. Past-tense facts; the machine decides what they mean. */
public sealed interface Event {
    /** The daemon started the instance (keepalived vrrp_init_state). */
    record Started() implements Event {
    }

    /**
     * Reload (keepalived.md §b.5): this machine replaces a running instance whose configuration changed; it takes
     * over that instance's {@code state} instead of starting afresh. A MASTER stays MASTER without a transition
     * log, priority-0 advert or new GARPs: it (re-)adds its addresses and advertises at once with its new
     * settings. Anything else starts as {@link Started} does, without removing addresses first.
     */
    record Resumed(State state) implements Event {
    }

    /** SIGTERM / instance removed: masters hand over with priority 0 (keepalived.md §b.5). */
    record Stopped() implements Event {
    }

    /** A timer armed by {@link Action.ArmTimer} fired; stale or cancelled firings are ignored. */
    record TimerExpired(Timer timer) implements Event {
    }

    /** A decoded frame for this instance's VRID arrived. */
    record AdvertReceived(VrrpPacket packet) implements Event {
    }

    /** A tracked script / interface / process / BFD session changed state. */
    record TrackerChanged(Tracked object, boolean up) implements Event {
    }

    /**
     * Something outside the daemon deleted one of this instance's VIPs, eVIPs, routes or rules while it was MASTER
     * (the daemon checked it is really gone). keepalived.md §a.4: the instance hands over with priority 0, drops its
     * addresses and goes BACKUP with the down timer at Skew_Time, so it re-takes MASTER (and re-adds everything)
     * unless another router claims the VRID first.
     */
    record AddressRemoved(String what) implements Event {
    }

    /** A tracked file now holds {@code value}. */
    record TrackFileChanged(Tracked.File file, long value) implements Event {
    }

    /** Sent by the instance's sync group only: follow a sibling into {@code state} (keepalived.md §a.6). */
    record SyncRequested(State state) implements Event {
    }

    /** Sent by the instance's sync group only: a MASTER sibling heard a lower priority and is re-announcing (§d.3). */
    record SyncLowerPriorityHeard() implements Event {
    }

    /** Sent by the instance's sync group only: a sibling is (or no longer is) in FAULT. */
    record SyncFaultChanged(boolean fault) implements Event {
    }

    Started STARTED = new Started();
    Stopped STOPPED = new Stopped();
}
