package keepalivedj.conf.bind;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import keepalivedj.conf.model.LvsAddressFamily;
import keepalivedj.conf.model.VirtualServer;

/**
 * Address and port words of the LVS keywords, read as keepalived's inet_stosockaddr reads them: numeric literals
 * only (never a name lookup), a port of all zeros meaning "no port", and the service formatting keepalived uses in
 * its messages ({@code [10.0.0.1]:tcp:80}, {@code FWM 1}, {@code [GROUP]:0}). Nothing here reports; callers do.
 */
final class LvsAddresses {
    private LvsAddresses() {
    }

    /** A numeric IPv4 or IPv6 address (IPv6 may carry a %scope); empty when the word is not one. */
    static Optional<InetAddress> parse(String s) {
        if (s == null || s.isEmpty()) {
            return Optional.empty();
        }
        if (s.indexOf(':') < 0) {
            byte[] b = ipv4(s);
            if (b == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(InetAddress.getByAddress(b));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        String core = s;
        int pct = s.indexOf('%');
        if (pct >= 0) {
            core = s.substring(0, pct);
            if (pct == s.length() - 1) {
                return Optional.empty();
            }
        }
        for (int i = 0; i < core.length(); i++) {
            char c = core.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                return Optional.empty();
            }
        }
        try {
            // Only a literal reaches here (hex digits, ':' and '.'), so no name service is asked.
            InetAddress a = InetAddress.getByName(core);
            return Optional.of(a);
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Dotted quad with four decimal parts of at most three digits, no leading zeros, as inet_pton takes it. */
    static byte[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                char c = p.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            b[i] = (byte) v;
        }
        return b;
    }

    /**
     * A port word: all zeros (or absent) is "no port" (0); otherwise a decimal number 1..65535. Empty when invalid.
     */
    static OptionalInt port(String s) {
        if (s == null || s.chars().allMatch(c -> c == '0')) {
            return OptionalInt.of(0);
        }
        if (s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        int p = Integer.parseInt(s);
        return p > 65535 ? OptionalInt.empty() : OptionalInt.of(p);
    }

    static LvsAddressFamily family(InetAddress a) {
        return a instanceof Inet6Address ? LvsAddressFamily.INET6 : LvsAddressFamily.INET;
    }

    static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address;
    }

    /** The address as keepalived prints it (inet_ntop: compressed IPv6, no scope). */
    static String text(InetAddress a) {
        return keepalivedj.conf.InetText.of(a);
    }

    static String protocolName(VirtualServer.Protocol p) {
        return p == null ? "none" : p.name().toLowerCase(Locale.ROOT);
    }

    /** keepalived's inet_sockaddrtotrio: {@code [addr]:proto:port}. */
    static String trio(InetAddress a, VirtualServer.Protocol p, int port) {
        return "[" + text(a) + "]:" + protocolName(p) + ":" + port;
    }
}
