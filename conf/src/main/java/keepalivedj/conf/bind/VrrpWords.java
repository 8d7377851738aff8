package keepalivedj.conf.bind;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * Word-level helpers of the VRRP-side binders: IP literals read as inet_pton reads them (no name lookup ever;
 * {@code 192.168.100.} is not an address), and a node's line as one word list. Not a keyword table.
 */
final class VrrpWords {
    private VrrpWords() {
    }

    /** An IPv4 dotted quad or IPv6 literal (with an optional {@code %scope}, which is dropped); else null. */
    static InetAddress ip(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        byte[] b = s.indexOf(':') >= 0 ? ipv6(s) : ipv4(s);
        if (b == null) {
            return null;
        }
        try {
            // Inet6Address explicitly: InetAddress.getByAddress would turn ::ffff:a.b.c.d into an IPv4 address
            return b.length == 16 ? java.net.Inet6Address.getByAddress(null, b, -1) : InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static byte[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                char c = p.charAt(k);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    static byte[] ipv6(String s) {
        int pct = s.indexOf('%');
        if (pct >= 0) {
            s = s.substring(0, pct);
        }
        byte[] tail4 = null;
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.') >= 0) {
            tail4 = ipv4(s.substring(lastColon + 1));
            if (tail4 == null) {
                return null;
            }
            s = s.substring(0, lastColon + 1) + "0:0";
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        List<Integer> head = groups(dbl >= 0 ? s.substring(0, dbl) : s);
        List<Integer> tail = dbl >= 0 ? groups(s.substring(dbl + 2)) : new ArrayList<>();
        if (head == null || tail == null) {
            return null;
        }
        int n = head.size() + tail.size();
        if (dbl < 0 ? n != 8 : n > 7) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < head.size(); i++) {
            out[2 * i] = (byte) (head.get(i) >> 8);
            out[2 * i + 1] = (byte) (int) head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            int g = 8 - tail.size() + i;
            out[2 * g] = (byte) (tail.get(i) >> 8);
            out[2 * g + 1] = (byte) (int) tail.get(i);
        }
        if (tail4 != null) {
            System.arraycopy(tail4, 0, out, 12, 4);
        }
        return out;
    }

    private static List<Integer> groups(String s) {
        List<Integer> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        for (String g : s.split(":", -1)) {
            if (g.isEmpty() || g.length() > 4) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < g.length(); k++) {
                int d = Character.digit(g.charAt(k), 16);
                if (d < 0) {
                    return null;
                }
                v = v * 16 + d;
            }
            out.add(v);
        }
        return out;
    }

    /** {@code ADDR[/LEN]}: address and prefix (-1 when no /LEN); null when either part is invalid. */
    static Prefix prefix(String s) {
        int slash = s.indexOf('/');
        InetAddress a = ip(slash < 0 ? s : s.substring(0, slash));
        if (a == null) {
            return null;
        }
        int max = a.getAddress().length * 8;
        if (slash < 0) {
            return new Prefix(a, -1, max);
        }
        String len = s.substring(slash + 1);
        if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int l = Integer.parseInt(len);
        if (l > max) {
            return null;
        }
        return new Prefix(a, l, max);
    }

    record Prefix(InetAddress address, int length, int maxLength) {
        int lengthOrHost() {
            return length < 0 ? maxLength : length;
        }

        boolean ipv6() {
            return maxLength == 128;
        }
    }

    /** The node's keyword and arguments as one list of words (list blocks: the first word is the "keyword"). */
    static List<Token> words(Node n) {
        List<Token> out = new ArrayList<>(n.args().size() + 1);
        out.add(n.keyword());
        out.addAll(n.args());
        return out;
    }

    /** Whole number or null, without reporting. */
    static Long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
