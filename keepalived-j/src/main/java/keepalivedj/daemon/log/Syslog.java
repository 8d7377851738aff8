package keepalivedj.daemon.log;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;

/**
 * RFC 3164 datagrams to the local syslog socket ({@code /dev/log}), as glibc's syslog(3) sends them:
 * {@code <PRI>Mmm dd hh:mm:ss IDENT[PID]: message}. The socket is a {@link UnixDatagram}. Never throws and never blocks: the socket is non-blocking, a datagram the
 * daemon cannot take right now is dropped and counted (glibc's syslog blocks instead; a stuck journald must not
 * stall the VRRP loop). A missing {@code /dev/log} (no syslog daemon in a container) is retried once a minute.
 */
public final class Syslog implements AutoCloseable {
    /** RFC 5424 severities. */
    public static final int ERR = 3, WARNING = 4, NOTICE = 5, INFO = 6, DEBUG = 7;
    /** LOG_DAEMON, keepalived's default facility. */
    public static final int FACILITY_DAEMON = 3;

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
        if (fd < 0) {
            if (lastFailureNanos != Long.MIN_VALUE && System.nanoTime() - lastFailureNanos < 60_000_000_000L) {
                dropped++;
                return false;
            }
            fd = UnixDatagram.open(true);
            if (fd < 0) {
                lastFailureNanos = System.nanoTime();
                dropped++;
                return false;
            }
        }
        String text = "<" + (facility * 8 + severity) + ">" + LogStamp.syslog(ZonedDateTime.now()) + " " + ident + "["
                + pid + "]: " + message;
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (!UnixDatagram.send(fd, b, UnixDatagram.address(path))) {
            UnixDatagram.close(fd); // no listener or buffer full: retry with a fresh socket later
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

    @Override
    public synchronized void close() {
        if (fd >= 0) {
            UnixDatagram.close(fd);
            fd = -1;
        }
    }

}
