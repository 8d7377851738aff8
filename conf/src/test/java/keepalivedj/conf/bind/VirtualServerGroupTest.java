package keepalivedj.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import keepalivedj.conf.Position;
import keepalivedj.conf.model.LvsAddressFamily;
import keepalivedj.conf.model.VirtualServer;
import keepalivedj.conf.model.VirtualServerGroup;
import keepalivedj.conf.model.VirtualServerGroupEntry;
import org.junit.jupiter.api.Test;

class VirtualServerGroupTest {

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void everyEntryForm() throws Exception {
        LvsTestSupport.Result r = LvsTestSupport.bind("virtual_server_group G {\n 10.0.0.1 8080\n"
                + " 192.168.200.3-10 80\n 10.1.0.0-10.1.1.5 443\n 10.2.0.0/30 25\n ae00::2-9 80\n fwmark 1 inet\n"
                + " fwmark 2 inet6\n 10.3.0.1\n}\n");
        assertEquals("", r.rendered());
        VirtualServerGroup g = r.config().group("G");
        assertEquals(List.of(
                new VirtualServerGroupEntry(ip("10.0.0.1"), ip("10.0.0.1"), 8080, 0, null, new Position("k.conf", 2, 2)),
                new VirtualServerGroupEntry(ip("192.168.200.3"), ip("192.168.200.10"), 80, 0, null,
                        new Position("k.conf", 3, 2)),
                new VirtualServerGroupEntry(ip("10.1.0.0"), ip("10.1.1.5"), 443, 0, null, new Position("k.conf", 4, 2)),
                new VirtualServerGroupEntry(ip("10.2.0.0"), ip("10.2.0.3"), 25, 0, null, new Position("k.conf", 5, 2)),
                new VirtualServerGroupEntry(ip("ae00::2"), ip("ae00::9"), 80, 0, null, new Position("k.conf", 6, 2)),
                new VirtualServerGroupEntry(null, null, 0, 1, LvsAddressFamily.INET, new Position("k.conf", 7, 2)),
                new VirtualServerGroupEntry(null, null, 0, 2, LvsAddressFamily.INET6, new Position("k.conf", 8, 2)),
                new VirtualServerGroupEntry(ip("10.3.0.1"), ip("10.3.0.1"), 0, 0, null, new Position("k.conf", 9, 2))),
                g.entries());
    }

    @Test
    void ipv4Ipv6AndAFwmarkWithoutFamilyCannotBeMixed() {
        LvsTestSupport.Result r = LvsTestSupport.bind("virtual_server_group G {\n 10.0.0.1 80\n ae00::1 80\n"
                + " fwmark 1\n}\n");
        assertEquals("k.conf:1:1: warning: virtual server group G cannot have IPv4, IPv6 and fwmark without family -"
                + " removing\n", r.rendered());
        assertTrue(r.config().virtualServerGroups().isEmpty());
    }

    @Test
    void badEntriesAreSkippedWithKeepalivedsMessages() {
        LvsTestSupport.Result r = LvsTestSupport.bind("virtual_server_group G {\n 10.0.0.9-3 80\n 10.0.0.1/33\n"
                + " 10.0.0.1/24 80\n 10.0.0.9-10.0.0.1\n fwmark x\n fwmark 3 ipx\n 10.0.0.1 http\n}\n"
                + "virtual_server_group EMPTY {\n}\n");
        assertEquals("k.conf:2:2: warning: Address range end is not greater than address range start - 10.0.0.9-3 -"
                + " skipping: found '10.0.0.9-3'\n"
                + "k.conf:3:2: warning: Invalid netmask - 10.0.0.1/33 - skipping: found '10.0.0.1/33', expected"
                + " /1../32\n"
                + "k.conf:4:2: warning: Address mask bits not empty - 10.0.0.1/24 - skipping: found '10.0.0.1/24'\n"
                + "k.conf:5:2: warning: Address range end is less than address range start - 10.0.0.9-10.0.0.1 -"
                + " skipping: found '10.0.0.9-10.0.0.1'\n"
                + "k.conf:6:9: warning: (G): fwmark 'x' must be in [0, 4294967295] - ignoring: found 'x'\n"
                + "k.conf:7:11: warning: (G): fwmark '3' family ipx unknown - ignoring: found 'ipx', expected inet"
                + " or inet6\n"
                + "k.conf:8:2: warning: Invalid virtual server group IP address 10.0.0.1 /port/http - skipping: found"
                + " '10.0.0.1 /port/http', expected IP[-END][/NN] [PORT]\n"
                + "k.conf:1:1: warning: virtual server group G has no entries - removing\n"
                + "k.conf:10:1: warning: virtual server group EMPTY has no entries - removing\n", r.rendered());
        assertTrue(r.config().virtualServerGroups().isEmpty());
    }

    @Test
    void groupServiceKeepsItsProtocolWhenItHasAddresses() {
        LvsTestSupport.Result r = LvsTestSupport.bind("virtual_server_group G {\n 10.0.0.1 80\n fwmark 1\n}\n"
                + "virtual_server group G {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n"
                + " real_server 10.0.1.1 80 {\n }\n}\n");
        assertEquals("", r.rendered());
        VirtualServer vs = r.config().virtualServers().get(0);
        assertEquals(VirtualServer.Kind.GROUP, vs.kind());
        assertEquals("G", vs.group());
        assertEquals(VirtualServer.Protocol.TCP, vs.protocol());
        assertNull(vs.address());
        assertEquals(LvsAddressFamily.INET, vs.family());
    }

    @Test
    void fwmarkOnlyGroupIgnoresTheProtocolAndDrPortsAreWarnedAbout() {
        LvsTestSupport.Result r = LvsTestSupport.bind("virtual_server_group G {\n fwmark 1\n}\n"
                + "virtual_server group G {\n lb_algo rr\n lb_kind DR\n protocol TCP\n"
                + " real_server 10.0.1.1 80 {\n }\n}\n");
        assertEquals("k.conf:7:2: warning: Warning: Virtual server [G]:0: protocol specified for fwmark - protocol"
                + " will be ignored\n"
                + "k.conf:8:2: warning: WARNING - fwmark virtual server [G]:0, real server [10.0.1.1]:none:80 has port"
                + " specified - port will be ignored\n", r.rendered());
        assertNull(r.config().virtualServers().get(0).protocol());
    }

    @Test
    void drPortsAreComparedWithEveryAddressEntryInKeepalivedsOrder() {
        LvsTestSupport.Result r = LvsTestSupport.bind("virtual_server_group G {\n 10.0.0.1 80\n 10.0.0.2 443\n}\n"
                + "virtual_server group G {\n lb_algo rr\n lb_kind DR\n protocol TCP\n"
                + " real_server 10.0.1.1 80 {\n }\n real_server 10.0.1.2 {\n }\n real_server 10.0.1.3 8080 {\n }\n}\n");
        assertEquals("k.conf:13:2: warning: virtual server [G]:0:[10.0.0.1,80] and real server [10.0.1.3]:tcp:8080"
                + " ports don't match\n"
                + "k.conf:9:2: warning: virtual server [G]:0:[10.0.0.2,443] and real server [10.0.1.1]:tcp:80 ports"
                + " don't match\n"
                + "k.conf:13:2: warning: virtual server [G]:0:[10.0.0.2,443] and real server [10.0.1.3]:tcp:8080"
                + " ports don't match\n", r.rendered());
        assertEquals(8080, r.config().virtualServers().get(0).realServers().get(2).port(),
                "group real server ports are not rewritten");
        assertEquals(0, r.config().virtualServers().get(0).realServers().get(1).port());
    }

    @Test
    void groupEntryWithoutPortForcesPersistence() {
        LvsTestSupport.Result r = LvsTestSupport.bind("virtual_server_group G {\n 10.0.0.1\n}\n"
                + "virtual_server group G {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n"
                + " real_server 10.0.1.1 80 {\n }\n}\n");
        assertEquals("k.conf:4:1: warning: Virtual server [G]:0: zero port only valid for persistent services -"
                + " setting\n", r.rendered());
        assertEquals(360, r.config().virtualServers().get(0).persistenceTimeoutSeconds());
    }
}
