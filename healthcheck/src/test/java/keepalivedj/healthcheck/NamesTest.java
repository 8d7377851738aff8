package keepalivedj.healthcheck;

import static keepalivedj.healthcheck.Fixtures.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import keepalivedj.conf.model.ForwardingMethod;
import keepalivedj.conf.model.SchedulerFlags;
import keepalivedj.conf.model.VirtualServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NamesTest {

    private static VirtualServer vs(VirtualServer.Kind kind, String address, int port, long fwmark, String group,
                                    VirtualServer.Protocol protocol) {
        return new VirtualServer(kind, address == null ? null : ip(address), port, fwmark, group, null, protocol,
                "wlc", SchedulerFlags.NONE, ForwardingMethod.NAT, 0, null, null, 1, 1, null, null, null, false,
                false, false, false, 1, 0, null, null, 1, null, false, null, null, List.of(), null);
    }

    @Test
    @DisplayName("§c.3: [IP]:proto:PORT, FWM <mark>, [<group>]:<port>; IPv6 compressed inside the brackets")
    void fifoNames() {
        assertEquals("[192.168.1.10]:udp:53", Names.virtualServer(vs(VirtualServer.Kind.ADDRESS, "192.168.1.10", 53,
                0, null, VirtualServer.Protocol.UDP)));
        assertEquals("FWM 7", Names.virtualServer(vs(VirtualServer.Kind.FWMARK, null, 0, 7, null, null)));
        assertEquals("[web]:0", Names.virtualServer(vs(VirtualServer.Kind.GROUP, null, 0, 0, "web",
                VirtualServer.Protocol.TCP)));
        VirtualServer v6 = vs(VirtualServer.Kind.ADDRESS, "2001:db8::1", 443, 0, null, VirtualServer.Protocol.SCTP);
        assertEquals("[2001:db8::1]:sctp:443", Names.virtualServer(v6));
        Destination d = new Destination(ip("2001:db8:0:0:1:0:0:2"), 8443, ForwardingMethod.NAT, 0, 0, false);
        assertEquals("[2001:db8::1:0:0:2]:sctp:8443", Names.destination(v6, d));
        VirtualServer fw = vs(VirtualServer.Kind.FWMARK, null, 0, 7, null, null);
        assertEquals("[10.0.0.5]:none:0", Names.destination(fw,
                new Destination(ip("10.0.0.5"), 0, ForwardingMethod.NAT, 0, 0, false)));
    }

    @Test
    @DisplayName("inet_ntop's IPv6 text: longest zero run, first on ties, single zero groups kept")
    void ipv6() {
        assertEquals("::1", Names.address(ip("::1")));
        assertEquals("::", Names.address(ip("::")));
        assertEquals("fe80::", Names.address(ip("fe80::")));
        assertEquals("1:0:2::3", Names.address(ip("1:0:2:0:0:0:0:3")));
        assertEquals("1::2:0:0:3", Names.address(ip("1:0:0:0:2:0:0:3")));
        assertEquals("1:2:3:4:5:6:7:8", Names.address(ip("1:2:3:4:5:6:7:8")));
    }
}
