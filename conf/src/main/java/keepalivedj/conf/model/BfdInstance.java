package keepalivedj.conf.model;

import java.net.InetAddress;
import keepalivedj.conf.Position;

/**
 * {@code bfd_instance NAME { neighbor_ip ...; source_ip ...; min_rx ...; ... }}, typed minimally: keepalived-j
 * does not run BFD, but a {@code track_bfd} must be able to name the instance. Intervals are microseconds.
 */
public record BfdInstance(String name, InetAddress neighborIp, InetAddress sourceIp, long minRxMicros,
                          long minTxMicros, long idleTxMicros, int multiplier, boolean passive, int ttl,
                          int maxHops, int weight, Position position) {
}
