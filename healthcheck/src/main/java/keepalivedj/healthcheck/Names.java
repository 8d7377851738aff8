package keepalivedj.healthcheck;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import keepalivedj.conf.model.VirtualServer;

/**
 * How keepalived 2.2.7 writes services in logs and notify_fifo lines (keepalived.md §c.3): {@code [IP]:proto:PORT},
 * {@code FWM <mark>}, {@code [<group>]:<port>}; IPv6 in compressed form inside the brackets. Formatting only.
 */
public final class Names {
    private Names() {
    }

    /** The virtual server as its FIFO lines name it. */
    public static String virtualServer(VirtualServer vs) {
        switch (vs.kind()) {
            case FWMARK:
                return "FWM " + vs.fwmark();
            case GROUP:
                return "[" + vs.group() + "]:" + vs.port();
            default:
                return "[" + address(vs.address()) + "]:" + protocol(vs) + ":" + vs.port();
        }
    }

    /** A destination of the virtual server: {@code [IP]:proto:PORT}. */
    public static String destination(VirtualServer vs, Destination d) {
        return "[" + address(d.address()) + "]:" + protocol(vs) + ":" + d.port();
    }

    static String protocol(VirtualServer vs) {
        return vs.protocol() == null ? "none" : vs.protocol().name().toLowerCase(Locale.ROOT);
    }

    /** inet_ntop's text: dotted quad, or RFC 5952 compressed IPv6 (longest run of two or more zero groups). */
    public static String address(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
