package keepalivedj.daemon.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * keepalived-j (through the launcher) or keepalived 2.2.7 running in the foreground inside a test namespace, with
 * its own configuration, pid files, TMPDIR and log file in a private directory. {@link #close()} kills whatever
 * is left (VRRP child first for keepalived, as keepalived-baseline.md says).
 */
public final class VrrpProcess implements AutoCloseable {
    public enum Kind { KEEPALIVED_J, KEEPALIVED }

    private final Kind kind;
    private final Netns ns;
    private final Path dir;
    private Process process;
    private java.util.function.UnaryOperator<List<String>> wrapper = java.util.function.UnaryOperator.identity();

    private VrrpProcess(Kind kind, Netns ns, Path dir) {
        this.kind = kind;
        this.ns = ns;
        this.dir = dir;
    }

    /** Writes {@code config} to a fresh directory and starts the daemon on it. */
    public static VrrpProcess start(Kind kind, Netns ns, String config) throws IOException {
        VrrpProcess p = prepare(kind, ns, config);
        p.start();
        return p;
    }

    /** Writes {@code config} to a fresh directory; {@link #start()} runs the daemon. */
    public static VrrpProcess prepare(Kind kind, Netns ns, String config) throws IOException {
        Path dir = Files.createTempDirectory("kj-vrrp-" + ns.name() + "-");
        VrrpProcess p = new VrrpProcess(kind, ns, dir);
        p.writeConfig(config);
        return p;
    }

    /** How many log lines match {@code regex} now (to wait for the next one with {@link #awaitLines}). */
    public int count(String regex) throws IOException {
        return lines(regex).size();
    }

    /**
     * Runs the daemon's command line through {@code wrapper} (inside the namespace), e.g. to start it in private
     * mount and PID namespaces; the pid files then hold namespace-local pids, so {@link #signal} is not for it.
     */
    public VrrpProcess wrappedBy(java.util.function.UnaryOperator<List<String>> wrapper) {
        this.wrapper = wrapper;
        return this;
    }

    /** The process started by {@link #start()} (the launcher, or the wrapper's first process). */
    public Process process() {
        return process;
    }

    public void writeConfig(String config) throws IOException {
        Files.writeString(dir.resolve("keepalived.conf"), config);
    }

    /** (Re)starts the daemon on the current configuration; the log is appended to. */
    public void start() throws IOException {
        List<String> daemon = new ArrayList<>();
        if (kind == Kind.KEEPALIVED_J) {
            daemon.add(SharedFiles.launcher().toString());
        } else {
            daemon.add("/usr/sbin/keepalived");
        }
        daemon.addAll(List.of("-n", "-l", "-D", "-G", "-P", "-f", dir.resolve("keepalived.conf").toString(),
                "-p", pidFile().toString(), "-r", vrrpPidFile().toString(),
                "-c", dir.resolve("checkers.pid").toString(), "-b", dir.resolve("bfd.pid").toString()));
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        cmd.addAll(wrapper.apply(daemon));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("TMPDIR", dir.toString());
        process = pb.start();
    }

    public Path dir() {
        return dir;
    }

    public Path log() {
        return dir.resolve("daemon.log");
    }

    public Path pidFile() {
        return dir.resolve("keepalived.pid");
    }

    public Path vrrpPidFile() {
        return dir.resolve("vrrp.pid");
    }

    public String logText() throws IOException {
        return Files.exists(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "";
    }

    /** Lines of the log matching {@code regex} (found anywhere in the line). */
    public List<String> lines(String regex) throws IOException {
        Pattern p = Pattern.compile(regex);
        return logText().lines().filter(l -> p.matcher(l).find()).toList();
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

    /** The pid the daemon wrote (the process to signal), waiting for the file. */
    public long pid() throws IOException, InterruptedException {
        return readPid(pidFile());
    }

    public long vrrpPid() throws IOException, InterruptedException {
        return readPid(vrrpPidFile());
    }

    private long readPid(Path p) throws IOException, InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < end) {
            if (Files.exists(p)) {
                String s = Files.readString(p).trim();
                if (!s.isEmpty()) {
                    return Long.parseLong(s);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(p + " not written within 20 s; log:\n" + logText());
    }

    public void signal(String sig) throws IOException, InterruptedException {
        Netns.run(List.of("kill", "-" + sig, String.valueOf(pid())), 10);
    }

    /** A crash: SIGKILL (keepalived: the VRRP child first, then the parent, keepalived-baseline.md). */
    public void crash() throws IOException, InterruptedException {
        if (kind == Kind.KEEPALIVED) {
            Netns.run(List.of("kill", "-KILL", String.valueOf(vrrpPid()), String.valueOf(pid())), 10);
        } else {
            Netns.run(List.of("kill", "-KILL", String.valueOf(pid())), 10);
        }
        process.waitFor(10, TimeUnit.SECONDS);
        Files.deleteIfExists(pidFile());
        Files.deleteIfExists(vrrpPidFile());
    }

    /** Waits for the process to end and returns its exit code. */
    public int awaitExit(long timeoutMillis) throws InterruptedException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("daemon did not exit within " + timeoutMillis + " ms");
        }
        return process.exitValue();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        try {
            if (alive()) {
                if (kind == Kind.KEEPALIVED && Files.exists(vrrpPidFile())) {
                    Netns.Result.of(List.of("kill", "-KILL", Files.readString(vrrpPidFile()).trim()), 10);
                }
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("cannot stop daemon in " + ns.name() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
