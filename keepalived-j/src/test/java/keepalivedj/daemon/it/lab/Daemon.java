package keepalivedj.daemon.it.lab;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * keepalived-j (through its launcher) or keepalived 2.2.7 on a lab host, in the foreground ({@code -n}; {@code ip
 * netns exec} execs it, so the process we start is the daemon), with the host's configuration, pid files, log and
 * TMPDIR (where SIGUSR2 stats land). Made by {@link Host#prepare} or {@link Host#start}; {@link #start()} runs (or
 * after a crash or stop, runs again) the daemon on the host's current configuration, appending to the log. The lab
 * kills whatever is left at its close, as does {@link #close()}.
 */
public final class Daemon implements AutoCloseable {
    private final Implementation impl;
    private final Host host;
    /** Where its pid files are: the host's directory normally, /run/keepalived/NS under -s. */
    private final Path pidDir;
    private final boolean namespaceOption;
    private UnaryOperator<List<String>> wrapper; // null: the command line as it is
    private Process process;
    private long startMicros;
    /** Ended on purpose (crash, stop, a signal that ends it): not a failure for {@link #assertRunning}. */
    private volatile boolean ended;
    private long killedMicros;

    Daemon(Implementation impl, Host host, boolean namespaceOption) {
        this.impl = impl;
        this.host = host;
        this.namespaceOption = namespaceOption;
        this.pidDir = namespaceOption ? host.namespacePidDir() : host.dir();
    }

    /**
     * Runs the daemon's command line through {@code wrapper} (inside the namespace), e.g. to start it in private
     * mount and PID namespaces; the pid files then hold namespace-local pids. Before {@link #start()}.
     */
    public Daemon wrappedBy(UnaryOperator<List<String>> wrapper) {
        this.wrapper = wrapper;
        return this;
    }

    /** (Re)starts the daemon on the host's current configuration (the one before must be gone). */
    public Daemon start() throws IOException {
        impl.checkAvailable();
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(host.name() + " already runs " + this);
        }
        for (String pid : List.of("keepalived.pid", "vrrp.pid", "checkers.pid", "bfd.pid")) {
            Files.deleteIfExists(pidDir.resolve(pid));
        }
        List<String> daemon = new ArrayList<>(impl.command(host.config(), host.dir()));
        List<String> cmd = new ArrayList<>();
        if (namespaceOption) {
            // from the root namespace with keepalived's default pid files (in /run/keepalived/NS, NS unique)
            for (String pidOption : List.of("-p", "-r", "-c", "-b")) {
                int i = daemon.indexOf(pidOption);
                daemon.subList(i, i + 2).clear();
            }
            daemon.addAll(List.of("-s", host.ns().name()));
        } else {
            cmd.addAll(List.of("ip", "netns", "exec", host.ns().name()));
        }
        cmd.addAll(wrapper == null ? daemon : wrapper.apply(daemon));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(host.dir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).redirectErrorStream(true);
        pb.environment().put("TMPDIR", host.dir().toString());
        startMicros = Sh.nowMicros();
        ended = false;
        process = pb.start();
        return this;
    }

    public Implementation implementation() {
        return impl;
    }

    /** µs since the epoch, taken just before the process was started. */
    public long startMicros() {
        return startMicros;
    }

    /** The process we started: the daemon (keepalived's parent), or the wrapper's first process. */
    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    public Path pidFile() {
        return pidDir.resolve("keepalived.pid");
    }

    public Path vrrpPidFile() {
        return pidDir.resolve("vrrp.pid");
    }

    /**
     * keepalived's VRRP child from the -r pid file (keepalived-j may write its own pid there); none when the daemon
     * runs wrapped (the file then holds a pid of another PID namespace).
     */
    public OptionalLong vrrpChildPid() {
        if (wrapper != null) {
            return OptionalLong.empty();
        }
        Path f = vrrpPidFile();
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
        return process != null && process.isAlive();
    }

    /** "exited with code N" / "running"; for messages. */
    public String status() {
        return process == null ? "not started" : process.isAlive() ? "running"
                : "exited with code " + process.exitValue();
    }

    /**
     * Throws an AssertionError with the log tail if the daemon is gone though nobody stopped it: the clear
     * message a not-yet-working keepalived-j fails with.
     */
    public void assertRunning() {
        if (!ended && process != null && !process.isAlive()) {
            throw new AssertionError(impl.display() + " on " + host.name() + " " + status()
                    + " without being stopped; last lines of its log " + log() + ":\n" + logTail(25));
        }
    }

    /**
     * A crash: SIGKILL. keepalived: the VRRP child first, then the parent (killing the parent first makes the
     * child shut down gracefully, see the baseline's gotchas); keepalived-j: the JVM (and anything in its pid files).
     *
     * @return µs since the epoch just before the first kill(2)
     */
    public long crash() {
        ended = true;
        List<Long> order = new ArrayList<>();
        vrrpChildPid().ifPresent(order::add);
        order.remove(process.pid());
        order.add(process.pid());
        long t = Sh.nowMicros();
        for (long pid : order) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        killedMicros = Sh.nowMicros();
        awaitGone(order, 5000);
        return t;
    }

    /**
     * µs since the epoch just after the last {@link #crash()} sent its SIGKILLs: the daemon cannot send anything
     * after this (the instant {@code crash()} returns is taken before them, and a loaded machine can run the
     * daemon for a while between the two).
     */
    public long killedMicros() {
        return killedMicros;
    }

    /** SIGTERM to the parent; returns the instant just before it; waits for the daemon to exit. */
    public long stop() {
        ended = true;
        long t = Sh.nowMicros();
        process.destroy();
        List<Long> all = new ArrayList<>(pids());
        all.add(process.pid());
        awaitGone(all, 8000);
        return t;
    }

    /** kill -SIG to the parent (keepalived forwards to its VRRP child). */
    public void signal(String sig) throws IOException, InterruptedException {
        if (List.of("TERM", "INT", "KILL").contains(sig)) {
            ended = true;
        }
        Sh.run(List.of("kill", "-" + sig, Long.toString(process.pid())));
    }

    /** Waits for the process to end and returns its exit code. */
    public int awaitExit(long timeoutMillis) throws InterruptedException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new AssertionError(this + " did not exit within " + timeoutMillis + " ms; log:\n" + logTail(25));
        }
        return process.exitValue();
    }

    /**
     * SIGUSR2 → {@code $TMPDIR/keepalived.stats} (TMPDIR is the host's directory), parsed into "INSTANCE/Section/Key"
     * → value. Waits until the file is written and stable.
     */
    public Map<String, Long> stats() throws IOException, InterruptedException {
        Path f = host.dir().resolve("keepalived.stats");
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
        throw new AssertionError(impl.display() + " on " + host.name() + " wrote no " + f + " within 5 s of SIGUSR2"
                + " (keepalived writes $TMPDIR/keepalived.stats); log:\n" + logTail(10));
    }

    public Path log() {
        return host.dir().resolve("daemon.log");
    }

    /** The host's directory: configuration, log, TMPDIR, pid files (without -s). */
    public Path dir() {
        return host.dir();
    }

    /** The host's configuration as it is now. */
    public String config() throws IOException {
        return Files.readString(host.config());
    }

    /** The configuration the next {@link #start()} (or SIGHUP) reads. */
    public void writeConfig(String config) throws IOException {
        Files.writeString(host.config(), config);
    }

    public String logText() throws IOException {
        return Files.exists(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "";
    }

    /** Lines of the log matching {@code regex} (found anywhere in the line). */
    public List<String> lines(String regex) throws IOException {
        Pattern p = Pattern.compile(regex);
        return logText().lines().filter(l -> p.matcher(l).find()).toList();
    }

    /** How many log lines match {@code regex} now. */
    public int count(String regex) throws IOException {
        return lines(regex).size();
    }

    /** Waits until the log has a line matching {@code regex}; fails with the log when it does not come. */
    public String awaitLine(String regex, long timeoutMillis) throws IOException, InterruptedException {
        return awaitLines(regex, 1, timeoutMillis).get(0);
    }

    public List<String> awaitLines(String regex, int count, long timeoutMillis)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            List<String> found = lines(regex);
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("no " + count + " line(s) matching '" + regex + "' within " + timeoutMillis
                        + " ms in " + log() + ":\n" + logText());
            }
            Thread.sleep(20);
        }
    }

    public String logTail(int lines) {
        try {
            List<String> l = Files.readAllLines(log());
            return String.join("\n", l.subList(Math.max(0, l.size() - lines), l.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Kills whatever is left. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        ended = true;
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
        return impl.display() + "@" + host.name() + (process == null ? "(not started)" : "(pid " + process.pid() + ")");
    }
}
