package keepalivedj.ipvs;

/** How the director forwards to a real server (IP_VS_CONN_F_* forwarding method) and ipvsadm's column text. */
public enum Forwarding {
    /** NAT: keepalived's {@code lb_kind NAT}, ipvsadm {@code -m}. */
    MASQ(0, "Masq"),
    LOCALNODE(1, "Local"),
    /** IP-in-IP / GUE / GRE tunnel: {@code lb_kind TUN}, ipvsadm {@code -i}. */
    TUNNEL(2, "Tunnel"),
    /** Direct routing: {@code lb_kind DR}, ipvsadm {@code -g}. */
    DROUTE(3, "Route"),
    BYPASS(4, "Bypass");

    private final int code;
    private final String ipvsadmName;

    Forwarding(int code, String ipvsadmName) {
        this.code = code;
        this.ipvsadmName = ipvsadmName;
    }

    public int code() {
        return code;
    }

    public String ipvsadmName() {
        return ipvsadmName;
    }

    public static Forwarding ofCode(int code) {
        for (Forwarding f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        throw new IllegalArgumentException("forwarding method " + code + " (expected: 0..4)");
    }
}
