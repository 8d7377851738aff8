package keepalivedj.daemon.it.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** keepalived's SIGUSR2 stats file, as 2.2.7 wrote it in the lab, flattened and diffed. */
class StatsTest {
    static final String SAMPLE = """
            VRRP Instance: VI_51
              Advertisements:
                Received: 0
                Sent: 2
              Became master: 1
              Released master: 0
              Packet Errors:
                Length: 0
                TTL: 3
                Invalid Type: 0
                Advertisement Interval: 0
                Address List: 0
              Authentication Errors:
                Invalid Type: 0
                Type Mismatch: 0
                Failure: 0
              Priority Zero:
                Received: 0
                Sent: 0
            """;

    @Test
    void flattensSectionsIntoPaths() {
        Map<String, Long> m = Stats.parse(SAMPLE);
        assertEquals(14, m.size());
        assertEquals(2L, m.get("VI_51/Advertisements/Sent"));
        assertEquals(1L, m.get("VI_51/Became master"));
        assertEquals(3L, m.get("VI_51/Packet Errors/TTL"));
        assertEquals(0L, m.get("VI_51/Authentication Errors/Invalid Type"));
        assertEquals(0L, m.get("VI_51/Priority Zero/Received"));
    }

    @Test
    void deltaKeepsOnlyWhatMoved() {
        Map<String, Long> before = Stats.parse(SAMPLE);
        Map<String, Long> after = Stats.parse(SAMPLE.replace("Sent: 2", "Sent: 3").replace("Failure: 0", "Failure: 1")
                + "  Drops:\n    BAD_CHECKSUM: 1\nInterface: eth0\n  Frames for no configured VRID: 2\n");
        assertEquals(Map.of("VI_51/Advertisements/Sent", 1L, "VI_51/Authentication Errors/Failure", 1L,
                "VI_51/Drops/BAD_CHECKSUM", 1L, "eth0/Frames for no configured VRID", 2L), Stats.delta(before, after));
    }
}
