package keepalivedj.ipvs;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Address family of a service or destination, with its AF_* number and address length. */
public enum Family {
    INET(2, 4), INET6(10, 16);

    private final int af;
    private final int addressLength;

    Family(int af, int addressLength) {
        this.af = af;
        this.addressLength = addressLength;
    }

    public int af() {
        return af;
    }

    public int addressLength() {
        return addressLength;
    }

    public static Family of(InetAddress a) {
        return a instanceof Inet6Address ? INET6 : INET;
    }

    public static Family ofAf(int af) {
        for (Family f : values()) {
            if (f.af == af) {
                return f;
            }
        }
        throw new IllegalArgumentException("address family " + af + " (expected: 2 or 10)");
    }
}
