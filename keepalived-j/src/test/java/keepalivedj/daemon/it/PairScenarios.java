package keepalivedj.daemon.it;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import keepalivedj.daemon.it.lab.AddressMonitor;
import keepalivedj.daemon.it.lab.Adverts;
import keepalivedj.daemon.it.lab.Capture;
import keepalivedj.daemon.it.lab.Host;
import keepalivedj.daemon.it.lab.Implementation;
import keepalivedj.daemon.it.lab.KeepalivedConfig;
import keepalivedj.daemon.it.lab.KeepalivedConfig.Instance;
import keepalivedj.daemon.it.lab.Span;
import keepalivedj.daemon.it.lab.VrrpLab;
import keepalivedj.daemon.it.lab.WireFrame;

/**
 * The failover scenarios of the integration matrix, each for one pairing: h1 (priority 101, the master) runs
 * {@code first}, h2 (priority 100, the backup) runs {@code second}. Each scenario builds its own lab, asserts
 * exactly one VIP holder after convergence and takeover times against the protocol's bound (from a capture on the
 * lab's bridge), and returns the measured times as lines for the test log.
 *
 * <p>Bounds: takeover (old master's last advert → new master's first) within [bound − {@value #EARLY_MS} ms,
 * bound + {@value #LATE_MS} ms], the bound being Master_Down_Interval of the backup, or its Skew_Time after a
 * priority-0 advert.
 */
public final class PairScenarios {
    static final long LATE_MS = 150;
    static final long EARLY_MS = 10;
    static final String VIP = "10.99.0.100";

    private final Implementation first;
    private final Implementation second;
    private final List<String> report = new ArrayList<>();

    public PairScenarios(Implementation first, Implementation second) {
        this.first = first;
        this.second = second;
    }

    public String label() {
        return first.shortName() + "(h1 master) x " + second.shortName() + "(h2 backup)";
    }

    public List<String> report() {
        return List.copyOf(report);
    }

    /** Start-up allowance on top of a protocol bound when a daemon has just been started (a JVM takes longer). */
    static long startAllowanceMicros(Implementation impl) {
        return impl == Implementation.KEEPALIVED_J ? 3_000_000 : 500_000;
    }

    private static Instance base() {
        return KeepalivedConfig.instance("VI_51").vrid(51).vip(VIP + "/24");
    }

    private static KeepalivedConfig conf(String routerId, Instance i) {
        return new KeepalivedConfig(routerId).add(i);
    }

    private static Instance master(Instance b) {
        return b.copy("VI_51").state("MASTER").priority(101);
    }

    private static Instance backup(Instance b) {
        return b.copy("VI_51").state("BACKUP").priority(100);
    }

    /** h1 first, until it alone holds the VIP; then h2 (which joins as backup). */
    private void startPair(VrrpLab lab, Instance i1, Instance i2) throws IOException, InterruptedException {
        Host h1 = lab.host("h1");
        Host h2 = lab.host("h2");
        h1.start(first, conf("lab-h1", i1));
        lab.awaitSoleHolder(VIP, h1, us(i1.masterDownMicros() + startAllowanceMicros(first) + 3_000_000));
        h2.start(second, conf("lab-h2", i2));
        // h2 must settle as backup: give it more than its own master-down interval, then h1 must still be alone.
        lab.awaitHolders(VIP, Set.of(h1), us(i2.masterDownMicros() + startAllowanceMicros(second)
                + 3_000_000), us(i2.masterDownMicros() + startAllowanceMicros(second)));
    }

    /** Sleeps a random 0.5..1.5 advert intervals, so the event falls at a random phase of the advert timer. */
    private static void randomPhase(Instance i) throws InterruptedException {
        long us = (long) (i.intervalMicros() * (0.5 + ThreadLocalRandom.current().nextDouble()));
        VrrpLab.pause(us(us));
    }

    /**
     * Takeover after an event at {@code eventMicros}: the new master's first advert after the event, the old
     * master's last advert before that; asserts the gap is within [bound − EARLY, bound + LATE].
     */
    static long assertTakeover(Adverts a, Host oldMaster, Host newMaster, long eventMicros, long boundMicros,
                               String what) {
        Optional<WireFrame> nf = a.first(newMaster.ip4(), eventMicros, f -> f.priority() > 0);
        check(nf.isPresent(), what + ": no advert from " + newMaster + " after the event" + a.around(eventMicros, 8));
        Optional<WireFrame> lf = a.last(oldMaster.ip4(), nf.get().micros());
        check(lf.isPresent(), what + ": no advert from " + oldMaster + " before the takeover");
        long gap = nf.get().micros() - lf.get().micros();
        check(gap <= boundMicros + LATE_MS * 1000 && gap >= boundMicros - EARLY_MS * 1000,
                what + ": " + oldMaster + "'s last advert -> " + newMaster + "'s first advert took " + ms(gap)
                        + ", expected " + ms(boundMicros) + " (-" + EARLY_MS + "/+" + LATE_MS + " ms)"
                        + a.around(nf.get().micros(), 6));
        return gap;
    }

    // ------------------------------------------------------------------ scenarios

    /**
     * VRRPv2, auth PASS, advert_int 1: SIGKILL the master at a random phase; the backup takes over one
     * Master_Down_Interval after the master's last advert; the restarted master (which clears its stale VIP)
     * preempts and is the only holder again.
     */
    public void crashV2AuthThenRestart() throws Exception {
        Instance b = base().v2(1).authPass("lab51");
        crashThenRestart(b, "v2 auth PASS advert_int 1");
    }

    /** The same with VRRPv3 at advert_int 0.1. */
    public void crashV3ThenRestart() throws Exception {
        crashThenRestart(base().v3(10), "v3 advert_int 0.1");
    }

    /** VRRPv3 0.1 with unicast peers instead of multicast. */
    public void unicastCrashThenRestart() throws Exception {
        crashThenRestart(base().v3(10), "v3 0.1 unicast");
    }

    private void crashThenRestart(Instance b, String what) throws Exception {
        boolean unicast = what.contains("unicast");
        try (VrrpLab lab = VrrpLab.create(2)) {
            Host h1 = lab.host("h1");
            Host h2 = lab.host("h2");
            Instance i1 = master(b);
            Instance i2 = backup(b);
            if (unicast) {
                i1.unicast(h1.ip4(), h2.ip4());
                i2.unicast(h2.ip4(), h1.ip4());
            }
            Capture cap = lab.capture("crash");
            startPair(lab, i1, i2);
            randomPhase(i1);
            long kill = h1.crash();
            // The killed master's kernel keeps the VIP (nobody removes it); among live daemons h2 must be the one.
            lab.awaitHolders(VIP, Set.of(h1, h2), us(i2.masterDownMicros() + 2_000_000),
                    Duration.ofMillis(100));
            Adverts a = cap.adverts();
            long takeover = assertTakeover(a, h1, h2, kill, i2.masterDownMicros(), what + " crash");
            check(a.from(h1.ip4(), h1.daemon().killedMicros() + 1000, Long.MAX_VALUE).isEmpty(),
                    "adverts from h1 after SIGKILL");
            long kill2adv = a.first(h2.ip4(), kill).orElseThrow().micros() - kill;
            if (unicast) {
                for (WireFrame f : a.from(h2.ip4(), kill, Long.MAX_VALUE)) {
                    check(f.dstIp().equals(h1.ip4()), "unicast advert to " + f.dstIp() + ": " + f);
                }
            }
            check(!a.garps(VIP).stream().filter(f -> f.micros() > kill && f.srcMac().equals(h2.mac())).toList()
                    .isEmpty(), "no gratuitous ARP from h2 after its takeover");

            long restart = h1.start(first, conf("lab-h1", i1)).startMicros();
            lab.awaitSoleHolder(VIP, h1, us(i1.masterDownMicros() + startAllowanceMicros(first)
                    + 2_000_000));
            a = cap.adverts();
            WireFrame back = a.first(h1.ip4(), restart).orElseThrow();
            long startToAdvert = back.micros() - restart;
            check(startToAdvert >= i1.masterDownMicros() - EARLY_MS * 1000
                            && startToAdvert <= i1.masterDownMicros() + startAllowanceMicros(first) + LATE_MS * 1000,
                    what + " restart: first advert of the restarted master " + ms(startToAdvert)
                            + " after its start, expected its Master_Down_Interval " + ms(i1.masterDownMicros())
                            + " + start-up (it starts as BACKUP and discards the lower-priority adverts)");
            List<WireFrame> late = a.from(h2.ip4(), back.micros() + 5000, Long.MAX_VALUE);
            check(late.isEmpty(), what + " restart: h2 kept advertising after h1's preempting advert: " + late);
            report.add(String.format("%-34s %s: takeover %s (bound %s), SIGKILL->first advert %s, restart->preempt %s",
                    what + " crash+restart", label(), ms(takeover), ms(i2.masterDownMicros()), ms(kill2adv),
                    ms(startToAdvert)));
        }
    }

    /** VRRPv3 0.1: SIGTERM the master; one priority-0 advert; the backup takes over after its Skew_Time. */
    public void gracefulStop() throws Exception {
        Instance b = base().v3(10);
        try (VrrpLab lab = VrrpLab.create(2)) {
            Host h1 = lab.host("h1");
            Host h2 = lab.host("h2");
            Instance i2 = backup(b);
            Capture cap = lab.capture("term");
            startPair(lab, master(b), i2);
            randomPhase(b);
            long term = h1.stop();
            lab.awaitSoleHolder(VIP, h2, Duration.ofSeconds(3));
            Adverts a = cap.adverts();
            List<WireFrame> zero = a.from(h1.ip4(), term, Long.MAX_VALUE).stream().filter(f -> f.priority() == 0)
                    .toList();
            check(zero.size() == 1, "graceful: expected one priority-0 advert from h1 after SIGTERM, saw " + zero
                    + a.around(term, 6));
            long sigToZero = zero.get(0).micros() - term;
            WireFrame nf = a.first(h2.ip4(), zero.get(0).micros()).orElseThrow();
            long handover = nf.micros() - zero.get(0).micros();
            long bound = i2.skewMicros();
            check(handover >= bound - EARLY_MS * 1000 && handover <= bound + LATE_MS * 1000,
                    "graceful: priority-0 advert -> h2's first advert " + ms(handover) + ", expected Skew_Time "
                            + ms(bound) + a.around(nf.micros(), 6));
            report.add(String.format("%-34s %s: SIGTERM->prio 0 %s, prio 0->takeover %s (skew %s)",
                    "v3 0.1 graceful stop", label(), ms(sigToZero), ms(handover), ms(bound)));
        }
    }

    /**
     * VRRPv3 0.1: true partition (h1's bridge port disabled, carrier up): h2 takes over one Master_Down_Interval
     * after h1's last advert that crossed, both hold the VIP while blocked. After unblocking, what the protocol
     * promises: h1, still master, advertises within one Advertisement_Interval of its port forwarding again
     * (+150 ms), and h2, a master that receives that higher-priority advert, cancels its Adver_Timer and goes
     * Backup (RFC 5798 §6.4.3): no advert of h2's later than h1's first advert after the heal (+150 ms). Both
     * count from what the capture saw or from when the {@code bridge} command had returned, never from before it
     * was started: on a loaded machine the port came back up to 250 ms after that.
     */
    public void partitionAndHeal() throws Exception {
        Instance b = base().v3(10);
        try (VrrpLab lab = VrrpLab.create(2)) {
            Host h1 = lab.host("h1");
            Host h2 = lab.host("h2");
            Instance i2 = backup(b);
            Capture cap = lab.capture("block");
            startPair(lab, master(b), i2);
            randomPhase(b);
            Span block = h1.block();
            lab.awaitHolders(VIP, Set.of(h1, h2), us(i2.masterDownMicros() + 2_000_000),
                    Duration.ofMillis(1000));
            Adverts a = cap.adverts();
            long takeover = assertTakeover(a, h1, h2, block.startMicros(), i2.masterDownMicros(), "partition");
            Span unblock = h1.unblock();
            lab.awaitSoleHolder(VIP, h1, Duration.ofSeconds(3));
            a = cap.adverts();
            // While blocked none of h1's frames reach the bridge: its first one after the unblock is the heal.
            WireFrame heal = a.first(h1.ip4(), unblock.startMicros()).orElseThrow(
                    () -> new AssertionError("heal: no advert from h1 after unblocking its port"));
            check(heal.micros() <= unblock.endMicros() + b.intervalMicros() + LATE_MS * 1000, "heal: h1's first advert"
                    + " came " + ms(heal.micros() - unblock.endMicros()) + " after its port forwarded again, expected"
                    + " within one advert interval " + ms(b.intervalMicros()) + " + " + LATE_MS + " ms"
                    + a.around(heal.micros(), 6));
            List<WireFrame> h2late = a.from(h2.ip4(), heal.micros() + LATE_MS * 1000, Long.MAX_VALUE);
            check(h2late.isEmpty(), "heal: h2 still advertising more than " + LATE_MS + " ms after h1's"
                    + " higher-priority advert reached it: " + h2late + a.around(heal.micros(), 6));
            WireFrame lastH2 = a.last(h2.ip4(), Long.MAX_VALUE).orElseThrow();
            report.add(String.format("%-34s %s: takeover %s (bound %s), unblock command %s, ->h1's first advert %s,"
                            + " ->h2's last advert %s", "v3 0.1 partition (block) + heal", label(), ms(takeover),
                    ms(i2.masterDownMicros()), ms(unblock.micros()), ms(heal.micros() - unblock.endMicros()),
                    ms(lastH2.micros() - heal.micros())));
        }
    }

    /**
     * VRRPv3 0.1: link cut (bridge port down, carrier loss): h1 goes FAULT and drops the VIP, h2 takes over one
     * Master_Down_Interval after h1's last advert; only h2 holds the VIP; after the heal h1 preempts within its
     * Master_Down_Interval of the link coming back, i.e. of the {@code ip link set up} having returned.
     */
    public void linkCutAndHeal() throws Exception {
        Instance b = base().v3(10);
        try (VrrpLab lab = VrrpLab.create(2)) {
            Host h1 = lab.host("h1");
            Host h2 = lab.host("h2");
            Instance i1 = master(b);
            Instance i2 = backup(b);
            Capture cap = lab.capture("cut");
            startPair(lab, i1, i2);
            randomPhase(b);
            Span cut = h1.cut();
            lab.awaitSoleHolder(VIP, h2, us(i2.masterDownMicros() + 2_000_000));
            Adverts a = cap.adverts();
            long takeover = assertTakeover(a, h1, h2, cut.startMicros(), i2.masterDownMicros(), "cut");
            Span uncut = h1.uncut();
            lab.awaitSoleHolder(VIP, h1, us(i1.masterDownMicros() + 3_000_000));
            a = cap.adverts();
            WireFrame back = a.first(h1.ip4(), uncut.startMicros(), f -> f.priority() > 0).orElseThrow();
            long heal = back.micros() - uncut.endMicros();
            check(heal <= i1.masterDownMicros() + LATE_MS * 1000, "heal after cut: h1 preempted " + ms(heal)
                    + " after the link came back, expected within its Master_Down_Interval " + ms(i1.masterDownMicros())
                    + " + " + LATE_MS + " ms");
            report.add(String.format("%-34s %s: takeover %s (bound %s), uncut->h1 back %s (bound %s)",
                    "v3 0.1 link cut (FAULT) + heal", label(), ms(takeover), ms(i2.masterDownMicros()), ms(heal),
                    ms(i1.masterDownMicros())));
        }
    }

    /**
     * nopreempt: both BACKUP, h1 (101, nopreempt) joins while h2 (100) is master and must leave it master; when
     * h2 crashes, h1 takes over within its Master_Down_Interval.
     */
    public void nopreempt() throws Exception {
        Instance b = base().v3(10).nopreempt();
        try (VrrpLab lab = VrrpLab.create(2)) {
            Host h1 = lab.host("h1");
            Host h2 = lab.host("h2");
            Instance i1 = b.copy("VI_51").state("BACKUP").priority(101);
            Instance i2 = b.copy("VI_51").state("BACKUP").priority(100);
            Capture cap = lab.capture("nopreempt");
            h2.start(second, conf("lab-h2", i2));
            lab.awaitSoleHolder(VIP, h2, us(i2.masterDownMicros() + startAllowanceMicros(second)
                    + 3_000_000));
            long joined = h1.start(first, conf("lab-h1", i1)).startMicros();
            // Five of h1's own master-down intervals after its start-up: h2 must still be the only holder.
            Duration watch = us(startAllowanceMicros(first) + 5 * i1.masterDownMicros());
            lab.awaitHolders(VIP, Set.of(h2), watch.plusSeconds(2), watch);
            Adverts a = cap.adverts();
            check(a.from(h1.ip4(), joined, Long.MAX_VALUE).isEmpty(), "nopreempt: h1 advertised though h2 is master: "
                    + a.from(h1.ip4(), joined, Long.MAX_VALUE));
            randomPhase(i2);
            long kill = h2.crash();
            lab.awaitHolders(VIP, Set.of(h1, h2), Duration.ofSeconds(3), Duration.ofMillis(100));
            long takeover = assertTakeover(cap.adverts(), h2, h1, kill, i1.masterDownMicros(), "nopreempt crash");
            report.add(String.format("%-34s %s: no preemption for %d ms; takeover after crash %s (bound %s)",
                    "v3 0.1 nopreempt", label(), watch.toMillis(), ms(takeover), ms(i1.masterDownMicros())));
        }
    }

    /**
     * track_interface: h1 tracks trk0 (a veth inside h1). trk0 down → h1 FAULT: priority-0 advert, VIP removed,
     * h2 takes over after its Skew_Time; trk0 up → h1 preempts again.
     */
    public void trackInterface() throws Exception {
        Instance b = base().v3(10);
        try (VrrpLab lab = VrrpLab.create(2)) {
            Host h1 = lab.host("h1");
            Host h2 = lab.host("h2");
            h1.addLocalLink("trk0", "trk1");
            Instance i1 = master(b).trackInterface("trk0");
            Instance i2 = backup(b);
            Capture cap = lab.capture("track");
            startPair(lab, i1, i2);
            randomPhase(b);
            Span down = h1.linkDown("trk0");
            lab.awaitSoleHolder(VIP, h2, Duration.ofSeconds(3));
            Adverts a = cap.adverts();
            WireFrame zero = a.first(h1.ip4(), down.startMicros(), f -> f.priority() == 0).orElseThrow(() -> new AssertionError(
                    "track_interface: no priority-0 advert from h1 after its tracked interface went down"));
            WireFrame nf = a.first(h2.ip4(), zero.micros()).orElseThrow();
            long handover = nf.micros() - zero.micros();
            check(handover >= i2.skewMicros() - EARLY_MS * 1000 && handover <= i2.skewMicros() + LATE_MS * 1000,
                    "track_interface: priority-0 -> h2's first advert " + ms(handover) + ", expected Skew_Time "
                            + ms(i2.skewMicros()));
            Span up = h1.linkUp("trk0");
            lab.awaitSoleHolder(VIP, h1, us(i1.masterDownMicros() + 3_000_000));
            WireFrame back = cap.adverts().first(h1.ip4(), up.startMicros(), f -> f.priority() > 0).orElseThrow();
            long heal = back.micros() - up.endMicros(); // trk0 came up before `ip link set up` returned
            check(heal <= i1.masterDownMicros() + LATE_MS * 1000, "track_interface: h1 back " + ms(heal)
                    + " after trk0 up, expected within " + ms(i1.masterDownMicros()) + " + " + LATE_MS + " ms");
            report.add(String.format("%-34s %s: down->prio 0 %s, prio 0->takeover %s (skew %s), up->h1 back %s",
                    "v3 0.1 track_interface", label(), ms(zero.micros() - down.startMicros()), ms(handover),
                    ms(i2.skewMicros()),
                    ms(heal)));
        }
    }

    /**
     * A VIP deleted by hand on the master: the VIP must be held again by exactly one host within the backup's
     * Master_Down_Interval (+150 ms), and the pair ends with h1 alone holding it.
     */
    public void vipRemovedByHand() throws Exception {
        Instance b = base().v3(10);
        try (VrrpLab lab = VrrpLab.create(2)) {
            Host h1 = lab.host("h1");
            Host h2 = lab.host("h2");
            Instance i1 = master(b);
            Instance i2 = backup(b);
            startPair(lab, i1, i2);
            AddressMonitor m1 = lab.monitor(h1);
            AddressMonitor m2 = lab.monitor(h2);
            randomPhase(b);
            Span deletion = h1.deleteAddress(VIP + "/24");
            long del = deletion.startMicros();
            lab.awaitSoleHolder(VIP, h1, us(i2.masterDownMicros() + i1.masterDownMicros() + 3_000_000));
            Optional<AddressMonitor.Event> again = m1.first(VIP, true, del);
            Optional<AddressMonitor.Event> onH2 = m2.first(VIP, true, del);
            long firstBack = Math.min(again.map(AddressMonitor.Event::micros).orElse(Long.MAX_VALUE),
                    onH2.map(AddressMonitor.Event::micros).orElse(Long.MAX_VALUE));
            check(firstBack != Long.MAX_VALUE, "VIP removed by hand: never added again (monitor)");
            long gap = firstBack - deletion.endMicros(); // the address was gone before `ip addr del` returned
            check(gap <= i2.masterDownMicros() + LATE_MS * 1000, "VIP removed by hand: back after " + ms(gap)
                    + ", expected within " + ms(i2.masterDownMicros()) + " + " + LATE_MS + " ms");
            report.add(String.format("%-34s %s: VIP added again on h1 after %s, on h2 after %s (bound %s), then h1"
                            + " alone", "v3 0.1 VIP removed by hand", label(),
                    again.map(e -> ms(e.micros() - del)).orElse("never"),
                    onH2.map(e -> ms(e.micros() - del)).orElse("never"), ms(i2.masterDownMicros())));
        }
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }

    static Duration us(long micros) {
        return Duration.of(micros, java.time.temporal.ChronoUnit.MICROS);
    }

    static String ms(long micros) {
        return String.format("%.1f ms", micros / 1000.0);
    }
}
