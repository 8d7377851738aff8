package keepalivedj.vrrp.packet;

import java.net.InetAddress;

/** The IP header around a VRRP message: IPv4 or IPv6. Lengths are filled in by the encoder. */
public sealed interface IpHeader permits Ipv4Header, Ipv6Header {
    InetAddress source();

    InetAddress destination();

    /** IPv4 TTL or IPv6 hop limit. */
    int ttl();

    /** IPv4 protocol or IPv6 next header. */
    int protocol();

    /** 4 for IPv4 addresses, 16 for IPv6: the size of each address in the VRRP address list. */
    int addressLength();

    /** Header length in bytes as received or as it will be encoded. */
    int headerLength();
}
