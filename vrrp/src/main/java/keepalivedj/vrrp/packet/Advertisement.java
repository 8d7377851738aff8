package keepalivedj.vrrp.packet;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * A VRRP message (RFC 3768 §5.1 for version 2, RFC 5798 §5.1 / RFC 9568 §5.1 for version 3), with the wire
 * quirks already removed: the interval is always in centiseconds (v2 seconds x 100), v2 auth data is 8 bytes.
 * It is a value; it does not know its checksum (see {@link VrrpPacket}) and does not judge whether it is
 * acceptable (see {@code keepalivedj.vrrp.rx.ReceiveCheck}), so out-of-range values received on the wire
 * (version 7, type 2) are representable.
 *
 * @param authType  v2 Auth Type (0 none, 1 simple text, 2 IP AH); always 0 for v3
 * @param adverIntCs advertisement interval in centiseconds (v2: Adver Int x 100; v3: Max Adver Int, 12 bits)
 * @param authData  v2 over IPv4: exactly 8 bytes; otherwise null
 */
public record Advertisement(int version, int type, int vrid, int priority, int authType, int adverIntCs,
                            List<InetAddress> addresses, byte[] authData) {
    public static final int TYPE_ADVERTISEMENT = 1;
    public static final int AUTH_NONE = 0;
    public static final int AUTH_PASS = 1;
    public static final int AUTH_AH = 2;
    public static final int AUTH_DATA_LENGTH = 8;
    /** The fixed header: vers/type, VRID, priority, count, 16-bit auth/interval word, checksum. */
    public static final int HEADER_LENGTH = 8;

    public Advertisement {
        addresses = List.copyOf(addresses);
        authData = authData == null ? null : authData.clone();
    }

    /** A v2 advert as keepalived sends it; {@code pass} is the auth_pass (null for no auth), NUL padded to 8. */
    public static Advertisement v2(int vrid, int priority, int adverIntSeconds, byte[] pass,
                                   List<InetAddress> addresses) {
        byte[] auth = new byte[AUTH_DATA_LENGTH];
        if (pass != null) {
            System.arraycopy(pass, 0, auth, 0, Math.min(pass.length, AUTH_DATA_LENGTH));
        }
        return new Advertisement(2, TYPE_ADVERTISEMENT, vrid, priority, pass == null ? AUTH_NONE : AUTH_PASS,
                adverIntSeconds * 100, addresses, auth);
    }

    /** A v3 advert; the interval is the 12-bit Max Adver Int in centiseconds. */
    public static Advertisement v3(int vrid, int priority, int adverIntCs, List<InetAddress> addresses) {
        return new Advertisement(3, TYPE_ADVERTISEMENT, vrid, priority, AUTH_NONE, adverIntCs, addresses, null);
    }

    /** A copy with another priority: what a master sends on each advert timer, or 0 when leaving. */
    public Advertisement withPriority(int newPriority) {
        return new Advertisement(version, type, vrid, newPriority, authType, adverIntCs, addresses, authData);
    }

    /** Bytes of the VRRP message on the wire, for this address size (4 or 16). */
    public int encodedLength(int addressLength) {
        return HEADER_LENGTH + addresses.size() * addressLength + (authData != null ? AUTH_DATA_LENGTH : 0);
    }

    @Override
    public byte[] authData() {
        return authData == null ? null : authData.clone();
    }

    byte[] authDataUnsafe() {
        return authData;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Advertisement a && version == a.version && type == a.type && vrid == a.vrid
                && priority == a.priority && authType == a.authType && adverIntCs == a.adverIntCs
                && addresses.equals(a.addresses) && Arrays.equals(authData, a.authData);
    }

    @Override
    public int hashCode() {
        return ((vrid * 31 + priority) * 31 + adverIntCs) * 31 + addresses.hashCode();
    }

    @Override
    public String toString() {
        return "Advertisement[v" + version + " type=" + type + " vrid=" + vrid + " prio=" + priority
                + " auth=" + authType + " int=" + adverIntCs + "cs addrs=" + addresses
                + (authData == null ? "" : " authData=" + java.util.HexFormat.of().formatHex(authData)) + "]";
    }
}
