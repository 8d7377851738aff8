package keepalivedj.vrrp.spec;

/**
 * A tracker bound to an instance (track_script, track_interface, track_process, track_bfd, track_file), by name.
 * Weight 0 means the instance goes to FAULT while the object is down (keepalived.md §a.2, §d.9).
 * {@code file} marks a track_file, whose input is an integer value rather than up/down.
 */
public record TrackedObject(String name, int weight, boolean reverse, boolean file) {
    public static TrackedObject status(String name, int weight) {
        return new TrackedObject(name, weight, false, false);
    }
}
