package keepalivedj.daemon.io;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;

/**
 * Membership of one multicast group on one interface, held by a plain {@link DatagramChannel} that never reads:
 * joining makes the kernel send IGMP/MLD reports (so snooping switches forward VRRP adverts to us), answer
 * queries, and program the NIC's multicast filter; {@link #close()} leaves the group. libpcap does none of this.
 * It does not receive VRRP: {@link PcapLink} does.
 */
public final class MulticastMembership implements AutoCloseable {
    /** The VRRP IPv4 group (RFC 5798 §5.1.1.2). */
    public static final InetAddress VRRP_IPV4_GROUP = literal("224.0.0.18");
    /** The VRRP IPv6 group (RFC 5798 §5.1.2.2). */
    public static final InetAddress VRRP_IPV6_GROUP = literal("ff02::12");

    private final DatagramChannel channel;
    private final String description;

    private MulticastMembership(DatagramChannel channel, String description) {
        this.channel = channel;
        this.description = description;
    }

    /**
     * Joins {@code group} on {@code nif}. An IPv4 group is joined through an IPv4 socket, for which the JDK
     * names the interface by its IPv4 address: the interface needs one (VRRP over IPv4 needs one anyway).
     *
     * @throws IOException when the kernel refuses (no such interface, no IPv4 address, IPv6 disabled)
     */
    public static MulticastMembership join(NetworkInterface nif, InetAddress group) throws IOException {
        if (!group.isMulticastAddress()) {
            throw new IllegalArgumentException(group.getHostAddress() + " is not a multicast group");
        }
        ProtocolFamily family = group instanceof Inet4Address ? StandardProtocolFamily.INET
                : StandardProtocolFamily.INET6;
        String description = "(" + nif.getName() + ") multicast group " + group.getHostAddress();
        DatagramChannel channel = DatagramChannel.open(family);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 1024); // bound to port 0: nothing arrives
            channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, false);
            channel.bind(null);
            channel.join(group, nif);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw new IOException(description + ": cannot join: " + e.getMessage(), e);
        }
        return new MulticastMembership(channel, description);
    }

    @Override
    public String toString() {
        return description;
    }

    /** Leaves the group (the kernel sends the IGMP leave / MLD done). */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
