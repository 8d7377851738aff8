package keepalivedj.healthcheck;

import java.net.InetAddress;
import keepalivedj.conf.model.ForwardingMethod;
import keepalivedj.conf.model.RealServer;
import keepalivedj.conf.model.SorryServer;

/**
 * An IPVS destination of a virtual server: a real server or the sorry server, with what IPVS needs to add it
 * besides the weight. It is what {@link RsChange}s name; it does not know whether it is in IPVS.
 *
 * @param port  0 for "the group entry's port" (virtual_server group) or a fwmark service without a port
 * @param sorry true for the virtual server's sorry_server
 */
public record Destination(InetAddress address, int port, ForwardingMethod lvsMethod, long uthreshold,
                          long lthreshold, boolean sorry) {

    public static Destination of(RealServer rs) {
        return new Destination(rs.address(), rs.port(), rs.lvsMethod(), rs.uthreshold(), rs.lthreshold(), false);
    }

    public static Destination of(SorryServer s) {
        return new Destination(s.address(), s.port(), s.lvsMethod(), 0, 0, true);
    }
}
