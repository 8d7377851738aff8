package keepalivedj.netlink.route;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import keepalivedj.netlink.NetlinkException;
import keepalivedj.netlink.NetlinkSocket;
import keepalivedj.netlink.NlMessage;

/**
 * Adds and removes interface addresses and dumps links and addresses over one rtnetlink request socket.
 * Kernel refusals surface as {@link keepalivedj.netlink.KernelErrorException} with the errno and the
 * kernel's extended-ACK text (EEXIST "ipv4: Address already assigned", EADDRNOTAVAIL on a missing address).
 */
public final class RtnlAddresses implements AutoCloseable {
    private final NetlinkSocket socket;

    private RtnlAddresses(NetlinkSocket socket) {
        this.socket = socket;
    }

    public static RtnlAddresses open() throws NetlinkException {
        return new RtnlAddresses(NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE));
    }

    /** In the network namespace of this file (/run/netns/NAME). */
    public static RtnlAddresses openIn(Path netns) throws NetlinkException {
        return new RtnlAddresses(NetlinkSocket.openIn(netns, NetlinkSocket.NETLINK_ROUTE));
    }

    public void add(RtnlAddress a) throws NetlinkException {
        socket.request(RtnlCodec.addAddress(a));
    }

    public void remove(RtnlAddress a) throws NetlinkException {
        socket.request(RtnlCodec.removeAddress(a));
    }

    public List<RtnlAddress> addresses() throws NetlinkException {
        List<RtnlAddress> out = new ArrayList<>();
        for (NlMessage m : socket.request(RtnlCodec.dumpAddresses())) {
            if (m.type() == RtnlCodec.RTM_NEWADDR) {
                out.add(RtnlCodec.parseAddress(m));
            }
        }
        return out;
    }

    public List<RtnlLink> links() throws NetlinkException {
        List<RtnlLink> out = new ArrayList<>();
        for (NlMessage m : socket.request(RtnlCodec.dumpLinks())) {
            if (m.type() == RtnlCodec.RTM_NEWLINK) {
                out.add(RtnlCodec.parseLink(m));
            }
        }
        return out;
    }

    /** The link with this name, or null. */
    public RtnlLink link(String name) throws NetlinkException {
        for (RtnlLink l : links()) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        return null;
    }

    @Override
    public void close() {
        socket.close();
    }
}
