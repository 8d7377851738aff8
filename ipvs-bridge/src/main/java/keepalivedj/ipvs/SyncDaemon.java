package keepalivedj.ipvs;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The IPVS connection synchronisation daemon (keepalived's {@code lvs_sync_daemon}, ipvsadm
 * {@code --start-daemon}). Zero / null optional fields let the kernel choose (maxlen from the MTU, group
 * 224.0.0.81, port 8848, ttl 1) and come back filled in from a listing.
 */
public record SyncDaemon(State state, String interfaceName, int syncId, int maxLen, InetAddress group, int port,
                         int ttl) {
    /** IP_VS_STATE_MASTER / IP_VS_STATE_BACKUP. */
    public enum State {
        MASTER(1), BACKUP(2);

        private final int code;

        State(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static State ofCode(int c) {
            for (State s : values()) {
                if (s.code == c) {
                    return s;
                }
            }
            throw new IllegalArgumentException("sync daemon state " + c + " (expected: 1 or 2)");
        }
    }

    public SyncDaemon {
        Objects.requireNonNull(state, "state");
        interfaceName = interfaceName == null ? "" : interfaceName;
        if (interfaceName.length() > 15) {
            throw new IllegalArgumentException("interface name '" + interfaceName + "' is longer than 15 bytes");
        }
    }

    public static SyncDaemon of(State state, String interfaceName, int syncId) {
        return new SyncDaemon(state, interfaceName, syncId, 0, null, 0, 0);
    }
}
