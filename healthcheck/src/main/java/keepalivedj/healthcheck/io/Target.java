package keepalivedj.healthcheck.io;

import java.net.InetSocketAddress;

/**
 * Where a TCP or UDP check goes and from where.
 *
 * @param bind          local address/port to bind (bindto, bind_port), or null to let the kernel choose
 * @param timeoutNanos  connect_timeout: for the connection and for each wait for the peer afterwards
 * @param fwmark        fwmark: the socket's SO_MARK (policy routing of the check's traffic), 0 for none
 * @param bindIf        bind_if: the interface the socket is bound to (SO_BINDTODEVICE), which also gives a
 *                      link-local IPv6 server without a scope its scope; null for none
 */
public record Target(InetSocketAddress remote, InetSocketAddress bind, long timeoutNanos, long fwmark, String bindIf) {
    public Target(InetSocketAddress remote, InetSocketAddress bind, long timeoutNanos, long fwmark) {
        this(remote, bind, timeoutNanos, fwmark, null);
    }
}
