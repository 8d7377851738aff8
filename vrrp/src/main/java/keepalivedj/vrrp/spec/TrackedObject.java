package keepalivedj.vrrp.spec;

/**
 * A tracker bound to an instance (track_script, track_interface, track_process, track_bfd, track_file).
 * Weight 0 means the instance goes to FAULT while the object is down (keepalived.md §a.2, §d.9).
 */
public record TrackedObject(Tracked object, int weight, boolean reverse) {
    public static TrackedObject of(Tracked object, int weight) {
        return new TrackedObject(object, weight, false);
    }

    /** A track_file, whose input is an integer value rather than up/down. */
    public boolean file() {
        return object instanceof Tracked.File;
    }
}
