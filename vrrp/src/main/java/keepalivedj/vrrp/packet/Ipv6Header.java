package keepalivedj.vrrp.packet;

import java.net.Inet6Address;

/** IPv6 fixed header (no extension headers). {@code payloadLength} is as received; the encoder computes it. */
public record Ipv6Header(int trafficClass, int flowLabel, int payloadLength, int nextHeader, int hopLimit,
                         Inet6Address source, Inet6Address destination) implements IpHeader {

    /** The header sent for VRRP over IPv6: traffic class 0xc0 like keepalived's IPv4 TOS, hop limit 255. */
    public static Ipv6Header forSending(int nextHeader, int hopLimit, Inet6Address source, Inet6Address destination) {
        return new Ipv6Header(0xc0, 0, 0, nextHeader, hopLimit, source, destination);
    }

    @Override
    public int ttl() {
        return hopLimit;
    }

    @Override
    public int protocol() {
        return nextHeader;
    }

    @Override
    public int addressLength() {
        return 16;
    }

    @Override
    public int headerLength() {
        return 40;
    }
}
