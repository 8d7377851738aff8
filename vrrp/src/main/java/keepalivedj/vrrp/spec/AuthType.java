package keepalivedj.vrrp.spec;

/** authentication { auth_type } (VRRPv2/IPv4 only); the wire values of RFC 2338 §5.3.6. */
public enum AuthType {
    NONE(0), PASS(1), AH(2);

    public final int wire;

    AuthType(int wire) {
        this.wire = wire;
    }
}
