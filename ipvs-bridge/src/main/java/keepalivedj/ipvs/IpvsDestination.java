package keepalivedj.ipvs;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A real server of an IPVS service as configured: address, port, forwarding method, weight, connection thresholds
 * and, for TUNNEL only, the tunnel type, port (GUE) and checksum flags. Counters are not part of it (see
 * {@link DestinationEntry}). A value without I/O.
 *
 * @param upperThreshold maximum connections (0: no limit)
 * @param lowerThreshold connections below which an overloaded server is used again
 */
public record IpvsDestination(InetAddress address, int port, Forwarding forwarding, int weight, int upperThreshold,
                              int lowerThreshold, TunnelType tunnelType, int tunnelPort, int tunnelFlags) {
    public IpvsDestination {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(forwarding, "forwarding");
        tunnelType = tunnelType == null ? TunnelType.IPIP : tunnelType;
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port " + port + " (expected: 0..65535)");
        }
        if (weight < 0) {
            throw new IllegalArgumentException("weight " + weight + " (expected: >= 0)");
        }
        if (forwarding != Forwarding.TUNNEL && (tunnelType != TunnelType.IPIP || tunnelPort != 0 || tunnelFlags != 0)) {
            throw new IllegalArgumentException("tunnel settings on a " + forwarding + " destination");
        }
    }

    public static IpvsDestination of(InetAddress address, int port, Forwarding forwarding, int weight) {
        return new IpvsDestination(address, port, forwarding, weight, 0, 0, TunnelType.IPIP, 0, 0);
    }

    public Family family() {
        return Family.of(address);
    }

    public IpvsDestination withWeight(int w) {
        return new IpvsDestination(address, port, forwarding, w, upperThreshold, lowerThreshold, tunnelType,
                tunnelPort, tunnelFlags);
    }

    public IpvsDestination withThresholds(int upper, int lower) {
        return new IpvsDestination(address, port, forwarding, weight, upper, lower, tunnelType, tunnelPort,
                tunnelFlags);
    }

    /** A TUNNEL destination with this encapsulation; port is the GUE port (0 otherwise). */
    public IpvsDestination withTunnel(TunnelType type, int tunPort, int tunFlags) {
        return new IpvsDestination(address, port, forwarding, weight, upperThreshold, lowerThreshold, type, tunPort,
                tunFlags);
    }

    public boolean sameKey(IpvsDestination o) {
        return port == o.port && address.equals(o.address);
    }

    @Override
    public String toString() {
        return IpvsListing.addressPort(address, port);
    }
}
