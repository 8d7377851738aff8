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

    /** inet_ntop's text: dotted quad, or RFC 5952 compressed IPv6. */
    public static String address(InetAddress a) {
        return keepalivedj.conf.InetText.of(a);
    }
}
