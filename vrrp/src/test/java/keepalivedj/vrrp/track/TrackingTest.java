package keepalivedj.vrrp.track;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import keepalivedj.vrrp.spec.TrackedObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** keepalived.md §a.2 "Weight rules" and §j.6. */
class TrackingTest {
    @Test
    @DisplayName("positive weight adds while up; negative weight applies while down")
    void weights() {
        Tracking t = new Tracking(List.of(TrackedObject.status("up", 20), TrackedObject.status("down", -30)));
        assertEquals(120, t.effectivePriority(100));
        t.status("down", false);
        assertEquals(90, t.effectivePriority(100));
        t.status("up", false);
        assertEquals(70, t.effectivePriority(100));
        assertFalse(t.fault());
    }

    @Test
    @DisplayName("clamped to 1..254; 255 (owner) never changes")
    void clamp() {
        Tracking t = new Tracking(List.of(TrackedObject.status("a", 100), TrackedObject.status("b", -253)));
        assertEquals(254, t.effectivePriority(200));
        assertEquals(255, t.effectivePriority(255));
        t.status("a", false);
        t.status("b", false);
        assertEquals(1, t.effectivePriority(100));
        assertEquals(255, t.effectivePriority(255));
    }

    @Test
    @DisplayName("weight 0 down means FAULT; reverse negates the adjustment")
    void faultAndReverse() {
        Tracking t = new Tracking(List.of(TrackedObject.status("if", 0), new TrackedObject("r", 10, true, false)));
        assertEquals(90, t.effectivePriority(100));
        assertFalse(t.fault());
        t.status("if", false);
        assertTrue(t.fault());
        assertFalse(t.status("unknown", false));
    }

    @Test
    @DisplayName("track_file: value × weight; weight 0 faults on non-zero; below -253 faults")
    void files() {
        Tracking t = new Tracking(List.of(new TrackedObject("f", 5, false, true), new TrackedObject("z", 0, false, true)));
        t.fileValue("f", -4);
        assertEquals(80, t.effectivePriority(100));
        t.fileValue("f", -60);
        assertTrue(t.fault());
        t.fileValue("f", 0);
        t.fileValue("z", 1);
        assertTrue(t.fault());
        t.fileValue("z", 0);
        assertFalse(t.fault());
        assertFalse(t.status("f", true), "a file takes values, not up/down");
    }

    @Test
    @DisplayName("track_file: each file's share is clamped to -254..253; -254 faults and then adds nothing")
    void fileShareClamp() {
        Tracking t = new Tracking(List.of(new TrackedObject("f", 1, false, true),
                TrackedObject.status("s", -200)));
        t.fileValue("f", 1000);
        assertEquals(254, t.effectivePriority(100), "253 + 100, clamped to 254");
        t.status("s", false);
        assertEquals(153, t.effectivePriority(100), "100 + 253 - 200: the file's share is 253, not 1000");
        t.fileValue("f", -253);
        assertFalse(t.fault(), "-253 is still a priority change");
        t.fileValue("f", -254);
        assertTrue(t.fault());
        assertEquals(1, t.effectivePriority(100), "the faulted file adds nothing: 100 - 200, clamped to 1");
    }

    @Test
    @DisplayName("track_file reverse: value × weight × -1; weight 0 reverse faults on a zero value")
    void fileReverse() {
        Tracking t = new Tracking(List.of(new TrackedObject("f", 2, true, true),
                new TrackedObject("z", 0, true, true)));
        assertTrue(t.fault(), "weight 0 reverse: 0 means FAULT");
        t.fileValue("z", 3);
        assertFalse(t.fault());
        t.fileValue("f", 5);
        assertEquals(90, t.effectivePriority(100));
        t.fileValue("f", -5);
        assertEquals(110, t.effectivePriority(100));
        t.fileValue("f", 200);
        assertTrue(t.fault(), "-400 is below -253");
    }
}
