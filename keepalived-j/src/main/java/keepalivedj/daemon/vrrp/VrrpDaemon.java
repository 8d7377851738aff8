package keepalivedj.daemon.vrrp;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import keepalivedj.conf.model.KeepalivedConfig;
import keepalivedj.conf.model.ScriptCommand;
import keepalivedj.conf.model.VrrpAddress;
import keepalivedj.conf.model.VrrpInstance;
import keepalivedj.conf.model.VrrpNotifyScripts;
import keepalivedj.conf.model.VrrpSyncGroup;
import keepalivedj.conf.validate.ScriptSecurity.Verdict;
import keepalivedj.conf.model.VrrpScript;
import keepalivedj.daemon.exec.ScriptLaunch;
import keepalivedj.daemon.exec.ScriptRunner;
import keepalivedj.daemon.exec.ScriptTracker;
import keepalivedj.daemon.exec.TrackScriptScheduler;
import keepalivedj.daemon.io.InterfaceFacts;
import keepalivedj.daemon.mail.AlertFormat;
import keepalivedj.daemon.mail.AlertGate;
import keepalivedj.daemon.mail.MailSettings;
import keepalivedj.daemon.mail.SmtpAlerter;
import keepalivedj.daemon.io.MulticastMembership;
import keepalivedj.daemon.io.PcapLink;
import keepalivedj.daemon.io.RawIpSender;
import keepalivedj.daemon.io.ReceivedFrame;
import keepalivedj.daemon.log.DaemonLog;
import keepalivedj.daemon.notify.NotifyDispatcher;
import keepalivedj.daemon.notify.NotifyScripts;
import keepalivedj.daemon.notify.NotifyState;
import keepalivedj.daemon.track.Trackers;
import keepalivedj.healthcheck.io.LinuxSockets;
import keepalivedj.netlink.KernelErrorException;
import keepalivedj.netlink.NetlinkException;
import keepalivedj.netlink.route.RtnlAddress;
import keepalivedj.netlink.route.RtnlAddresses;
import keepalivedj.netlink.route.RtnlEvent;
import keepalivedj.netlink.route.RtnlLink;
import keepalivedj.netlink.route.RtnlRoutes;
import keepalivedj.conf.model.VrrpRoute;
import keepalivedj.conf.model.VrrpRule;
import keepalivedj.vrrp.spec.VirtualRoute;
import keepalivedj.vrrp.spec.VirtualRule;
import keepalivedj.vrrp.fsm.Action;
import keepalivedj.vrrp.fsm.Event;
import keepalivedj.vrrp.fsm.State;
import keepalivedj.vrrp.fsm.Timer;
import keepalivedj.vrrp.fsm.VrrpMachine;
import keepalivedj.vrrp.packet.GratuitousArp;
import keepalivedj.vrrp.packet.IpHeader;
import keepalivedj.vrrp.packet.Ipv6Header;
import keepalivedj.vrrp.packet.MacAddress;
import keepalivedj.vrrp.packet.MalformedPacketException;
import keepalivedj.vrrp.packet.UnsolicitedNa;
import keepalivedj.vrrp.packet.VrrpCodec;
import keepalivedj.vrrp.packet.VrrpPacket;
import keepalivedj.vrrp.rx.DropCounters;
import keepalivedj.vrrp.spec.InstanceSpec;
import keepalivedj.vrrp.spec.Tracked;
import keepalivedj.vrrp.spec.VirtualAddress;
import keepalivedj.vrrp.sync.SyncGroup;

/**
 * The VRRP side of the daemon: every vrrp_instance's machine, its sync group and its timers on one
 * {@link EventLoop}, and the small executors that carry out the machines' actions: frames through
 * {@link PcapLink} (multicast adverts, GARPs, NAs) and {@link RawIpSender} (unicast adverts), addresses through
 * rtnetlink, notifications through {@link NotifyDispatcher}, lines through {@link DaemonLog}. Receive threads
 * (pcap, rtnetlink events) only post to the loop. Every method except the constructor, {@link #start}'s
 * preparation and {@link #prepareTrackers} runs on the loop thread.
 */
public final class VrrpDaemon {

    /** What the command line decides. */
    /**
     * @param releaseOnStop      not {@code -V}: remove VIPs, routes and rules at stop
     * @param addressMonitoring  {@code -a}: log every address rtnetlink reports added or deleted
     */
    public record Settings(boolean releaseOnStop, boolean addressMonitoring) {
    }

    /** One interface the daemon sends and receives VRRP on. */
    /** How soon an expired Master_Down_Timer is tried again while frames wait unread ({@link #expire}). */
    private static final long FRAME_WAIT_RETRY_US = 1_000;

    private static final class Link {
        InterfaceFacts facts;
        MacAddress mac;
        PcapLink pcap;
        RawIpSender raw;
        final List<MulticastMembership> groups = new ArrayList<>();
        final DropCounters unattributed = new DropCounters(); // frames we could not tie to an instance
        long unknownVrid;
    }

    private final EventLoop loop;
    private final DaemonLog log;
    private final Settings settings;
    private final NotifyDispatcher notify;
    private final RtnlAddresses rtnl;
    private final RtnlRoutes routes;
    private final Map<String, Link> links = new LinkedHashMap<>();
    private final Map<String, Boolean> linkUp = new HashMap<>();
    private final Map<String, Integer> ifIndex = new HashMap<>();
    private final List<Instance> instances = new ArrayList<>();
    private final Map<String, SyncGroup> groups = new LinkedHashMap<>();
    /** While {@link #stop} stops the instances: their groups' notifies, written after every instance's. */
    private List<Action.Notify> stopGroupNotifies;
    /** While a batch of instances starts: their notifications, sent in keepalived's order once all have started. */
    private StartNotifies starting;
    /**
     * Sync groups whose members all started as address owners (state MASTER, priority 255): keepalived 2.2.7
     * writes no GROUP line (and runs no group script) on their way to MASTER, only each owner's MASTER.
     */
    private final Set<String> ownerGroupsStarting = new HashSet<>();
    private final Map<String, NotifyScripts> groupScripts = new HashMap<>();
    private final ThreadFactory threads;
    private final ScriptRunner runner;
    private final ScheduledExecutorService scriptTicker;
    private final Map<String, TrackScriptScheduler> trackScripts = new HashMap<>();
    private final Map<String, VrrpScript> trackScriptConfig = new HashMap<>();
    private final Map<String, ScriptTracker.Status> scriptStatus = new HashMap<>();
    private Trackers trackers; // the track_file watcher and process scanner the instances follow
    private KeepalivedConfig config;
    private SmtpAlerter alerter;
    private AlertGate alertGate;
    private MailSettings mailSettings;
    private Map<ScriptCommand, Verdict> verdicts;
    private LinkWatcher watcher;
    private int ipId;
    /** The frame the loop's kernel wait sent for the expiry being stepped ({@link #advertsSentByLoop}), or null. */
    private byte[] sentByLoop;
    /** False while an expiry the kernel wait already followed is stepped: its re-arm is in the past. */
    private boolean armAfterStep = true;
    private long lastStepUs = Long.MIN_VALUE; // the latest "now" a machine was stepped with
    private boolean stopping;

    public VrrpDaemon(EventLoop loop, DaemonLog log, Settings settings, NotifyDispatcher notify, ScriptRunner runner)
            throws IOException {
        this.loop = loop;
        this.runner = runner;
        this.scriptTicker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vrrp-script-ticks");
            t.setDaemon(true);
            return t;
        });
        this.log = log;
        this.settings = settings;
        this.notify = notify;
        try {
            this.rtnl = RtnlAddresses.open();
            this.routes = RtnlRoutes.open();
        } catch (NetlinkException e) {
            throw new IOException("cannot open rtnetlink: " + e.getMessage(), e);
        }
        AtomicInteger n = new AtomicInteger();
        this.threads = r -> {
            Thread t = new Thread(r, "vrrp-rx-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ---- start ------------------------------------------------------------------------------------------------

    /**
     * Opens the interfaces, builds the machines (failing on a configuration that cannot run: a missing interface
     * or no source address, as keepalived 2.2.7 does without dynamic_interfaces), subscribes to link and address
     * events, writes the init_files and reads the trackers' first values, then (on the loop) restores the
     * interfaces and starts every instance.
     */
    public void start(KeepalivedConfig cfg, Map<ScriptCommand, Verdict> scripts) throws IOException {
        this.config = cfg;
        this.verdicts = scripts;
        configureMail(cfg);
        refreshLinks();
        List<Instance> built = build(cfg);
        instances.addAll(built);
        buildGroups(cfg);
        try {
            watcher = LinkWatcher.start(loop, this::onRtnl, this::resync, log);
        } catch (NetlinkException e) {
            throw new IOException("cannot subscribe to rtnetlink events: " + e.getMessage(), e);
        }
        Trackers firstTrackers = prepareTrackers(cfg, false);
        loop.post(() -> {
            syncScripts(cfg);
            adoptTrackers(firstTrackers);
            for (VrrpAddress a : cfg.vrrp().staticIpaddresses()) {
                removeAddress(null, a.address(), a, true);
                addAddress(null, a.address(), a);
            }
            for (VrrpRoute r : cfg.vrrp().staticRoutes()) {
                route(null, r, false, true);
                route(null, r, true, false);
            }
            for (VrrpRule r : cfg.vrrp().staticRules()) {
                rule(null, r, false, true);
                rule(null, r, true, false);
            }
            warnUnsupported(cfg);
            startInstances(built, false);
        });
    }

    private List<Instance> build(KeepalivedConfig cfg) throws IOException {
        List<Instance> out = new ArrayList<>();
        for (VrrpInstance vi : cfg.vrrp().instances()) {
            out.add(build(vi, cfg));
        }
        return out;
    }

    private Instance build(VrrpInstance vi, KeepalivedConfig cfg) throws IOException {
        String ifName = vi.interfaceName();
        if (ifName == null) {
            throw new IOException("(" + vi.name() + ") has no interface; keepalived-j needs one to send from");
        }
        Link link = link(ifName);
        InetAddress source = vi.ipv6() ? link.facts.ipv6LinkLocal().orElse(null)
                : link.facts.ipv4Primary().orElse(null);
        InstanceSpec spec;
        try {
            VrrpSyncGroup group = vi.syncGroup() == null ? null : cfg.vrrp().syncGroups().stream()
                    .filter(g -> g.name().equals(vi.syncGroup())).findFirst().orElse(null);
            spec = InstanceSpecs.from(vi, source, name -> scriptRunnable(cfg, name), group);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (!spec.unicast()) {
            join(link, spec.mcastGroup());
        }
        Instance i = new Instance(vi, spec);
        bindScripts(i);
        return i;
    }

    private void bindScripts(Instance i) {
        VrrpNotifyScripts n = i.config.notifyScripts() == null ? VrrpNotifyScripts.NONE : i.config.notifyScripts();
        i.scripts = scripts(n);
        i.rxLowerPriScript = verdict(n.masterRxLowerPri());
    }

    private NotifyScripts scripts(VrrpNotifyScripts n) {
        return new NotifyScripts(verdict(n.master()), verdict(n.backup()), verdict(n.fault()), verdict(n.stop()),
                verdict(n.generic()));
    }

    /** Whether vrrp_script {@code name} can run; keepalived drops one that cannot from every instance's tracking. */
    private boolean scriptRunnable(KeepalivedConfig cfg, String name) {
        for (VrrpScript s : cfg.vrrp().scripts()) {
            if (s.name().equals(name)) {
                Verdict v = verdict(s.script());
                return v != null && v.runnable();
            }
        }
        return true; // an unknown name was already reported by the configuration check
    }

    private Verdict verdict(ScriptCommand c) {
        return c == null ? null : verdicts.get(c);
    }

    private void buildGroups(KeepalivedConfig cfg) {
        Map<String, SyncGroup> before = new HashMap<>(groups);
        groups.clear();
        groupScripts.clear();
        for (VrrpSyncGroup g : cfg.vrrp().syncGroups()) {
            List<VrrpMachine> members = new ArrayList<>();
            List<Instance> mine = new ArrayList<>();
            for (String name : g.members()) {
                Instance i = byName(name);
                if (i != null) {
                    members.add(i.machine);
                    mine.add(i);
                }
            }
            if (members.isEmpty()) {
                continue;
            }
            SyncGroup previous = before.get(g.name());
            SyncGroup sg = new SyncGroup(g.name(), members, previous == null ? State.INIT : previous.state());
            groups.put(g.name(), sg);
            groupScripts.put(g.name(), scripts(g.notifyScripts() == null ? VrrpNotifyScripts.NONE : g.notifyScripts()));
            for (Instance i : mine) {
                i.group = sg;
            }
        }
        for (Instance i : instances) {
            if (i.group != null && !groups.containsValue(i.group)) {
                i.group = null;
            }
        }
    }

    private void warnUnsupported(KeepalivedConfig cfg) {
        for (VrrpInstance vi : cfg.vrrp().instances()) {
            if (!vi.trackBfds().isEmpty()) {
                log.error("(" + vi.name() + ") track_bfd is not run by keepalived-j yet: BFD sessions count as up");
            }
            if (vi.vmac() != null) {
                log.error("(" + vi.name() + ") use_vmac is not implemented by keepalived-j: using " + vi.interfaceName());
            }
        }
    }

    /**
     * Starts a batch of instances (start-up, or the new ones of a reload) as keepalived 2.2.7 does
     * (vrrp_complete_init, then vrrp_init_state), measured through its notify FIFO: every instance first takes
     * its trackers' state, and a sync group with a member faulted by its own trackers holds every member in FAULT
     * before any starts (so a sibling goes straight to FAULT, never BACKUP then FAULT). The notifications of the
     * batch then go out in keepalived's order: the instances that start in FAULT, then each sync group's first
     * state, then the other instances' first state (BACKUP), each part in configuration order.
     *
     * <p>{@code statesOnReload} (global_defs fifo_write_vrrp_states_on_reload, on a reload): the groups and
     * instances already running have their state written to the FIFOs in those same passes: every group (any
     * state), and every instance that is BACKUP or FAULT (not a MASTER), at its place in the configuration among the
     * starting ones. FIFO lines only: no script, no mail.
     */
    private void startInstances(List<Instance> batch, boolean statesOnReload) {
        for (Instance i : batch) {
            applyTrackers(i);
        }
        for (SyncGroup g : groups.values()) {
            boolean fault = false;
            for (Instance i : instances) {
                fault |= i.group == g && i.machine.ownFault();
            }
            for (Instance i : batch) {
                if (fault && i.group == g && i.machine.state() == State.INIT && !i.machine.syncFault()) {
                    step(i, new Event.SyncFaultChanged(true)); // in INIT this only marks it; Started decides FAULT
                }
            }
        }
        for (Map.Entry<String, SyncGroup> e : groups.entrySet()) {
            boolean allOwnersStarting = true;
            for (Instance i : instances) {
                if (i.group == e.getValue()) {
                    allOwnersStarting &= batch.contains(i) && i.resumeFrom == null && i.spec.wantMaster()
                            && i.spec.priority() == InstanceSpec.PRIORITY_OWNER;
                }
            }
            if (allOwnersStarting) {
                ownerGroupsStarting.add(e.getKey());
            }
        }
        starting = new StartNotifies();
        try {
            for (Instance i : batch) {
                step(i, i.resumeFrom == null ? Event.STARTED : new Event.Resumed(i.resumeFrom));
            }
        } finally {
            StartNotifies batchNotifies = starting;
            starting = null;
            batchNotifies.send(batch, statesOnReload);
        }
    }

    /** Group notifications in the order the configuration lists the groups (a stable sort). */
    private void sortByGroupOrder(List<Action.Notify> groupNotifies) {
        List<String> order = config.vrrp().syncGroups().stream().map(VrrpSyncGroup::name).toList();
        groupNotifies.sort(java.util.Comparator.comparingInt(n -> order.indexOf(n.name())));
    }

    /** The notifications of a batch of starting instances, kept until every instance of it has started. */
    private final class StartNotifies {
        private final Map<Instance, List<Action.Notify>> byInstance = new HashMap<>();
        private final List<Action.Notify> groupNotifies = new ArrayList<>();

        void instance(Instance i, Action.Notify n) {
            byInstance.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
        }

        void group(Action.Notify n) {
            groupNotifies.add(n);
        }

        void send(List<Instance> batch, boolean statesOnReload) {
            Set<Instance> started = new HashSet<>(batch);
            for (Instance i : instances) {
                if (started.contains(i) && i.machine.state() == State.FAULT && byInstance.containsKey(i)) {
                    byInstance.get(i).forEach(n -> instanceNotify(i, n));
                }
            }
            sortByGroupOrder(groupNotifies);
            Set<String> notified = new HashSet<>();
            for (Action.Notify n : groupNotifies) {
                notified.add(n.name());
            }
            for (VrrpSyncGroup g : config.vrrp().syncGroups()) {
                for (Action.Notify n : groupNotifies) {
                    if (n.name().equals(g.name())) {
                        groupNotify(n);
                    }
                }
                SyncGroup sg = groups.get(g.name());
                NotifyState s = sg == null ? null : notifyState(sg.state().name());
                if (statesOnReload && !notified.contains(g.name()) && s != null && s != NotifyState.STOP) {
                    notify.groupStateToFifos(g.name(), s);
                }
            }
            for (Instance i : instances) {
                State s = i.machine.state();
                // a running sibling the batch moved (its group went FAULT) is notified here, not written twice
                List<Action.Notify> own = byInstance.remove(i);
                if (own != null && !(started.contains(i) && s == State.FAULT)) {
                    own.forEach(n -> instanceNotify(i, n));
                } else if (own == null && !started.contains(i) && statesOnReload
                        && (s == State.BACKUP || s == State.FAULT)) {
                    notify.instanceStateToFifos(i.name(), notifyState(s.name()), i.machine.effectivePriority());
                }
            }
        }
    }

    private void applyTrackers(Instance i) {
        // the instance's interface and script trackers start from their current state, before Started decides FAULT
        for (var t : i.spec.trackers()) {
            if (t.object() instanceof Tracked.Script s) {
                ScriptTracker.Status st = scriptStatus.get(s.name());
                // keepalived: a script that has not reported yet contributes nothing (ScriptTracker.effect INIT)
                if (st == ScriptTracker.Status.FAILED || (st == ScriptTracker.Status.INIT && t.weight() > 0)) {
                    step(i, new Event.TrackerChanged(s, false));
                }
            } else if (t.object() instanceof Tracked.Interface f) {
                if (!linkUp.getOrDefault(f.name(), false)) {
                    step(i, new Event.TrackerChanged(f, false));
                }
            } else if (t.object() instanceof Tracked.File f) {
                long v = trackers.fileValue(f.name());
                if (v != 0) {
                    step(i, new Event.TrackFileChanged(f, v));
                }
            } else if (t.object() instanceof Tracked.Process p && !trackers.processUp(p.name())) {
                step(i, new Event.TrackerChanged(p, false));
            }
        }
    }

    /** A MASTER's VIPs, routes and rules that its new configuration no longer has (keepalived.md §b.5). */
    private void dropNoLongerConfigured(Instance prev, Instance next) {
        for (Map.Entry<InetAddress, VrrpAddress> e : prev.addresses.entrySet()) {
            if (!next.addresses.containsKey(e.getKey())) {
                removeAddress(prev, e.getKey(), e.getValue(), false);
            }
        }
        for (Map.Entry<String, VrrpRule> e : prev.rules.entrySet()) {
            if (!next.rules.containsKey(e.getKey())) {
                rule(prev, e.getValue(), false, false);
            }
        }
        for (Map.Entry<String, VrrpRoute> e : prev.routes.entrySet()) {
            if (!next.routes.containsKey(e.getKey())) {
                route(prev, e.getValue(), false, false);
            }
        }
    }

    // ---- track scripts ------------------------------------------------------------------------------------------

    /** Runs every vrrp_script an instance tracks; unchanged ones keep running (and their status) across reloads. */
    private void syncScripts(KeepalivedConfig cfg) {
        Set<String> used = new HashSet<>();
        for (VrrpInstance vi : cfg.vrrp().instances()) {
            vi.trackScripts().forEach(r -> used.add(r.name()));
        }
        for (VrrpSyncGroup g : cfg.vrrp().syncGroups()) {
            g.trackScripts().forEach(r -> used.add(r.name()));
        }
        Set<String> wanted = new HashSet<>();
        for (VrrpScript s : cfg.vrrp().scripts()) {
            if (!used.contains(s.name())) {
                continue;
            }
            wanted.add(s.name());
            VrrpScript old = trackScriptConfig.get(s.name());
            if (old != null && sameScript(old, s)) {
                continue;
            }
            stopScript(s.name());
            Verdict v = verdict(s.script());
            if (v == null || !v.runnable()) {
                // the instances were built without it (scriptRunnable), so it has no effect; keepalived's second
                // line for an insecure one (a missing one already got 'Disabling ... since not found/accessible')
                if (v == null || "unsafe permissions".equals(v.reason())) {
                    log.error("Disabling track script " + s.name() + " due to insecure");
                }
                scriptStatus.remove(s.name());
                trackScriptConfig.put(s.name(), s);
                continue;
            }
            long interval = s.intervalMicros() * 1000;
            ScriptTracker tracker = new ScriptTracker(s.name(), s.rise(), s.fall(), s.initFail(), interval,
                    System.nanoTime());
            scriptStatus.put(s.name(), tracker.status());
            trackScriptConfig.put(s.name(), s);
            trackScripts.put(s.name(), new TrackScriptScheduler(tracker,
                    ScriptLaunch.of(v, List.of(), Duration.ofNanos(s.timeoutMicros() * 1000)), runner, scriptTicker,
                    Duration.ofNanos(interval), System::nanoTime, c -> loop.post(() -> scriptChanged(c))));
        }
        for (String name : new ArrayList<>(trackScriptConfig.keySet())) {
            if (!wanted.contains(name)) {
                stopScript(name);
                trackScriptConfig.remove(name);
                scriptStatus.remove(name);
            }
        }
    }

    private void stopScript(String name) {
        TrackScriptScheduler t = trackScripts.remove(name);
        if (t != null) {
            t.close();
        }
    }

    private static boolean sameScript(VrrpScript a, VrrpScript b) {
        return a.script().equals(b.script()) && a.intervalMicros() == b.intervalMicros()
                && a.timeoutMicros() == b.timeoutMicros() && a.weight() == b.weight()
                && a.weightReverse() == b.weightReverse() && a.rise() == b.rise() && a.fall() == b.fall()
                && a.initFail() == b.initFail();
    }

    private void scriptChanged(ScriptTracker.Change c) {
        if (!trackScripts.containsKey(c.script()) || stopping) {
            return; // a result of a script stopped by a reload
        }
        scriptStatus.put(c.script(), c.to());
        boolean ok = c.to() == ScriptTracker.Status.OK;
        log.info("VRRP_Script(" + c.script() + ") " + (ok ? "succeeded" : "failed"));
        Tracked.Script tracker = new Tracked.Script(c.script());
        for (Instance i : new ArrayList<>(instances)) {
            if (tracks(i, tracker)) {
                step(i, new Event.TrackerChanged(tracker, ok));
            }
        }
    }

    // ---- track files and track processes ------------------------------------------------------------------------

    /**
     * Writes the init_files and starts the track_file watcher and the process scanner of {@code cfg}, reading their
     * first values, on the calling thread (start-up, or the reload signal thread); the loop then adopts the result
     * in {@link #start} or {@link #reload}. Their changes are posted to the loop.
     */
    public Trackers prepareTrackers(KeepalivedConfig cfg) {
        return prepareTrackers(cfg, true);
    }

    private Trackers prepareTrackers(KeepalivedConfig cfg, boolean reload) {
        return Trackers.prepare(cfg, reload, log, new Trackers.Listener() {
            @Override
            public void fileValue(Trackers from, String trackFile, long value) {
                loop.post(() -> fileChanged(from, trackFile, value));
            }

            @Override
            public void processQuorum(Trackers from, String trackProcess, boolean up) {
                loop.post(() -> processChanged(from, trackProcess, up));
            }
        });
    }

    /**
     * Replaces the trackers the instances follow by {@code next}, whose values {@link #startInstance} applies
     * before an instance starts. On reload the instances that were kept get the fresh values too.
     */
    private void adoptTrackers(Trackers next) {
        if (stopping) {
            next.close();
            return;
        }
        boolean reload = trackers != null;
        if (trackers != null) {
            trackers.close();
        }
        trackers = next;
        if (reload) {
            for (Instance i : new ArrayList<>(instances)) {
                if (i.machine.state() == State.INIT) {
                    continue; // not started yet: startInstance applies the values
                }
                for (var t : i.spec.trackers()) {
                    if (t.object() instanceof Tracked.File f) {
                        step(i, new Event.TrackFileChanged(f, trackers.fileValue(f.name())));
                    } else if (t.object() instanceof Tracked.Process p) {
                        step(i, new Event.TrackerChanged(p, trackers.processUp(p.name())));
                    }
                }
            }
        }
    }

    private void fileChanged(Trackers from, String name, long value) {
        if (stopping || !from.fileChanged(name, value) || from != trackers) {
            return; // a set a reload replaced, or one not adopted yet (adoption applies the recorded value)
        }
        Tracked.File tracker = new Tracked.File(name);
        stepStarted(tracker, new Event.TrackFileChanged(tracker, value));
    }

    private void processChanged(Trackers from, String name, boolean up) {
        if (stopping || !from.processChanged(name, up)) {
            return;
        }
        log.info("Track process " + name + " quorum " + (up ? "gained" : "lost"));
        if (from != trackers) {
            return; // adoption applies it
        }
        Tracked.Process tracker = new Tracked.Process(name);
        stepStarted(tracker, new Event.TrackerChanged(tracker, up));
    }

    /** Steps every started instance that tracks {@code object} (one not started yet gets the value at its start). */
    private void stepStarted(Tracked object, Event e) {
        for (Instance i : new ArrayList<>(instances)) {
            if (i.machine.state() != State.INIT && tracks(i, object)) {
                step(i, e);
            }
        }
    }

    private static boolean tracks(Instance i, Tracked object) {
        return i.spec.trackers().stream().anyMatch(t -> t.object().equals(object));
    }

    // ---- interfaces -------------------------------------------------------------------------------------------

    private Link link(String ifName) throws IOException {
        Link l = links.get(ifName);
        if (l != null) {
            return l;
        }
        l = new Link();
        try {
            l.facts = InterfaceFacts.read(ifName);
        } catch (IOException e) {
            throw new IOException("WARNING - interface " + ifName + " doesn't exist: " + e.getMessage(), e);
        }
        l.mac = MacAddress.parse(l.facts.mac());
        l.raw = RawIpSender.open(ifName, l.facts.index());
        try {
            l.pcap = PcapLink.open(PcapLink.Spec.vrrp(ifName), f -> loop.post(() -> onFrame(f)), threads,
                    System::nanoTime);
        } catch (IOException e) {
            l.raw.close();
            throw e;
        }
        links.put(ifName, l);
        ifIndex.put(ifName, l.facts.index());
        return l;
    }

    private void join(Link l, InetAddress group) throws IOException {
        NetworkInterface nif = NetworkInterface.getByName(l.facts.name());
        if (nif == null) {
            throw new IOException("(" + l.facts.name() + ") no such interface");
        }
        for (MulticastMembership m : l.groups) {
            if (m.toString().endsWith(" " + group.getHostAddress())) {
                return;
            }
        }
        l.groups.add(MulticastMembership.join(nif, group));
    }

    private void refreshLinks() throws IOException {
        try {
            for (RtnlLink l : rtnl.links()) {
                linkUp.put(l.name(), l.isRunning());
                ifIndex.put(l.name(), l.ifindex());
            }
        } catch (NetlinkException e) {
            throw new IOException("cannot list interfaces: " + e.getMessage(), e);
        }
    }

    // ---- stepping machines ------------------------------------------------------------------------------------

    private void step(Instance i, Event e) {
        step(i, e, loop.nowUs());
    }

    /** {@code atUs}: when the event happened (an advert: when it was read from the wire, not when its turn came). */
    private void step(Instance i, Event e, long atUs) {
        long now = Math.max(atUs, lastStepUs); // never back in time, whatever order the loop ran things in
        lastStepUs = now;
        int before = i.machine.effectivePriority();
        if (i.group != null) {
            List<SyncGroup.MemberAction> actions = i.group.step(i.name(), e, now);
            logPriorityChange(i, before);
            for (SyncGroup.MemberAction ma : actions) {
                Instance target = byName(ma.instance());
                if (target != null) {
                    execute(target, ma.action());
                } else if (ma.action() instanceof Action.Notify n) {
                    if (ownerGroupsStarting.contains(n.name())) {
                        boolean silent = n.state().equals("BACKUP") || n.state().equals("MASTER");
                        if (!n.state().equals("BACKUP")) {
                            ownerGroupsStarting.remove(n.name()); // MASTER reached (or left the way): notify again
                        }
                        if (silent) {
                            continue;
                        }
                    }
                    if (stopGroupNotifies != null) {
                        stopGroupNotifies.add(n);
                    } else if (starting != null) {
                        starting.group(n);
                    } else {
                        groupNotify(n);
                    }
                }
            }
        } else {
            List<Action> actions = i.machine.step(e, now);
            logPriorityChange(i, before);
            int advert = advertFirst(actions);
            if (advert >= 0) {
                execute(i, actions.get(advert));
            }
            for (int k = 0; k < actions.size(); k++) {
                if (k != advert) {
                    execute(i, actions.get(k));
                }
            }
        }
    }

    /**
     * The index of an advert preceded only by log lines and bookkeeping (becoming master: "Receive advertisement
     * timeout", "Entering MASTER STATE"), or -1. That advert is sent before the lines are written: formatting and
     * writing them took a few hundred µs that the backup's takeover waited for (detection time), and the wire
     * order is the same. The lines keep their order.
     */
    private static int advertFirst(List<Action> actions) {
        for (int k = 0; k < actions.size(); k++) {
            Action a = actions.get(k);
            if (a instanceof Action.SendAdvert) {
                return k;
            }
            if (!(a instanceof Action.Log || a instanceof Action.Transition || a instanceof Action.CancelTimer)) {
                return -1;
            }
        }
        return -1;
    }

    /** keepalived's line for a tracker moving the effective priority (vrrp_set_effective_priority, §c.4). */
    private void logPriorityChange(Instance i, int before) {
        int after = i.machine.effectivePriority();
        // before the start the trackers' first values are being applied; the machine logs the net change at start
        if (after != before && i.machine.state() != State.INIT) {
            log.info("(" + i.name() + ") Changing effective priority from " + before + " to " + after);
        }
    }

    private void execute(Instance i, Action a) {
        if (a instanceof Action.SendAdvert s) {
            sendAdvert(i, s);
        } else if (a instanceof Action.AddAddresses add) {
            for (VirtualAddress v : add.vips()) {
                addAddress(i, v.address(), i.addresses.get(v.address()));
            }
            for (VirtualAddress v : add.excludedVips()) {
                addAddress(i, v.address(), i.addresses.get(v.address()));
            }
            for (VirtualRoute r : add.routes()) {
                route(i, i.routes.get(r.spec()), true, false);
            }
            for (VirtualRule r : add.rules()) {
                rule(i, i.rules.get(r.spec()), true, false);
            }
        } else if (a instanceof Action.RemoveAddresses rm) {
            if (stopping && !settings.releaseOnStop()) {
                return; // -V: VIPs stay
            }
            for (VirtualRule r : rm.rules()) { // keepalived.md §b.5: rules, routes, then addresses
                rule(i, i.rules.get(r.spec()), false, rm.force());
            }
            for (VirtualRoute r : rm.routes()) {
                route(i, i.routes.get(r.spec()), false, rm.force());
            }
            for (VirtualAddress v : rm.vips()) {
                removeAddress(i, v.address(), i.addresses.get(v.address()), rm.force());
            }
            for (VirtualAddress v : rm.excludedVips()) {
                removeAddress(i, v.address(), i.addresses.get(v.address()), rm.force());
            }
        } else if (a instanceof Action.SendGratuitous g) {
            sendGratuitous(i, g, g.count());
        } else if (a instanceof Action.Notify n) {
            if (starting != null) {
                starting.instance(i, n);
            } else {
                instanceNotify(i, n);
            }
        } else if (a instanceof Action.ArmTimer t) {
            if (armAfterStep) {
                loop.at(t.atUs(), TimerEntry.of(this, i, t));
            }
        } else if (a instanceof Action.Log l) {
            log.info(l.text());
        } else if (a instanceof Action.Transition t) {
            if (t.to() == State.MASTER) {
                i.becameMaster++;
            } else if (t.from() == State.MASTER) {
                i.releasedMaster++;
            }
        }
        // CancelTimer: a cancelled timer's entry finds the machine's deadline changed and does nothing
    }

    /**
     * An armed timer's entry on the loop: when it comes due and the machine still wants that timer at that time
     * (not re-armed, not cancelled, the instance not removed), the machine gets its expiry. A record of its own and
     * not a lambda: a capturing lambda is made through invokedynamic's linkage methods, which the launcher does not
     * compile early, and at one advert a second they ran interpreted for about four minutes after start (perf on
     * the loop thread 2-4 minutes after start: 6% of its samples in the interpreter under {@link #execute}).
     */
    private record TimerEntry(VrrpDaemon daemon, Instance instance, Timer timer, long atUs, boolean held)
            implements EventLoop.RepeatingSend {
        /**
         * Made here rather than by a {@code new} in {@link #execute}: the launcher has C1 compile {@code execute}
         * after a few calls, possibly before the first timer is armed. A {@code new} of a class that is not loaded
         * yet is then compiled as a call into the VM's slow allocation path for good (perf on the loop thread: 7% of
         * its samples), while this method is only compiled once it has run, with the class loaded.
         */
        static TimerEntry of(VrrpDaemon daemon, Instance instance, Action.ArmTimer armed) {
            return new TimerEntry(daemon, instance, armed.timer(), armed.atUs(), false);
        }

        @Override
        public void run() {
            if (!instance.removed && instance.machine.deadline(timer) == atUs) {
                daemon.expire(instance, timer, atUs, held);
            }
        }

        @Override
        public EventLoop.Repeat repeat() {
            return timer == Timer.ADVER ? daemon.advertRepeat(instance, atUs) : null;
        }

        @Override
        public void repeated(long[] sentAtUs, int count) {
            daemon.advertsSentByLoop(instance, sentAtUs, count);
        }
    }

    /**
     * A master's Adver_Timer that the loop may let its kernel wait run (EventLoop): the machine would only send
     * this one frame and re-arm. A multicast advert goes out on the link's packet socket, a unicast one (a single
     * unicast_peer) on its raw IP socket; with several peers each expiry sends several frames, which the loop
     * sends itself.
     */
    private EventLoop.Repeat advertRepeat(Instance i, long atUs) {
        if (i.removed || i.machine.deadline(Timer.ADVER) != atUs) {
            return null;
        }
        Action.SendAdvert s = i.machine.advertOnAdverTimer();
        Link l = links.get(i.spec.interfaceName());
        if (s == null || s.destinations().size() != 1 || l == null || l.pcap == null) {
            return null;
        }
        byte[] frame = i.advertFrames.frame(s, 0, l.mac, ipId);
        if (frame.length > LinuxSockets.FrameSender.MAX_FRAME) {
            return null;
        }
        LinuxSockets.FrameSender sender = i.advertFrames.multicast(0) ? l.pcap.frameSender()
                : l.raw.advertSender(frame);
        return sender == null ? null : new EventLoop.Repeat(sender, frame, ipId, i.spec.adverIntUs());
    }

    /** Counts an advert that the loop's kernel wait sent, on the socket it went out of. */
    private static void countSentByLoop(Instance i, Link l) {
        if (i.advertFrames.multicast(0)) {
            l.pcap.countSent();
        } else {
            l.raw.countSent();
        }
    }

    /**
     * The loop's kernel wait sent {@code count} of {@link #advertRepeat}'s frames at {@code sentAtUs}: the machine
     * gets each expiry at the time it was sent, as if the loop had run the timer then, and its advert is counted
     * instead of sent (the frame cache hands back the very frame that went out, with the same Identification). Only
     * the last expiry's re-arm reaches the loop; the earlier ones are past.
     */
    private void advertsSentByLoop(Instance i, long[] sentAtUs, int count) {
        Link l = links.get(i.spec.interfaceName());
        for (int k = 0; k < count; k++) {
            Action.SendAdvert s = i.machine.advertOnAdverTimer();
            sentByLoop = s == null ? null : i.advertFrames.frame(s, 0, l.mac, ipId);
            boolean expected = sentByLoop != null;
            armAfterStep = k == count - 1;
            try {
                step(i, new Event.TimerExpired(Timer.ADVER), sentAtUs[k]);
            } finally {
                if (sentByLoop != null || !expected) { // the machine did not send it: still count what went out
                    nextIpId();
                    countSentByLoop(i, l);
                    i.advertsSent++;
                    log.warning("(" + i.name() + ") an advert was sent by the loop's timer wait but the Adver_Timer"
                            + " expiry did not send it");
                }
                sentByLoop = null;
                armAfterStep = true;
            }
        }
    }

    /**
     * A timer the machine still wants has come due. Before a Master_Down_Timer makes a backup take over, frames
     * that wait unread are read first: a starved receive thread (a loaded machine) would otherwise let the timer
     * win against an advert that arrived in time, and the backup would take over from a live master (keepalived,
     * one thread, reads a ready socket before it runs the socket's timeout). While frames wait in the kernel or
     * in the receive thread's hands, the expiry is retried every millisecond; tasks already posted to the loop
     * (frames among them) run before it. Either for at most three of the master's advert intervals past the
     * deadline. An advert read meanwhile re-arms the timer, and the retry finds the deadline changed.
     */
    private void expire(Instance i, Timer timer, long atUs, boolean held) {
        if (timer == Timer.MASTER_DOWN) {
            long now = loop.nowUs();
            if (now - atUs < 3L * i.machine.masterAdverIntCs() * 10_000) {
                Link l = links.get(i.spec.interfaceName());
                if (l != null && l.pcap != null && l.pcap.framesWaiting()) {
                    if (!held) {
                        i.masterDownHeld++;
                        log.info("(" + i.name() + ") Master_Down_Timer expired with frames not yet read on "
                                + i.spec.interfaceName() + ": reading them first");
                    }
                    loop.at(now + FRAME_WAIT_RETRY_US, new TimerEntry(this, i, timer, atUs, true));
                    return;
                }
                if (loop.hasPosted()) { // due at now, the entry runs after what was posted until now
                    loop.at(now, new TimerEntry(this, i, timer, atUs, held));
                    return;
                }
            }
        }
        step(i, new Event.TimerExpired(timer));
    }

    // ---- frames -----------------------------------------------------------------------------------------------

    private void sendAdvert(Instance i, Action.SendAdvert s) {
        Link l = links.get(i.spec.interfaceName());
        List<InetAddress> destinations = s.destinations();
        for (int k = 0; k < destinations.size(); k++) {
            byte[] frame = i.advertFrames.frame(s, k, l.mac, nextIpId());
            boolean sent;
            if (frame == sentByLoop) { // already on the wire (advertsSentByLoop): the same frame, the same ID
                sentByLoop = null;
                countSentByLoop(i, l);
                sent = true;
            } else {
                sent = i.advertFrames.multicast(k)
                        ? l.pcap.send(frame)
                        : l.raw.send(frame, 14); // the IP packet after the Ethernet header
            }
            if (sent) {
                i.advertsSent++;
                if (s.advert().priority() == 0) {
                    i.priorityZeroSent++;
                }
            }
        }
    }

    private int nextIpId() {
        ipId = (ipId + 1) & 0xFFFF;
        return ipId;
    }

    /** A burst: {@code count} GARPs/NAs per address, back to back or {@code intervalUs} apart (vrrp_garp_interval). */
    private void sendGratuitous(Instance i, Action.SendGratuitous g, int remaining) {
        if (remaining <= 0 || i.removed) {
            return;
        }
        for (VirtualAddress v : g.addresses()) {
            String dev = v.device() != null ? v.device() : g.interfaceName();
            Link l = links.get(dev);
            if (l == null) {
                l = links.get(g.interfaceName());
            }
            byte[] frame = v.address() instanceof Inet4Address a4
                    ? new GratuitousArp(l.mac, a4).encode()
                    : new UnsolicitedNa(l.mac, (Inet6Address) v.address(), false).encode();
            int n = g.intervalUs() > 0 ? 1 : remaining;
            for (int k = 0; k < n; k++) {
                if (l.pcap.send(frame)) {
                    i.gratuitousSent++;
                }
            }
        }
        if (g.intervalUs() > 0 && remaining > 1) {
            loop.at(loop.nowUs() + g.intervalUs(), () -> sendGratuitous(i, g, remaining - 1));
        }
    }

    private void onFrame(ReceivedFrame f) {
        Link l = links.get(f.ifName());
        if (l == null) {
            return;
        }
        byte[] b = f.frame();
        VrrpPacket p;
        try {
            p = VrrpCodec.decode(b);
        } catch (MalformedPacketException e) {
            Instance i = guess(f.ifName(), b);
            if (i != null) {
                i.machine.countUndecodable(e.drop());
                log.detail("(" + i.name() + ") bogus VRRP packet received on " + f.ifName() + ": " + e.getMessage());
            } else {
                l.unattributed.count(e.drop());
                log.detail("bogus VRRP packet received on " + f.ifName() + ": " + e.getMessage());
            }
            return;
        }
        boolean v6 = p.ip() instanceof Ipv6Header;
        Instance target = null;
        for (Instance i : instances) {
            if (i.spec.vrid() == p.advert().vrid() && i.spec.ipv6() == v6
                    && i.spec.interfaceName().equals(f.ifName())) {
                if (target == null || i.spec.unicast() != p.ip().destination().isMulticastAddress()) {
                    target = i;
                }
            }
        }
        if (target == null) {
            l.unknownVrid++;
            return;
        }
        // keepalived counts an advert as received only once its checks passed; a dropped one is counted
        // by its reason instead.
        long dropsBefore = target.machine.drops().total();
        // the master's silence is timed from when its advert arrived, not from when the loop got to it
        step(target, new Event.AdvertReceived(p), f.receivedNanos() / 1000);
        if (target.machine.drops().total() == dropsBefore) {
            target.advertsReceived++;
            if (p.advert().priority() == 0) {
                target.priorityZeroReceived++;
            }
        }
    }

    /** The instance a frame the codec refused was probably meant for: the VRID byte where VRRP would start. */
    private Instance guess(String ifName, byte[] b) {
        int off = -1;
        if (b.length > 14 + 20 && (b[12] & 0xFF) == 0x08 && b[13] == 0 && (b[14] & 0xF0) == 0x40) {
            off = 14 + (b[14] & 0x0F) * 4 + 1;
        } else if (b.length > 14 + 40 && (b[12] & 0xFF) == 0x86 && (b[13] & 0xFF) == 0xDD) {
            off = 14 + 40 + 1;
        }
        if (off < 0 || off >= b.length) {
            return null;
        }
        int vrid = b[off] & 0xFF;
        for (Instance i : instances) {
            if (i.spec.vrid() == vrid && i.spec.interfaceName().equals(ifName)) {
                return i;
            }
        }
        return null;
    }

    // ---- addresses --------------------------------------------------------------------------------------------

    private RtnlAddress rtnlAddress(Instance i, InetAddress address, VrrpAddress cfg) {
        String dev = cfg != null && cfg.dev() != null ? cfg.dev() : i != null ? i.spec.interfaceName() : null;
        Integer index = dev == null ? null : ifIndex.get(dev);
        if (index == null) {
            return null;
        }
        int prefix = cfg != null ? cfg.prefixLength() : address instanceof Inet4Address ? 32 : 128;
        int scope = cfg != null && !(address instanceof Inet6Address) ? cfg.scope() : 0;
        String label = cfg != null && cfg.label() != null && address instanceof Inet4Address ? cfg.label() : "";
        return new RtnlAddress(index, address, prefix, scope, label);
    }

    private void addAddress(Instance i, InetAddress address, VrrpAddress cfg) {
        RtnlAddress a = rtnlAddress(i, address, cfg);
        String who = i == null ? "" : "(" + i.name() + ") ";
        if (a == null) {
            log.error(who + "cannot add " + address.getHostAddress() + ": its interface does not exist");
            countError(i);
            return;
        }
        try {
            rtnl.add(a);
        } catch (KernelErrorException e) {
            if (e.errno() != 17) { // EEXIST: already there, which is what we want
                log.error(who + "cannot add " + a.address().getHostAddress() + "/" + a.prefixLength() + ": "
                        + e.getMessage());
                countError(i);
            }
        } catch (NetlinkException e) {
            log.error(who + "cannot add " + a.address().getHostAddress() + ": " + e.getMessage());
            countError(i);
        }
    }

    private void removeAddress(Instance i, InetAddress address, VrrpAddress cfg, boolean quiet) {
        RtnlAddress a = rtnlAddress(i, address, cfg);
        if (a == null) {
            return;
        }
        try {
            rtnl.remove(a);
        } catch (KernelErrorException e) {
            if (e.errno() != 99 && !quiet) { // EADDRNOTAVAIL: already gone
                log.error((i == null ? "" : "(" + i.name() + ") ") + "cannot remove " + address.getHostAddress()
                        + ": " + e.getMessage());
                countError(i);
            }
        } catch (NetlinkException e) {
            log.error("cannot remove " + address.getHostAddress() + ": " + e.getMessage());
            countError(i);
        }
    }

    /** Adds ({@code add}) or removes one route; "already there" / "already gone" are what we want. */
    private void route(Instance i, VrrpRoute r, boolean add, boolean quiet) {
        if (r == null) {
            return;
        }
        String who = (i == null ? "" : "(" + i.name() + ") ") + (add ? "cannot add" : "cannot remove") + " route "
                + InstanceSpecs.routeText(r) + ": ";
        Integer oif = r.dev() == null ? Integer.valueOf(0) : ifIndex.get(r.dev());
        if (oif == null) {
            if (!quiet) {
                log.error(who + "interface " + r.dev() + " does not exist");
                countError(i);
            }
            return;
        }
        try {
            var kernel = KernelRoutes.route(r, oif);
            if (add) {
                routes.add(kernel);
            } else {
                routes.remove(kernel);
            }
        } catch (KernelErrorException e) {
            boolean expected = add ? e.errno() == 17 : e.errno() == 3 || e.errno() == 2; // EEXIST / ESRCH, ENOENT
            if (!expected && !quiet) {
                log.error(who + e.getMessage());
                countError(i);
            }
        } catch (NetlinkException | IllegalArgumentException e) {
            if (!quiet) {
                log.error(who + e.getMessage());
                countError(i);
            }
        }
    }

    private void rule(Instance i, VrrpRule r, boolean add, boolean quiet) {
        if (r == null) {
            return;
        }
        String who = (i == null ? "" : "(" + i.name() + ") ") + (add ? "cannot add" : "cannot remove") + " rule "
                + InstanceSpecs.ruleText(r) + ": ";
        try {
            if (add) {
                routes.add(KernelRoutes.rule(r));
            } else {
                routes.remove(KernelRoutes.rule(r));
            }
        } catch (KernelErrorException e) {
            boolean expected = add ? e.errno() == 17 : e.errno() == 2 || e.errno() == 3;
            if (!expected && !quiet) {
                log.error(who + e.getMessage());
                countError(i);
            }
        } catch (NetlinkException e) {
            if (!quiet) {
                log.error(who + e.getMessage());
                countError(i);
            }
        }
    }

    private static void countError(Instance i) {
        if (i != null) {
            i.addressErrors++;
        }
    }

    // ---- rtnetlink events ---------------------------------------------------------------------------------------

    private void onRtnl(RtnlEvent e) {
        if (e instanceof RtnlEvent.LinkChanged lc) {
            RtnlLink l = lc.link();
            boolean up = !lc.removed() && l.isRunning();
            if (!lc.removed()) {
                ifIndex.put(l.name(), l.ifindex());
            }
            linkChanged(l.name(), up);
        } else if (e instanceof RtnlEvent.AddressChanged ac) {
            if (settings.addressMonitoring()) {
                RtnlAddress a = ac.address();
                String dev = ifIndex.entrySet().stream().filter(x -> x.getValue() == a.ifindex())
                        .map(Map.Entry::getKey).findFirst().orElse("ifindex " + a.ifindex());
                log.info("Netlink reports " + (ac.removed() ? "deleted" : "new") + " address "
                        + a.address().getHostAddress() + "/" + a.prefixLength() + " on " + dev);
            }
            if (ac.removed()) {
                addressRemoved(ac.address());
            }
        }
    }

    private void linkChanged(String name, boolean up) {
        Boolean before = linkUp.put(name, up);
        if (before != null && before == up) {
            return;
        }
        if (before != null || isTracked(name)) {
            log.info("Netlink reports " + name + " " + (up ? "up" : "down"));
        }
        Tracked.Interface tracker = new Tracked.Interface(name);
        for (Instance i : new ArrayList<>(instances)) {
            if (tracks(i, tracker)) {
                step(i, new Event.TrackerChanged(tracker, up));
            }
        }
    }

    private boolean isTracked(String ifName) {
        Tracked.Interface tracker = new Tracked.Interface(ifName);
        return instances.stream().anyMatch(i -> tracks(i, tracker));
    }

    /** An address went away: if a MASTER owns it (and it is not no_track) and it is really gone, hand over (§a.4). */
    private void addressRemoved(RtnlAddress gone) {
        if (stopping) {
            return;
        }
        for (Instance i : new ArrayList<>(instances)) {
            if (i.machine.state() != State.MASTER) {
                continue;
            }
            VrrpAddress cfg = i.addresses.get(gone.address());
            if (cfg == null || cfg.noTrack()) {
                continue;
            }
            RtnlAddress mine = rtnlAddress(i, gone.address(), cfg);
            if (mine == null || mine.ifindex() != gone.ifindex() || present(mine)) {
                continue; // another interface's copy, or already back (a stale event)
            }
            step(i, new Event.AddressRemoved("ipaddress " + gone.address().getHostAddress()));
        }
        for (VrrpAddress s : config.vrrp().staticIpaddresses()) {
            if (s.address().equals(gone.address())) {
                RtnlAddress mine = rtnlAddress(null, s.address(), s);
                if (mine != null && !present(mine)) {
                    log.info("static ipaddress " + s.address().getHostAddress() + " deleted externally - re-adding");
                    addAddress(null, s.address(), s);
                }
            }
        }
    }

    private boolean present(RtnlAddress a) {
        try {
            for (RtnlAddress x : rtnl.addresses()) {
                if (x.ifindex() == a.ifindex() && x.address().equals(a.address())) {
                    return true;
                }
            }
            return false;
        } catch (NetlinkException e) {
            log.error("cannot list addresses: " + e.getMessage());
            return true; // do not act on what we cannot confirm
        }
    }

    /** Events were lost (socket overflow): take the links' state from a dump. */
    private void resync() {
        try {
            for (RtnlLink l : rtnl.links()) {
                ifIndex.put(l.name(), l.ifindex());
                linkChanged(l.name(), l.isRunning());
            }
        } catch (NetlinkException e) {
            log.error("cannot list interfaces after lost netlink events: " + e.getMessage());
        }
    }

    /**
     * smtp_server + notification_email: alerts through SmtpAlerter (its own thread; sending never blocks here),
     * with keepalived-j's smtp_auth_* / smtp_starttls; also applies notify_script_timeout to the dispatcher.
     */
    private void configureMail(KeepalivedConfig cfg) {
        var g = cfg.globalDefs();
        MailSettings wanted = g.smtpServer() == null || g.notificationEmail().isEmpty() ? null
                : MailSettings.plain(g.routerId(), g.notificationEmail(), g.notificationEmailFrom(), g.smtpServer(),
                        g.smtpServerPort(), g.smtpHeloName(), Duration.ofNanos(g.smtpConnectTimeoutMicros() * 1000))
                        .withAuth(g.smtpAuthUser(), g.smtpAuthPassword()).withStartTls(g.smtpStartTls());
        notify.scriptTimeout(Duration.ofNanos(g.notifyScriptTimeoutMicros() * 1000));
        if (alertGate == null || g.noEmailFaults() != alertGateNoFaults) {
            alertGate = new AlertGate(g.noEmailFaults());
            alertGateNoFaults = g.noEmailFaults();
        }
        if (Objects.equals(wanted, mailSettings)) {
            return;
        }
        if (alerter != null) {
            alerter.close();
            alerter = null;
        }
        mailSettings = wanted;
        if (wanted != null) {
            alerter = new SmtpAlerter(wanted, java.time.Clock.systemDefaultZone());
        }
    }

    private boolean alertGateNoFaults;

    private void mail(boolean group, String name, NotifyState s, boolean smtpAlert) {
        if (alerter == null || s == NotifyState.STOP) {
            // STOP happens only at shutdown, and keepalived 2.2.7 never delivers that alert: its SMTP exchange is
            // queued on a scheduler that is ending, so no connection is made (NotifyStreamIT compares the alerts)
            return;
        }
        boolean send = group ? alertGate.group(name, s, smtpAlert) : alertGate.instance(name, s, smtpAlert);
        if (send) {
            alerter.send(group ? AlertFormat.group(mailSettings.routerId(), name, s)
                    : AlertFormat.instance(mailSettings.routerId(), name, s));
        }
    }

    // ---- notifications ------------------------------------------------------------------------------------------

    private void instanceNotify(Instance i, Action.Notify n) {
        NotifyState s = notifyState(n.state());
        if (s == NotifyState.STOP && i.deleting) {
            // keepalived.md §b.5: an instance a reload removes is notified FAULT, or DELETED with notify_deleted
            if (i.config.notifyDeleted()) {
                VrrpNotifyScripts ns = i.config.notifyScripts() == null ? VrrpNotifyScripts.NONE
                        : i.config.notifyScripts();
                notify.instanceEvent(n.name(), "DELETED", n.priority(), verdict(ns.deleted()));
            } else {
                notify.instance(n.name(), i.scripts, NotifyState.FAULT, n.priority());
            }
            return;
        }
        if (s != null) {
            notify.instance(n.name(), i.scripts, s, n.priority());
            mail(false, n.name(), s, i.config.smtpAlert());
        } else {
            notify.instanceEvent(n.name(), n.state(), n.priority(),
                    n.state().equals("MASTER_RX_LOWER_PRI") ? i.rxLowerPriScript : null);
        }
    }

    private void groupNotify(Action.Notify n) {
        NotifyState s = notifyState(n.state());
        if (s != null) {
            notify.group(n.name(), groupScripts.getOrDefault(n.name(), NotifyScripts.none()), s);
            boolean alert = config.vrrp().syncGroups().stream()
                    .anyMatch(g -> g.name().equals(n.name()) && g.smtpAlert());
            mail(true, n.name(), s, alert);
        }
    }

    private static NotifyState notifyState(String s) {
        for (NotifyState n : NotifyState.values()) {
            if (n.name().equals(s)) {
                return n;
            }
        }
        return null;
    }

    // ---- stop ---------------------------------------------------------------------------------------------------

    /**
     * SIGTERM (keepalived.md §b.5): masters send priority 0 and drop their addresses (unless -V), STOP notifies
     * are queued, static addresses go. Runs on the loop; the caller then waits for the STOP scripts.
     */
    public void stop() {
        stopping = true;
        stopGroupNotifies = new ArrayList<>();
        for (String name : new ArrayList<>(trackScripts.keySet())) {
            stopScript(name);
        }
        if (trackers != null) {
            trackers.close();
        }
        for (Instance i : instances) {
            step(i, Event.STOPPED);
        }
        // keepalived.md §b.5 step 4: STOP for every instance, then for every group (FIFO lines and scripts), the
        // groups in configuration order (keepalived 2.2.7's FIFO), not in the order their last member stopped
        List<Action.Notify> groupStops = stopGroupNotifies;
        stopGroupNotifies = null;
        sortByGroupOrder(groupStops);
        groupStops.forEach(this::groupNotify);
        if (settings.releaseOnStop()) {
            for (VrrpRule r : config.vrrp().staticRules()) {
                rule(null, r, false, true);
            }
            for (VrrpRoute r : config.vrrp().staticRoutes()) {
                route(null, r, false, true);
            }
            for (VrrpAddress a : config.vrrp().staticIpaddresses()) {
                removeAddress(null, a.address(), a, true);
            }
        }
    }

    /** Closes every interface and socket (after {@link #stop}, off the loop). */
    public void close() {
        scriptTicker.shutdownNow();
        if (alerter != null) {
            alerter.close();
        }
        if (watcher != null) {
            watcher.close();
        }
        for (Link l : links.values()) {
            l.pcap.close();
            l.raw.close();
            for (MulticastMembership m : l.groups) {
                try {
                    m.close();
                } catch (IOException ignored) {
                    // leaving a group on exit: the kernel drops the membership with the socket anyway
                }
            }
        }
        rtnl.close();
        routes.close();
    }

    // ---- reload -------------------------------------------------------------------------------------------------

    /**
     * SIGHUP with a configuration that loaded without FATAL errors (keepalived.md §b.5): instances are matched by
     * VRID + family + interface + unicast flag. A match whose protocol settings are unchanged keeps its machine,
     * state, timers and VIPs (its notify scripts and config are updated); a match that changed is restarted;
     * instances no longer configured stop (priority 0 if MASTER, VIPs removed); new ones start.
     */
    public void reload(KeepalivedConfig cfg, Map<ScriptCommand, Verdict> scripts, Trackers nextTrackers) {
        this.verdicts = scripts;
        configureMail(cfg);
        for (Instance i : instances) {
            if (i.machine.state() == State.MASTER) { // §b.5: each master sends one advert before the reload
                sendAdvert(i, new Action.SendAdvert(
                        advertOf(i), i.spec.sourceAddress(), destinations(i), i.spec.unicast() ? i.spec.unicastTtl() : 255,
                        null));
            }
        }
        Map<Instance.Key, Instance> old = new LinkedHashMap<>();
        for (Instance i : instances) {
            old.put(i.key(), i);
        }
        List<Instance> next = new ArrayList<>();
        List<Instance> toStart = new ArrayList<>();
        List<Instance> toStop = new ArrayList<>();
        Set<Instance> kept = new HashSet<>();
        List<Instance> changed = new ArrayList<>();
        for (VrrpInstance vi : cfg.vrrp().instances()) {
            Instance prev = old.remove(Instance.key(vi));
            Instance built;
            try {
                built = build(vi, cfg);
            } catch (IOException e) {
                log.error("(" + vi.name() + ") cannot be started on reload: " + e.getMessage());
                if (prev != null) {
                    toStop.add(prev);
                }
                continue;
            }
            if (prev != null && sameSpec(prev.spec, built.spec)) {
                prev.config = vi;
                prev.index(vi);
                bindScripts(prev);
                prev.group = null;
                next.add(prev);
                kept.add(prev);
            } else {
                if (prev != null) {
                    // matched but changed: the new machine takes over the old one's state (Resumed); what the
                    // old one installed and the new one no longer configures goes now
                    built.resumeFrom = prev.machine.state();
                    if (prev.machine.state() == State.MASTER) {
                        dropNoLongerConfigured(prev, built);
                    }
                    prev.removed = true;
                    changed.add(prev);
                }
                next.add(built);
                toStart.add(built);
            }
        }
        toStop.addAll(old.values());
        old.values().forEach(i -> i.deleting = true);
        for (Instance i : toStop) {
            step(i, Event.STOPPED);
            i.removed = true;
        }
        // static addresses: drop the ones no longer configured, add new ones
        Set<InetAddress> newStatic = new HashSet<>();
        for (VrrpAddress a : cfg.vrrp().staticIpaddresses()) {
            newStatic.add(a.address());
        }
        for (VrrpAddress a : config.vrrp().staticIpaddresses()) {
            if (!newStatic.contains(a.address())) {
                removeAddress(null, a.address(), a, true);
            }
        }
        for (VrrpAddress a : cfg.vrrp().staticIpaddresses()) {
            addAddress(null, a.address(), a);
        }
        for (VrrpRule r : config.vrrp().staticRules()) {
            if (!cfg.vrrp().staticRules().contains(r)) {
                rule(null, r, false, true);
            }
        }
        for (VrrpRoute r : config.vrrp().staticRoutes()) {
            if (!cfg.vrrp().staticRoutes().contains(r)) {
                route(null, r, false, true);
            }
        }
        for (VrrpRoute r : cfg.vrrp().staticRoutes()) {
            route(null, r, true, false);
        }
        for (VrrpRule r : cfg.vrrp().staticRules()) {
            rule(null, r, true, false);
        }
        instances.clear();
        instances.addAll(next);
        for (Instance i : instances) {
            i.group = null;
        }
        this.config = cfg;
        buildGroups(cfg);
        warnUnsupported(cfg);
        syncScripts(cfg);
        adoptTrackers(nextTrackers);
        startInstances(toStart, cfg.globalDefs().fifoWriteVrrpStatesOnReload());
        log.info("Reload finished: " + kept.size() + " instance(s) kept, " + changed.size() + " changed, "
                + (toStart.size() - changed.size()) + " started, " + toStop.size() + " stopped");
    }

    private static keepalivedj.vrrp.packet.Advertisement advertOf(Instance i) {
        List<InetAddress> addrs = i.spec.vips().stream().map(VirtualAddress::address).toList();
        int prio = i.machine.effectivePriority();
        return i.spec.version() == 2
                ? keepalivedj.vrrp.packet.Advertisement.v2(i.spec.vrid(), prio, i.spec.adverIntCs() / 100,
                        i.spec.authPass(), addrs)
                : keepalivedj.vrrp.packet.Advertisement.v3(i.spec.vrid(), prio, i.spec.adverIntCs(), addrs);
    }

    private static List<InetAddress> destinations(Instance i) {
        return i.spec.unicast() ? i.spec.unicastPeers().stream().map(p -> p.address()).toList()
                : List.of(i.spec.mcastGroup());
    }

    /** Record equality with arrays compared by content (auth_pass). */
    static boolean sameSpec(InstanceSpec a, InstanceSpec b) {
        try {
            for (RecordComponent c : InstanceSpec.class.getRecordComponents()) {
                if (!Objects.deepEquals(c.getAccessor().invoke(a), c.getAccessor().invoke(b))) {
                    return false;
                }
            }
            return true;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- views for dumps ------------------------------------------------------------------------------------------

    private Instance byName(String name) {
        for (Instance i : instances) {
            if (i.name().equals(name)) {
                return i;
            }
        }
        return null;
    }

    /** The USR1 data dump ($TMPDIR/keepalived.data). */
    public String dataDump() {
        return Dumps.data(config, instances, groups);
    }

    /** The USR2 statistics dump ($TMPDIR/keepalived.stats). */
    public String statsDump() {
        Map<String, DropCounters> unattributed = new LinkedHashMap<>();
        Map<String, Long> unknown = new LinkedHashMap<>();
        for (Map.Entry<String, Link> e : links.entrySet()) {
            unattributed.put(e.getKey(), e.getValue().unattributed);
            unknown.put(e.getKey(), e.getValue().unknownVrid);
        }
        return Dumps.stats(instances, unattributed, unknown, notify.stats());
    }

    /** State of each instance by name (tests, logs). */
    public Map<String, State> states() {
        Map<String, State> out = new LinkedHashMap<>();
        for (Instance i : instances) {
            out.put(i.name(), i.machine.state());
        }
        return out;
    }
}
