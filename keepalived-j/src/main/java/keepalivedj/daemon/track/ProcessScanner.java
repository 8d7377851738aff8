package keepalivedj.daemon.track;

import java.io.IOException;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import keepalivedj.daemon.log.DaemonLog;
import keepalivedj.vrrp.track.ProcessPattern;
import keepalivedj.vrrp.track.ProcessQuorum;

/**
 * Counts the processes of each vrrp_track_process by reading /proc every {@link #INTERVAL} (500 ms) and hands the
 * differences to each tracker's {@link ProcessQuorum}. keepalived 2.2.7 learns of processes from the netlink proc
 * connector instead; the connector only exists in the initial network namespace (keepalived 2.2.7 started in any
 * other logs "Failed to set/clear process event listen - errno 111" and never counts a process), so keepalived-j
 * scans. Each scan lists /proc and reads {@code /proc/PID/stat} (name, state, parent) of the processes that may
 * have changed, and {@code cmdline} only when a tracker matches on its command line (see {@link #scan}). Idle cost
 * (tools/bench/track-process-cost.sh, 2 cores): about 0.15 % of one core with 100 processes, 0.7 % with 1000.
 *
 * <p>What a scan sees is turned into keepalived's events: a new matching process whose parent matches too is a
 * fork (fork_delay applies), any other new one an exec; a matching process that is gone (or a zombie) exited
 * (terminate_delay applies); one still there that no longer matches was renamed or exec'd something else (acts at
 * once). One thread scans and runs the delays; {@code onStatus} is called on it with each change of quorum.
 */
public final class ProcessScanner implements AutoCloseable {
    /** How often /proc is read. */
    public static final Duration INTERVAL = Duration.ofMillis(500);

    /** One vrrp_track_process as the scanner needs it. */
    public record Tracked(String name, ProcessPattern pattern, int quorum, int quorumMax, long forkDelayUs,
                          long terminateDelayUs) {
    }

    /** One process as a scan saw it. */
    record Proc(long pid, long ppid, String comm, List<String> argv) {
    }

    private static final java.io.File PROC_DIR = new java.io.File("/proc");

    /** Scans a new process is read again at, to see the program a fork exec's. */
    static final int YOUNG_SCANS = 3;
    /** Every this many scans all processes are read again (10 × 500 ms: 5 s). */
    static final int FULL_SCAN_EVERY = 10;

    // scan thread (and the constructor) only
    private final byte[] buf = new byte[4096];
    private Map<Long, Proc> seen = new HashMap<>();
    private Map<Long, Integer> seenAge = new HashMap<>();
    private long scanNumber;

    private final List<Tracked> tracked;
    private final boolean needCommandLine;
    private final Map<String, ProcessQuorum> quorums = new LinkedHashMap<>();
    private final Map<String, Set<Long>> matching = new HashMap<>();
    private final BiConsumer<String, Boolean> onStatus;
    private final DaemonLog log;
    private final ScheduledExecutorService executor;
    private final AtomicLong scans = new AtomicLong();
    private long failures;

    /**
     * Scans once on the caller's thread, so {@link #up} answers at once, then goes on every {@link #INTERVAL} on
     * its own thread.
     */
    public ProcessScanner(List<Tracked> tracked, DaemonLog log, BiConsumer<String, Boolean> onStatus) {
        this.tracked = List.copyOf(tracked);
        this.needCommandLine = tracked.stream().anyMatch(t -> t.pattern().usesCommandLine());
        this.onStatus = onStatus;
        this.log = log;
        Map<Long, Proc> now = scan();
        for (Tracked t : this.tracked) {
            Set<Long> m = new HashSet<>();
            for (Proc p : now.values()) {
                if (t.pattern().matches(p.comm(), p.argv())) {
                    m.add(p.pid());
                }
            }
            matching.put(t.name(), m);
            quorums.put(t.name(), new ProcessQuorum(t.quorum(), t.quorumMax(), t.forkDelayUs(),
                    t.terminateDelayUs(), m.size()));
        }
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "vrrp-track-process");
            th.setDaemon(true);
            return th;
        });
        executor.scheduleWithFixedDelay(this::tick, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether {@code name} has its quorum now (from the scan made by the constructor, then as reported). */
    public synchronized boolean up(String name) {
        ProcessQuorum q = quorums.get(name);
        return q != null && q.up();
    }

    /** Matching processes of {@code name} at the last scan. */
    public synchronized int count(String name) {
        ProcessQuorum q = quorums.get(name);
        return q == null ? 0 : q.count();
    }

    public long scans() {
        return scans.get();
    }

    private void tick() {
        try {
            Map<Long, Proc> now = scan();
            scans.incrementAndGet();
            long nowUs = System.nanoTime() / 1000;
            for (Tracked t : tracked) {
                apply(t, now, nowUs);
            }
            failures = 0;
        } catch (RuntimeException e) {
            if (failures++ == 0) {
                log.error("Track process: cannot read /proc: " + e);
            }
        }
    }

    private void apply(Tracked t, Map<Long, Proc> now, long nowUs) {
        Set<Long> before = matching.get(t.name());
        Set<Long> after = new HashSet<>();
        for (Proc p : now.values()) {
            if (t.pattern().matches(p.comm(), p.argv())) {
                after.add(p.pid());
            }
        }
        List<ProcessQuorum.Outcome> outcomes = new ArrayList<>();
        synchronized (this) {
            ProcessQuorum q = quorums.get(t.name());
            for (Long pid : before) {
                if (!after.contains(pid)) {
                    outcomes.add(q.removed(!now.containsKey(pid), nowUs));
                }
            }
            // new processes in the order the kernel made them happen: execs (parents) before forks (children)
            List<Long> forks = new ArrayList<>();
            for (Long pid : after) {
                if (!before.contains(pid)) {
                    long ppid = now.get(pid).ppid();
                    if (before.contains(ppid) || after.contains(ppid)) {
                        forks.add(pid);
                    } else {
                        outcomes.add(q.added(false, nowUs));
                    }
                }
            }
            for (int k = 0; k < forks.size(); k++) {
                outcomes.add(q.added(true, nowUs));
            }
        }
        matching.put(t.name(), after);
        for (ProcessQuorum.Outcome o : outcomes) {
            handle(t.name(), o);
        }
    }

    private void handle(String name, ProcessQuorum.Outcome o) {
        o.change().ifPresent(up -> onStatus.accept(name, up));
        if (o.timerAtUs() >= 0) {
            long at = o.timerAtUs();
            long delayUs = Math.max(0, at - System.nanoTime() / 1000);
            executor.schedule(() -> {
                ProcessQuorum.Outcome fired;
                synchronized (this) {
                    fired = quorums.get(name).timerExpired(at);
                }
                handle(name, fired);
            }, delayUs, TimeUnit.MICROSECONDS);
        }
    }

    /**
     * Every live, non-zombie process: pid → name, parent and (when a tracker needs it) command line. Reading
     * {@code stat} of every process at every scan cost about 13 µs a process (tools/bench/track-process-cost.sh),
     * so a scan lists /proc and reads only what may have changed: processes it has not seen before or saw
     * young ({@link #YOUNG_SCANS} scans: a fork execs its program just after), processes that match a tracker
     * (they may have exited into zombies or exec'd something else), and every process once in
     * {@link #FULL_SCAN_EVERY} scans (a long-lived process that execs the tracked program).
     */
    Map<Long, Proc> scan() {
        String[] names = PROC_DIR.list();
        if (names == null) {
            throw new java.io.UncheckedIOException(new IOException("cannot list /proc"));
        }
        boolean full = scanNumber++ % FULL_SCAN_EVERY == 0;
        Map<Long, Proc> out = new HashMap<>(names.length * 2);
        Map<Long, Integer> ages = new HashMap<>(names.length * 2);
        for (String n : names) {
            if (n.isEmpty() || n.charAt(0) < '1' || n.charAt(0) > '9') {
                continue;
            }
            long pid = Long.parseLong(n);
            Proc cached = seen.get(pid);
            int age = cached == null ? 0 : seenAge.getOrDefault(pid, 0) + 1;
            Proc p = cached;
            if (cached == null || full || age < YOUNG_SCANS || matchesAny(cached)) {
                p = read(n);
            }
            if (p != null) {
                out.put(pid, p);
                ages.put(pid, Math.min(age, YOUNG_SCANS));
            }
        }
        seen = out;
        seenAge = ages;
        return out;
    }

    private boolean matchesAny(Proc p) {
        for (Tracked t : tracked) {
            if (t.pattern().matches(p.comm(), p.argv())) {
                return true;
            }
        }
        return false;
    }

    private Proc read(String pidText) {
        // plain FileInputStreams on one reused buffer: a scan opens a file per process, and the NIO channel
        // machinery of Files.newInputStream doubled its cost (tools/bench/track-process-cost.sh)
        int n = readInto("/proc/" + pidText + "/stat", buf);
        if (n <= 0) {
            return null; // gone meanwhile
        }
        int open = indexOf(buf, n, (byte) '(');
        int close = lastIndexOf(buf, n, (byte) ')');
        if (open < 0 || close < open || close + 4 >= n) {
            return null;
        }
        byte state = buf[close + 2];
        if (state == 'Z' || state == 'X') {
            return null;
        }
        long ppid = 0;
        for (int i = close + 4; i < n && buf[i] >= '0' && buf[i] <= '9'; i++) {
            ppid = ppid * 10 + (buf[i] - '0');
        }
        String comm = new String(buf, open + 1, close - open - 1, StandardCharsets.ISO_8859_1);
        List<String> argv = null;
        if (needCommandLine) {
            int m = readInto("/proc/" + pidText + "/cmdline", buf);
            if (m < 0) {
                return null;
            }
            argv = new ArrayList<>();
            int from = 0;
            for (int i = 0; i < m; i++) {
                if (buf[i] == 0) {
                    argv.add(new String(buf, from, i - from, StandardCharsets.UTF_8));
                    from = i + 1;
                }
            }
            if (from < m) {
                argv.add(new String(buf, from, m - from, StandardCharsets.UTF_8));
            }
        }
        return new Proc(Long.parseLong(pidText), ppid, comm, argv);
    }

    private static int indexOf(byte[] b, int n, byte c) {
        for (int i = 0; i < n; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, int n, byte c) {
        for (int i = n - 1; i >= 0; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int readInto(String path, byte[] into) {
        try (FileInputStream in = new FileInputStream(path)) {
            int total = 0;
            int r;
            while (total < into.length && (r = in.read(into, total, into.length - total)) > 0) {
                total += r;
            }
            return total;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
