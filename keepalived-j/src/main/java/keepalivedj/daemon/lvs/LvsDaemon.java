package keepalivedj.daemon.lvs;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import keepalivedj.conf.ConfigLoader;
import keepalivedj.conf.model.GlobalDefs;
import keepalivedj.conf.model.GlobalLvsTimeouts;
import keepalivedj.conf.model.GlobalNotifyFifo;
import keepalivedj.conf.model.KeepalivedConfig;
import keepalivedj.conf.model.LvsConfig;
import keepalivedj.conf.model.RealServer;
import keepalivedj.conf.model.ScriptCommand;
import keepalivedj.conf.model.VirtualServer;
import keepalivedj.conf.validate.ScriptSecurity;
import keepalivedj.daemon.exec.ScriptRunner;
import keepalivedj.daemon.mail.AlertMessage;
import keepalivedj.daemon.mail.MailSettings;
import keepalivedj.daemon.mail.SmtpAlerter;
import keepalivedj.daemon.notify.FifoFanOut;
import keepalivedj.daemon.notify.NotifyFifos;
import keepalivedj.healthcheck.Destination;
import keepalivedj.healthcheck.HealthChecks;
import keepalivedj.healthcheck.RsChange;
import keepalivedj.healthcheck.SystemTicker;
import keepalivedj.healthcheck.VirtualServerState;
import keepalivedj.healthcheck.check.Checkers;
import keepalivedj.healthcheck.check.TlsContexts;
import keepalivedj.healthcheck.io.CheckLoop;
import keepalivedj.ipvs.DestinationEntry;
import keepalivedj.ipvs.Ipvs;
import keepalivedj.ipvs.IpvsDestination;
import keepalivedj.ipvs.IpvsOp;
import keepalivedj.ipvs.IpvsOutcome;
import keepalivedj.ipvs.IpvsPlan;
import keepalivedj.ipvs.IpvsService;
import keepalivedj.ipvs.IpvsTimeouts;
import keepalivedj.ipvs.NetlinkIpvs;
import keepalivedj.ipvs.ServiceEntry;
import keepalivedj.netlink.NetlinkException;

/**
 * keepalived's checker process: the health checks of the {@code healthcheck} module drive the kernel's IPVS table
 * through {@code ipvs-bridge} (keepalived.md §e.3, §b.5).
 *
 * <ul>
 * <li>{@link #start}: {@code lvs_flush} flushes, {@code lvs_timeouts} are set, every service is added, then the
 * checks start and put the initial pool in (alive real servers, inhibited ones at weight 0, or the sorry
 * server).</li>
 * <li>Check results: each {@link RsChange} that is an IPVS command becomes one netlink request per kernel service
 * of its virtual server (virtual_server_group expanded); notify scripts run through {@link ScriptRunner}; FIFO
 * lines go to {@code notify_fifo} and to {@code lvs_notify_fifo} (each with its fifo script), as keepalived
 * 2.2.7's checker writes them; SMTP alerts go to {@link SmtpAlerter} when {@code smtp_server} and
 * {@code notification_email} are set.</li>
 * <li>{@link #reload}: the FIFOs are closed and their scripts sent SIGTERM ({@link #suspendFifos}, at the start of
 * the reload), then the new configuration's scripts started and FIFOs opened before the reload's own lines, as
 * keepalived's checker does ({@link NotifyFifos}); the health checks carry their state over
 * ({@link HealthChecks#reload}); the IPVS table the daemon owns before and after is computed from the real-server
 * states and {@link IpvsPlan} sends only the difference, so an unchanged real server gets no netlink message at
 * all.</li>
 * <li>{@link #stop}: the fifo scripts get SIGTERM; {@code -I} leaves IPVS alone and notifies nothing;
 * {@code lvs_flush_on_stop} flushes, {@code lvs_flush_on_stop VS} deletes the services only, and omega virtual
 * servers send their quorum down notifies; otherwise each real server logs "Shutting down service" and is deleted
 * (inhibited ones too), omega ones with their down notifies, then each service. The FIFOs close last.
 * Timeouts changed at start are restored.</li>
 * </ul>
 * Everything runs on one thread, the health-check {@link CheckLoop}: checks, state, and the IPVS requests (short
 * netlink round trips). Scripts and mail are asynchronous. A kernel error is logged in keepalived's words and
 * counted; the daemon goes on.
 */
public final class LvsDaemon {
    private static final System.Logger LOG = System.getLogger("keepalivedj.daemon.lvs");

    /**
     * @param dontReleaseIpvs -I: leave IPVS as it is at stop
     * @param netns           the network namespace file for IPVS ({@code net_namespace_ipvs}), or null for ours
     * @param log             where operator log lines go (keepalived's words)
     * @param detail          where keepalived's detailed ({@code -D}) lines go; null without -D
     * @param ops             every IPVS op sent, with its outcome (tests and debugging); may be null
     */
    public record Settings(boolean dontReleaseIpvs, Path netns, Consumer<String> log, Consumer<String> detail,
                           Consumer<IpvsOutcome> ops) {
        public static Settings defaults() {
            return new Settings(false, null, s -> LOG.log(System.Logger.Level.INFO, s), null, null);
        }
    }

    /** Counters: ops sent, ops the kernel refused (other than keepalived's tolerated errors), netlink failures. */
    public record Stats(long opsSent, long opsFailed, long netlinkErrors, long scriptsStarted, long alertsQueued) {
    }

    private final Settings settings;
    private final ScriptRunner runner;
    private final CheckLoop loop;
    private final AtomicLong opsSent = new AtomicLong();
    private final AtomicLong opsFailed = new AtomicLong();
    private final AtomicLong netlinkErrors = new AtomicLong();
    private final AtomicLong scriptsStarted = new AtomicLong();
    private final AtomicLong alertsQueued = new AtomicLong();

    // loop-thread state
    private Ipvs ipvs;
    private KeepalivedConfig config;
    private Map<ScriptCommand, ScriptSecurity.Verdict> verdicts;
    private IpvsMapping mapping;
    private IpvsMapping previousMapping;
    private LvsConfig previousLvs;
    /**
     * During a reload, the running configuration's script verdicts: the down notifies of what the reload removes
     * are scripts of that configuration only.
     */
    private Map<ScriptCommand, ScriptSecurity.Verdict> previousVerdicts;
    private HealthChecks checks;
    private boolean reloading;
    private IpvsTimeouts savedTimeouts;
    private SmtpAlerter alerter;
    /** Every VS/RS line goes to each open FIFO; written from the loop, never blocks. */
    private final FifoFanOut fifoLines = new FifoFanOut();
    /** notify_fifo and lvs_notify_fifo with their scripts; loop-thread state. */
    private final NotifyFifos fifos;
    /** Between {@link #suspendFifos} and the reload (or {@link #resumeFifos}). Loop-thread state. */
    private boolean fifosSuspended;
    private boolean stopped;
    /** ha_suspend: the addresses configured here, kept by {@link #watch} while a virtual server uses ha_suspend. */
    private final java.util.Set<InetAddress> localAddresses = new java.util.HashSet<>();
    private volatile AddressWatch watch;
    /** ha_suspend virtual servers whose checks run now (their address is here). */
    private final java.util.Set<VirtualServer> active = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());

    private LvsDaemon(Settings settings, ScriptRunner runner) {
        this.settings = settings;
        this.runner = runner;
        this.loop = new CheckLoop(new SystemTicker(), "checker");
        this.fifos = new NotifyFifos(fifoLines, runner);
    }

    /**
     * Starts the checker side: opens IPVS, makes it match {@code loaded}'s configuration and starts the checks.
     * Returns once the initial table is in the kernel.
     *
     * @param runner the daemon's script runner (MISC_CHECK, notify_up/down, quorum_up/down, FIFO script)
     * @throws NetlinkException if IPVS cannot be opened (no ip_vs, no permission)
     */
    public static LvsDaemon start(ConfigLoader.Result loaded, ScriptRunner runner, Settings settings)
            throws NetlinkException {
        LvsDaemon d = new LvsDaemon(settings, runner);
        Ipvs ipvs = settings.netns() == null ? NetlinkIpvs.open() : NetlinkIpvs.openIn(settings.netns());
        try {
            d.onLoop(() -> {
                d.ipvs = ipvs;
                d.begin(loaded);
                return null;
            });
        } catch (RuntimeException e) {
            if (d.watch != null) {
                d.watch.close();
            }
            ipvs.close();
            d.loop.close();
            throw e;
        }
        return d;
    }

    private void begin(ConfigLoader.Result loaded) {
        log("Initializing ipvs");
        config = loaded.config();
        verdicts = loaded.scripts();
        mapping = new IpvsMapping(config.lvs());
        GlobalDefs g = config.globalDefs();
        openMail(g);
        // keepalived's checker opens its FIFOs after IPVS is up and before the first line; mkfifo blocks the loop
        // here (at most 2 s per missing FIFO) only at start-up, a reload prepares them off the loop
        fifos.open(fifos.prepare(wantedFifos(config, verdicts)));
        if (g.lvsFlush()) {
            log("Flushing LVS on startup (lvs_flush)");
            try {
                ipvs.flush();
            } catch (NetlinkException e) {
                netlinkError("IPVS flush", e);
            }
        }
        setTimeouts(g.lvsTimeouts());
        List<IpvsOp> add = new ArrayList<>();
        for (IpvsService s : mapping.allServices()) {
            add.add(new IpvsOp.AddService(s));
        }
        send(add);
        checks = new HealthChecks(config.lvs(), new Checkers(loop, tls(config.lvs()),
                new MiscScripts(runner, verdicts), new SplittableRandom()), loop, new SplittableRandom(),
                config.globalDefs().rsInitNotifies(), this::changes);
        checks.start();
        checkerActivity();
    }

    // ---- ha_suspend --------------------------------------------------------------------------------------------

    private static boolean usesHaSuspend(VirtualServer vs) {
        // a group or fwmark service has no one address to look for (keepalived clears ha_suspend for fwmarks)
        return vs.haSuspend() && vs.kind() == VirtualServer.Kind.ADDRESS;
    }

    /**
     * At start and after a reload, as keepalived does: every checker is logged as activated, or deactivated when
     * its virtual server has ha_suspend and its address is not configured here. Starts the address watch the first
     * time a virtual server uses ha_suspend.
     */
    private void checkerActivity() {
        active.clear();
        boolean any = false;
        for (VirtualServer vs : config.lvs().virtualServers()) {
            any |= usesHaSuspend(vs);
        }
        if (any && watch == null) {
            try {
                watch = AddressWatch.start(loop::execute, this::addresses, this::addressChanged, this::log);
                localAddresses.addAll(watch.initial());
            } catch (NetlinkException e) {
                netlinkError("Netlink reflector (ha_suspend)", e);
            }
        }
        for (VirtualServer vs : config.lvs().virtualServers()) {
            boolean on = !usesHaSuspend(vs) || localAddresses.contains(vs.address());
            if (usesHaSuspend(vs) && on) {
                active.add(vs);
            }
            checks.setSuspended(vs, !on);
            logCheckers(vs, on ? "Activating" : "Deactivating");
        }
    }

    /** The whole list of addresses (first read, or re-read after lost events). */
    private void addresses(List<InetAddress> all) {
        if (stopped) {
            return;
        }
        localAddresses.clear();
        localAddresses.addAll(all);
        reconsider(null, false);
    }

    private void addressChanged(InetAddress a, boolean added) {
        if (stopped) {
            return;
        }
        if (added) {
            localAddresses.add(a);
        } else {
            localAddresses.remove(a);
        }
        reconsider(a, added);
    }

    /** Applies the address list to every ha_suspend virtual server; logs only those whose checks start or stop. */
    private void reconsider(InetAddress changed, boolean added) {
        boolean reported = false;
        for (VirtualServer vs : config.lvs().virtualServers()) {
            if (!usesHaSuspend(vs)) {
                continue;
            }
            boolean on = localAddresses.contains(vs.address());
            if (on == active.contains(vs)) {
                continue;
            }
            if (changed != null && !reported && settings.detail() != null) {
                settings.detail().accept("Netlink reflector reports IP " + keepalivedj.conf.InetText.of(changed) + " "
                        + (added ? "added" : "removed"));
                reported = true;
            }
            if (on) {
                active.add(vs);
            } else {
                active.remove(vs);
            }
            checks.setSuspended(vs, !on);
            logCheckers(vs, on ? "Activating" : "Suspending");
        }
    }

    /** keepalived's line per checker: "Activating healthchecker for service [rs]:tcp:80 for VS [vip]:tcp:80". */
    private void logCheckers(VirtualServer vs, String verb) {
        String v = keepalivedj.healthcheck.Names.virtualServer(vs);
        for (RealServer rs : vs.realServers()) {
            String service = keepalivedj.healthcheck.Names.destination(vs, Destination.of(rs));
            for (int i = 0; i < rs.checkers().size(); i++) {
                log(verb + " healthchecker for service " + service + " for VS " + v);
            }
        }
    }

    private SSLContext tls(LvsConfig lvs) {
        if (lvs.ssl() == null) {
            return null;
        }
        try {
            return TlsContexts.forConfig(lvs.ssl());
        } catch (java.io.IOException | RuntimeException e) {
            log("SSL block unusable, SSL_GET uses an auto-generated context: " + e.getMessage());
            return null;
        }
    }

    private void openMail(GlobalDefs g) {
        if (g.smtpServer() != null && !g.notificationEmail().isEmpty()) {
            MailSettings m = MailSettings.plain(g.routerId(), g.notificationEmail(), g.notificationEmailFrom(),
                    g.smtpServer(), g.smtpServerPort() > 0 ? g.smtpServerPort() : MailSettings.DEFAULT_PORT,
                    g.smtpHeloName() != null ? g.smtpHeloName() : g.routerId(),
                    g.smtpConnectTimeoutMicros() > 0 ? Duration.ofNanos(g.smtpConnectTimeoutMicros() * 1000)
                            : MailSettings.DEFAULT_TIMEOUT);
            alerter = new SmtpAlerter(m, Clock.systemDefaultZone());
        }
    }

    private void closeMail() {
        if (alerter != null) {
            alerter.close();
            alerter = null;
        }
    }

    /**
     * The checker's FIFOs: {@code notify_fifo} with its script (keepalived runs the global fifo script in the
     * checker process when there is one) and {@code lvs_notify_fifo} with its own, the latter ignored when it names
     * the global one's path.
     */
    static List<NotifyFifos.Wanted> wantedFifos(KeepalivedConfig c, Map<ScriptCommand, ScriptSecurity.Verdict> v) {
        return NotifyFifos.wanted(wanted(c.globalDefs().notifyFifo(), v), wanted(c.globalDefs().lvsNotifyFifo(), v));
    }

    private static NotifyFifos.Wanted wanted(GlobalNotifyFifo f, Map<ScriptCommand, ScriptSecurity.Verdict> v) {
        return f == null ? null : new NotifyFifos.Wanted(Path.of(f.path()),
                f.script() == null ? null : MiscScripts.verdict(v, f.script()));
    }

    /**
     * First step of a reload (keepalived's checker does it before reading the new file): SIGTERM to the fifo
     * scripts and the FIFOs closed, so readers see EOF; lines of the meantime wait for the reopened FIFOs.
     */
    public void suspendFifos() {
        onLoop(() -> {
            if (!stopped && !fifosSuspended) {
                fifos.suspend();
                fifosSuspended = true;
            }
            return null;
        });
    }

    /** A reload whose configuration did not load: the FIFOs of the running configuration open again. */
    public void resumeFifos() {
        NotifyFifos.Prepared same = fifos.prepare(fifos.suspendedWanted());
        onLoop(() -> {
            if (!stopped && fifosSuspended) {
                fifos.resume(same);
                fifosSuspended = false;
            }
            return null;
        });
    }

    private void setTimeouts(GlobalLvsTimeouts t) {
        if (t == null) {
            return;
        }
        try {
            if (savedTimeouts == null) {
                savedTimeouts = ipvs.timeouts();
            }
            ipvs.setTimeouts(new IpvsTimeouts(t.tcpSeconds(), t.tcpfinSeconds(), t.udpSeconds()));
        } catch (NetlinkException | RuntimeException e) {
            netlinkError("IPVS timeouts", e);
        }
    }

    /** The health checks' sink: on the loop thread, in order. */
    private void changes(List<RsChange> changes) {
        List<IpvsOp> ops = new ArrayList<>();
        for (RsChange c : changes) {
            if (c instanceof RsChange.Log l) {
                log(l.message());
            } else if (c instanceof RsChange.RunScript r) {
                runScript(r.command(), r.event(), null);
            } else if (c instanceof RsChange.FifoLine f) {
                fifoLines.write(f.line());
            } else if (c instanceof RsChange.SmtpAlert a) {
                if (alerter != null) {
                    alertsQueued.incrementAndGet();
                    alerter.send(new AlertMessage("[" + config.globalDefs().routerId() + "] " + a.subject(),
                            a.body()));
                }
            } else if (!reloading) {
                ops.addAll(mappingFor(c).ops(c));
            }
        }
        send(ops);
    }

    /** A removed virtual server is named by the configuration it came from (its group may be gone now). */
    private IpvsMapping mappingFor(RsChange c) {
        VirtualServer vs = c instanceof RsChange.AddDest a ? a.vs()
                : c instanceof RsChange.SetWeight w ? w.vs() : ((RsChange.RemoveDest) c).vs();
        if (previousLvs != null && !containsIdentity(config.lvs().virtualServers(), vs)
                && containsIdentity(previousLvs.virtualServers(), vs)) {
            return previousMapping;
        }
        return mapping;
    }

    private static boolean containsIdentity(List<VirtualServer> list, VirtualServer vs) {
        for (VirtualServer v : list) {
            if (v == vs) {
                return true;
            }
        }
        return false;
    }

    /** Starts a notify script; returns its run, or null when it may not run. */
    private keepalivedj.daemon.exec.Execution runScript(ScriptCommand command, String event, Duration timeout) {
        ScriptSecurity.Verdict v = MiscScripts.verdict(verdicts, command);
        if (v == null && previousVerdicts != null) {
            v = MiscScripts.verdict(previousVerdicts, command);
        }
        if (v == null) {
            log("Not running " + event + " script " + command.text() + ": no script-security verdict");
            return null;
        }
        scriptsStarted.incrementAndGet();
        return runner.start(v, List.of(), timeout);
    }

    /** Sends the ops in order; kernel refusals are logged and counted, never thrown. */
    private void send(List<IpvsOp> ops) {
        if (ops.isEmpty()) {
            return;
        }
        List<IpvsOutcome> outcomes;
        try {
            outcomes = ipvs.apply(ops);
        } catch (NetlinkException | RuntimeException e) {
            opsSent.addAndGet(ops.size());
            netlinkError("IPVS (" + ops.size() + " requests)", e);
            return;
        }
        opsSent.addAndGet(ops.size());
        for (IpvsOutcome o : outcomes) {
            if (!o.succeeded()) {
                opsFailed.incrementAndGet();
            }
            if (o.error() != null) {
                log(errorLine(o));
            }
            if (settings.ops() != null) {
                settings.ops().accept(o);
            }
        }
    }

    /**
     * keepalived's line for a kernel error: {@code IPVS cmd IP_VS_SO_SET_ADDDEST(1159) error: Numerical result out
     * of range(34) (10.71.1.1:tcp:8090 -> 10.71.2.11:80)}: the service as ipvswrapper names it (address:proto:port,
     * not ipvs-bridge's "TCP address:port").
     */
    static String errorLine(IpvsOutcome o) {
        keepalivedj.ipvs.IpvsException e = o.error();
        String subject = service(o.op().service());
        if (o.op() instanceof IpvsOp.AddDestination a) {
            subject += " -> " + a.destination();
        } else if (o.op() instanceof IpvsOp.EditDestination ed) {
            subject += " -> " + ed.destination();
        } else if (o.op() instanceof IpvsOp.DeleteDestination d) {
            subject += " -> " + d.destination();
        }
        return "IPVS cmd " + e.cmd().sockoptName() + "(" + e.cmd().sockoptNumber() + ") error: " + e.reason() + "("
                + e.errno() + ") (" + subject + ")";
    }

    private static String service(IpvsService s) {
        if (s.isFwmark()) {
            return "FWM " + Integer.toUnsignedString(s.fwmark());
        }
        String a = s.address().getHostAddress();
        if (s.address() instanceof java.net.Inet6Address) {
            a = "[" + a + "]";
        }
        return a + ":" + s.protocol().name().toLowerCase(java.util.Locale.ROOT) + ":" + s.port();
    }

    private void netlinkError(String what, Exception e) {
        netlinkErrors.incrementAndGet();
        log(what + " failed: " + e.getMessage());
    }

    private void log(String s) {
        settings.log().accept(s);
    }

    /**
     * The table this daemon wants in the kernel now: every service of every virtual server, with the real servers
     * and sorry server its state has put there.
     */
    private List<ServiceEntry> owned(IpvsMapping m, List<VirtualServerState> states) {
        List<ServiceEntry> out = new ArrayList<>();
        for (VirtualServerState st : states) {
            VirtualServer vs = st.virtualServer();
            for (IpvsService s : m.services(vs)) {
                List<DestinationEntry> dests = new ArrayList<>();
                List<RealServer> rss = vs.realServers();
                for (int i = 0; i < rss.size(); i++) {
                    Integer w = st.weightInPool(i);
                    if (w != null) {
                        dests.add(new DestinationEntry(IpvsMapping.destination(s, Destination.of(rss.get(i)), w),
                                0, 0, 0));
                    }
                }
                if (st.sorryInPool() != null) {
                    dests.add(new DestinationEntry(IpvsMapping.destination(s, Destination.of(vs.sorryServer()),
                            st.sorryInPool()), 0, 0, 0));
                }
                out.add(new ServiceEntry(s, dests));
            }
        }
        return out;
    }

    /**
     * Reload (SIGHUP): the new configuration's checks continue the old ones' state, and IPVS gets exactly the
     * difference between the table owned before and after; lvs_flush is not applied again. Returns the ops sent.
     */
    public List<IpvsOp> reload(ConfigLoader.Result next) {
        // mkfifo here, off the loop; the FIFOs open on the loop before the reload's first line
        NotifyFifos.Prepared nextFifos = fifos.prepare(wantedFifos(next.config(), next.scripts()));
        return onLoop(() -> {
            if (stopped) {
                throw new IllegalStateException("reload after stop");
            }
            if (!fifosSuspended) { // a caller that did not call suspendFifos first
                fifos.suspend();
            }
            fifos.resume(nextFifos);
            fifosSuspended = false;
            log("Reinitializing ipvs");
            List<ServiceEntry> before = owned(mapping, checks.states());
            previousLvs = config.lvs();
            previousMapping = mapping;
            previousVerdicts = verdicts;
            GlobalDefs oldGlobals = config.globalDefs();
            config = next.config();
            verdicts = next.scripts();
            mapping = new IpvsMapping(config.lvs());
            if (!oldGlobals.equals(config.globalDefs())) {
                closeMail();
                openMail(config.globalDefs());
                if (config.globalDefs().lvsTimeouts() != null
                        && !config.globalDefs().lvsTimeouts().equals(oldGlobals.lvsTimeouts())) {
                    setTimeouts(config.globalDefs().lvsTimeouts());
                }
            }
            reloading = true;
            try {
                checks.reload(config.lvs(), config.globalDefs().rsInitNotifies());
            } finally {
                reloading = false;
            }
            checkerActivity(); // the reload forgot which servers were suspended
            List<IpvsOp> ops = IpvsPlan.between(owned(mapping, checks.states()), before);
            send(ops);
            previousLvs = null;
            previousMapping = null;
            previousVerdicts = null;
            return ops;
        });
    }

    /**
     * Stop (SIGTERM): checks end; IPVS is cleaned up as keepalived does unless -I; omega scripts run (1 s); the
     * loop, FIFO and mailer close. Idempotent: a second call (the daemon's own, after the signal's) waits for the
     * first to finish and never posts to the closed loop.
     */
    public void stop() {
        if (!stopRequested.compareAndSet(false, true)) {
            stopDone.join();
            return;
        }
        try {
            stopOnce();
        } finally {
            stopDone.complete(null);
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean stopRequested =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final CompletableFuture<Void> stopDone = new CompletableFuture<>();

    private void stopOnce() {
        AddressWatch w = watch;
        if (w != null) {
            w.close(); // off the loop: it waits for its reader thread
        }
        onLoop(() -> {
            if (stopped) {
                return null;
            }
            stopped = true;
            // keepalived's checker: the fifo scripts get SIGTERM; the FIFOs stay open for the omega lines of the
            // shutdown and close after it (seen in the IPVS VM against keepalived 2.2.7)
            if (fifosSuspended) {
                fifos.resume(fifos.prepare(fifos.suspendedWanted()));
                fifosSuspended = false;
            }
            fifos.stopScripts();
            String flush = config.globalDefs().lvsFlushOnStop();
            boolean release = !settings.dontReleaseIpvs();
            if (release && "ALL".equals(flush)) {
                log("Flushing LVS on shutdown (lvs_flush_on_stop)");
                try {
                    ipvs.flush();
                } catch (NetlinkException e) {
                    netlinkError("IPVS flush", e);
                }
            }
            // -I: keepalived leaves IPVS alone and sends nothing; lvs_flush_on_stop: only omega quorum notifies
            List<RsChange> last = !release ? checks.stopKeepingIpvs()
                    : flush != null ? checks.stopFlushed() : checks.stop();
            List<IpvsOp> ops = new ArrayList<>();
            for (RsChange c : last) {
                if (c instanceof RsChange.Log l) {
                    log(l.message());
                } else if (c instanceof RsChange.RunScript r) {
                    keepalivedj.daemon.exec.Execution e = runScript(r.command(), r.event(), Duration.ofSeconds(1));
                    if (e != null) {
                        stopScripts.add(e.result());
                    }
                } else if (c instanceof RsChange.FifoLine f) {
                    fifoLines.write(f.line());
                } else if (!(c instanceof RsChange.SmtpAlert)) {
                    ops.addAll(mapping.ops(c));
                }
            }
            fifos.close();
            if (release && !"ALL".equals(flush)) {
                for (IpvsService s : mapping.allServices()) {
                    ops.add(new IpvsOp.DeleteService(s));
                }
                send(ops);
            }
            if (savedTimeouts != null) {
                try {
                    ipvs.setTimeouts(savedTimeouts);
                } catch (NetlinkException | RuntimeException e) {
                    netlinkError("IPVS timeouts restore", e);
                }
            }
            closeMail();
            ipvs.close();
            Stats st = stats();
            // keepalived-j's own line: the counters the daemon kept, so refused requests are visible at the end
            log("Checker counters: IPVS requests sent " + st.opsSent() + ", refused " + st.opsFailed()
                    + ", netlink errors " + st.netlinkErrors() + "; scripts started " + st.scriptsStarted()
                    + "; alerts queued " + st.alertsQueued());
            return null;
        });
        loop.close();
        // keepalived's checker waits for its stop scripts (killed after 1 s) before it exits; so does the caller
        // for ours, which closes the script runner and may end the JVM right after this
        try {
            CompletableFuture.allOf(stopScripts.toArray(CompletableFuture[]::new)).get(1500,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            log("Stop notify scripts still running after 1.5 s; leaving them");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The omega notify scripts {@link #stop} started (loop thread, then read after the loop ended). */
    private final List<CompletableFuture<?>> stopScripts = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Stats stats() {
        return new Stats(opsSent.get(), opsFailed.get(), netlinkErrors.get(), scriptsStarted.get(),
                alertsQueued.get());
    }

    /** The loop the checks run on (tests, and the lead's event loop if it wants to post work). */
    public CheckLoop loop() {
        return loop;
    }

    private <T> T onLoop(Supplier<T> task) {
        if (loop.inLoop()) {
            return task.get();
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                f.complete(task.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** One IPVS request and its outcome as the daemon logs it with -D: "NEW_DEST TCP 10.1.1.1:80 -> 10.2.2.2:80 weight 1 DONE". */
    public static String describe(IpvsOutcome o) {
        IpvsOp op = o.op();
        String s = op.cmd() + " " + op.subject();
        IpvsDestination d = op instanceof IpvsOp.AddDestination a ? a.destination()
                : op instanceof IpvsOp.EditDestination e ? e.destination() : null;
        if (d != null) {
            s += " weight " + d.weight();
        }
        return s + " " + o.status();
    }
}
