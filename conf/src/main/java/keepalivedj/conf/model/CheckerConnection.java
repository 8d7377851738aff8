package keepalivedj.conf.model;

import java.net.InetAddress;

/**
 * Where a connecting checker connects, and from where: {@code connect_ip}, {@code connect_port}, {@code bindto},
 * {@code bind_port}, {@code bind_if}, {@code connect_timeout}, {@code fwmark} (SO_MARK). The destination is filled
 * in from the real server when not written.
 *
 * @param bindto    source address, or null to let the kernel choose
 * @param bindPort  source port, 0 for any
 * @param bindIf    interface to bind to (needed for link-local IPv6), or null
 * @param fwmark    SO_MARK for the checker's socket, 0 for none
 */
public record CheckerConnection(InetAddress connectIp, int connectPort, InetAddress bindto, int bindPort,
                                String bindIf, long connectTimeoutMicros, long fwmark) {
}
