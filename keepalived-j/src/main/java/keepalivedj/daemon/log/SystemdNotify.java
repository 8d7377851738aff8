package keepalivedj.daemon.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * sd_notify(3) for Debian's unit ({@code Type=notify}, keepalived.md §b.4): {@code READY=1} once the instances
 * run, {@code RELOADING=1} / {@code READY=1} around a reload, {@code STOPPING=1} at stop. One datagram each to the
 * Unix socket named by {@code $NOTIFY_SOCKET} (an abstract name when it starts with '@'); nothing when the variable
 * is unset, which is every run outside systemd. Never throws.
 */
public final class SystemdNotify {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;

    /** The libc calls needed. */
    public interface LibC {
        int socket(int domain, int type, int protocol);

        @ssize_t long sendto(int fd, @In byte[] buffer, @size_t long length, int flags, @In byte[] address,
                             int addressLength);

        int close(int fd);
    }

    private final String socket;

    public SystemdNotify(String notifySocket) {
        this.socket = notifySocket == null || notifySocket.isEmpty() ? null : notifySocket;
    }

    public static SystemdNotify fromEnvironment() {
        return new SystemdNotify(System.getenv("NOTIFY_SOCKET"));
    }

    public boolean enabled() {
        return socket != null;
    }

    /** Sends {@code state} (e.g. "READY=1\nMAINPID=123"); false when not under systemd or it failed. */
    public boolean send(String state) {
        if (socket == null) {
            return false;
        }
        LibC c = Native.C;
        int fd = c.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            return false;
        }
        try {
            byte[] msg = state.getBytes(StandardCharsets.UTF_8);
            byte[] addr = address(socket);
            return c.sendto(fd, msg, msg.length, MSG_NOSIGNAL, addr, addr.length) == msg.length;
        } finally {
            c.close(fd);
        }
    }

    /** struct sockaddr_un for a path, or for an abstract name ("@name" → NUL + name, not NUL-terminated). */
    static byte[] address(String name) {
        boolean abstractName = name.startsWith("@");
        byte[] p = (abstractName ? name.substring(1) : name).getBytes(StandardCharsets.UTF_8);
        int len = 2 + (abstractName ? 1 : 0) + p.length + (abstractName ? 0 : 1);
        byte[] out = Arrays.copyOf(new byte[] {(byte) AF_UNIX, 0}, len);
        System.arraycopy(p, 0, out, abstractName ? 3 : 2, p.length);
        return out;
    }

    private static final class Native {
        static final LibC C = LibraryLoader.create(LibC.class).load("c");
    }
}
