package keepalivedj.vrrp.packet;

import java.net.Inet4Address;

/**
 * IPv4 header as keepalived builds it with IP_HDRINCL (keepalived.md §d.5): TOS 0xc0, an ID, DF clear, TTL 255.
 * {@code totalLength} and {@code headerChecksum} are as received; the encoder computes both.
 */
public record Ipv4Header(int tos, int totalLength, int identification, int flagsFragment, int ttl, int protocol,
                         int headerChecksum, Inet4Address source, Inet4Address destination, int headerLength)
        implements IpHeader {

    /** The header keepalived sends: TOS 0xc0 (DSCP CS6), no options, DF clear. */
    public static Ipv4Header forSending(int identification, int ttl, int protocol, Inet4Address source,
                                        Inet4Address destination) {
        return new Ipv4Header(0xc0, 0, identification, 0, ttl, protocol, 0, source, destination, 20);
    }

    @Override
    public int addressLength() {
        return 4;
    }
}
