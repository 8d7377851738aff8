package keepalivedj.daemon.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import keepalivedj.vrrp.spec.InstanceSpec;
import org.junit.jupiter.api.Test;

class VrrpDaemonTest {
    @Test
    void reloadComparesSpecsByValueIncludingTheAuthPassBytes() throws Exception {
        InetAddress src = InetAddress.getByName("10.0.0.1");
        InstanceSpec a = InstanceSpec.builder("VI_1", 51, src).auth(keepalivedj.vrrp.spec.AuthType.PASS,
                "pw".getBytes()).build();
        InstanceSpec b = InstanceSpec.builder("VI_1", 51, src).auth(keepalivedj.vrrp.spec.AuthType.PASS,
                "pw".getBytes()).build();
        InstanceSpec c = InstanceSpec.builder("VI_1", 51, src).auth(keepalivedj.vrrp.spec.AuthType.PASS,
                "other".getBytes()).build();
        InstanceSpec d = InstanceSpec.builder("VI_1", 51, src).priority(101).auth(
                keepalivedj.vrrp.spec.AuthType.PASS, "pw".getBytes()).build();
        assertTrue(VrrpDaemon.sameSpec(a, b), "equal content, distinct arrays");
        assertFalse(VrrpDaemon.sameSpec(a, c), "another password");
        assertFalse(VrrpDaemon.sameSpec(a, d), "another priority");
    }
}
