package keepalivedj.daemon.track;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import keepalivedj.daemon.log.DaemonLog;
import keepalivedj.vrrp.track.TrackFileValue;

/**
 * Watches the files of the track_files some instance uses, as keepalived 2.2.7 does with inotify on each file's
 * directory (track_file.c): a write, a new file moved in, a deletion or a move away. Java's WatchService is
 * inotify on Linux; a thread blocks in it, so an idle watcher costs no CPU.
 *
 * <p>keepalived reads a file on IN_CLOSE_WRITE; the WatchService only reports modifications, and {@code echo 5 >
 * f} is a truncation and a write. So after an event the watcher waits until the directory has been quiet for
 * {@link #SETTLE_MS} before reading, and does not report the empty file between the two. (A writer that stops
 * for longer than that between truncating and writing is seen as 0 for a moment, where keepalived waits for its
 * close; writing a new file and renaming it over the old one is atomic for both.) A deleted or moved-away file
 * counts as 0, a changed value is reported once ({@code onValue} on the watcher thread), an invalid number is
 * logged as keepalived logs it and ignored. The initial values are read by {@link #start}.
 */
public final class TrackFileWatcher implements AutoCloseable {
    /** Quiet time after the last event of a burst before the file is read. */
    static final long SETTLE_MS = 50;

    /** One watched file: the track_file's name and its (resolved) path. */
    public record Watched(String name, Path path) {
    }

    private final WatchService service;
    private final Map<WatchKey, Path> dirs = new HashMap<>();
    private final Map<Path, List<Watched>> byPath = new LinkedHashMap<>();
    private final Map<String, Long> last = new HashMap<>();
    private final BiConsumer<String, Long> onValue;
    private final DaemonLog log;
    private final Thread thread;
    private volatile boolean closed;

    private TrackFileWatcher(WatchService service, BiConsumer<String, Long> onValue, DaemonLog log) {
        this.service = service;
        this.onValue = onValue;
        this.log = log;
        this.thread = new Thread(this::run, "vrrp-track-file");
        thread.setDaemon(true);
    }

    /**
     * Starts watching {@code files} (name → configured path). A file whose directory does not exist is dropped
     * with keepalived's message; {@code initial} gives each watched file's current value, as read now (the caller
     * applies them before its instances start). Returns the watcher, which owns one thread.
     */
    public static TrackFileWatcher start(Map<String, String> files, DaemonLog log, Map<String, Long> initial,
                                         BiConsumer<String, Long> onValue) throws IOException {
        TrackFileWatcher w = new TrackFileWatcher(FileSystems.getDefault().newWatchService(), onValue, log);
        try {
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path p = resolve(Path.of(e.getValue()));
                if (p == null) {
                    log.error("Track file directory for " + e.getKey() + " does not exist - removing");
                    continue;
                }
                Path dir = p.getParent();
                if (!w.dirs.containsValue(dir)) {
                    WatchKey k = dir.register(w.service, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                    w.dirs.put(k, dir);
                }
                w.byPath.computeIfAbsent(p, x -> new java.util.ArrayList<>()).add(new Watched(e.getKey(), p));
            }
            for (Map.Entry<Path, List<Watched>> e : w.byPath.entrySet()) {
                long v = w.read(e.getKey(), 0);
                for (Watched f : e.getValue()) {
                    w.last.put(f.name(), v);
                    initial.put(f.name(), v);
                }
            }
        } catch (IOException | RuntimeException e) {
            w.service.close();
            throw e;
        }
        w.thread.start();
        return w;
    }

    /** keepalived's realpath of the file, or of its directory when the file does not exist yet; null: no directory. */
    static Path resolve(Path configured) {
        Path abs = configured.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            Path dir = abs.getParent();
            try {
                if (dir == null || !Files.isDirectory(dir)) {
                    return null;
                }
                return dir.toRealPath().resolve(abs.getFileName());
            } catch (IOException e2) {
                return null;
            }
        }
    }

    /** The value of {@code p} now: missing is 0; an invalid number is logged and {@code previous} kept. */
    long read(Path p, long previous) {
        byte[] b;
        try (InputStream in = Files.newInputStream(p)) {
            b = in.readNBytes(TrackFileValue.READ_LIMIT);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            return 0; // keepalived: a file it cannot open reads as 0
        }
        TrackFileValue.Reading r = TrackFileValue.parse(b);
        if (!r.valid()) {
            log.info("Invalid number " + r.value() + " read from " + p + " - ignoring");
            return previous;
        }
        return r.value();
    }

    private void run() {
        while (!closed) {
            try {
                Set<Path> touched = new HashSet<>();
                WatchKey k = service.take();
                collect(k, touched);
                // wait for the burst (truncate, write, rename) to end before reading
                while ((k = service.poll(SETTLE_MS, TimeUnit.MILLISECONDS)) != null) {
                    collect(k, touched);
                }
                for (Path p : touched) {
                    List<Watched> fs = byPath.get(p);
                    long v = read(p, last.get(fs.get(0).name()));
                    for (Watched f : fs) {
                        Long before = last.put(f.name(), v);
                        if (before == null || before != v) {
                            onValue.accept(f.name(), v);
                        }
                    }
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                log.error("Track file watcher: " + e);
            }
        }
    }

    private void collect(WatchKey k, Set<Path> touched) {
        Path dir = dirs.get(k);
        for (WatchEvent<?> ev : k.pollEvents()) {
            if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                touched.addAll(byPath.keySet()); // events lost: read every file again
            } else if (dir != null && ev.context() instanceof Path name && byPath.containsKey(dir.resolve(name))) {
                touched.add(dir.resolve(name));
            }
        }
        k.reset();
    }

    @Override
    public void close() {
        closed = true;
        try {
            service.close();
        } catch (IOException ignored) {
            // closing an inotify descriptor does not fail in a way we could act on
        }
        thread.interrupt();
    }
}
