package keepalivedj.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import keepalivedj.conf.model.VrrpAddress;
import keepalivedj.conf.model.VrrpRoute;
import keepalivedj.conf.model.VrrpRule;
import org.junit.jupiter.api.Test;

/** keepalived.md a.4 (virtual_ipaddress entries) and a.5 (routes and rules). */
class VrrpAddressRouteRuleTest {

    static VrrpBinding vips(String... lines) {
        return VrrpBinding.of("vrrp_instance VI_1 {\ninterface eth0\nvirtual_router_id 1\nvirtual_ipaddress {\n"
                + String.join("\n", lines) + "\n}\n}");
    }

    static List<VrrpAddress> addresses(VrrpBinding b) {
        return b.config().instance("VI_1").virtualIpaddresses();
    }

    @Test
    void fullEntry() {
        VrrpBinding b = vips("192.168.1.10 dev eth1 scope link label eth1:vip peer 192.168.1.1/24 home "
                + "-nodad mngtmpaddr noprefixroute autojoin no_track use_vmac");
        assertEquals(List.of(), b.all());
        VrrpAddress a = addresses(b).get(0);
        assertEquals("192.168.1.10", a.address().getHostAddress());
        assertEquals(24, a.prefixLength()); // ip addr: with a peer, the prefix is the peer's
        assertNull(a.broadcast());
        assertEquals("eth1", a.dev());
        assertEquals(253, a.scope());
        assertEquals("eth1:vip", a.label());
        assertEquals("192.168.1.1", a.peer().getHostAddress());
        assertEquals(24, a.peerPrefixLength());
        assertTrue(a.home() && a.noDad() && a.mngTmpAddr() && a.noPrefixRoute() && a.autoJoin() && a.noTrack()
                && a.useVmac());
        assertEquals(VrrpAddress.FOREVER, a.preferredLftSeconds());
        assertEquals("k.conf:5:1", a.position().toString());
    }

    @Test
    void broadcastPlusAndItsLimits() {
        VrrpBinding b = vips("192.168.1.10/24 brd +", "192.168.1.11/31 brd +", "192.168.1.12/32 peer 10.0.0.1 brd -");
        assertEquals(List.of("k.conf:6:1: warning: Address prefix length 31 too long for broadcast: expected a prefix "
                        + "of 30 or less; no broadcast set",
                "k.conf:7:1: warning: Cannot specify broadcast and peer addresses - ignoring broadcast address"),
                b.all());
        assertEquals("192.168.1.255", addresses(b).get(0).broadcast().getHostAddress());
        assertNull(addresses(b).get(1).broadcast());
        assertNull(addresses(b).get(2).broadcast());
    }

    @Test
    void ipv6ScopeAndLabelAreIgnored() {
        VrrpBinding b = vips("2001:db8::1/64 scope link label x");
        assertEquals(List.of("k.conf:5:1: note: (VI_1) the first IPv6 VIP address should be link local"),
                b.all().subList(2, 3));
        assertEquals(List.of("k.conf:5:1: warning: Cannot specify scope for IPv6 addresses (2001:db8::1/64) - "
                        + "ignoring scope",
                "k.conf:5:1: warning: Cannot specify label for IPv6 addresses (2001:db8::1/64) - ignoring label"),
                b.problems());
        assertEquals(0, addresses(b).get(0).scope());
        assertNull(addresses(b).get(0).label());
    }

    @Test
    void defaultsAndBroadcastMinus() {
        VrrpBinding b = vips("10.0.0.5", "10.0.0.6/30 broadcast -", "10.0.0.7 brd 10.0.0.255 scope 42");
        assertEquals(List.of(), b.all());
        VrrpAddress a = addresses(b).get(0);
        assertEquals(32, a.prefixLength());
        assertNull(a.broadcast());
        assertEquals("eth0", a.dev());
        assertEquals(0, a.scope());
        assertNull(a.label());
        assertEquals("10.0.0.4", addresses(b).get(1).broadcast().getHostAddress());
        assertEquals("10.0.0.255", addresses(b).get(2).broadcast().getHostAddress());
        assertEquals(42, addresses(b).get(2).scope());
    }

    @Test
    void ipv6PreferredLifetime() {
        VrrpBinding b = vips("fe80::1", "2001:db8::1/64", "2001:db8::2/128 preferred_lft forever",
                "2001:db8::3 preferred_lft 30");
        assertEquals(List.of(), b.all());
        assertEquals(0, addresses(b).get(0).preferredLftSeconds());
        assertEquals(VrrpAddress.FOREVER, addresses(b).get(1).preferredLftSeconds());
        assertEquals(VrrpAddress.FOREVER, addresses(b).get(2).preferredLftSeconds());
        assertEquals(30, addresses(b).get(3).preferredLftSeconds());
    }

    @Test
    void unknownWordIsIgnoredAndTheAddressKept() {
        VrrpBinding b = vips("10.9.9.1 dev eth1 bogusword");
        assertEquals(List.of("k.conf:5:19: warning: Unknown configuration entry 'bogusword' for ip address - "
                + "ignoring: found 'bogusword'"), b.all());
        assertEquals(1, addresses(b).size());
    }

    @Test
    void missingArgumentDropsTheAddress() {
        VrrpBinding b = vips("10.9.9.2 dev", "10.9.9.3");
        assertEquals(List.of("k.conf:5:10: warning: No dev parameter specified for 10.9.9.2: expected dev VALUE; "
                + "removing address"), b.all());
        assertEquals(1, addresses(b).size());
        assertEquals("10.9.9.3", addresses(b).get(0).address().getHostAddress());
    }

    @Test
    void longLabelDropsTheAddress() {
        VrrpBinding b = vips("10.9.9.4 label toolonglabelname_x", "10.9.9.5 label eth0:ok");
        assertEquals(List.of("k.conf:5:16: warning: Label 'toolonglabelname_x' for ip address 10.9.9.4 is longer "
                + "than maximum length 15: found 'toolonglabelname_x', expected at most 15 characters; removing "
                + "address"), b.all());
        assertEquals(1, addresses(b).size());
        assertEquals("eth0:ok", addresses(b).get(0).label());
    }

    @Test
    void badAddressesAndBroadcastOnIpv6AreDropped() {
        VrrpBinding b = vips("10.0.0.256", "fe80::1 brd +", "10.0.0.1/33");
        assertEquals(4, b.problems().size());
        assertEquals("k.conf:1:1: warning: (VI_1) No VIP specified; at least one is sensible", b.problems().get(3));
        assertEquals("k.conf:5:1: warning: Invalid address '10.0.0.256' for ip address: found '10.0.0.256', "
                + "expected ADDRESS[/PREFIX]; removing address", b.problems().get(0));
        assertEquals("k.conf:6:9: warning: VRRP is trying to assign a broadcast brd to the IPv6 address fe80::1 !!?? "
                + "WTF... skipping VIP...: found '+', expected no broadcast for IPv6", b.problems().get(1));
        assertTrue(addresses(b).isEmpty());
    }

    @Test
    void laterAddressOfTheOtherFamilyIsIgnored() {
        VrrpBinding b = vips("10.0.0.1", "fe80::1");
        assertEquals(List.of("k.conf:6:1: warning: (VI_1) address family must match VRRP instance [fe80::1] - "
                + "ignoring: found 'fe80::1', expected an IPv4 address"), b.all());
        assertEquals(1, addresses(b).size());
    }

    @Test
    void excludedAddressesMayMixFamilies() {
        VrrpBinding b = VrrpBinding.of("vrrp_instance VI_1 {\ninterface eth0\nvirtual_router_id 1\n"
                + "virtual_ipaddress {\n10.0.0.1\n}\nvirtual_ipaddress_excluded {\n2001:db8::1/64 dev eth1\n"
                + "10.0.0.2\n}\n}");
        assertEquals(List.of(), b.all());
        var ex = b.config().instance("VI_1").virtualIpaddressesExcluded();
        assertEquals(2, ex.size());
        assertEquals("eth1", ex.get(0).dev());
        assertEquals("eth0", ex.get(1).dev());
    }

    @Test
    void vipOnMissingInterfaceIsDropped() {
        VrrpBinding b = vips("10.0.0.1 dev nosuch", "10.0.0.2");
        assertEquals(List.of("k.conf:5:14: warning: WARNING - interface nosuch for ip address 10.0.0.1 doesn't "
                + "exist: found 'nosuch', expected an interface of this host; removing address"), b.all());
        assertEquals(1, addresses(b).size());
    }

    static VrrpBinding routes(String... lines) {
        return VrrpBinding.of("vrrp_instance VI_1 {\ninterface eth0\nvirtual_router_id 1\nvirtual_ipaddress {\n"
                + "10.0.0.1\n}\nvirtual_routes {\n" + String.join("\n", lines) + "\n}\n}");
    }

    @Test
    void routeOptions() {
        VrrpBinding b = routes("src 192.168.100.1 192.168.109.0/24 via 192.168.200.254 dev eth1 table 100 "
                + "metric 5 protocol static onlink mtu lock 1400 scope link no_track", "blackhole 192.168.113.1/32 "
                + "no_track", "default via 10.0.0.254 dev eth0",
                "10.5.0.0/16 no_track nexthop via 10.0.0.1 dev eth0 weight 2 nexthop via 10.0.0.2 dev eth1",
                "inet6 to 2001:db8::/32 dev eth0 table main");
        assertEquals(List.of(), b.all());
        List<VrrpRoute> r = b.config().instance("VI_1").virtualRoutes();
        VrrpRoute a = r.get(0);
        assertEquals("unicast", a.type());
        assertEquals("192.168.109.0", a.destination().getHostAddress());
        assertEquals(24, a.prefixLength());
        assertEquals("192.168.100.1", a.preferredSource().getHostAddress());
        assertEquals("192.168.200.254", a.via().getHostAddress());
        assertEquals("eth1", a.dev());
        assertEquals(100L, a.table());
        assertEquals(5L, a.metric());
        assertEquals("static", a.protocol());
        assertTrue(a.onlink());
        assertEquals(253, a.scope());
        assertEquals(List.of("mtu lock 1400"), a.otherOptions());
        assertTrue(a.noTrack());
        assertFalse(a.tracked());
        assertEquals("blackhole", r.get(1).type());
        assertEquals(32, r.get(1).prefixLength());
        VrrpRoute def = r.get(2);
        assertEquals(0, def.prefixLength());
        assertTrue(def.tracked());
        assertEquals("keepalived", def.protocol()); // keepalived owns the routes it tracks
        assertEquals(254L, def.table());
        assertEquals(2, r.get(3).nexthops().size());
        assertEquals(2, r.get(3).nexthops().get(0).weight());
        assertEquals("eth1", r.get(3).nexthops().get(1).dev());
        assertTrue(r.get(4).ipv6());
        assertEquals(32, r.get(4).prefixLength());
    }

    @Test
    void routeKeywordMessagesAreKeepalivedS() {
        VrrpBinding b = routes("10.1.0.0/16 dev eth0 protocol static", "10.2.0.0/16 gw 10.0.0.1 dev eth0",
                "10.3.0.0/16 proto static dev eth0", "10.4.0.0/16 via 2001:db8::1 dev eth0",
                "10.5.0.0/16 dev nosuch");
        assertEquals(List.of(
                "k.conf:8:1: warning: Route cannot be tracked if protocol is not RTPROT_KEEPALIVED(18), resetting "
                        + "protocol: found 'static', expected keepalived",
                "k.conf:9:13: warning: \"gw\" for routes is deprecated. Please use \"via\": found 'gw', expected via",
                "k.conf:10:13: warning: unknown route keyword proto: found 'proto', expected an ip route option or "
                        + "destination; ignoring the route",
                "k.conf:11:17: warning: Cannot mix IPv4 and IPv6 addresses for route (2001:db8::1): found "
                        + "'2001:db8::1', expected an IPv4 address; ignoring the route",
                "k.conf:12:17: warning: WARNING - interface nosuch for VROUTE nexthop doesn't exist: found 'nosuch', "
                        + "expected an interface of this host; ignoring the route"), b.all());
        assertEquals(2, b.config().instance("VI_1").virtualRoutes().size());
    }

    @Test
    void routeWithoutDevCannotBeTracked() {
        VrrpBinding b = routes("192.168.112.0/24 via 192.168.100.254");
        assertEquals(List.of("k.conf:8:1: warning: Warning - cannot track route 192.168.112.0/24 with no interface "
                + "specified, not tracking"), b.all());
        assertFalse(b.config().instance("VI_1").virtualRoutes().get(0).tracked());
        assertEquals(5, b.diagnostics().testExitCode());
    }

    @Test
    void badRoutesAreDropped() {
        VrrpBinding b = routes("10.0.0.0/33 dev eth0", "10.1.0.0/16 via x dev eth0", "10.2.0.0/16 dev");
        assertEquals(3, b.problems().size());
        assertTrue(b.config().instance("VI_1").virtualRoutes().isEmpty());
    }

    @Test
    void rulesAndAutomaticPreferences() {
        VrrpBinding b = VrrpBinding.of("static_rules {\nfrom 192.168.100.0/24 table 1\n"
                + "from 10.0.0.0/8 to 10.1.0.0/16 table 2 priority 100 iif eth0 fwmark 0x10/0xff tos 4\n"
                + "to 2001:db8::/32 goto 200 preference 7\nfrom all blackhole\n}");
        assertEquals(List.of(
                "k.conf:2:1: warning: Rule has no preference specified - setting to 16384. This is probably not "
                        + "what you want.",
                "k.conf:5:1: warning: Rule has no preference specified - setting to 16383. This is probably not "
                        + "what you want."), b.all());
        List<VrrpRule> r = b.config().staticRules();
        assertEquals(16384, r.get(0).preference());
        assertEquals(1L, r.get(0).table());
        assertEquals(24, r.get(0).fromPrefixLength());
        assertEquals(100, r.get(1).preference());
        assertEquals("eth0", r.get(1).iif());
        assertEquals(16L, r.get(1).fwmark());
        assertEquals(255L, r.get(1).fwmask());
        assertEquals(4, r.get(1).tos());
        assertEquals("10.1.0.0", r.get(1).to().getHostAddress());
        assertTrue(r.get(2).ipv6());
        assertEquals("goto", r.get(2).action());
        assertEquals(200L, r.get(2).gotoTarget());
        assertEquals("blackhole", r.get(3).action());
        assertEquals(16383, r.get(3).preference());
    }

    @Test
    void ruleChecksAsKeepalived() {
        VrrpBinding b = VrrpBinding.of("static_rules {\nfrom 10.0.0.0/8 preference 5\n"
                + "from 10.0.0.0/8 goto 100\nfrom 10.0.0.0/8 goto 100 preference 200\n"
                + "from 10.0.0.0/8 table 1 blackhole preference 1\nfrom 10.0.0.0/8 table 1 priority x\n"
                + "from 10.0.0.0/8 table 1 iif nosuch preference 2\nfrom 10.0.0.0/8 to 2001:db8::/32 table 1\n"
                + "from 10.0.0.0/8 table 1 protocol 3 preference 9\n}");
        assertEquals(List.of(
                "k.conf:2:1: warning: No action specified for rule - ignoring: found 'from 10.0.0.0/8 preference 5', "
                        + "expected table, goto, nop, blackhole, unreachable, prohibit or l3mdev",
                "k.conf:3:1: warning: Invalid rule - goto target 100 specified without preference; ignoring the rule",
                "k.conf:4:1: warning: Invalid rule - preference 200 >= goto target 100; ignoring the rule",
                "k.conf:5:25: warning: Cannot specify more than one of table/nop/goto/blackhole/prohibit/unreachable/"
                        + "l3mdev for rule: found 'blackhole'; ignoring the rule",
                "k.conf:6:34: warning: Invalid rule preference priority specified: found 'x', expected 0..4294967295; "
                        + "ignoring the rule",
                "k.conf:7:29: warning: WARNING - interface nosuch for rule doesn't exist: found 'nosuch', expected an "
                        + "interface of this host; ignoring the rule",
                "k.conf:8:20: warning: rule specification has mixed IPv4 and IPv6: found '2001:db8::/32', expected "
                        + "IPv4; ignoring the rule",
                "k.conf:9:1: warning: Rule cannot be tracked if protocol is not RTPROT_KEEPALIVED(18), resetting "
                        + "protocol: found '3', expected 18"), b.all());
        assertEquals(1, b.config().staticRules().size());
        assertEquals(18, b.config().staticRules().get(0).protocol());
    }

    @Test
    void automaticPreferencesCountPerFamily() {
        VrrpBinding b = VrrpBinding.of("static_rules {\nfrom 10.0.0.0/8 table 1\nfrom 2001:db8::/32 table 1\n"
                + "to 10.1.0.0/16 table 2\n}");
        assertEquals(List.of(16384L, 16384L, 16383L), b.config().staticRules().stream().map(VrrpRule::preference)
                .collect(java.util.stream.Collectors.toList()));
    }

    @Test
    void badRuleAddressDropsTheRule() {
        VrrpBinding b = VrrpBinding.of("static_rules {\nto 192.168.100./24 table 1 preference 5\n}");
        assertEquals(List.of("k.conf:2:4: warning: Invalid rule to address 192.168.100./24: found "
                + "'192.168.100./24', expected ADDRESS[/PREFIX] or all; ignoring the rule"), b.all());
        assertTrue(b.config().staticRules().isEmpty());
    }

    @Test
    void ipLiteralsNeverResolveNames() {
        assertNull(VrrpWords.ip("localhost"));
        assertNull(VrrpWords.ip("zz:zz"));
        assertNull(VrrpWords.ip("1::2::3"));
        assertEquals("0:0:0:0:0:ffff:a00:1", VrrpWords.ip("::ffff:10.0.0.1").getHostAddress());
        assertTrue(VrrpWords.ip("::ffff:10.0.0.1") instanceof java.net.Inet6Address);
        assertEquals("fe80:0:0:0:0:0:0:1", VrrpWords.ip("fe80::1%eth0").getHostAddress());
        assertEquals("1:2:3:4:5:6:7:8", VrrpWords.ip("1:2:3:4:5:6:7:8").getHostAddress());
        assertNull(VrrpWords.ip("1:2:3:4:5:6:7:8:9"));
    }
}
