package keepalivedj.netlink.route;

import java.nio.file.Path;

import keepalivedj.netlink.NetlinkException;
import keepalivedj.netlink.NetlinkSocket;

/**
 * Adds and removes routes and policy rules over one rtnetlink request socket. Kernel refusals surface as
 * {@link keepalivedj.netlink.KernelErrorException} (EEXIST when present, ESRCH / ENOENT when absent).
 */
public final class RtnlRoutes implements AutoCloseable {
    private final NetlinkSocket socket;

    private RtnlRoutes(NetlinkSocket socket) {
        this.socket = socket;
    }

    public static RtnlRoutes open() throws NetlinkException {
        return new RtnlRoutes(NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE));
    }

    /** In the network namespace of this file (/run/netns/NAME). */
    public static RtnlRoutes openIn(Path netns) throws NetlinkException {
        return new RtnlRoutes(NetlinkSocket.openIn(netns, NetlinkSocket.NETLINK_ROUTE));
    }

    public void add(RtnlRoute r) throws NetlinkException {
        socket.request(RtnlRouteCodec.addRoute(r));
    }

    public void remove(RtnlRoute r) throws NetlinkException {
        socket.request(RtnlRouteCodec.removeRoute(r));
    }

    public void add(RtnlRule r) throws NetlinkException {
        socket.request(RtnlRouteCodec.addRule(r));
    }

    public void remove(RtnlRule r) throws NetlinkException {
        socket.request(RtnlRouteCodec.removeRule(r));
    }

    @Override
    public void close() {
        socket.close();
    }
}
