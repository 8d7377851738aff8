package keepalivedj.vrrp.track;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import keepalivedj.vrrp.spec.Tracked;
import keepalivedj.vrrp.spec.TrackedObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** keepalived.md §a.2 "Weight rules" and §j.6. */
class TrackingTest {
    private static Tracked script(String name) {
        return new Tracked.Script(name);
    }

    private static Tracked.File file(String name) {
        return new Tracked.File(name);
    }

    @Test
    @DisplayName("positive weight adds while up; negative weight applies while down")
    void weights() {
        Tracking t = new Tracking(List.of(TrackedObject.of(script("up"), 20), TrackedObject.of(script("down"), -30)));
        assertEquals(120, t.effectivePriority(100));
        t.status(script("down"), false);
        assertEquals(90, t.effectivePriority(100));
        t.status(script("up"), false);
        assertEquals(70, t.effectivePriority(100));
        assertFalse(t.fault());
    }

    @Test
    @DisplayName("clamped to 1..254; 255 (owner) never changes")
    void clamp() {
        Tracking t = new Tracking(List.of(TrackedObject.of(script("a"), 100), TrackedObject.of(script("b"), -253)));
        assertEquals(254, t.effectivePriority(200));
        assertEquals(255, t.effectivePriority(255));
        t.status(script("a"), false);
        t.status(script("b"), false);
        assertEquals(1, t.effectivePriority(100));
        assertEquals(255, t.effectivePriority(255));
    }

    @Test
    @DisplayName("weight 0 down means FAULT; reverse negates the adjustment")
    void faultAndReverse() {
        Tracking t = new Tracking(List.of(TrackedObject.of(script("if"), 0), new TrackedObject(script("r"), 10, true)));
        assertEquals(90, t.effectivePriority(100));
        assertFalse(t.fault());
        t.status(script("if"), false);
        assertTrue(t.fault());
        assertFalse(t.status(script("unknown"), false));
    }

    @Test
    @DisplayName("track_file: value × weight; weight 0 faults on non-zero; below -253 faults")
    void files() {
        Tracking t = new Tracking(List.of(new TrackedObject(file("f"), 5, false), new TrackedObject(file("z"), 0, false)));
        t.fileValue(file("f"), -4);
        assertEquals(80, t.effectivePriority(100));
        t.fileValue(file("f"), -60);
        assertTrue(t.fault());
        t.fileValue(file("f"), 0);
        t.fileValue(file("z"), 1);
        assertTrue(t.fault());
        t.fileValue(file("z"), 0);
        assertFalse(t.fault());
        assertFalse(t.status(file("f"), true), "a file takes values, not up/down");
    }

    @Test
    @DisplayName("track_file: each file's share is clamped to -254..253; -254 faults and then adds nothing")
    void fileShareClamp() {
        Tracking t = new Tracking(List.of(new TrackedObject(file("f"), 1, false),
                TrackedObject.of(script("s"), -200)));
        t.fileValue(file("f"), 1000);
        assertEquals(254, t.effectivePriority(100), "253 + 100, clamped to 254");
        t.status(script("s"), false);
        assertEquals(153, t.effectivePriority(100), "100 + 253 - 200: the file's share is 253, not 1000");
        t.fileValue(file("f"), -253);
        assertFalse(t.fault(), "-253 is still a priority change");
        t.fileValue(file("f"), -254);
        assertTrue(t.fault());
        assertEquals(1, t.effectivePriority(100), "the faulted file adds nothing: 100 - 200, clamped to 1");
    }

    @Test
    @DisplayName("track_file reverse: value × weight × -1; weight 0 reverse faults on a zero value")
    void fileReverse() {
        Tracking t = new Tracking(List.of(new TrackedObject(file("f"), 2, true),
                new TrackedObject(file("z"), 0, true)));
        assertTrue(t.fault(), "weight 0 reverse: 0 means FAULT");
        t.fileValue(file("z"), 3);
        assertFalse(t.fault());
        t.fileValue(file("f"), 5);
        assertEquals(90, t.effectivePriority(100));
        t.fileValue(file("f"), -5);
        assertEquals(110, t.effectivePriority(100));
        t.fileValue(file("f"), 200);
        assertTrue(t.fault(), "-400 is below -253");
    }

    @Test
    @DisplayName("a tracker is its kind and its name: a script and an interface of the same name are two objects")
    void kindIsPartOfTheIdentity() {
        Tracking t = new Tracking(List.of(TrackedObject.of(new Tracked.Interface("chk"), 0),
                TrackedObject.of(new Tracked.Script("chk"), -10)));
        assertTrue(t.status(new Tracked.Script("chk"), false));
        assertEquals(90, t.effectivePriority(100));
        assertFalse(t.fault(), "the interface chk is still up");
        assertFalse(t.status(new Tracked.Process("chk"), false), "not tracked");
        assertTrue(t.status(new Tracked.Interface("chk"), false));
        assertTrue(t.fault());
        assertEquals("interface:chk", new Tracked.Interface("chk").label());
    }
}
