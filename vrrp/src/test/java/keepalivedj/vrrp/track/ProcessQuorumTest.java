package keepalivedj.vrrp.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** keepalived 2.2.7 track_process.c: quorum..quorum_max, crossings only, fork_delay and terminate_delay. */
class ProcessQuorumTest {
    private static final ProcessQuorum.Outcome NONE = new ProcessQuorum.Outcome(Optional.empty(), -1);

    private static ProcessQuorum.Outcome change(boolean up) {
        return new ProcessQuorum.Outcome(Optional.of(up), -1);
    }

    @Test
    @DisplayName("the initial count decides at once; quorum 2 needs two processes")
    void quorum() {
        ProcessQuorum q = new ProcessQuorum(2, 65535, 0, 0, 1);
        assertFalse(q.up());
        assertEquals(change(true), q.added(false, 0));
        assertEquals(NONE, q.added(false, 0), "three is still up");
        assertEquals(NONE, q.removed(true, 0));
        assertEquals(change(false), q.removed(true, 0));
        assertEquals(NONE, q.removed(true, 0));
        assertEquals(NONE, q.removed(true, 0), "nothing below zero");
        assertEquals(0, q.count());
    }

    @Test
    @DisplayName("quorum_max: one process too many is down, back to the maximum is up")
    void quorumMax() {
        ProcessQuorum q = new ProcessQuorum(1, 1, 0, 0, 1);
        assertTrue(q.up());
        assertEquals(change(false), q.added(false, 0));
        assertEquals(change(true), q.removed(true, 0));
        ProcessQuorum none = new ProcessQuorum(0, 0, 0, 0, 0);
        assertTrue(none.up(), "quorum_max 0: up while nothing runs");
        assertEquals(change(false), none.added(false, 0));
        assertEquals(change(true), none.removed(true, 0));
    }

    @Test
    @DisplayName("terminate_delay: the exit acts only when the delay ends and the count is still short")
    void terminateDelay() {
        ProcessQuorum q = new ProcessQuorum(1, 65535, 0, 2_000_000, 1);
        ProcessQuorum.Outcome o = q.removed(true, 1_000_000);
        assertEquals(new ProcessQuorum.Outcome(Optional.empty(), 3_000_000), o);
        assertTrue(q.up(), "still up during the delay");
        assertEquals(change(false), q.timerExpired(3_000_000));
        // a restart within the delay cancels it: nothing changes at all
        assertEquals(change(true), q.added(false, 4_000_000));
        assertEquals(3_000_000 + 2_000_000 + 1_000_000, q.removed(true, 4_000_000).timerAtUs());
        assertEquals(NONE, q.added(false, 4_500_000), "the pending termination is dropped, still up");
        assertEquals(NONE, q.timerExpired(6_000_000), "a cancelled timer does nothing");
        assertTrue(q.up());
    }

    @Test
    @DisplayName("a process that stops matching (exec, rename) acts at once even with terminate_delay")
    void renameActsAtOnce() {
        ProcessQuorum q = new ProcessQuorum(1, 65535, 0, 2_000_000, 1);
        assertEquals(change(false), q.removed(false, 0));
    }

    @Test
    @DisplayName("fork_delay applies to a fork of a tracked process, not to a new exec")
    void forkDelay() {
        ProcessQuorum q = new ProcessQuorum(2, 65535, 500_000, 0, 1);
        assertEquals(new ProcessQuorum.Outcome(Optional.empty(), 600_000), q.added(true, 100_000));
        assertFalse(q.up());
        assertEquals(change(true), q.timerExpired(600_000));
        ProcessQuorum r = new ProcessQuorum(2, 65535, 500_000, 0, 1);
        assertEquals(change(true), r.added(false, 100_000), "exec: no delay");
        // the child exits during the fork delay: the timer is dropped and the status stays
        ProcessQuorum s = new ProcessQuorum(2, 65535, 500_000, 0, 1);
        s.added(true, 0);
        assertEquals(NONE, s.removed(true, 100_000));
        assertEquals(NONE, s.timerExpired(500_000));
        assertFalse(s.up());
    }
}
