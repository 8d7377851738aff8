package keepalivedj.ipvs;

/** Encapsulation of a TUN destination (IP_VS_CONN_F_TUNNEL_TYPE_*). */
public enum TunnelType {
    IPIP(0), GUE(1), GRE(2);

    /** Tunnel flags (IP_VS_TUNNEL_ENCAP_FLAG_*): checksum options of GUE/GRE. */
    public static final int NOCSUM = 0, CSUM = 1, REMCSUM = 2;
    private final int code;

    TunnelType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public String ipvsadmName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static TunnelType ofCode(int code) {
        for (TunnelType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("tunnel type " + code + " (expected: 0..2)");
    }
}
