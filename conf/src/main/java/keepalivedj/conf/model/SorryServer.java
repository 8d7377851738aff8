package keepalivedj.conf.model;

import java.net.InetAddress;
import keepalivedj.conf.Position;

/**
 * {@code sorry_server IP [PORT]} with {@code sorry_server_inhibit} and {@code sorry_server_lvs_method}: the server
 * IPVS uses while the virtual server's quorum is lost. Its forwarding method defaults to the virtual server's.
 *
 * @param port 0 when none applies (a fwmark service not using NAT, or none written for a fwmark service)
 */
public record SorryServer(InetAddress address, int port, ForwardingMethod lvsMethod, boolean inhibit,
                          Position position) {
}
