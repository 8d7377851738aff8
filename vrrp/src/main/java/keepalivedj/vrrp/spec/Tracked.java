package keepalivedj.vrrp.spec;

/**
 * What a tracker follows, one type per keepalived keyword, with the configured name. A track_file reports a value;
 * every other kind reports up or down. Two trackers are the same object when kind and name are.
 */
public sealed interface Tracked {
    /** The name in the configuration (the vrrp_script, interface, track_file, vrrp_track_process, BFD session). */
    String name();

    /** The keyword's short form, as the data dump shows it: "script", "interface", "file", "process", "bfd". */
    default String kind() {
        return getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT); // the records are named so
    }

    /** "kind:name", unique over all the trackers of an instance. */
    default String label() {
        return kind() + ":" + name();
    }

    /** track_script: a vrrp_script's result. */
    record Script(String name) implements Tracked {
    }

    /** track_interface (and the instance's own interface): the link's running state. */
    record Interface(String name) implements Tracked {
    }

    /** track_file: the integer in a file. */
    record File(String name) implements Tracked {
    }

    /** track_process: a vrrp_track_process's quorum. */
    record Process(String name) implements Tracked {
    }

    /** track_bfd: a BFD session. */
    record Bfd(String name) implements Tracked {
    }
}
