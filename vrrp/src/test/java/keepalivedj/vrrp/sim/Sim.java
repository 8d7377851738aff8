package keepalivedj.vrrp.sim;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import keepalivedj.vrrp.fsm.Action;
import keepalivedj.vrrp.fsm.Event;
import keepalivedj.vrrp.fsm.State;
import keepalivedj.vrrp.fsm.Timer;
import keepalivedj.vrrp.fsm.Timing;
import keepalivedj.vrrp.fsm.VrrpMachine;
import keepalivedj.vrrp.packet.EthernetHeader;
import keepalivedj.vrrp.packet.Ipv4Header;
import keepalivedj.vrrp.packet.Ipv6Header;
import keepalivedj.vrrp.packet.MacAddress;
import keepalivedj.vrrp.packet.MalformedPacketException;
import keepalivedj.vrrp.packet.VrrpCodec;
import keepalivedj.vrrp.packet.VrrpPacket;
import keepalivedj.vrrp.spec.InstanceSpec;
import keepalivedj.vrrp.spec.Tracked;
import keepalivedj.vrrp.sync.SyncGroup;

/**
 * A simulated LAN and clock for N routers running the real codec and state machines. Frames are really encoded
 * and decoded; the network can lose, delay, duplicate and reorder them, and be partitioned into segments.
 * Invariants are checked after every event:
 * <ol>
 *   <li>while {@link #expectConverged} is on: exactly one MASTER per VRID on each connected segment, and no
 *       BACKUP that may preempt outranks it;</li>
 *   <li>a BACKUP takes over no later than Master_Down_Interval after the last advert it heard (Skew_Time after a
 *       priority-0 advert);</li>
 *   <li>every transition has a cause: the event that produced it allows that transition.</li>
 * </ol>
 * The first violation is recorded with a trace of the preceding events; the simulation stops there.
 */
public final class Sim {
    /** The interface tracked with weight 0 by every instance, as keepalived tracks its own interface. */
    public static final Tracked LINK = new Tracked.Interface("eth0");

    private record Scheduled(long at, long seq, Runnable what) {
    }

    /** A state change seen on the LAN, for scenario assertions. */
    public record Change(long atUs, String node, String instance, State from, State to) {
    }

    private final List<Change> changes = new ArrayList<>();

    /** One router: its machines by VRID, an optional sync group, and its link. */
    public final class Node {
        public final String name;
        final int index;
        final MacAddress mac;
        final List<InstanceSpec> specs;
        final List<String> syncMembers;
        final Map<Integer, VrrpMachine> byVrid = new LinkedHashMap<>();
        final Map<String, Observed> observed = new HashMap<>();
        SyncGroup group;
        boolean alive;
        boolean linkUp = true;
        int segment;
        int ipId = 1;
        int generation;

        Node(String name, int index, List<InstanceSpec> specs, List<String> syncMembers) {
            this.name = name;
            this.index = index;
            this.mac = new MacAddress(0x02_00_00_00_00_00L | index);
            this.specs = specs;
            this.syncMembers = syncMembers;
        }

        public VrrpMachine machine(int vrid) {
            return byVrid.get(vrid);
        }

        public boolean alive() {
            return alive;
        }
    }

    /** What the harness saw a machine hear, for the takeover bound. */
    private static final class Observed {
        long lastHeardUs;
        boolean lastWasZero;
        /** A priority change re-computes the pending down timer (§d.1); it may fall due at the change itself. */
        long priorityChangedUs = -1;
    }

    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final SplittableRandom random;
    private final List<Node> nodes = new ArrayList<>();
    private final ArrayDeque<String> trace = new ArrayDeque<>();
    private final boolean fullTrace;
    private long seq;
    private long now;
    private String violation;
    private int transitions;
    private long framesDelivered;

    public double loss;
    public double duplication;
    public long delayMinUs = 100;
    public long delayJitterUs;
    /** While true, invariant 1 (exactly one MASTER per VRID per segment) is checked after every event. */
    public boolean expectConverged;

    public Sim(long seed, boolean fullTrace) {
        this.random = new SplittableRandom(seed);
        this.fullTrace = fullTrace;
    }

    public Node addNode(String name, List<InstanceSpec> specs, List<String> syncMembers) {
        Node n = new Node(name, nodes.size() + 1, specs, syncMembers);
        nodes.add(n);
        return n;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public long now() {
        return now;
    }

    public String violation() {
        return violation;
    }

    public int transitions() {
        return transitions;
    }

    public long framesDelivered() {
        return framesDelivered;
    }

    public List<Change> changes() {
        return changes;
    }

    /** Changes into {@code to} of {@code node}/{@code instance}, in order. */
    public List<Long> timesOf(String node, String instance, State to) {
        return changes.stream().filter(c -> c.node().equals(node) && c.instance().equals(instance) && c.to() == to)
                .map(Change::atUs).toList();
    }

    public SplittableRandom random() {
        return random;
    }

    // ---- control, scheduled or immediate ------------------------------------------------------------------

    public void at(long t, Runnable r) {
        queue.add(new Scheduled(t, seq++, r));
    }

    /** (Re)starts a node with fresh machines, as a keepalived restart would. */
    public void start(Node n) {
        n.alive = true;
        n.generation++;
        n.byVrid.clear();
        n.observed.clear();
        List<VrrpMachine> members = new ArrayList<>();
        for (InstanceSpec s : n.specs) {
            VrrpMachine m = new VrrpMachine(s);
            n.byVrid.put(s.vrid(), m);
            if (n.syncMembers.contains(s.name())) {
                members.add(m);
            }
            Observed o = new Observed();
            o.lastHeardUs = now;
            n.observed.put(s.name(), o);
        }
        n.group = members.size() > 1 ? new SyncGroup("G_" + n.name, members) : null;
        log(n.name + " start");
        for (InstanceSpec s : n.specs) {
            step(n, s.name(), Event.STARTED);
        }
        if (!n.linkUp) {
            for (InstanceSpec s : n.specs) {
                step(n, s.name(), new Event.TrackerChanged(LINK, false));
            }
        }
    }

    /** SIGKILL: the node stops at once, sending nothing. */
    public void crash(Node n) {
        log(n.name + " crash");
        n.alive = false;
    }

    /** SIGTERM: masters send priority 0, then the node is gone. */
    public void stop(Node n) {
        log(n.name + " stop");
        for (InstanceSpec s : n.specs) {
            step(n, s.name(), Event.STOPPED);
        }
        n.alive = false;
    }

    public void link(Node n, boolean up) {
        if (n.linkUp == up) {
            return;
        }
        log(n.name + " link " + (up ? "up" : "down"));
        n.linkUp = up;
        if (n.alive) {
            for (InstanceSpec s : n.specs) {
                step(n, s.name(), new Event.TrackerChanged(LINK, up));
            }
        }
    }

    public void tracker(Node n, String tracker, boolean up) {
        log(n.name + " tracker " + tracker + (up ? " up" : " down"));
        if (n.alive) {
            for (InstanceSpec s : n.specs) {
                step(n, s.name(), new Event.TrackerChanged(new Tracked.Script(tracker), up));
            }
        }
    }

    public void segment(Node n, int segment) {
        if (n.segment != segment) {
            log(n.name + " moves to segment " + segment);
            n.segment = segment;
        }
    }

    /** Runs every event up to and including {@code until}; returns false once an invariant was violated. */
    public boolean runUntil(long until) {
        while (violation == null && !queue.isEmpty() && queue.peek().at <= until) {
            Scheduled s = queue.poll();
            now = Math.max(now, s.at);
            s.what.run();
            if (violation == null) {
                checkInvariants();
            }
        }
        now = Math.max(now, until);
        return violation == null;
    }

    // ---- machines -----------------------------------------------------------------------------------------

    private void step(Node n, String instance, Event e) {
        VrrpMachine m = machineByName(n, instance);
        Map<String, State> before = states(n);
        Map<String, Integer> prioBefore = new HashMap<>();
        Map<String, Long> downDeadline = new HashMap<>();
        for (VrrpMachine x : n.byVrid.values()) {
            prioBefore.put(x.spec().name(), x.effectivePriority());
            downDeadline.put(x.spec().name(), x.deadline(Timer.MASTER_DOWN));
        }
        List<SyncGroup.MemberAction> out = new ArrayList<>();
        if (n.group != null && n.group.member(instance) != null) {
            out.addAll(n.group.step(instance, e, now));
        } else {
            for (Action a : m.step(e, now)) {
                out.add(new SyncGroup.MemberAction(instance, a));
            }
        }
        List<Action.Transition> seen = new ArrayList<>();
        for (SyncGroup.MemberAction ma : out) {
            Action a = ma.action();
            if (a instanceof Action.Transition t) {
                checkCause(n, ma.instance(), instance, e, t, seen, prioBefore, downDeadline);
                seen.add(t);
                transitions++;
                changes.add(new Change(now, n.name, ma.instance(), t.from(), t.to()));
                log(n.name + "/" + ma.instance() + " " + t.from() + " -> " + t.to() + " (" + t.cause() + ")");
                Observed o = n.observed.get(ma.instance());
                if (o != null && t.to() == State.BACKUP) {
                    o.lastHeardUs = now;
                    o.lastWasZero = false;
                }
            } else {
                execute(n, ma.instance(), a);
            }
        }
        for (VrrpMachine x : n.byVrid.values()) {
            Observed o = n.observed.get(x.spec().name());
            if (o != null && x.effectivePriority() != prioBefore.get(x.spec().name())) {
                o.priorityChangedUs = now;
            }
        }
        if (m != null && before.get(instance) != m.state() && seen.isEmpty()) {
            fail("state of " + n.name + "/" + instance + " changed without a Transition action");
        }
    }

    private void execute(Node n, String instance, Action a) {
        if (a instanceof Action.SendAdvert s) {
            send(n, s);
        } else if (a instanceof Action.ArmTimer t) {
            int gen = n.generation;
            at(Math.max(now, t.atUs()), () -> {
                if (n.alive && n.generation == gen) {
                    step(n, instance, new Event.TimerExpired(t.timer()));
                }
            });
        } else if (a instanceof Action.Log l && fullTrace) {
            log(n.name + " log " + l.text());
        }
        // Address changes, GARPs, notifies and cancels have no effect on the simulated LAN.
    }

    private void send(Node n, Action.SendAdvert s) {
        if (!n.alive || !n.linkUp) {
            return;
        }
        for (InetAddress dst : s.destinations()) {
            byte[] frame;
            if (s.source() instanceof Inet4Address src) {
                frame = VrrpCodec.encode(new EthernetHeader(MacAddress.VRRP_IPV4_MULTICAST, n.mac, 0x0800),
                        Ipv4Header.forSending(n.ipId++ & 0xFFFF, s.ttl(), 112, src, (Inet4Address) dst), s.advert());
            } else {
                frame = VrrpCodec.encode(new EthernetHeader(MacAddress.VRRP_IPV6_MULTICAST, n.mac, 0x86dd),
                        Ipv6Header.forSending(112, s.ttl(), (Inet6Address) s.source(), (Inet6Address) dst), s.advert());
            }
            if (fullTrace) {
                log(n.name + " sends vrid " + s.advert().vrid() + " prio " + s.advert().priority());
            }
            for (Node to : nodes) {
                if (to != n && to.segment == n.segment && random.nextDouble() >= loss) {
                    int copies = random.nextDouble() < duplication ? 2 : 1;
                    for (int c = 0; c < copies; c++) {
                        long delay = delayMinUs + (delayJitterUs > 0 ? random.nextLong(delayJitterUs + 1) : 0);
                        byte[] f = frame;
                        at(now + delay, () -> deliver(to, f));
                    }
                }
            }
        }
    }

    private void deliver(Node n, byte[] frame) {
        if (!n.alive || !n.linkUp) {
            return;
        }
        VrrpPacket p;
        try {
            p = VrrpCodec.decode(frame);
        } catch (MalformedPacketException e) {
            fail("our own frame did not decode: " + e.getMessage());
            return;
        }
        VrrpMachine m = n.byVrid.get(p.advert().vrid());
        if (m == null) {
            return;
        }
        framesDelivered++;
        long dropsBefore = m.drops().snapshot().values().stream().mapToLong(Long::longValue).sum();
        String name = m.spec().name();
        step(n, name, new Event.AdvertReceived(p));
        long dropsAfter = m.drops().snapshot().values().stream().mapToLong(Long::longValue).sum();
        Observed o = n.observed.get(name);
        if (dropsAfter == dropsBefore && o != null) {
            o.lastHeardUs = now;
            o.lastWasZero = p.advert().priority() == 0;
        }
    }

    // ---- invariants ---------------------------------------------------------------------------------------

    private void checkInvariants() {
        for (Node n : nodes) {
            if (!n.alive) {
                continue;
            }
            for (VrrpMachine m : n.byVrid.values()) {
                if (m.state() != State.BACKUP || (n.group != null && n.group.member(m.spec().name()) != null
                        && m.wantState() == State.MASTER)) {
                    continue; // sync-group members held in BACKUP wait for their siblings by design (§d.1)
                }
                Observed o = n.observed.get(m.spec().name());
                int v = m.spec().version();
                long bound = o.lastHeardUs + (o.lastWasZero
                        ? Timing.skewTimeUs(v, m.effectivePriority(), m.masterAdverIntCs())
                        : Timing.masterDownIntervalUs(v, m.effectivePriority(), m.masterAdverIntCs(),
                        m.spec().downTimerAdverts()));
                bound = Math.max(bound, o.priorityChangedUs);
                if (now > bound) {
                    fail(n.name + "/" + m.spec().name() + " still BACKUP at " + now + " µs, last advert heard at "
                            + o.lastHeardUs + (o.lastWasZero ? " (priority 0)" : "") + ": bound " + bound);
                    return;
                }
            }
        }
        if (expectConverged) {
            Map<String, Integer> masters = new HashMap<>();
            Map<String, Boolean> eligible = new HashMap<>();
            for (Node n : nodes) {
                if (!n.alive || !n.linkUp) {
                    continue;
                }
                for (VrrpMachine m : n.byVrid.values()) {
                    String key = "segment " + n.segment + " VRID " + m.spec().vrid();
                    if (m.state() == State.MASTER || m.state() == State.BACKUP) {
                        eligible.put(key, true);
                    }
                    if (m.state() == State.MASTER) {
                        masters.merge(key, 1, Integer::sum);
                    }
                }
            }
            for (String key : eligible.keySet()) {
                int count = masters.getOrDefault(key, 0);
                if (count != 1) {
                    fail("after convergence: " + count + " MASTERs on " + key);
                    return;
                }
            }
            checkPreemption();
        }
    }

    /**
     * Part of invariant 1: after convergence the MASTER is not outranked by a BACKUP that may preempt
     * (RFC 5798 §6.4.2: a higher-priority backup with Preempt_Mode discards the master's adverts and takes over).
     */
    private void checkPreemption() {
        for (Node n : nodes) {
            for (VrrpMachine m : n.byVrid.values()) {
                if (!n.alive || !n.linkUp || m.state() != State.MASTER) {
                    continue;
                }
                for (Node o : nodes) {
                    VrrpMachine b = o.byVrid.get(m.spec().vrid());
                    if (o != n && o.alive && o.linkUp && o.segment == n.segment && b != null
                            && b.state() == State.BACKUP && !b.spec().nopreempt()
                            && b.effectivePriority() > m.effectivePriority()) {
                        fail("after convergence: " + o.name + "/" + b.spec().name() + " (priority "
                                + b.effectivePriority() + ") is BACKUP under MASTER " + n.name + " (priority "
                                + m.effectivePriority() + ")");
                        return;
                    }
                }
            }
        }
    }

    /** Invariant 3: the event (or, inside a sync group, a sibling's transition in the same step) explains it. */
    private void checkCause(Node n, String who, String target, Event e, Action.Transition t,
                            List<Action.Transition> earlier, Map<String, Integer> prioBefore,
                            Map<String, Long> downDeadline) {
        if (t.cause() == null || t.cause().isBlank()) {
            fail("transition without a cause text: " + t);
            return;
        }
        boolean tracking = e instanceof Event.TrackerChanged || e instanceof Event.TrackFileChanged;
        boolean ok;
        if (!who.equals(target)) {
            // a sibling follows a transition earlier in this step, or the group's fault set/cleared by tracking
            boolean faultEdge = t.to() == State.FAULT || t.from() == State.FAULT;
            ok = earlier.stream().anyMatch(s -> s.to() == t.to() || (s.from() == State.FAULT && t.from() == State.FAULT))
                    || (faultEdge && tracking);
        } else if (t.to() == State.STOP) {
            ok = e instanceof Event.Stopped;
        } else if (t.from() == State.INIT) {
            ok = e instanceof Event.Started;
        } else if (t.to() == State.FAULT || t.from() == State.FAULT) {
            ok = tracking;
        } else if (t.from() == State.BACKUP && t.to() == State.MASTER) {
            long due = downDeadline.getOrDefault(who, -1L);
            ok = e instanceof Event.TimerExpired te && te.timer() == Timer.MASTER_DOWN && due >= 0 && now >= due;
        } else if (t.from() == State.MASTER && t.to() == State.BACKUP) {
            ok = e instanceof Event.AdvertReceived a && outranks(a.packet(), prioBefore.get(who),
                    machineByName(n, who).spec().sourceAddress());
        } else {
            ok = false;
        }
        if (!ok) {
            fail("transition " + n.name + "/" + who + " " + t.from() + " -> " + t.to() + " has no cause in " + e);
        }
    }

    private static boolean outranks(VrrpPacket p, int ours, InetAddress ourIp) {
        int prio = p.advert().priority();
        int cmp = java.util.Arrays.compareUnsigned(p.ip().source().getAddress(), ourIp.getAddress());
        return prio > ours || (prio == ours && cmp > 0) || (prio == 255 && ours == 255);
    }

    private static VrrpMachine machineByName(Node n, String instance) {
        for (VrrpMachine m : n.byVrid.values()) {
            if (m.spec().name().equals(instance)) {
                return m;
            }
        }
        return null;
    }

    private static Map<String, State> states(Node n) {
        Map<String, State> s = new HashMap<>();
        for (VrrpMachine m : n.byVrid.values()) {
            s.put(m.spec().name(), m.state());
        }
        return s;
    }

    private void fail(String what) {
        if (violation == null) {
            violation = "at " + now + " µs: " + what;
            log("VIOLATION " + violation);
        }
    }

    private void log(String line) {
        trace.addLast(String.format("%12d %s", now, line));
        if (!fullTrace && trace.size() > 60) {
            trace.removeFirst();
        }
    }

    public String trace() {
        return String.join("\n", trace);
    }
}
