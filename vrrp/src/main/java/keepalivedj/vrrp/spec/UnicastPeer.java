package keepalivedj.vrrp.spec;

import java.net.InetAddress;

/** unicast_peer entry: address plus the optional TTL window checked on receipt (§d.6.12). */
public record UnicastPeer(InetAddress address, int minTtl, int maxTtl) {
    public static UnicastPeer of(InetAddress address) {
        return new UnicastPeer(address, 0, 255);
    }

    /** keepalived checks the source of unicast adverts when any peer sets a TTL window. */
    public boolean hasTtlWindow() {
        return minTtl != 0 || maxTtl != 255;
    }
}
