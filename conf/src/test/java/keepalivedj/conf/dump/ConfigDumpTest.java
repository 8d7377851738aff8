package keepalivedj.conf.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import keepalivedj.conf.Position;
import org.junit.jupiter.api.Test;

class ConfigDumpTest {
    enum State { MASTER, BACKUP }

    record Vip(InetAddress address, int prefixLength, String dev) {
    }

    record Instance(Position position, String name, State state, int priority, long advertIntervalMicros,
                    long preemptDelayMicros, String notifyMaster, List<Vip> virtualIpaddress, boolean nopreempt) {
    }

    @Test
    void recordsBecomeSnakeCaseYamlWithSecondsAndNoPositionsOrNulls() throws Exception {
        Instance i = new Instance(new Position("k.conf", 3, 1), "VI_1", State.BACKUP, 100, 1_000_000, 1_500, null,
                List.of(new Vip(InetAddress.getByName("10.0.0.1"), 32, "eth0")), false);
        assertEquals(String.join("\n",
                "name: VI_1",
                "state: BACKUP",
                "priority: 100",
                "advert_interval: 1",
                "preempt_delay: 0.0015",
                "virtual_ipaddress:",
                "- address: 10.0.0.1",
                "  prefix_length: 32",
                "  dev: eth0",
                "nopreempt: false",
                ""), ConfigDump.toYaml(i));
    }

    @Test
    void ipv6AddressesInTheirShortForm() throws Exception {
        assertEquals("ff02::12", ConfigDump.address(InetAddress.getByName("ff02:0:0:0:0:0:0:12")));
        assertEquals("2001:db8::1:0:0:1", ConfigDump.address(InetAddress.getByName("2001:db8:0:0:1:0:0:1")));
        assertEquals("::", ConfigDump.address(InetAddress.getByName("::")));
        assertEquals("fe80::1", ConfigDump.address(InetAddress.getByName("fe80::1")));
        assertEquals("2001:db8:0:1:1:1:1:1", ConfigDump.address(InetAddress.getByName("2001:db8:0:1:1:1:1:1")));
        assertEquals("10.0.0.1", ConfigDump.address(InetAddress.getByName("10.0.0.1")));
    }

    @Test
    void snakeCase() {
        assertEquals("vrrp_garp_master_delay", ConfigDump.snake("vrrpGarpMasterDelay"));
        assertEquals("vrid", ConfigDump.snake("vrid"));
        assertEquals("ip_vs", ConfigDump.snake("ipVS"));
    }
}
