package keepalivedj.daemon.exec;

import static keepalivedj.daemon.exec.ScriptTracker.Status.FAILED;
import static keepalivedj.daemon.exec.ScriptTracker.Status.INIT;
import static keepalivedj.daemon.exec.ScriptTracker.Status.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import keepalivedj.daemon.exec.ScriptTracker.Decision;
import keepalivedj.daemon.exec.ScriptTracker.Effect;
import keepalivedj.daemon.exec.ScriptTracker.Status;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** keepalived.md §c.4, step by step with results and times given by the test. */
class ScriptTrackerTest {
    private static final long S = 1_000_000_000L;

    /** Feeds results ('+' success, '-' failure) and returns the status after each. */
    private static List<Status> feed(ScriptTracker t, String results) {
        List<Status> out = new ArrayList<>();
        long now = 0;
        for (char c : results.toCharArray()) {
            assertEquals(Decision.RUN, t.tick(now));
            t.finished(c == '+');
            out.add(t.status());
            now += S;
        }
        return out;
    }

    @Test
    @DisplayName("starts one success away from OK: rise 3, the first success makes it OK")
    void initialStateIsRiseMinusOne() {
        ScriptTracker t = new ScriptTracker("chk", 3, 2, false, S, 0);
        assertEquals(INIT, t.status());
        assertEquals(List.of(OK), feed(t, "+"));
    }

    @Test
    @DisplayName("while still in its initial state, the first failure fails it at once")
    void firstFailureInInitFails() {
        assertEquals(List.of(FAILED), feed(new ScriptTracker("chk", 3, 5, false, S, 0), "-"));
    }

    @Test
    @DisplayName("from failed, rise consecutive successes make it OK; a failure in between starts again")
    void riseFromFailed() {
        ScriptTracker t = new ScriptTracker("chk", 3, 2, false, S, 0);
        assertEquals(List.of(FAILED, FAILED, FAILED, FAILED, FAILED, FAILED, OK), feed(t, "-++-+++"));
    }

    @Test
    @DisplayName("from fully OK, fall consecutive failures make it failed; a success in between restores full OK")
    void fallFromOk() {
        ScriptTracker t = new ScriptTracker("chk", 2, 3, false, S, 0);
        assertEquals(List.of(OK, OK, OK, OK, OK, OK, FAILED), feed(t, "+--+---"));
    }

    @Test
    @DisplayName("init_fail: starts failed, a failure changes nothing, rise successes make it OK")
    void initFail() {
        ScriptTracker t = new ScriptTracker("chk", 2, 2, true, S, 0);
        assertEquals(FAILED, t.status());
        assertEquals(List.of(FAILED, FAILED, OK), feed(t, "-++"));
    }

    @Test
    void changesAreReportedOnlyWhenTheStatusChanges() {
        ScriptTracker t = new ScriptTracker("chk", 1, 2, false, S, 0);
        t.tick(0);
        assertEquals(new ScriptTracker.Change("chk", INIT, OK), t.finished(true).orElseThrow());
        t.tick(S);
        assertEquals(true, t.finished(false).isEmpty(), "first of two failures");
        t.tick(2 * S);
        assertEquals(new ScriptTracker.Change("chk", OK, FAILED), t.finished(false).orElseThrow());
    }

    @Test
    @DisplayName("a run due while the previous one is still going is skipped ('already running')")
    void alreadyRunningIsSkipped() {
        ScriptTracker t = new ScriptTracker("chk", 1, 1, false, 2 * S, 10 * S);
        assertEquals(Decision.NOT_DUE, t.tick(9 * S));
        assertEquals(Decision.RUN, t.tick(10 * S));
        assertEquals(Decision.NOT_DUE, t.tick(11 * S));
        assertEquals(Decision.ALREADY_RUNNING, t.tick(12 * S));
        assertEquals(Decision.NOT_DUE, t.tick(13 * S), "the skipped run is not retried before the next interval");
        t.finished(true);
        assertEquals(Decision.RUN, t.tick(14 * S));
        t.finished(true);
        assertEquals(Decision.RUN, t.tick(25 * S), "after a long gap, one run, not a burst");
        t.finished(true);
        assertEquals(Decision.NOT_DUE, t.tick(25 * S + 1));
    }

    @Test
    void weightEffects() {
        assertEquals(new Effect(0, true), ScriptTracker.effect(0, false, FAILED), "weight 0: FAULT while failed");
        assertEquals(new Effect(0, false), ScriptTracker.effect(0, false, OK));
        assertEquals(new Effect(0, true), ScriptTracker.effect(0, true, OK), "weight 0 reverse: FAULT while OK");
        assertEquals(new Effect(0, false), ScriptTracker.effect(0, true, FAILED));
        assertEquals(new Effect(20, false), ScriptTracker.effect(20, false, OK), "+weight while OK");
        assertEquals(Effect.NONE, ScriptTracker.effect(20, false, FAILED));
        assertEquals(new Effect(-20, false), ScriptTracker.effect(20, true, OK), "reverse subtracts while OK");
        assertEquals(new Effect(-30, false), ScriptTracker.effect(-30, false, FAILED), "-weight while failed");
        assertEquals(Effect.NONE, ScriptTracker.effect(-30, false, OK));
        assertEquals(new Effect(30, false), ScriptTracker.effect(-30, true, FAILED), "reverse adds while failed");
        assertEquals(Effect.NONE, ScriptTracker.effect(0, false, INIT), "no effect before the first result");
        assertEquals(Effect.NONE, ScriptTracker.effect(-30, false, INIT));
    }
}
