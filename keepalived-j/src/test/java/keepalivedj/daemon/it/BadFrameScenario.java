package keepalivedj.daemon.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import keepalivedj.daemon.it.lab.Capture;
import keepalivedj.daemon.it.lab.Daemon;
import keepalivedj.daemon.it.lab.Host;
import keepalivedj.daemon.it.lab.Implementation;
import keepalivedj.daemon.it.lab.KeepalivedConfig;
import keepalivedj.daemon.it.lab.KeepalivedConfig.Instance;
import keepalivedj.daemon.it.lab.Stats;
import keepalivedj.daemon.it.lab.VrrpFrames;
import keepalivedj.daemon.it.lab.VrrpFrames.Advert;
import keepalivedj.daemon.it.lab.VrrpLab;
import keepalivedj.daemon.it.lab.WireFrame;

/**
 * Bad frames injected into a running master: h1 runs VRRPv2 (auth PASS, VRID 51, priority 100) alone; the client
 * sends adverts for VRID 51 with priority 254 — each one broken in one way. Were any accepted, h1 would yield (a
 * higher-priority advert) and drop the VIP. After each frame the daemon's SIGUSR2 stats are read and the counter
 * deltas kept. A last, valid priority-254 advert must make h1 yield: proof the injected frames reach the daemon.
 */
public final class BadFrameScenario {
    static final String VIP = "10.99.0.100";
    static final String PASS = "lab51";

    /** The per-frame stats deltas (key "VI_51/Section/Counter"), in injection order. */
    public record Outcome(Map<String, Map<String, Long>> deltas, List<String> report) {
    }

    /** The frames, in injection order, with the word its drop counter must contain for keepalived-j. */
    public static final Map<String, String> REASON_WORD = new LinkedHashMap<>();

    static {
        REASON_WORD.put("checksum", "checksum");
        REASON_WORD.put("ttl", "ttl");
        REASON_WORD.put("version", "version");
        REASON_WORD.put("vrid", "vrid");
        REASON_WORD.put("auth", "auth");
        REASON_WORD.put("truncated", "length");
        REASON_WORD.put("random", "");
    }

    /**
     * What keepalived 2.2.7 counts for each frame (measured: it has counters for TTL, password and length only;
     * the other drops are logged or silent).
     */
    public static final Map<String, Map<String, Long>> KEEPALIVED_COUNTS = Map.of(
            "checksum", Map.of(),
            "ttl", Map.of("VI_51/Packet Errors/TTL", 1L),
            "version", Map.of(),
            "vrid", Map.of(),
            "auth", Map.of("VI_51/Authentication Errors/Failure", 1L),
            "truncated", Map.of("VI_51/Packet Errors/Length", 1L),
            "random", Map.of());

    /** A delta without the counters that move anyway while a master runs (adverts it sent). */
    public static Map<String, Long> dropCounters(Map<String, Long> delta) {
        Map<String, Long> m = new LinkedHashMap<>(delta);
        m.keySet().removeIf(k -> k.endsWith("Advertisements/Sent"));
        return m;
    }

    private BadFrameScenario() {
    }

    /** Polls the capture until a frame matches (tcpdump writes each frame at once). */
    static WireFrame awaitFrame(Capture cap, java.util.function.Predicate<WireFrame> p, long millis)
            throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000;
        do {
            for (WireFrame f : cap.frames()) {
                if (p.test(f)) {
                    return f;
                }
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no such frame within " + millis + " ms; capture:" + cap.adverts().around(
                Long.MAX_VALUE, 8));
    }

    public static Outcome run(Implementation impl) throws Exception {
        try (VrrpLab lab = VrrpLab.create(1)) {
            Host h1 = lab.host("h1");
            Host c = lab.client();
            Instance i = KeepalivedConfig.instance("VI_51").vrid(51).state("MASTER").priority(100).v2(1)
                    .authPass(PASS).vip(VIP + "/24");
            Capture cap = lab.capture("bad");
            Daemon d = h1.start(impl, new KeepalivedConfig("lab-h1").add(i));
            lab.awaitSoleHolder(VIP, h1, Duration.ofSeconds(8));
            Advert good = new Advert(c.mac(), c.ip4(), 2, 51, 254, 100, PASS, List.of(VIP), 255);
            Map<String, byte[]> bad = new LinkedHashMap<>();
            bad.put("checksum", VrrpFrames.badChecksum(good));
            bad.put("ttl", VrrpFrames.frame(good.withTtl(254)));
            bad.put("version", VrrpFrames.frame(good.withVersion(3)));
            bad.put("vrid", VrrpFrames.frame(good.withVrid(52)));
            bad.put("auth", VrrpFrames.frame(good.withPass("wrong")));
            bad.put("truncated", VrrpFrames.truncated(good));
            bad.put("random", VrrpFrames.randomPayload(good, 4242, 20));
            Map<String, Map<String, Long>> deltas = new LinkedHashMap<>();
            List<String> report = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : bad.entrySet()) {
                Map<String, Long> before = d.stats();
                long t = lab.inject(c, List.of(e.getValue()), 0);
                // The frame on the wire, then h1's next advert: it must still come within one interval (+150 ms).
                WireFrame sent = awaitFrame(cap, f -> f.micros() >= t && f.srcMac().equals(c.mac()), 3000);
                WireFrame next = awaitFrame(cap, f -> f.micros() > sent.micros() && f.isVrrp()
                        && f.srcIp().equals(h1.ip4()), 1000 + PairScenarios.LATE_MS + 1000);
                long after = next.micros() - sent.micros();
                PairScenarios.check(next.priority() == 100 && after <= 1_000_000 + PairScenarios.LATE_MS * 1000,
                        impl.display() + " after the '" + e.getKey() + "' frame: next advert " + next + " came "
                                + PairScenarios.ms(after) + " later (expected within one interval + "
                                + PairScenarios.LATE_MS + " ms, priority 100)");
                Map<String, Long> delta = Stats.delta(before, d.stats());
                deltas.put(e.getKey(), delta);
                report.add(String.format("%-10s %-12s next advert %s later; counters %s", e.getKey(), impl.shortName(),
                        PairScenarios.ms(after), delta));
                PairScenarios.check(h1.holds(VIP), impl.display() + " dropped the VIP after the '" + e.getKey()
                        + "' frame (it must ignore it)\n" + lab.describeDaemons());
            }
            lab.awaitHolders(VIP, Set.of(h1), Duration.ofSeconds(2), Duration.ofMillis(500));
            // Control: the same advert, valid: h1 must yield to it.
            lab.inject(c, List.of(VrrpFrames.frame(good)), 0);
            lab.awaitHolders(VIP, Set.of(), Duration.ofSeconds(2), Duration.ofMillis(50));
            report.add(String.format("%-10s %s: the same advert, valid, made h1 yield (VIP removed)", "control",
                    impl.shortName()));
            return new Outcome(deltas, report);
        }
    }
}
