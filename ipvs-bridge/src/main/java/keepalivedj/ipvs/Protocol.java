package keepalivedj.ipvs;

/** Transport protocol of an address-based virtual service, with its IPPROTO_* number and ipvsadm's name. */
public enum Protocol {
    TCP(6), UDP(17), SCTP(132);

    private final int number;

    Protocol(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static Protocol ofNumber(int n) {
        for (Protocol p : values()) {
            if (p.number == n) {
                return p;
            }
        }
        throw new IllegalArgumentException("protocol " + n + " (expected: 6, 17 or 132)");
    }
}
