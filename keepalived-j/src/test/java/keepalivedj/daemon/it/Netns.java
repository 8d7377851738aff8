package keepalivedj.daemon.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace a test owns: made with a unique name, holding only interfaces the test creates in it,
 * deleted on {@link #close()} (use try-with-resources) even when the test fails. Nothing here touches the root
 * namespace's interfaces, routes or sysctls.
 */
public final class Netns implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String name;

    private Netns(String name) {
        this.name = name;
    }

    /** A new namespace named {@code prefix + pid + counter}, with lo up. */
    public static Netns create(String prefix) throws IOException, InterruptedException {
        String name = prefix + ProcessHandle.current().pid() + "x" + COUNTER.incrementAndGet();
        run(List.of("ip", "netns", "add", name), 10);
        Netns ns = new Netns(name);
        try {
            ns.ip("link", "set", "lo", "up");
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    public String name() {
        return name;
    }

    /** {@code ip -n NS ...}; throws when ip fails. */
    public void ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        run(cmd, 10);
    }

    /** A veth pair with both ends in this namespace, {@code name} up (for interfaces a config must find). */
    public void addVethPair(String name, String peer) throws IOException, InterruptedException {
        ip("link", "add", name, "type", "veth", "peer", "name", peer);
        ip("link", "set", name, "up");
        ip("link", "set", peer, "up");
    }

    /** Runs a command inside the namespace. */
    public Result exec(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(command);
        return Result.of(cmd, timeoutSeconds);
    }

    @Override
    public void close() {
        try {
            run(List.of("ip", "netns", "del", name), 10);
        } catch (IOException | RuntimeException e) {
            System.err.println("netns " + name + " could not be deleted: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void run(List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        Result r = Result.of(cmd, timeoutSeconds);
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (" + r.exitCode() + "): " + r.stderr());
        }
    }

    /** Exit code and output of a finished command. */
    public record Result(int exitCode, String stdout, String stderr) {
        public static Result of(List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            java.io.File out = java.io.File.createTempFile("kj-out", ".txt");
            java.io.File err = java.io.File.createTempFile("kj-err", ".txt");
            try {
                pb.redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                Process p = pb.start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                    throw new IOException(String.join(" ", cmd) + " did not finish within " + timeoutSeconds + " s");
                }
                return new Result(p.exitValue(), java.nio.file.Files.readString(out.toPath(), StandardCharsets.UTF_8),
                        java.nio.file.Files.readString(err.toPath(), StandardCharsets.UTF_8));
            } finally {
                out.delete();
                err.delete();
            }
        }
    }
}
