package keepalivedj.vrrp.track;

import java.util.Optional;

/**
 * The up/down rule of one {@code vrrp_track_process} (keepalived 2.2.7 track_process.c): it is up while
 * {@code quorum <= n <= quorum_max} processes match. Pure: the caller reports each matching process that
 * appeared or went away and the expiry of the one timer this asks for; times are arguments (µs).
 * <ul>
 *   <li>Only crossings are acted on: n reaching {@code quorum} or {@code quorum_max + 1} on the way up, leaving
 *       {@code quorum} or reaching {@code quorum_max} on the way down.</li>
 *   <li>A crossing caused by a tracked process forking waits {@code fork_delay}; one caused by a process exiting
 *       waits {@code terminate_delay}; when the timer fires the rule looks at n again. A crossing the other way
 *       while a timer runs cancels it (the fork timer is dropped and the status set from n; a pending termination
 *       is dropped by a new process, which then sets the status).</li>
 *   <li>A process that starts under the tracked name (exec) or stops matching (exec of another program, a
 *       changed name) acts at once, without delay.</li>
 * </ul>
 */
public final class ProcessQuorum {
    /** A status change ({@code up} or not) and/or the timer to (re)arm ({@code timerAtUs}, -1 for none). */
    public record Outcome(Optional<Boolean> change, long timerAtUs) {
        static final Outcome NONE = new Outcome(Optional.empty(), -1);
    }

    private enum Pending { NONE, FORK, TERMINATE }

    private final int quorum;
    private final int quorumMax;
    private final long forkDelayUs;
    private final long terminateDelayUs;
    private int count;
    private boolean up;
    private Pending pending = Pending.NONE;
    private long pendingAtUs = -1;

    /**
     * @param initialCount the matching processes found when tracking starts; the status starts from it at once
     */
    public ProcessQuorum(int quorum, int quorumMax, long forkDelayUs, long terminateDelayUs, int initialCount) {
        this.quorum = quorum;
        this.quorumMax = quorumMax;
        this.forkDelayUs = forkDelayUs;
        this.terminateDelayUs = terminateDelayUs;
        this.count = initialCount;
        this.up = inQuorum();
    }

    public boolean up() {
        return up;
    }

    public int count() {
        return count;
    }

    /** When the pending delay ends (µs), or -1. */
    public long pendingAtUs() {
        return pendingAtUs;
    }

    /** A matching process appeared; {@code forked}: a child of a matching process (else a new exec). */
    public Outcome added(boolean forked, long nowUs) {
        count++;
        if (count != quorum && count != quorumMax + 1) {
            return Outcome.NONE;
        }
        if (pending == Pending.TERMINATE) {
            clearPending();
        } else if (forked && forkDelayUs > 0) {
            pending = Pending.FORK;
            pendingAtUs = nowUs + forkDelayUs;
            return new Outcome(Optional.empty(), pendingAtUs);
        }
        return set(count == quorum);
    }

    /** A matching process went away: {@code exited}, or (false) it no longer matches (exec, new name). */
    public Outcome removed(boolean exited, long nowUs) {
        if (count == 0) {
            return Outcome.NONE;
        }
        int before = count--;
        if (before != quorum && count != quorumMax) {
            return Outcome.NONE;
        }
        if (pending == Pending.FORK) {
            clearPending();
        } else if (exited && terminateDelayUs > 0) {
            pending = Pending.TERMINATE;
            pendingAtUs = nowUs + terminateDelayUs;
            return new Outcome(Optional.empty(), pendingAtUs);
        }
        return set(count == quorumMax);
    }

    /** The timer asked for by an earlier outcome fired; a stale one (cancelled or re-armed since) does nothing. */
    public Outcome timerExpired(long atUs) {
        if (pending == Pending.NONE || atUs != pendingAtUs) {
            return Outcome.NONE;
        }
        clearPending();
        return set(inQuorum());
    }

    private boolean inQuorum() {
        return count >= quorum && count <= quorumMax;
    }

    private void clearPending() {
        pending = Pending.NONE;
        pendingAtUs = -1;
    }

    private Outcome set(boolean nowUp) {
        if (nowUp == up) {
            return Outcome.NONE;
        }
        up = nowUp;
        return new Outcome(Optional.of(nowUp), -1);
    }
}
