package keepalivedj.conf.model;

/**
 * {@code lvs_method} / {@code lb_kind}: how IPVS forwards to a real server, with the tunnel options of TUN
 * ({@code TUN type gue port 6080 csum}).
 *
 * @param tunnelPort the GUE port, 0 for other tunnel types and methods
 */
public record ForwardingMethod(Method method, TunnelType tunnelType, int tunnelPort, TunnelChecksum tunnelChecksum) {

    /** NAT, keepalived's default when nothing is set. */
    public static final ForwardingMethod NAT = of(Method.NAT);

    public static ForwardingMethod of(Method method) {
        return new ForwardingMethod(method, TunnelType.IPIP, 0, TunnelChecksum.NOCSUM);
    }

    /** IPVS forwarding methods; the netlink values are MASQ 0, TUNNEL 2, DROUTE 3. */
    public enum Method {
        NAT, DR, TUN
    }

    public enum TunnelType {
        IPIP, GUE, GRE
    }

    public enum TunnelChecksum {
        NOCSUM, CSUM, REMCSUM
    }
}
