package keepalivedj.daemon.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * {@code -s NAME}: running in the network namespace {@code /run/netns/NAME} (made by {@code ip netns add}).
 *
 * <p>keepalived calls setns(2) while it is still one thread. In a JVM that cannot be done: a namespace belongs to
 * a thread, threads the JVM started before {@code main} would stay outside, and {@code /sys/class/net} would still
 * show the old namespace's interfaces. So the daemon replaces itself (execve, same pid, so systemd, pid files and
 * whoever started it still see the same process) with {@code ip netns exec NAME} running its own command line
 * again: every thread then starts inside, with {@code /sys} and {@code /etc/netns/NAME} as an operator using
 * {@code ip netns exec} would get. {@link #ENTERED_ENV} marks the second run.
 */
public final class NetNamespace {
    /** Set in the environment of the re-executed daemon to the namespace it now runs in. */
    public static final String ENTERED_ENV = "KEEPALIVEDJ_NETNS";
    private static final List<String> IP_PATHS = List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip");

    /** The libc calls needed. */
    public interface LibC {
        int execve(String path, Pointer argv, Pointer envp);

        String strerror(int errno);
    }

    private NetNamespace() {
    }

    /** True when this process was already re-executed inside {@code name}. */
    public static boolean inside(String name) {
        return name.equals(System.getenv(ENTERED_ENV));
    }

    /** The namespace's file, checked the way keepalived checks it (its message when missing). */
    public static void checkExists(String name) throws IOException {
        Path p = Path.of("/run/netns", name);
        if (!Files.exists(p)) {
            throw new IOException("Failed to open " + p);
        }
    }

    /**
     * Replaces this process with {@code ip netns exec name argv...}; returns only on failure, with the reason.
     * {@code argv} is this process's own command line.
     */
    public static IOException reexecInside(String name, List<String> argv) {
        String ip = IP_PATHS.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
        if (ip == null) {
            return new IOException("cannot enter network namespace " + name + ": no 'ip' command (iproute2) in "
                    + IP_PATHS);
        }
        List<String> args = new ArrayList<>(List.of(ip, "netns", "exec", name));
        args.addAll(argv);
        List<String> env = new ArrayList<>();
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            if (!e.getKey().equals(ENTERED_ENV)) {
                env.add(e.getKey() + "=" + e.getValue());
            }
        }
        env.add(ENTERED_ENV + "=" + name);
        LibC c = Native.LIBC;
        Runtime rt = Runtime.getRuntime(c);
        c.execve(ip, strings(rt, args), strings(rt, env));
        int errno = rt.getLastError();
        return new IOException("cannot run " + ip + " netns exec " + name + ": " + c.strerror(errno) + " (errno "
                + errno + ")");
    }

    /** A NULL-terminated char* array in native memory (kept reachable until execve returns or never does). */
    private static Pointer strings(Runtime rt, List<String> values) {
        Pointer array = Memory.allocateDirect(rt, (values.size() + 1) * rt.addressSize(), true);
        for (int i = 0; i < values.size(); i++) {
            byte[] b = values.get(i).getBytes(StandardCharsets.UTF_8);
            Pointer s = Memory.allocateDirect(rt, b.length + 1, true);
            s.put(0, b, 0, b.length);
            KEEP.add(s);
            array.putPointer((long) i * rt.addressSize(), s);
        }
        KEEP.add(array);
        return array;
    }

    /** Native buffers must not be freed by the collector while execve reads them. */
    private static final List<Pointer> KEEP = new ArrayList<>();

    /** Loads libc on first use only, so a daemon without -s never pays for it. */
    private static final class Native {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    }
}
