package keepalivedj.daemon.it.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import keepalivedj.daemon.it.lab.KeepalivedConfig.Instance;

/**
 * The VRRP benchmark: the same lab and the same measurements for each implementation, one after the other, then one
 * table with both columns and the ratios. Method as in keepalived-baseline.md (times from a capture on the lab's
 * bridge; footprint from /proc over an idle window). Launched by tools/bench/vrrp-bench.sh; needs root.
 *
 * <pre>VrrpBench [--impl keepalived,keepalived-j] [--runs N] [--runs-v2 N] [--idle SECONDS] [--idle-windows K]
 *           [--spacing SECONDS] [--only crash,handover,spacing,idle,start]</pre>
 */
public final class VrrpBench {
    private static final String VIP = "10.99.0.100";

    /** One measured quantity: samples (ms, KiB, ...) or the reason it could not be measured. */
    record Cell(List<Double> samples, String error, String unit) {
        static Cell of(List<Double> s, String unit) {
            return new Cell(List.copyOf(s), null, unit);
        }

        static Cell failed(String why) {
            return new Cell(List.of(), why, "");
        }

        double median() {
            List<Double> s = new ArrayList<>(samples);
            Collections.sort(s);
            int n = s.size();
            return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        }

        String text() {
            if (error != null) {
                return "n/a: " + error;
            }
            if (samples.size() == 1) {
                return fmt(samples.get(0)) + " " + unit;
            }
            return String.format(Locale.ROOT, "%s [%s..%s] %s n=%d", fmt(median()), fmt(Collections.min(samples)),
                    fmt(Collections.max(samples)), unit, samples.size());
        }
    }

    private final int runs;
    private final int runsV2;
    private final int idleSeconds;
    /**
     * Idle windows measured one after the other on the same daemon (--idle-windows): one process's CPU time over
     * one 60 s window varies by about 1.5 ms (tools/bench/jvm-floor.sh), as much as the difference being measured.
     */
    private int idleWindows = 3;
    private final int spacingSeconds;
    /** Which groups of rows to measure (--only); all by default. */
    private Set<String> only;
    /** row label → implementation → cell; insertion order is the table's. */
    private final Map<String, Map<Implementation, Cell>> rows = new LinkedHashMap<>();

    VrrpBench(int runs, int runsV2, int idleSeconds, int spacingSeconds) {
        this.runs = runs;
        this.runsV2 = runsV2;
        this.idleSeconds = idleSeconds;
        this.spacingSeconds = spacingSeconds;
    }

    public static void main(String[] args) throws Exception {
        List<Implementation> impls = List.of(Implementation.KEEPALIVED_227, Implementation.KEEPALIVED_J);
        int runs = 10;
        int runsV2 = 5;
        int idle = 60;
        int idleWindows = 3;
        int spacing = 30;
        Set<String> only = Set.of("crash", "handover", "spacing", "idle", "start");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--impl" -> impls = java.util.Arrays.stream(args[++i].split(","))
                        .map(Implementation::parse).toList();
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--runs-v2" -> runsV2 = Integer.parseInt(args[++i]);
                case "--idle" -> idle = Integer.parseInt(args[++i]);
                case "--idle-windows" -> idleWindows = Integer.parseInt(args[++i]);
                case "--spacing" -> spacing = Integer.parseInt(args[++i]);
                case "--only" -> only = Set.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        VrrpBench b = new VrrpBench(runs, runsV2, idle, spacing);
        b.only = only;
        b.idleWindows = Math.max(1, idleWindows);
        for (Implementation impl : impls) {
            b.measure(impl);
        }
        b.print(impls);
    }

    private void put(String row, Implementation impl, Cell c) {
        rows.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(impl, c);
        System.err.printf("  %-58s %s%n", row, c.text());
    }

    private interface Measurement {
        void run() throws Exception;
    }

    /** Runs a measurement; on failure every row it would fill says why (so the other implementation still runs). */
    private void guarded(Implementation impl, List<String> rowNames, Measurement m) {
        try {
            m.run();
        } catch (Throwable t) {
            String msg = t.getMessage() == null ? t.toString() : t.getMessage();
            List<String> lines = msg.lines().filter(l -> !l.isBlank()).toList();
            String why = lines.stream().filter(l -> l.contains("not implemented yet; ")).findFirst()
                    .map(l -> l.substring(0, l.indexOf("; "))).orElse(lines.isEmpty() ? t.toString() : lines.get(0));
            if (why.length() > 90) {
                why = why.substring(0, 90) + "...";
            }
            System.err.println("  " + impl.display() + " failed: " + (lines.isEmpty() ? t : lines.get(0)));
            for (String r : rowNames) {
                if (!rows.containsKey(r) || !rows.get(r).containsKey(impl)) {
                    put(r, impl, Cell.failed(why));
                }
            }
        }
    }

    void measure(Implementation impl) {
        System.err.println("== " + impl.display());
        Instance v2 = KeepalivedConfig.instance("VI_51").vrid(51).v2(1).authPass("lab51").vip(VIP + "/24");
        Instance v3 = KeepalivedConfig.instance("VI_51").vrid(51).v3(10).vip(VIP + "/24");
        String c2 = "crash detection v2 1 s: last advert -> backup's first (bound "
                + Timing.ms(Timing.masterDownMicros(2, 100, 100)) + ")";
        String c3 = "crash detection v3 0.1 s (bound " + Timing.ms(Timing.masterDownMicros(3, 10, 100)) + ")";
        String k2 = "SIGKILL -> backup's first advert, v2 1 s";
        String p2 = "priority-0 handover v2 1 s: prio 0 -> backup's first (skew "
                + Timing.ms(Timing.skewMicros(2, 100, 100)) + ")";
        String p3 = "priority-0 handover v3 0.1 s (skew " + Timing.ms(Timing.skewMicros(3, 10, 100)) + ")";
        String t2 = "SIGTERM -> priority-0 advert, v2";
        if (only.contains("crash")) {
            guarded(impl, List.of(c2, k2), () -> crashes(impl, v2, runsV2, c2, k2));
            guarded(impl, List.of(c3), () -> crashes(impl, v3, runs, c3, null));
        }
        if (only.contains("handover")) {
            guarded(impl, List.of(p2, t2), () -> handovers(impl, v2, runsV2, p2, t2));
            guarded(impl, List.of(p3), () -> handovers(impl, v3, runs, p3, null));
        }
        for (int cs : only.contains("spacing") ? new int[] {100, 1} : new int[0]) {
            String mean = "advert spacing " + (cs == 100 ? "v2 1 s" : "v3 0.01 s") + ": mean";
            String sd = "advert spacing " + (cs == 100 ? "v2 1 s" : "v3 0.01 s") + ": stddev";
            Instance i = cs == 100 ? v2 : KeepalivedConfig.instance("VI_51").vrid(51).v3(1).vip(VIP + "/24");
            guarded(impl, List.of(mean, sd), () -> spacing(impl, i, cs == 100 ? spacingSeconds
                    : Math.max(5, spacingSeconds / 3), mean, sd));
        }
        for (int n : only.contains("idle") ? new int[] {1, 100} : new int[0]) {
            String what = n + " instance" + (n > 1 ? "s" : "");
            String rss = "idle " + what + ": RSS";
            String pss = "idle " + what + ": PSS";
            String cpu = "idle " + what + ": CPU time per " + idleSeconds + " s";
            String startCpu = "start-up " + what + ": CPU time, first " + SETTLED_S + " s";
            guarded(impl, List.of(rss, pss, cpu, startCpu), () -> footprint(impl, n, rss, pss, cpu, startCpu));
        }
        String st = "start -> first advert (priority 255 owner, state MASTER)";
        if (only.contains("start")) {
            guarded(impl, List.of(st), () -> startToAdvert(impl, st));
        }
    }

    private static KeepalivedConfig conf(String id, Instance... is) {
        KeepalivedConfig c = new KeepalivedConfig(id);
        for (Instance i : is) {
            c.add(i);
        }
        return c;
    }

    private static long startAllowance(Implementation impl) {
        return impl == Implementation.KEEPALIVED_J ? 5_000_000 : 1_000_000;
    }

    private static Duration us(long micros) {
        return Duration.of(micros, java.time.temporal.ChronoUnit.MICROS);
    }

    private void startPair(VrrpLab lab, Implementation impl, Instance i1, Instance i2) throws Exception {
        lab.host("h1").start(impl, conf("lab-h1", i1));
        lab.awaitSoleHolder(VIP, lab.host("h1"), us(i1.masterDownMicros() + startAllowance(impl) + 2_000_000));
        lab.host("h2").start(impl, conf("lab-h2", i2));
        lab.awaitHolders(VIP, Set.of(lab.host("h1")), us(i2.masterDownMicros() + startAllowance(impl) + 2_000_000),
                us(i2.masterDownMicros() + startAllowance(impl) / 2));
    }

    private static void randomPhase(Instance i) throws InterruptedException {
        VrrpLab.pause(us((long) (i.intervalMicros() * (0.5 + ThreadLocalRandom.current().nextDouble()))));
    }

    /** n × (SIGKILL h1 at a random phase, measure, restart h1, wait until it preempted). */
    private void crashes(Implementation impl, Instance base, int n, String row, String killRow) throws Exception {
        try (VrrpLab lab = VrrpLab.create(2)) {
            Host h1 = lab.host("h1");
            Host h2 = lab.host("h2");
            Instance i1 = base.copy("VI_51").state("MASTER").priority(101);
            Instance i2 = base.copy("VI_51").state("BACKUP").priority(100);
            Capture cap = lab.capture("crash");
            startPair(lab, impl, i1, i2);
            List<Double> detect = new ArrayList<>();
            List<Double> kill2adv = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                randomPhase(i1);
                long kill = h1.crash();
                lab.awaitHolders(VIP, Set.of(h1, h2), us(i2.masterDownMicros() + 2_000_000), Duration.ofMillis(50));
                Adverts a = cap.adverts();
                WireFrame first = a.first(h2.ip4(), kill).orElseThrow();
                WireFrame last = a.last(h1.ip4(), first.micros()).orElseThrow();
                detect.add((first.micros() - last.micros()) / 1000.0);
                kill2adv.add((first.micros() - kill) / 1000.0);
                h1.start(impl, conf("lab-h1", i1));
                lab.awaitSoleHolder(VIP, h1, us(i1.masterDownMicros() + startAllowance(impl) + 2_000_000));
            }
            put(row, impl, Cell.of(detect, "ms"));
            if (killRow != null) {
                put(killRow, impl, Cell.of(kill2adv, "ms"));
            }
        }
    }

    /** n × (SIGTERM h1, priority-0 advert → h2's first advert, restart h1, wait until it preempted). */
    private void handovers(Implementation impl, Instance base, int n, String row, String termRow) throws Exception {
        try (VrrpLab lab = VrrpLab.create(2)) {
            Host h1 = lab.host("h1");
            Host h2 = lab.host("h2");
            Instance i1 = base.copy("VI_51").state("MASTER").priority(101);
            Instance i2 = base.copy("VI_51").state("BACKUP").priority(100);
            Capture cap = lab.capture("term");
            startPair(lab, impl, i1, i2);
            List<Double> handover = new ArrayList<>();
            List<Double> termToZero = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                randomPhase(i1);
                long term = h1.stop();
                lab.awaitSoleHolder(VIP, h2, Duration.ofSeconds(3));
                Adverts a = cap.adverts();
                WireFrame zero = a.first(h1.ip4(), term, f -> f.priority() == 0).orElseThrow(
                        () -> new AssertionError("no priority-0 advert after SIGTERM"));
                WireFrame first = a.first(h2.ip4(), zero.micros()).orElseThrow();
                handover.add((first.micros() - zero.micros()) / 1000.0);
                termToZero.add((zero.micros() - term) / 1000.0);
                h1.start(impl, conf("lab-h1", i1));
                lab.awaitSoleHolder(VIP, h1, us(i1.masterDownMicros() + startAllowance(impl) + 2_000_000));
            }
            put(row, impl, Cell.of(handover, "ms"));
            if (termRow != null) {
                put(termRow, impl, Cell.of(termToZero, "ms"));
            }
        }
    }

    /** A lone master's adverts over a window: mean and standard deviation of the intervals. */
    private void spacing(Implementation impl, Instance base, int seconds, String meanRow, String sdRow)
            throws Exception {
        try (VrrpLab lab = VrrpLab.create(1)) {
            Host h1 = lab.host("h1");
            Instance i = base.copy("VI_51").state("MASTER").priority(100);
            h1.start(impl, conf("lab-h1", i));
            lab.awaitSoleHolder(VIP, h1, us(i.masterDownMicros() + startAllowance(impl) + 2_000_000));
            VrrpLab.pause(Duration.ofMillis(500));
            Capture cap = lab.capture("spacing");
            long from = Sh.nowMicros();
            VrrpLab.pause(Duration.ofSeconds(seconds));
            h1.daemon().assertRunning();
            List<Double> iv = cap.adverts().intervalsMs(h1.ip4(), from, Long.MAX_VALUE);
            if (iv.size() < 2) {
                throw new AssertionError("only " + iv.size() + " intervals captured");
            }
            double mean = iv.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double var = iv.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (iv.size() - 1);
            put(meanRow, impl, new Cell(List.of(mean), null, String.format(Locale.ROOT, "ms (%d intervals, max %s)",
                    iv.size(), fmt(Collections.max(iv)))));
            put(sdRow, impl, new Cell(List.of(Math.sqrt(var)), null, "ms"));
        }
    }

    /**
     * Seconds after the daemon's start before its idle window opens: keepalived-j releases the pages start-up
     * touched 30 s after start and what its JIT warm-up touched 90 s after start (keepalivedj.daemon.io.StartupPages
     * and Daemon), one-offs like the warm-up itself; the window measures the steady state of both daemons, and the
     * start-up row shows what came before it.
     */
    static final int SETTLED_S = 120;

    /**
     * h1 alone with n instances (VRID 1..n, all becoming MASTER), idle window after the GARP rounds and
     * {@link #SETTLED_S} after start; the CPU time before the window is its own row (threads that ended before the
     * window opened are not in it).
     */
    private void footprint(Implementation impl, int n, String rssRow, String pssRow, String cpuRow, String startRow)
            throws Exception {
        try (VrrpLab lab = VrrpLab.create(1)) {
            Host h1 = lab.host("h1");
            KeepalivedConfig c = new KeepalivedConfig("lab-h1");
            for (int k = 1; k <= n; k++) {
                c.add(KeepalivedConfig.instance("VI_" + k).vrid(k).state("MASTER").priority(100).v2(1)
                        .vip(VrrpLab.SUBNET + (99 + k) + "/24"));
            }
            Daemon d = h1.start(impl, c);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (h1.ipv4Addresses().size() < n + 1) {
                d.assertRunning();
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("only " + (h1.ipv4Addresses().size() - 1) + " of " + n
                            + " VIPs after 20 s");
                }
                Thread.sleep(100);
            }
            VrrpLab.pause(Duration.ofSeconds(7)); // the second GARP round comes 5 s after mastership
            long settledMicros = d.startMicros() + SETTLED_S * 1_000_000L - Sh.nowMicros();
            if (settledMicros > 0) {
                VrrpLab.pause(Duration.ofNanos(settledMicros * 1000));
            }
            Capture cap = lab.capture("idle");
            List<Long> pids = d.pids();
            Footprint before = Footprint.of(pids);
            put(startRow, impl, new Cell(List.of(before.cpuNanos() / 1e6), null, String.format(Locale.ROOT,
                    "ms (from start to %.1f s)", (Sh.nowMicros() - d.startMicros()) / 1e6)));
            List<Double> cpuMs = new ArrayList<>();
            Footprint after = before;
            double total = 0;
            for (int w = 0; w < idleWindows; w++) { // consecutive windows, each its own sample
                long t0 = System.nanoTime();
                VrrpLab.pause(Duration.ofSeconds(idleSeconds));
                d.assertRunning();
                Footprint next = Footprint.of(pids);
                double secs = (System.nanoTime() - t0) / 1e9;
                cpuMs.add(next.cpuNanosSince(after) / 1e6 * idleSeconds / secs);
                total += secs;
                after = next;
            }
            long adverts = cap.adverts().from(h1.ip4()).size();
            put(rssRow, impl, new Cell(List.of((double) after.rssKiB()), null,
                    "KiB (" + after.processes() + " proc, " + after.threads() + " threads)"));
            put(pssRow, impl, new Cell(List.of((double) after.pssKiB()), null, "KiB"));
            double mean = cpuMs.stream().mapToDouble(Double::doubleValue).average().orElseThrow(); // idleWindows >= 1
            put(cpuRow, impl, new Cell(cpuMs, null, String.format(Locale.ROOT,
                    "ms (mean %.2f, %.3f %% CPU, %d adverts in %.0f s)", mean, mean / 10.0 / idleSeconds, adverts,
                    total)));
        }
    }

    /** n × (start a priority-255 owner; time from the process start to its first advert). */
    private void startToAdvert(Implementation impl, String row) throws Exception {
        try (VrrpLab lab = VrrpLab.create(1)) {
            Host h1 = lab.host("h1");
            Instance i = KeepalivedConfig.instance("VI_51").vrid(51).state("MASTER").priority(255).v3(100)
                    .vip(VIP + "/24");
            Capture cap = lab.capture("start");
            List<Double> t = new ArrayList<>();
            for (int r = 0; r < Math.max(3, runs / 2); r++) {
                Daemon d = h1.start(impl, conf("lab-h1", i));
                WireFrame first = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (first == null && System.nanoTime() < deadline) {
                    d.assertRunning();
                    first = cap.adverts().first(h1.ip4(), d.startMicros()).orElse(null);
                }
                if (first == null) {
                    throw new AssertionError("no advert within 15 s of the start");
                }
                t.add((first.micros() - d.startMicros()) / 1000.0);
                h1.stop();
            }
            put(row, impl, Cell.of(t, "ms"));
        }
    }

    void print(List<Implementation> impls) {
        StringBuilder s = new StringBuilder("\n| measurement |");
        impls.forEach(i -> s.append(' ').append(i.display()).append(" |"));
        boolean ratio = impls.size() == 2;
        if (ratio) {
            s.append(" ratio (").append(impls.get(1).shortName()).append(" / ").append(impls.get(0).shortName())
                    .append(", medians) |");
        }
        s.append("\n|---|");
        impls.forEach(i -> s.append("---|"));
        if (ratio) {
            s.append("---|");
        }
        s.append('\n');
        for (Map.Entry<String, Map<Implementation, Cell>> row : rows.entrySet()) {
            s.append("| ").append(row.getKey()).append(" |");
            for (Implementation i : impls) {
                Cell c = row.getValue().get(i);
                s.append(' ').append(c == null ? "-" : c.text()).append(" |");
            }
            if (ratio) {
                Cell a = row.getValue().get(impls.get(0));
                Cell b = row.getValue().get(impls.get(1));
                boolean ok = a != null && b != null && a.error() == null && b.error() == null && a.median() != 0;
                s.append(' ').append(ok ? String.format(Locale.ROOT, "%.2f", b.median() / a.median()) : "-")
                        .append(" |");
            }
            s.append('\n');
        }
        System.out.println(s);
    }

    static String fmt(double v) {
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
