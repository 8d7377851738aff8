package keepalivedj.daemon.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * Datagrams to a local Unix socket (syslog's {@code /dev/log}, systemd's {@code $NOTIFY_SOCKET}). Java has no
 * Unix datagram sockets, so this is three libc calls through jnr-ffi, in one place for both users.
 */
final class UnixDatagram {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;

    /** The libc calls needed. */
    public interface LibC {
        int socket(int domain, int type, int protocol);

        @ssize_t long sendto(int fd, @In byte[] buffer, @size_t long length, int flags, @In byte[] address,
                             int addressLength);

        int close(int fd);
    }

    private UnixDatagram() {
    }

    /** A new close-on-exec datagram socket, non-blocking when asked; negative on failure. */
    static int open(boolean nonBlocking) {
        return Native.C.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | (nonBlocking ? SOCK_NONBLOCK : 0), 0);
    }

    /** Sends the whole message to {@code address} (see {@link #address}); false when it was not all sent. */
    static boolean send(int fd, byte[] message, byte[] address) {
        return Native.C.sendto(fd, message, message.length, MSG_NOSIGNAL, address, address.length) == message.length;
    }

    static void close(int fd) {
        Native.C.close(fd);
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
