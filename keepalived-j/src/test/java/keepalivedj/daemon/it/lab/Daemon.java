package keepalivedj.daemon.it.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One running keepalived or keepalived-j on a lab host: its process (the parent: {@code -n} keeps it in the
 * foreground, and {@code ip netns exec} execs it, so the process we started is the daemon), its pid files, log
 * and TMPDIR (where SIGUSR2 stats land).
 */
public final class Daemon {
    private final Implementation impl;
    private final String hostName;
    private final Process process;
    private final Path dir;
    /** Where its pid files are: {@link #dir} normally, /run/keepalived/NS under -s. */
    private final Path pidDir;
    private final Path log;
    private final long startMicros;
    private volatile boolean crashed;

    Daemon(Implementation impl, String hostName, Process process, Path dir, Path pidDir, Path log, long startMicros) {
        this.impl = impl;
        this.hostName = hostName;
        this.process = process;
        this.dir = dir;
        this.pidDir = pidDir;
        this.log = log;
        this.startMicros = startMicros;
    }

    public Implementation implementation() {
        return impl;
    }

    /** µs since the epoch, taken just before the process was started. */
    public long startMicros() {
        return startMicros;
    }

    public long pid() {
        return process.pid();
    }

    /** keepalived's VRRP child from the -r pid file (keepalived-j may write its own pid there). */
    public OptionalLong vrrpChildPid() {
        Path f = pidDir.resolve("vrrp.pid");
        try {
            if (Files.exists(f)) {
                String s = Files.readString(f).trim();
                if (!s.isEmpty()) {
                    return OptionalLong.of(Long.parseLong(s));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not written yet
        }
        return OptionalLong.empty();
    }

    /** Every live, non-zombie process of this daemon: the parent and, for keepalived, its VRRP child. */
    public List<Long> pids() {
        Set<Long> s = new LinkedHashSet<>();
        if (running(process.pid())) {
            s.add(process.pid());
        }
        vrrpChildPid().ifPresent(p -> {
            if (running(p)) {
                s.add(p);
            }
        });
        return new ArrayList<>(s);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** "exited with code N" / "running"; for messages. */
    public String status() {
        return process.isAlive() ? "running" : "exited with code " + process.exitValue();
    }

    /**
     * Throws an AssertionError with the log tail if the daemon is gone though nobody stopped it: the clear
     * message a not-yet-working keepalived-j fails with.
     */
    public void assertRunning() {
        if (!crashed && !process.isAlive()) {
            throw new AssertionError(impl.display() + " on " + hostName + " " + status()
                    + " without being stopped; last lines of its log " + log + ":\n" + logTail(25));
        }
    }

    /**
     * A crash: SIGKILL. keepalived: the VRRP child first, then the parent (killing the parent first makes the
     * child shut down gracefully, see the baseline's gotchas); keepalived-j: the JVM (and anything in its pid files).
     *
     * @return µs since the epoch just before the first kill(2)
     */
    public long crash() {
        crashed = true;
        List<Long> order = new ArrayList<>();
        vrrpChildPid().ifPresent(order::add);
        order.remove(process.pid());
        order.add(process.pid());
        long t = Sh.nowMicros();
        for (long pid : order) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        awaitGone(order, 5000);
        return t;
    }

    /** SIGTERM to the parent; returns the instant just before it; waits for the daemon to exit. */
    public long stop() {
        crashed = true;
        long t = Sh.nowMicros();
        process.destroy();
        List<Long> all = new ArrayList<>(pids());
        all.add(process.pid());
        awaitGone(all, 8000);
        return t;
    }

    /** kill -SIG to the parent (keepalived forwards to its VRRP child). */
    public void signal(String sig) throws IOException, InterruptedException {
        Sh.run(List.of("kill", "-" + sig, Long.toString(process.pid())));
    }

    /**
     * SIGUSR2 → {@code $TMPDIR/keepalived.stats} (TMPDIR is the host's directory), parsed into "INSTANCE/Section/Key"
     * → value. Waits until the file is written and stable.
     */
    public Map<String, Long> stats() throws IOException, InterruptedException {
        Path f = dir.resolve("keepalived.stats");
        Files.deleteIfExists(f);
        signal("USR2");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String last = null;
        while (System.nanoTime() < deadline) {
            Thread.sleep(50);
            if (Files.exists(f)) {
                String now = Files.readString(f);
                if (!now.isEmpty() && now.equals(last)) {
                    return Stats.parse(now);
                }
                last = now;
            }
        }
        throw new AssertionError(impl.display() + " on " + hostName + " wrote no " + f + " within 5 s of SIGUSR2"
                + " (keepalived writes $TMPDIR/keepalived.stats); log:\n" + logTail(10));
    }

    public Path log() {
        return log;
    }

    public Path dir() {
        return dir;
    }

    public String logTail(int lines) {
        try {
            List<String> l = Files.readAllLines(log);
            return String.join("\n", l.subList(Math.max(0, l.size() - lines), l.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Kills whatever is left (lab teardown). */
    void destroy() {
        crashed = true;
        List<Long> all = new ArrayList<>();
        vrrpChildPid().ifPresent(all::add);
        all.add(process.pid());
        for (long pid : all) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
        awaitGone(all, 3000);
    }

    private void awaitGone(List<Long> pids, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            if (pids.stream().noneMatch(Daemon::running)) {
                try {
                    process.waitFor(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Alive and not a zombie (a killed child re-parented to init may stay a zombie for a while). */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return impl.display() + "@" + hostName + "(pid " + process.pid() + ")";
    }
}
