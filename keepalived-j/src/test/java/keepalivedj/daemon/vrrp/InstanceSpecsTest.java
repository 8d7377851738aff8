package keepalivedj.daemon.vrrp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import keepalivedj.conf.ConfigLoader;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.daemon.LabHost;
import keepalivedj.conf.model.VrrpInstance;
import keepalivedj.conf.syntax.SourceReader;
import keepalivedj.vrrp.spec.AuthType;
import keepalivedj.vrrp.spec.InstanceSpec;
import keepalivedj.vrrp.spec.Tracked;
import keepalivedj.vrrp.spec.TrackedObject;
import keepalivedj.vrrp.spec.VirtualAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From a configured vrrp_instance to the spec the protocol machine runs. */
class InstanceSpecsTest {
    @TempDir
    Path dir;

    VrrpInstance instance(String text) throws IOException {
        return config(text).vrrp().instances().get(0);
    }

    keepalivedj.conf.model.KeepalivedConfig config(String text) throws IOException {
        Path p = dir.resolve("k.conf");
        Files.writeString(p, text);
        HostEnvironment host = new LabHost("kjx");
        Diagnostics d = new Diagnostics();
        ConfigLoader.Result r = ConfigLoader.bind(SourceReader.read(p, new SourceReader.Options("t", false, host,
                new SplittableRandom(1)), d), host, d);
        return r.config();
    }

    @Test
    void keepalivedsDefaultsBecomeTheMachinesUnits() throws Exception {
        InstanceSpec s = InstanceSpecs.from(instance("vrrp_instance VI_1 {\n interface kjx0\n"
                + " virtual_router_id 51\n virtual_ipaddress {\n  10.0.0.100/24 dev kjx0\n  10.0.0.101\n }\n}\n"),
                InetAddress.getByName("10.0.0.1"));
        assertEquals("VI_1", s.name());
        assertEquals(51, s.vrid());
        assertEquals(100, s.priority());
        assertEquals(100, s.adverIntCs());
        assertEquals(2, s.version());
        assertFalse(s.wantMaster());
        assertEquals(InetAddress.getByName("224.0.0.18"), s.mcastGroup());
        assertEquals(InetAddress.getByName("10.0.0.1"), s.sourceAddress());
        assertEquals(List.of(new VirtualAddress(InetAddress.getByName("10.0.0.100"), 24, "kjx0", ""),
                new VirtualAddress(InetAddress.getByName("10.0.0.101"), 32, "kjx0", "")), s.vips());
        assertEquals(List.of(new TrackedObject(new Tracked.Interface("kjx0"), 0, false)), s.trackers());
    }

    @Test
    void stateAuthTrackersUnicastAndV3() throws Exception {
        InstanceSpec s = InstanceSpecs.from(instance("vrrp_script chk {\n script /bin/true\n weight -20\n}\n"
                + "vrrp_instance VI_2 {\n state MASTER\n interface kjx0\n dont_track_primary\n"
                + " virtual_router_id 7\n priority 150\n advert_int 1\n"
                + " authentication {\n  auth_type PASS\n  auth_pass secret12345\n }\n"
                + " unicast_src_ip 10.0.0.1\n unicast_peer {\n  10.0.0.2\n }\n"
                + " track_script {\n  chk\n }\n track_interface {\n  kjx1 weight 10\n }\n"
                + " virtual_ipaddress {\n  10.0.0.100\n }\n}\n"), null);
        assertTrue(s.wantMaster());
        assertEquals(150, s.priority());
        assertEquals(AuthType.PASS, s.authType());
        assertArrayEquals("secret12".getBytes(), s.authPass());
        assertTrue(s.unicast());
        assertEquals(InetAddress.getByName("10.0.0.1"), s.sourceAddress());
        assertEquals(List.of(new TrackedObject(new Tracked.Script("chk"), -20, false),
                new TrackedObject(new Tracked.Interface("kjx1"), 10, false)), s.trackers());
        // a vrrp_script the daemon cannot run (insecure, missing) is left out of tracking, as keepalived removes it
        InstanceSpec without = InstanceSpecs.from(instance("vrrp_script chk {\n script /bin/true\n weight -20\n}\n"
                + "vrrp_instance VI_2 {\n interface kjx0\n dont_track_primary\n virtual_router_id 7\n"
                + " unicast_src_ip 10.0.0.1\n track_script {\n  chk\n }\n track_interface {\n  kjx1 weight 10\n }\n"
                + " virtual_ipaddress {\n  10.0.0.100\n }\n}\n"), null, name -> !name.equals("chk"));
        assertEquals(List.of(new TrackedObject(new Tracked.Interface("kjx1"), 10, false)), without.trackers());
        InstanceSpec v3 = InstanceSpecs.from(instance("vrrp_instance V3 {\n interface kjx0\n version 3\n"
                + " virtual_router_id 9\n advert_int 0.1\n virtual_ipaddress {\n  10.0.0.9\n }\n}\n"),
                InetAddress.getByName("10.0.0.1"));
        assertEquals(3, v3.version());
        assertEquals(10, v3.adverIntCs());
    }

    @Test
    void withoutAnySourceAddressTheInstanceCannotRun() throws Exception {
        VrrpInstance i = instance("vrrp_instance VI_1 {\n interface kjx0\n virtual_router_id 5\n"
                + " virtual_ipaddress {\n  10.0.0.5\n }\n}\n");
        assertEquals("(VI_1) no source address: interface kjx0 has no IPv4 address",
                assertThrows(IllegalArgumentException.class, () -> InstanceSpecs.from(i, null)).getMessage());
    }

    @Test
    void syncGroupTrackersAreEveryMembersOwn() throws Exception {
        var cfg = config("track_file tf {\n file /tmp/kj-none\n}\n"
                + "vrrp_track_process tp {\n process haproxy\n}\n"
                + "vrrp_script chk {\n script /bin/true\n}\n"
                + "vrrp_sync_group G {\n group {\n  A\n  B\n }\n"
                + " track_file {\n  tf weight 3\n }\n track_process {\n  tp\n }\n"
                + " track_script {\n  chk weight 5\n }\n track_interface {\n  kjx1\n }\n}\n"
                + "vrrp_instance A {\n interface kjx0\n virtual_router_id 1\n track_file {\n  tf weight 0\n }\n"
                + " virtual_ipaddress {\n  10.0.0.1\n }\n}\n"
                + "vrrp_instance B {\n interface kjx0\n virtual_router_id 2\n virtual_ipaddress {\n  10.0.0.2\n }\n}\n");
        var g = cfg.vrrp().syncGroups().get(0);
        InstanceSpec a = InstanceSpecs.from(cfg.vrrp().instance("A"), InetAddress.getByName("10.0.0.1"), n -> true, g);
        InstanceSpec b = InstanceSpecs.from(cfg.vrrp().instance("B"), InetAddress.getByName("10.0.0.1"), n -> true, g);
        // A tracks tf unweighted itself: the group's weight does not replace that (add_obj_to_track_file)
        assertEquals(List.of(new TrackedObject(new Tracked.Interface("kjx0"), 0, false),
                new TrackedObject(new Tracked.File("tf"), 0, false), new TrackedObject(new Tracked.Script("chk"), 5, false),
                new TrackedObject(new Tracked.Interface("kjx1"), 0, false),
                new TrackedObject(new Tracked.Process("tp"), 0, false)), a.trackers());
        assertEquals(List.of(new TrackedObject(new Tracked.Interface("kjx0"), 0, false),
                new TrackedObject(new Tracked.Script("chk"), 5, false), new TrackedObject(new Tracked.Interface("kjx1"), 0, false),
                new TrackedObject(new Tracked.File("tf"), 3, false), new TrackedObject(new Tracked.Process("tp"), 0, false)),
                b.trackers());
    }
}
