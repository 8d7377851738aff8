package keepalivedj.vrrp.track;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import keepalivedj.vrrp.spec.Tracked;
import keepalivedj.vrrp.spec.TrackedObject;

/**
 * Effective priority and fault from an instance's tracked objects (keepalived.md §a.2, §j.6). Pure arithmetic
 * over the last reported status of each object; running scripts or watching interfaces is not its business.
 * <ul>
 *   <li>weight 0: the instance is in FAULT while the object is down (a track_file: while its value is non-zero);</li>
 *   <li>weight &gt; 0 is added while the object is up; weight &lt; 0 is added while it is down;
 *       {@code reverse} negates the adjustment;</li>
 *   <li>track_file adds value × weight (× -1 with {@code reverse}), each file's share clamped to -254..253; a
 *       share of -254 (value × weight below -253) means FAULT and the file then adds nothing; with weight 0 a
 *       non-zero value means FAULT ({@code reverse}: a zero value);</li>
 *   <li>the result is clamped to 1..254, and an owner (base priority 255) is never adjusted.</li>
 * </ul>
 * Objects start up (keepalived's scripts start one success away from OK and count as OK until they fail).
 */
public final class Tracking {
    private static final long FILE_FAULT = -254;
    private final Map<Tracked, TrackedObject> objects = new HashMap<>();
    private final Map<Tracked, Long> values = new HashMap<>(); // status objects: 1 up, 0 down; files: the value

    public Tracking(List<TrackedObject> tracked) {
        for (TrackedObject t : tracked) {
            objects.put(t.object(), t);
            values.put(t.object(), t.file() ? 0L : 1L);
        }
    }

    /** Records an up/down report; returns false when the object is not tracked by this instance. */
    public boolean status(Tracked object, boolean up) {
        TrackedObject t = objects.get(object);
        if (t == null || t.file()) {
            return false;
        }
        values.put(object, up ? 1L : 0L);
        return true;
    }

    /** Records a track_file value; returns false when the file is not tracked by this instance. */
    public boolean fileValue(Tracked.File file, long value) {
        TrackedObject t = objects.get(file);
        if (t == null) {
            return false;
        }
        values.put(file, value);
        return true;
    }

    public boolean fault() {
        for (TrackedObject t : objects.values()) {
            if (faults(t, values.get(t.object()))) {
                return true;
            }
        }
        return false;
    }

    /** keepalived's track_file status of -254 (update_track_file_status) and a down weight-0 object. */
    private static boolean faults(TrackedObject t, long v) {
        if (t.file()) {
            return t.weight() == 0 ? (v != 0) != t.reverse() : adjustment(t, v) == FILE_FAULT;
        }
        return t.weight() == 0 && v == 0;
    }

    /** The priority to advertise and to compare with: base adjusted by weights, clamped to 1..254. */
    public int effectivePriority(int basePriority) {
        if (basePriority == 255) {
            return 255;
        }
        long p = basePriority;
        for (TrackedObject t : objects.values()) {
            long v = values.get(t.object());
            if (t.weight() != 0 && !faults(t, v)) {
                p += adjustment(t, v);
            }
        }
        return (int) Math.max(1, Math.min(254, p));
    }

    private static long adjustment(TrackedObject t, long v) {
        long a;
        if (t.file()) {
            // keepalived clamps each file's share to -254..253; -254 is its FAULT mark
            long share = t.reverse() ? -v * t.weight() : v * t.weight();
            return Math.max(FILE_FAULT, Math.min(253, share));
        } else if (t.weight() > 0) {
            a = v == 1 ? t.weight() : 0;
        } else {
            a = v == 0 ? t.weight() : 0;
        }
        return t.reverse() ? -a : a;
    }
}
