package keepalivedj.conf.bind;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
        byte[] b = new byte[4];
        int part = 0;
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i < s.length() && s.charAt(i) != '.') {
                continue;
            }
            int length = i - start;
            if (part == 4 || length == 0 || length > 3 || (length > 1 && s.charAt(start) == '0')) {
                return null;
            }
            int v = 0;
            for (int j = start; j < i; j++) {
                char c = s.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            b[part++] = (byte) v;
            start = i + 1;
        }
        return part == 4 ? b : null;
    }

    /**
     * A port word: all zeros (or absent) is "no port" (0); otherwise a decimal number 1..65535. Empty when invalid.
     */
    static OptionalInt port(String s) {
        if (s == null || allZeros(s)) {
            return OptionalInt.of(0);
        }
        if (s.length() > 5 || !allDigits(s)) {
            return OptionalInt.empty();
        }
        int p = Integer.parseInt(s);
        return p > 65535 ? OptionalInt.empty() : OptionalInt.of(p);
    }

    private static boolean allZeros(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    /** True when every character is an ASCII digit (also for ""). */
    static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
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
        if (p == null) {
            return "none";
        }
        return switch (p) {
            case TCP -> "tcp";
            case UDP -> "udp";
            case SCTP -> "sctp";
        };
    }

    /** keepalived's inet_sockaddrtotrio: {@code [addr]:proto:port}. */
    static String trio(InetAddress a, VirtualServer.Protocol p, int port) {
        return "[" + text(a) + "]:" + protocolName(p) + ":" + port;
    }
}
