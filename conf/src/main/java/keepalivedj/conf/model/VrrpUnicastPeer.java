package keepalivedj.conf.model;

import java.net.InetAddress;
import keepalivedj.conf.Position;

/**
 * One {@code unicast_peer} entry. {@code minTtl}/{@code maxTtl} are 0 and 255 when not given; a peer that
 * gives either makes keepalived check the source and TTL of received adverts ({@code ttlChecked}).
 */
public record VrrpUnicastPeer(InetAddress address, int minTtl, int maxTtl, boolean ttlChecked,
                              Position position) {
}
