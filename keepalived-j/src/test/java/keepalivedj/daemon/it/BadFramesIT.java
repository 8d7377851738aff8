package keepalivedj.daemon.it;

import static keepalivedj.daemon.it.lab.Implementation.KEEPALIVED_J;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import keepalivedj.daemon.it.lab.Daemon;
import keepalivedj.daemon.it.lab.Capture;
import keepalivedj.daemon.it.lab.VrrpLab;
import keepalivedj.daemon.it.lab.WireFrame;
import keepalivedj.vrrp.packet.Advertisement;
import keepalivedj.vrrp.packet.Drop;
import keepalivedj.vrrp.packet.EthernetHeader;
import keepalivedj.vrrp.packet.Ipv4Header;
import keepalivedj.vrrp.packet.MacAddress;
import keepalivedj.vrrp.packet.VrrpCodec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bad frames injected into a running keepalived-j (MASTER, VRRPv2 auth PASS) through its bridge port: it stays
 * MASTER, keeps advertising, and its SIGUSR2 stats count each frame under its drop reason.
 */
class BadFramesIT {
    private static final int COPIES = 3;
    private static final int RANDOM = 7;
    /** Keys of keepalived-j's SIGUSR2 stats (lab.Stats): VI_51's drops by reason, eth0's frames for other VRIDs. */
    private static final String DROPS = "VI_51/Drops by reason/";
    private static final String UNKNOWN_VRID = "eth0/Frames for no configured VRID";

    @Test
    @DisplayName("wrong checksum, TTL, version, VRID, auth, truncated and random frames: state kept, each drop"
            + " counted by reason")
    void badFramesAreCountedAndIgnored() throws Exception {
        try (VrrpLab lab = VrrpLab.create(2); Capture cap = Capture.start(lab.switchNs());
             Daemon h1 = lab.host("h1").start(KEEPALIVED_J, VrrpDaemonIT.config("h1", "MASTER", 101, false, ""))) {
            h1.awaitLine("\\(VI_51\\) Entering MASTER STATE", 15_000);
            VrrpDaemonIT.awaitHolder(lab, "h1", 2_000);
            Map<String, Long> before = h1.stats();

            Map<Drop, List<byte[]>> bad = new LinkedHashMap<>();
            bad.put(Drop.BAD_CHECKSUM, List.of(corruptChecksum(frame(51, 100, 255, "lab51", 2))));
            bad.put(Drop.BAD_TTL, List.of(frame(51, 100, 64, "lab51", 2)));
            bad.put(Drop.WRONG_VERSION, List.of(frame(51, 100, 255, null, 3)));
            bad.put(Drop.AUTH_FAILURE, List.of(frame(51, 100, 255, "wrong", 2)));
            // 70 bytes with five addresses: cut to 62, still above Ethernet's 60-byte minimum, so no padding on the
            // way can make the IP length consistent again
            byte[] whole = frame(51, 100, 255, "lab51", 2, 5);
            bad.put(Drop.IP_LENGTH_MISMATCH, List.of(Arrays.copyOf(whole, whole.length - 8)));
            List<byte[]> frames = new ArrayList<>();
            for (List<byte[]> reason : bad.values()) {
                for (int k = 0; k < COPIES; k++) {
                    frames.addAll(reason);
                }
            }
            for (int k = 0; k < COPIES; k++) {
                frames.add(frame(52, 100, 255, "lab51", 2)); // a VRID nobody runs here
            }
            Random random = new Random(42);
            for (int k = 0; k < RANDOM; k++) {
                frames.add(randomVrrp(random));
            }
            // from the switch namespace straight out of h1's bridge port, so the bridge (br_netfilter, when
            // loaded, drops IPv4 with a bad length) never judges them
            long injected = lab.inject(lab.switchNs(), "p-h1", frames, 0);
            Thread.sleep(2_500);

            Map<String, Long> after = h1.stats();
            long counted = 0;
            for (Drop d : bad.keySet()) {
                long n = after.get(DROPS + d) - before.get(DROPS + d);
                assertEquals(COPIES, n, d + " counted once per frame; stats:\n" + after);
            }
            for (Drop d : Drop.values()) {
                counted += after.get(DROPS + d) - before.get(DROPS + d);
            }
            assertEquals(bad.size() * COPIES + RANDOM, counted, "every bad frame counted exactly once, the random"
                    + " ones under some reason");
            assertEquals(COPIES, after.get(UNKNOWN_VRID) - before.get(UNKNOWN_VRID),
                    "frames for VRID 52 counted on the interface");
            assertEquals(1, h1.count("Entering MASTER"), "no transition:\n" + h1.logText());
            assertEquals(0, h1.count("Entering BACKUP STATE$"), "no transition");
            assertTrue(lab.host("h1").holds(VrrpDaemonIT.VIP));
            long later = cap.stop().stream().filter(f -> f.kind() == WireFrame.Kind.ADVERT
                    && f.srcIp().equals("10.99.0.1") && f.priority() == 101 && f.micros() > injected).count();
            assertTrue(later >= 2, "still advertising at priority 101 once a second after the injection: " + later);
        }
    }

    /** A VRRP frame from 10.99.0.2 for the lab's VIP. */
    static byte[] frame(int vrid, int priority, int ttl, String pass, int version) throws Exception {
        return frame(vrid, priority, ttl, pass, version, 1);
    }

    static byte[] frame(int vrid, int priority, int ttl, String pass, int version, int addresses) throws Exception {
        List<InetAddress> vips = new ArrayList<>();
        for (int k = 0; k < addresses; k++) {
            vips.add(InetAddress.getByName("10.99.0." + (100 + k)));
        }
        Advertisement a = version == 2
                ? Advertisement.v2(vrid, priority, 1, pass.getBytes(StandardCharsets.US_ASCII), vips)
                : Advertisement.v3(vrid, priority, 100, vips);
        return VrrpCodec.encode(new EthernetHeader(MacAddress.VRRP_IPV4_MULTICAST,
                        MacAddress.parse("02:00:00:00:00:02"), 0x0800),
                Ipv4Header.forSending(7, ttl, 112, (Inet4Address) InetAddress.getByName("10.99.0.2"),
                        (Inet4Address) InetAddress.getByName("224.0.0.18")), a);
    }

    static byte[] corruptChecksum(byte[] f) {
        byte[] out = f.clone();
        out[14 + 20 + 6] ^= 0x5A;
        return out;
    }

    /** A valid IPv4 header (protocol 112, so the capture filter lets it in) over random bytes with VRID 51. */
    static byte[] randomVrrp(Random r) throws Exception {
        byte[] good = frame(51, 100, 255, "lab51", 2);
        int len = 1 + r.nextInt(40);
        byte[] out = Arrays.copyOf(good, 14 + 20 + len);
        for (int k = 14 + 20; k < out.length; k++) {
            out[k] = (byte) r.nextInt(256);
        }
        if (len > 1) {
            out[14 + 20 + 1] = 51;
        }
        out[14 + 2] = (byte) ((20 + len) >> 8); // IP total length matches what is there
        out[14 + 3] = (byte) (20 + len);
        out[14 + 10] = 0;
        out[14 + 11] = 0;
        int sum = 0;
        for (int k = 14; k < 34; k += 2) {
            sum += (out[k] & 0xFF) << 8 | (out[k + 1] & 0xFF);
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        out[14 + 10] = (byte) (~sum >> 8);
        out[14 + 11] = (byte) ~sum;
        return out;
    }
}
