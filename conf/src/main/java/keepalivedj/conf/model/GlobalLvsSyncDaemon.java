package keepalivedj.conf.model;

import java.net.InetAddress;
import keepalivedj.conf.Position;

/**
 * {@code lvs_sync_daemon IF [[inst] VI] [id N] [maxlen N] [port N] [ttl N] [group IP]}: the IPVS connection
 * sync daemon. {@code syncId} is the one written, else the VRID of {@code instance}, else 0. {@code maxlen}
 * and {@code ttl} are 0 when not written (kernel default).
 */
public record GlobalLvsSyncDaemon(String interfaceName, String instance, int syncId, int maxlen, int port,
                                  int ttl, InetAddress group, Position position) {
}
