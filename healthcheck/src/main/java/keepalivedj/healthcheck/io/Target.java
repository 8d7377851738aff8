package keepalivedj.healthcheck.io;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where a TCP or UDP check goes and from where. A value (equal when every part is); it also keeps the remote
 * address in the kernel's form, made once, because a check connects to it every delay_loop and building it each
 * time (an address copy per attempt) was visible in the checker's profile at 8,000 checks a second.
 */
public final class Target {
    private final InetSocketAddress remote;
    private final InetSocketAddress bind;
    private final long timeoutNanos;
    private final long fwmark;
    private final String bindIf;
    /** remote as a sockaddr in 8-byte words; null when its scope comes from bind_if at each connect (link-local IPv6). */
    private final long[] remoteSockaddr;

    /**
     * @param remote        the server (connect_ip / connect_port, else the real server's)
     * @param bind          local address/port to bind (bindto, bind_port), or null to let the kernel choose
     * @param timeoutNanos  connect_timeout: for the connection and for each wait for the peer afterwards
     * @param fwmark        fwmark: the socket's SO_MARK (policy routing of the check's traffic), 0 for none
     * @param bindIf        bind_if: the interface the socket is bound to (SO_BINDTODEVICE), which also gives a
     *                      link-local IPv6 server without a scope its scope; null for none
     */
    public Target(InetSocketAddress remote, InetSocketAddress bind, long timeoutNanos, long fwmark, String bindIf) {
        this.remote = Objects.requireNonNull(remote, "remote");
        this.bind = bind;
        this.timeoutNanos = timeoutNanos;
        this.fwmark = fwmark;
        this.bindIf = bindIf;
        boolean scopeFromInterface = bindIf != null && remote.getAddress() instanceof Inet6Address
                && ((Inet6Address) remote.getAddress()).getScopeId() == 0
                && remote.getAddress().isLinkLocalAddress();
        this.remoteSockaddr = remote.isUnresolved() || scopeFromInterface ? null
                : LinuxSockets.sockaddrWords(remote, remote.getAddress() instanceof Inet6Address, 0);
    }

    public Target(InetSocketAddress remote, InetSocketAddress bind, long timeoutNanos, long fwmark) {
        this(remote, bind, timeoutNanos, fwmark, null);
    }

    public InetSocketAddress remote() {
        return remote;
    }

    public InetSocketAddress bind() {
        return bind;
    }

    public long timeoutNanos() {
        return timeoutNanos;
    }

    public long fwmark() {
        return fwmark;
    }

    public String bindIf() {
        return bindIf;
    }

    /** The remote address as the kernel reads it; null when it must be made at connect time. Do not modify. */
    long[] remoteSockaddr() {
        return remoteSockaddr;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Target t && remote.equals(t.remote) && Objects.equals(bind, t.bind)
                && timeoutNanos == t.timeoutNanos && fwmark == t.fwmark && Objects.equals(bindIf, t.bindIf);
    }

    @Override
    public int hashCode() {
        return Objects.hash(remote, bind, timeoutNanos, fwmark, bindIf);
    }

    @Override
    public String toString() {
        return "Target[remote=" + remote + ", bind=" + bind + ", timeoutNanos=" + timeoutNanos + ", fwmark=" + fwmark
                + ", bindIf=" + bindIf + "]";
    }
}
