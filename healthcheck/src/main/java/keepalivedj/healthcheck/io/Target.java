package keepalivedj.healthcheck.io;

import java.net.InetSocketAddress;

/**
 * Where a TCP or UDP check goes and from where.
 *
 * @param bind          local address/port to bind (bindto, bind_port), or null to let the kernel choose
 * @param timeoutNanos  connect_timeout: for the connection and for each wait for the peer afterwards
 * @param fwmark        SO_MARK, 0 for none; carried but not applied (the JDK cannot set it, see the check package notes)
 */
public record Target(InetSocketAddress remote, InetSocketAddress bind, long timeoutNanos, long fwmark) {
}
