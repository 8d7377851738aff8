package keepalivedj.conf.model;

import java.net.InetAddress;
import keepalivedj.conf.Position;

/**
 * One line of a virtual_server_group: either an address range ({@code IP}, {@code a.b.c.d-e},
 * {@code a.b.c.d-e.f.g.h}, {@code IP/nn}, each with an optional port) or {@code fwmark N [inet|inet6]}.
 *
 * @param first        first address of the range (a single address has {@code first.equals(last)}); null for a fwmark
 * @param last         last address of the range, inclusive; null for a fwmark
 * @param port         the port, 0 when none was written (only valid for persistent services); 0 for a fwmark
 * @param fwmark       the firewall mark; 0 for an address entry
 * @param fwmarkFamily the family written after a fwmark, null when none was (or for an address entry)
 */
public record VirtualServerGroupEntry(InetAddress first, InetAddress last, int port, long fwmark,
                                      LvsAddressFamily fwmarkFamily, Position position) {

    public boolean isFwmark() {
        return first == null;
    }
}
