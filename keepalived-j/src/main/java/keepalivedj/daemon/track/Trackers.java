package keepalivedj.daemon.track;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import keepalivedj.conf.model.KeepalivedConfig;
import keepalivedj.conf.model.VrrpInstance;
import keepalivedj.conf.model.VrrpSyncGroup;
import keepalivedj.conf.model.VrrpTrackFile;
import keepalivedj.conf.model.VrrpTrackProcess;
import keepalivedj.conf.model.VrrpTrackRef;
import keepalivedj.daemon.log.DaemonLog;
import keepalivedj.vrrp.track.ProcessPattern;

/**
 * The track_file watcher and the process scanner of one configuration, with their first values. Made by
 * {@link #prepare} on the thread that read the configuration (start-up, or the reload signal thread): writing
 * init_file, reading every track file and the first /proc scan are local I/O the VRRP loop should not wait for.
 * The loop then adopts the set: it applies {@link #fileValue} and {@link #processUp} before its instances start
 * and closes the set the configuration before used.
 *
 * <p>Changes reach the {@link Listener} on the watcher's and the scanner's threads, possibly before the loop has
 * adopted the set; the loop passes them to {@link #fileChanged} / {@link #processChanged}, so the values it applies
 * at adoption are the latest. After {@link #close} those methods report false: the change came from a set a reload
 * replaced.
 */
public final class Trackers implements AutoCloseable {
    /** Where the set's watcher and scanner report, on their own threads. */
    public interface Listener {
        void fileValue(Trackers from, String trackFile, long value);

        void processQuorum(Trackers from, String trackProcess, boolean up);
    }

    private final Map<String, Long> fileValues = new HashMap<>();
    private final Map<String, Boolean> processUp = new HashMap<>();
    private TrackFileWatcher watcher;
    private ProcessScanner scanner;
    private volatile boolean closed;

    private Trackers() {
    }

    /**
     * Writes the init_files, starts watching the track_files and scanning for the vrrp_track_processes that some
     * instance or sync group uses (keepalived runs no other), and reads their current values.
     *
     * @param reload a SIGHUP's configuration: keepalived writes init_file while reading the configuration and never
     *               overwrites a file on reload
     */
    public static Trackers prepare(KeepalivedConfig cfg, boolean reload, DaemonLog log, Listener listener) {
        Trackers t = new Trackers();
        for (VrrpTrackFile f : cfg.vrrp().trackFiles()) {
            initFile(f, reload, log);
        }
        Set<String> files = used(cfg, VrrpInstance::trackFiles, VrrpSyncGroup::trackFiles);
        Map<String, String> paths = new LinkedHashMap<>();
        for (VrrpTrackFile f : cfg.vrrp().trackFiles()) {
            if (files.contains(f.name())) {
                paths.put(f.name(), f.file());
            }
        }
        if (!paths.isEmpty()) {
            try {
                t.watcher = TrackFileWatcher.start(paths, log, t.fileValues,
                        (name, v) -> listener.fileValue(t, name, v));
            } catch (IOException e) {
                log.error("Unable to monitor track files: " + e.getMessage());
            }
        }
        Set<String> procs = used(cfg, VrrpInstance::trackProcesses, VrrpSyncGroup::trackProcesses);
        List<ProcessScanner.Tracked> tracked = new ArrayList<>();
        for (VrrpTrackProcess p : cfg.vrrp().trackProcesses()) {
            if (procs.contains(p.name())) {
                tracked.add(new ProcessScanner.Tracked(p.name(),
                        ProcessPattern.of(p.process(), p.paramMatch(), p.fullCommand()), p.quorum(), p.quorumMax(),
                        p.forkDelayMicros(), p.terminateDelayMicros()));
            }
        }
        if (!tracked.isEmpty()) {
            t.scanner = new ProcessScanner(tracked, log, (name, up) -> listener.processQuorum(t, name, up));
            for (ProcessScanner.Tracked p : tracked) {
                t.processUp.put(p.name(), t.scanner.up(p.name()));
            }
        }
        return t;
    }

    /** The names of the trackers of one kind that some instance or sync group uses. */
    private static Set<String> used(KeepalivedConfig cfg, Function<VrrpInstance, List<VrrpTrackRef>> ofInstance,
                                    Function<VrrpSyncGroup, List<VrrpTrackRef>> ofGroup) {
        Set<String> used = new HashSet<>();
        cfg.vrrp().instances().forEach(i -> ofInstance.apply(i).forEach(r -> used.add(r.name())));
        cfg.vrrp().syncGroups().forEach(g -> ofGroup.apply(g).forEach(r -> used.add(r.name())));
        return used;
    }

    /** keepalived's init_file: VALUE (default 0) into a missing file, or over an existing one with overwrite. */
    private static void initFile(VrrpTrackFile f, boolean reload, DaemonLog log) {
        if (f.initFileValue() == null) {
            return;
        }
        Path p = Path.of(f.file());
        if (Files.exists(p)) {
            if (!f.initFileOverwrite()) {
                return;
            }
            if (!Files.isRegularFile(p)) {
                log.error("Cannot initialise track file " + f.name() + " - it is not a regular file");
                return;
            }
            if (reload) {
                return;
            }
        }
        try {
            Files.writeString(p, f.initFileValue() + "\n");
        } catch (IOException e) {
            log.error("Unable to initialise track file " + f.name());
        }
    }

    /** The last value of track_file {@code name}: 0 when it is not watched (unused, or without a directory). */
    public long fileValue(String name) {
        return fileValues.getOrDefault(name, 0L);
    }

    /** Whether vrrp_track_process {@code name} has its quorum; false when it is not scanned. */
    public boolean processUp(String name) {
        return processUp.getOrDefault(name, false);
    }

    /** Records a value the watcher reported; false when the set is closed and the value is to be dropped. */
    public boolean fileChanged(String name, long value) {
        if (closed) {
            return false;
        }
        fileValues.put(name, value);
        return true;
    }

    /** Records a quorum change the scanner reported; false when the set is closed. */
    public boolean processChanged(String name, boolean up) {
        if (closed) {
            return false;
        }
        processUp.put(name, up);
        return true;
    }

    /** Stops the watcher's and the scanner's threads; later reports are dropped. */
    @Override
    public void close() {
        closed = true;
        if (watcher != null) {
            watcher.close();
        }
        if (scanner != null) {
            scanner.close();
        }
    }
}
