package keepalivedj.daemon.log;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * RFC 3164 datagrams to the local syslog socket ({@code /dev/log}), as glibc's syslog(3) sends them:
 * {@code <PRI>Mmm dd hh:mm:ss IDENT[PID]: message}. Java has no Unix datagram sockets, so the socket is made with
 * three libc calls through jnr-ffi. Never throws and never blocks: the socket is non-blocking, a datagram the
 * daemon cannot take right now is dropped and counted (glibc's syslog blocks instead; a stuck journald must not
 * stall the VRRP loop). A missing {@code /dev/log} (no syslog daemon in a container) is retried once a minute.
 */
public final class Syslog implements AutoCloseable {
    /** RFC 5424 severities. */
    public static final int ERR = 3, WARNING = 4, NOTICE = 5, INFO = 6, DEBUG = 7;
    /** LOG_DAEMON, keepalived's default facility. */
    public static final int FACILITY_DAEMON = 3;

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    /** The libc calls needed. */
    public interface LibC {
        int socket(int domain, int type, int protocol);

        @ssize_t long sendto(int fd, @In byte[] buffer, @size_t long length, int flags, @In byte[] address,
                             int addressLength);

        int close(int fd);
    }

    private final String path;
    private final String ident;
    private final int facility;
    private final long pid = ProcessHandle.current().pid();
    private int fd = -1;
    private long dropped;
    private long lastFailureNanos = Long.MIN_VALUE;

    public Syslog(String path, String ident, int facility) {
        this.path = path;
        this.ident = ident;
        this.facility = facility;
    }

    /** Sends one line; returns false when it was dropped. */
    public synchronized boolean log(int severity, String message) {
        LibC c = Native.C;
        if (fd < 0) {
            if (lastFailureNanos != Long.MIN_VALUE && System.nanoTime() - lastFailureNanos < 60_000_000_000L) {
                dropped++;
                return false;
            }
            fd = c.socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                lastFailureNanos = System.nanoTime();
                dropped++;
                return false;
            }
        }
        String text = "<" + (facility * 8 + severity) + ">" + STAMP.format(ZonedDateTime.now()) + " " + ident + "["
                + pid + "]: " + message;
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        byte[] addr = sockaddrUn(path);
        if (c.sendto(fd, b, b.length, MSG_NOSIGNAL, addr, addr.length) != b.length) {
            c.close(fd); // no listener or buffer full: retry with a fresh socket later
            fd = -1;
            lastFailureNanos = System.nanoTime();
            dropped++;
            return false;
        }
        return true;
    }

    public synchronized long dropped() {
        return dropped;
    }

    /** struct sockaddr_un: sa_family (host order u16), then the path, NUL-terminated. */
    static byte[] sockaddrUn(String path) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(new byte[] {(byte) AF_UNIX, 0}, 2 + p.length + 1);
        System.arraycopy(p, 0, out, 2, p.length);
        return out;
    }

    @Override
    public synchronized void close() {
        if (fd >= 0) {
            Native.C.close(fd);
            fd = -1;
        }
    }

    private static final class Native {
        static final LibC C = LibraryLoader.create(LibC.class).load("c");
    }
}
