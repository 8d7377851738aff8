package keepalivedj.netlink.route;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import keepalivedj.netlink.MalformedMessageException;
import keepalivedj.netlink.NetlinkException;
import keepalivedj.netlink.NetlinkSocket;
import keepalivedj.netlink.NlMessage;

/**
 * A subscription to link and IPv4/IPv6 address changes (RTMGRP_LINK, RTMGRP_IPV4_IFADDR, RTMGRP_IPV6_IFADDR) on its
 * own socket, apart from request sockets so events never interleave with ACKs. Malformed event messages are
 * counted and skipped; a {@link keepalivedj.netlink.NetlinkOverflowException} from {@link #next} means events were
 * lost and the caller should re-dump.
 */
public final class RtnlEvents implements AutoCloseable {
    private static final int GROUPS = RtnlCodec.RTMGRP_LINK | RtnlCodec.RTMGRP_IPV4_IFADDR
            | RtnlCodec.RTMGRP_IPV6_IFADDR;
    private final NetlinkSocket socket;
    private long malformed;
    private Duration receiveTimeout; // what SO_RCVTIMEO is set to, null: the socket's default

    private RtnlEvents(NetlinkSocket socket) {
        this.socket = socket;
    }

    public static RtnlEvents subscribe() throws NetlinkException {
        return new RtnlEvents(NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE, GROUPS));
    }

    /** Subscribes inside the namespace of this file (/run/netns/NAME). */
    public static RtnlEvents subscribeIn(Path netns) throws NetlinkException {
        NetlinkSocket s = NetlinkSocket.openIn(netns, NetlinkSocket.NETLINK_ROUTE);
        try {
            s.join(1);  // RTNLGRP_LINK
            s.join(5);  // RTNLGRP_IPV4_IFADDR
            s.join(9);  // RTNLGRP_IPV6_IFADDR
            return new RtnlEvents(s);
        } catch (NetlinkException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * The events of the next datagram, waiting at most this long ({@link Duration#ZERO}: until one comes or
     * {@link #wake}); empty if none came.
     */
    public List<RtnlEvent> next(Duration wait) throws NetlinkException {
        if (!wait.equals(receiveTimeout)) { // one setsockopt per change, not per wait
            socket.setReceiveTimeout(wait);
            receiveTimeout = wait;
        }
        List<RtnlEvent> out = new ArrayList<>();
        for (NlMessage m : socket.receive()) {
            try {
                RtnlEvent e = RtnlCodec.parseEvent(m);
                if (e != null) {
                    out.add(e);
                }
            } catch (MalformedMessageException e) {
                malformed++;
            }
        }
        return out;
    }

    /** Makes a {@link #next} blocked on another thread return; false if the kernel refused (see NetlinkSocket). */
    public boolean wake() {
        return socket.wakeReceiver();
    }

    /** Event messages that could not be parsed (plus datagrams the socket itself could not split). */
    public long malformedEvents() {
        return malformed + socket.malformedReplies();
    }

    @Override
    public void close() {
        socket.close();
    }
}
