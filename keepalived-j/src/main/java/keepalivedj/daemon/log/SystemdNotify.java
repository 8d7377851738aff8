package keepalivedj.daemon.log;

import java.nio.charset.StandardCharsets;

/**
 * sd_notify(3) for Debian's unit ({@code Type=notify}, keepalived.md §b.4): {@code READY=1} once the instances
 * run, {@code RELOADING=1} / {@code READY=1} around a reload, {@code STOPPING=1} at stop. One datagram each to the
 * Unix socket named by {@code $NOTIFY_SOCKET} (an abstract name when it starts with '@'); nothing when the variable
 * is unset, which is every run outside systemd. Never throws.
 */
public final class SystemdNotify {
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
        int fd = UnixDatagram.open(false);
        if (fd < 0) {
            return false;
        }
        try {
            return UnixDatagram.send(fd, state.getBytes(StandardCharsets.UTF_8), UnixDatagram.address(socket));
        } finally {
            UnixDatagram.close(fd);
        }
    }

}
