package keepalivedj.daemon;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import keepalivedj.conf.ConfigLoader;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.conf.Severity;
import keepalivedj.conf.model.GlobalNotifyFifo;
import keepalivedj.daemon.exec.ScriptRunner;
import keepalivedj.daemon.io.NetNamespace;
import keepalivedj.daemon.io.StartupPages;
import keepalivedj.daemon.log.DaemonLog;
import keepalivedj.daemon.lvs.LvsDaemon;
import keepalivedj.daemon.log.Syslog;
import keepalivedj.daemon.log.SystemdNotify;
import keepalivedj.daemon.notify.NotifyDispatcher;
import keepalivedj.daemon.notify.NotifyFifos;
import keepalivedj.daemon.track.Trackers;
import keepalivedj.daemon.vrrp.EventLoop;
import keepalivedj.daemon.vrrp.VrrpDaemon;
import keepalivedj.healthcheck.io.LinuxSockets;
import sun.misc.Signal;

/**
 * Running as a daemon (keepalived.md §b): pid files, log sinks, signals, the event loop, start, reload and stop.
 * keepalived-j is one process doing what keepalived's parent and VRRP child do; it writes its pid to both
 * {@code -p} and {@code -r}. Without {@code -n} it starts itself again detached ({@code setsid}, Java cannot fork)
 * and returns once the detached copy has written its pid file.
 */
final class Daemon {
    /** Marks the detached copy, so it does not detach again. */
    static final String DETACHED_ENV = "KEEPALIVEDJ_DETACHED";
    /** Notify scripts are serialised per instance, so each needs a bound (keepalived has none). */
    private static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(60);
    /** Least time a notify FIFO stays closed on reload, so that its readers see the EOF (see awaitReaders). */
    private static final long FIFO_EOF_GAP_MS = 50;
    /**
     * How long after start-up or a reload the daemon gives back what only that needed (StartupPages says what):
     * long enough for the instances to have taken their states and for the JIT to have compiled the advert path.
     * -Dkeepalivedj.releaseStartupPages=SECONDS changes it, =false turns the release off (to compare).
     */
    private static final long SETTLED_US = settledMicros(System.getProperty("keepalivedj.releaseStartupPages"));
    /**
     * How often the loop trims the native heap. The JVM's trimmer (-XX:TrimNativeHeapInterval) did this before;
     * its thread is woken every 5 s by the VM's chunk-pool cleaner whatever the interval, 12 wake-ups a minute
     * that cost more than all trims together (see the launcher). Every 30 minutes, not 5: after minutes of idling
     * one trim costs about 4 ms of CPU (caches gone cold, JNA's call path included; measured second by second
     * around it), 0.9 ms a minute at 5 minutes, a tenth of an idle master's whole CPU, for growth that slow.
     */
    private static final long TRIM_INTERVAL_US = TimeUnit.MINUTES.toMicros(30);

    private final Options options;
    private final HostEnvironment host;
    /** Volatile: a signal handler may run before it is set. */
    private volatile DaemonLog log;
    private EventLoop loop;
    private VrrpDaemon vrrp;
    /** The checker side (health checks driving IPVS); null when it does not run. */
    private volatile LvsDaemon lvs;
    /** notify_fifo and vrrp_notify_fifo; null when VRRP does not run. */
    private NotifyFifos vrrpFifos;
    /**
     * Signals that came before the daemon could act on them (handlers are installed first thing, the loop runs
     * only once the configuration is read and started); carried out, in order, once it runs. Guarded by itself.
     */
    private final List<String> earlySignals = new ArrayList<>();
    private boolean acting; // guarded by earlySignals
    /** SIGTERM seen: a later SIGHUP does nothing (the loop is about to end). */
    private volatile boolean stopping;
    /** Reloads one at a time, in arrival order: a SIGHUP during a reload waits for it (keepalived queues it). */
    private final Object reloading = new Object();
    private final SystemdNotify systemd = SystemdNotify.fromEnvironment();
    /**
     * The script scheduler also reports "VRRP_Script(x) succeeded" through System.Logger; the daemon logs it in
     * keepalived's format itself, so the library's INFO copy on stderr is turned off (warnings still show).
     * Held here so the logger, and its level, are not garbage collected.
     */
    private static final java.util.logging.Logger EXEC_LOG = java.util.logging.Logger.getLogger("keepalivedj.daemon.exec");

    /** Where -l (--log-console) writes: the caller's stderr. */
    private final PrintStream console;

    private Daemon(Options options, HostEnvironment host, PrintStream console) {
        this.options = options;
        this.host = host;
        this.console = console;
    }

    static int run(Options o, PrintStream err, HostEnvironment host) {
        if (o.checkersOnly() && o.vrrpOnly()) {
            err.println("keepalived-j: -P (--vrrp) and -C (--check) together leave nothing to run");
            return 1;
        }
        if (!o.dontFork() && System.getenv(DETACHED_ENV) == null) {
            return detach(o, err);
        }
        return new Daemon(o, host, err).runForeground();
    }

    /** keepalived forks into the background; Java cannot, so the same command line runs again under setsid. */
    private static int detach(Options o, PrintStream err) {
        List<String> argv = ownCommandLine();
        if (argv == null) {
            err.println("keepalived-j: cannot find my own command line to run detached; use -n (--dont-fork)");
            return 1;
        }
        Process p;
        try {
            p = ScriptRunner.startDetached(argv, Map.of(DETACHED_ENV, "1"));
        } catch (IOException e) {
            err.println("keepalived-j: cannot start in the background: " + e.getMessage());
            return 1;
        }
        Path pidFile = Path.of(o.pidFile());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                return p.exitValue();
            }
            if (String.valueOf(p.pid()).equals(readPid(pidFile))) {
                return 0;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
        err.println("keepalived-j: the background daemon (pid " + p.pid() + ") did not write " + pidFile
                + " within 20 s");
        return 1;
    }

    /** The JVM's command line that runs this daemon (the launcher execs java), or null when unknown. */
    private static List<String> ownCommandLine() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        if (info.command().isEmpty() || info.arguments().isEmpty()) {
            return null;
        }
        List<String> argv = new ArrayList<>();
        argv.add(info.command().get());
        argv.addAll(List.of(info.arguments().get()));
        return argv;
    }

    private int runForeground() {
        if (options.namespace() == null || NetNamespace.inside(options.namespace())) {
            // first thing (the syslog socket's native binding alone takes tens of ms to load): from here a HUP,
            // TERM, USR1 or USR2 is recorded and carried out once the daemon runs, instead of the JVM's default
            // (HUP and TERM run the shutdown hooks and exit, USR1 kills). Not in a copy about to execve itself
            // into its namespace: the exec would lose what it recorded, a TERM included.
            installSignals();
        }
        EXEC_LOG.setLevel(java.util.logging.Level.WARNING);
        // keepalived appends the namespace to its syslog ident, so the lines of several instances stay apart
        String ident = options.namespace() == null ? "Keepalived_vrrp" : "Keepalived_vrrp_" + options.namespace();
        Syslog syslog = options.noSyslog() ? null : new Syslog("/dev/log", ident, facility(options.logFacility()));
        log = new DaemonLog(options.logConsole() ? console : null, syslog, options.logDetail());
        log.captureLibraryLogs();
        if (options.namespace() != null && !NetNamespace.inside(options.namespace())) {
            // before anything else runs: the same command line again, inside the namespace (NetNamespace says why)
            IOException failed;
            try {
                NetNamespace.checkExists(options.namespace());
                List<String> argv = ownCommandLine();
                failed = argv == null ? new IOException("cannot find my own command line")
                        : NetNamespace.reexecInside(options.namespace(), argv);
            } catch (IOException e) {
                failed = e;
            }
            log.error(failed.getMessage());
            // keepalived 2.2.7's words, and its exit status (0), when the namespace cannot be entered
            log.error("Unable to set network namespace " + options.namespace() + " - exiting");
            log.close();
            return 0;
        }
        log.info("Starting keepalived-j " + Main.VERSION + " (keepalived 2.2.7 compatible)");
        if (options.namespace() != null) {
            log.info("Changing syslog ident to " + ident);
        }
        for (String opt : options.unimplemented()) {
            log.warning("option " + opt + " is accepted but not implemented yet");
        }
        for (String f : List.of(options.pidFile(), options.vrrpPidFile())) {
            String other = liveKeepalived(Path.of(f));
            if (other != null) {
                // keepalived's words and exit status (0) when a pid file names a running daemon
                log.info("daemon is already running (pid " + other + " in " + f + ")");
                log.close();
                return 0;
            }
        }
        ConfigLoader.Result loaded = load();
        if (loaded == null) {
            log.close();
            return 1;
        }
        // keepalived starts its checker process only when the configuration has virtual servers (or with -C), and
        // its VRRP process unless -C; keepalived-j is one process writing the pid files of the parts it runs.
        boolean runLvs = !options.vrrpOnly()
                && (options.checkersOnly() || !loaded.config().lvs().virtualServers().isEmpty());
        boolean runVrrp = !options.checkersOnly();
        List<Path> pidFiles = new ArrayList<>(List.of(Path.of(options.pidFile())));
        if (runVrrp) {
            pidFiles.add(Path.of(options.vrrpPidFile()));
        }
        if (runLvs) {
            pidFiles.add(Path.of(options.checkersPidFile()));
        }
        try {
            writePidFiles(pidFiles);
        } catch (IOException e) {
            log.error("cannot write pid file: " + e.getMessage());
            log.close();
            return 1;
        }
        ScriptRunner runner = ScriptRunner.forThisProcess();
        NotifyDispatcher notify = new NotifyDispatcher(runner, NOTIFY_TIMEOUT);
        loop = new EventLoop(() -> System.nanoTime() / 1000, t -> log.error("internal error: " + t));
        int code = 0;
        try {
            if (runVrrp) {
                vrrp = new VrrpDaemon(loop, log, new VrrpDaemon.Settings(!options.dontReleaseVrrp(),
                        options.addressMonitoring()), notify, runner);
                loop.sendRepeatsInKernel(timerWait(log));
            }
            if (runLvs) {
                try {
                    lvs = LvsDaemon.start(loaded, runner, new LvsDaemon.Settings(options.dontReleaseIpvs(), null,
                            log::info, options.logDetail() > 0 ? log::info : null, options.logDetail() > 0 ? o -> log.detail("IPVS op: " + LvsDaemon.describe(o))
                                    : null));
                } catch (keepalivedj.netlink.NetlinkException e) {
                    // keepalived's checker process gives up the same way when IPVS cannot be initialised
                    log.error("IPVS: Can't initialize ipvs: " + e.getMessage());
                    if (!runVrrp) {
                        throw new IOException("the checker process cannot run without IPVS");
                    }
                }
            }
            if (runVrrp) {
                // the FIFOs are open before the first line (each instance's initial BACKUP/FAULT) is written
                vrrpFifos = new NotifyFifos(notify.fifos(), runner);
                vrrpFifos.open(vrrpFifos.prepare(wantedFifos(loaded)));
                vrrp.start(loaded.config(), loaded.scripts());
            }
            actOnEarlySignals();
            loop.post(() -> systemd.send("READY=1\nMAINPID=" + ProcessHandle.current().pid()));
            loop.post(this::releaseWhenSettled);
            loop.post(this::trimHeapPeriodically);
            loop.run();
            loop.drain();
            // STOP notify scripts get 1 s (keepalived.md §b.5 step 4)
            notify.idleAll().get(1500, TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            log.error(e.getMessage());
            log.error("Stopping: the configuration cannot run here");
            code = 1;
        } catch (java.util.concurrent.TimeoutException e) {
            log.warning("STOP notify scripts still running after 1.5 s; leaving them");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            log.error("notify: " + e.getCause());
        } finally {
            if (lvs != null) {
                lvs.stop();
            }
            if (vrrp != null) {
                vrrp.close();
            }
            if (vrrpFifos != null) {
                vrrpFifos.close();
            }
            runner.close();
            for (Path p : pidFiles) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // nothing more to do at exit
                }
            }
            if (options.namespace() != null) {
                // keepalived leaves no /run/keepalived/NAME (nor an empty /run/keepalived) behind
                for (Path d = Path.of(options.runDir()); d != null && d.startsWith("/run/keepalived");
                     d = d.getParent()) {
                    try {
                        Files.deleteIfExists(d);
                    } catch (IOException notEmpty) {
                        break;
                    }
                }
            }
        }
        log.info("Stopped - used " + cpuTimes());
        log.close();
        return code;
    }

    /**
     * keepalived's CPU account at stop: "0.098614 user time, 0.212399 system time", from /proc/self/stat's utime
     * and stime, which are in USER_HZ ticks (100 per second on every Linux ABI).
     */
    static String cpuTimes() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state is field 3, utime field 14, stime field 15
            return seconds(Long.parseLong(f[11])) + " user time, " + seconds(Long.parseLong(f[12])) + " system time";
        } catch (IOException | RuntimeException e) {
            return "(CPU time unknown: " + e.getMessage() + ")";
        }
    }

    private static String seconds(long ticks) {
        long micros = ticks * 10_000;
        return String.format(java.util.Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    /** The configuration, its diagnostics logged; null when it has FATAL errors. */
    private ConfigLoader.Result load() {
        ConfigLoader.Result r = ConfigLoader.load(Path.of(options.useFile()),
                new ConfigLoader.Options(options.configId(), options.allConfig()), host);
        for (String line : r.diagnostics().render().split("\n")) {
            if (!line.isBlank()) {
                log.warning(line);
            }
        }
        if (r.diagnostics().count(Severity.FATAL) > 0) {
            log.error("Configuration " + options.useFile() + " has fatal errors");
            return null;
        }
        return r;
    }

    /** The VRRP FIFOs a configuration names, with their fifo scripts. */
    private List<NotifyFifos.Wanted> wantedFifos(ConfigLoader.Result r) {
        NotifyFifos.Wanted global = wanted(r, r.config().globalDefs().notifyFifo());
        if (global != null && lvs != null) {
            // keepalived runs notify_fifo_script in one process only, the checker's when there is one
            global = new NotifyFifos.Wanted(global.path(), null);
        }
        return NotifyFifos.wanted(global, wanted(r, r.config().globalDefs().vrrpNotifyFifo()));
    }

    private static NotifyFifos.Wanted wanted(ConfigLoader.Result r, GlobalNotifyFifo f) {
        return f == null ? null
                : new NotifyFifos.Wanted(Path.of(f.path()), f.script() == null ? null : r.scripts().get(f.script()));
    }

    private void installSignals() {
        handle("TERM", this::onStop);
        handle("INT", this::onStop);
        handle("HUP", this::onReload);
        handle("USR1", () -> loop.post(() -> {
            if (vrrp != null) {
                dump("keepalived.data", vrrp.dataDump());
            }
        }));
        handle("USR2", () -> loop.post(() -> {
            if (vrrp != null) {
                dump("keepalived.stats", vrrp.statsDump());
            }
        }));
    }

    /**
     * The JVM runs each handler on a thread of its own. Until {@link #actOnEarlySignals} the signal is only
     * recorded: keepalived 2.2.7 likewise blocks its signals once its handlers exist and acts on them when its
     * loop runs (before that it ignores HUP/USR1/USR2 and dies of TERM: measured in a namespace, a HUP 10 ms
     * after start did nothing, one 30 ms after start reloaded once the daemon ran).
     */
    private void handle(String name, Runnable r) {
        Signal signal = new Signal(name);
        if (!name.equals("TERM") && !name.equals("INT")) {
            takeOverIgnored(signal);
        }
        Signal.handle(signal, s -> {
            synchronized (earlySignals) {
                if (!acting) {
                    earlySignals.add(name);
                    DaemonLog l = log;
                    if (l != null) { // else it is logged when carried out
                        l.info("Received SIG" + name + " while starting; acting on it once started");
                    }
                    return;
                }
            }
            r.run();
        });
    }

    /**
     * The launcher starts the JVM with HUP, USR1 and USR2 ignored, as keepalived ignores them until its handlers
     * exist. The JVM does not take over a signal that is ignored (Signal.handle leaves it ignored), so its
     * disposition goes back to the default first (libc signal(2) through JNA, which pcap4j loads anyway); the
     * handler replaces the default microseconds later.
     */
    private static void takeOverIgnored(Signal signal) {
        try {
            com.sun.jna.Function.getFunction("c", "signal")
                    .invokePointer(new Object[] {signal.getNumber(), com.sun.jna.Pointer.NULL}); // SIG_DFL
        } catch (RuntimeException | LinkageError e) {
            // without JNA the signal stays ignored if the launcher ignored it: reported, the daemon still runs
            System.err.println("cannot take over SIG" + signal.getName() + ": " + e);
        }
    }

    /**
     * The daemon runs now (the loop is about to): what was recorded is carried out, a stop first and alone
     * (a reload or dump would be undone at once), else one reload for any number of HUPs (each reload reads the
     * file as it is now) and the dumps on the loop.
     */
    private void actOnEarlySignals() {
        List<String> early;
        synchronized (earlySignals) {
            acting = true;
            early = List.copyOf(earlySignals);
            earlySignals.clear();
        }
        if (!early.isEmpty()) {
            log.info("Acting on the signals received while starting: " + early);
        }
        if (early.contains("TERM") || early.contains("INT")) {
            onStop();
            return;
        }
        if (early.contains("HUP")) {
            // on a thread of its own, as a handler would run: the file is read there, never on the loop
            Thread t = new Thread(this::onReload, "SIGHUP handler (start-up)");
            t.setDaemon(true);
            t.start();
        }
        if (early.contains("USR1")) {
            loop.post(() -> {
                if (vrrp != null) {
                    dump("keepalived.data", vrrp.dataDump());
                }
            });
        }
        if (early.contains("USR2")) {
            loop.post(() -> {
                if (vrrp != null) {
                    dump("keepalived.stats", vrrp.statsDump());
                }
            });
        }
    }

    private void onStop() {
        stopping = true;
        log.info("Stopping"); // first, as keepalived: the checker side's shutdown lines follow it
        LvsDaemon l = lvs;
        if (l != null) {
            l.stop(); // on the signal thread: the checker side has its own loop, the VRRP loop is not held up
        }
        loop.post(() -> {
            systemd.send("STOPPING=1");
            if (vrrpFifos != null) {
                vrrpFifos.stopScripts(); // keepalived.md §c.3: the fifo script goes before the STOP lines
            }
            if (vrrp != null) {
                vrrp.stop();
            }
            loop.stop();
        });
    }

    /** Runs on the signal thread: the new file is read and checked here, so the loop never waits for it. */
    private void onReload() {
        synchronized (reloading) {
            if (!stopping) {
                reload();
            }
        }
    }

    private void reload() {
        log.info("Reloading");
        systemd.send("RELOADING=1");
        NotifyFifos fifos = vrrpFifos;
        long closedAt = System.nanoTime();
        if (fifos != null) {
            // keepalived.md §b.5: the fifo script is stopped and the FIFO closed (readers see EOF) before the new
            // file is read; lines of the meantime wait for the reopened FIFOs
            onLoop(fifos::suspend);
            closedAt = System.nanoTime();
        }
        LvsDaemon checker = lvs;
        if (checker != null) {
            checker.suspendFifos(); // keepalived's checker process closes its FIFOs at the same moment
            closedAt = System.nanoTime();
        }
        ConfigLoader.Result r = load();
        if (r == null) {
            log.error("New config failed validation - keeping the running configuration");
            if (checker != null) {
                awaitReaders(closedAt);
                checker.resumeFifos();
            }
            if (fifos != null) {
                NotifyFifos.Prepared same = fifos.prepare(fifos.suspendedWanted());
                awaitReaders(closedAt);
                loop.post(() -> fifos.resume(same));
            }
            systemd.send("READY=1");
            return;
        }
        if (checker != null) {
            awaitReaders(closedAt);
            checker.reload(r);
        }
        VrrpDaemon v = vrrp;
        // the trackers' file and /proc reads happen here too; the loop only adopts them
        Trackers trackers = v == null ? null : v.prepareTrackers(r.config());
        // mkfifo here, off the loop; the new FIFOs open on the loop just before the reload's own lines
        NotifyFifos.Prepared nextFifos = fifos == null ? null : fifos.prepare(wantedFifos(r));
        if (fifos != null) {
            awaitReaders(closedAt);
        }
        loop.post(() -> {
            if (fifos != null) {
                fifos.resume(nextFifos);
            }
            if (stopping) {
                return; // a SIGTERM came while the file was read: the instances have stopped, nothing to reload
            }
            if (v != null) {
                v.reload(r.config(), r.scripts(), trackers);
            }
            // keepalived's line once every part has reloaded (the checker side did so on this thread already)
            log.info("Reload complete");
            systemd.send("READY=1");
            releaseWhenSettled();
        });
    }

    /**
     * Loop thread: {@link #SETTLED_US} from now, the pages start-up or the reload touched go back, and twice that
     * later once more. The second pass drops what the JIT's warm-up touched after the first: at one advert a
     * second the compiler keeps working for a minute or two, and every compile brings back pages of its own code
     * in libjvm and of the class archive that the daemon then does not use again (100 idle instances, RSS a
     * minute after the last release: about 42.5 MB with one pass, about 40.3 MB with both; the second costs
     * about 1.5 ms of CPU).
     */
    private void releaseWhenSettled() {
        if (SETTLED_US < 0) {
            return;
        }
        loop.at(loop.nowUs() + SETTLED_US, () -> {
            releaseOnItsOwnThread();
            loop.at(loop.nowUs() + 2 * SETTLED_US, this::releaseOnItsOwnThread);
        });
    }

    /**
     * Loop thread: trims the native heap every {@link #TRIM_INTERVAL_US}, for the slow growth between releases
     * (freed chunks in the middle of an arena stay resident until trimmed). On the loop itself: a trim of the
     * daemon's heap took 0.1-0.8 ms when measured every 10 s and about 4 ms after 5 idle minutes, short beside
     * even a 10 ms advert interval.
     */
    private void trimHeapPeriodically() {
        loop.at(loop.nowUs() + TRIM_INTERVAL_US, () -> {
            try {
                StartupPages.trimHeap();
            } catch (RuntimeException | LinkageError e) {
                log.warning("cannot trim the native heap: " + e);
                return; // the next one would fail the same way
            }
            trimHeapPeriodically();
        });
    }

    /**
     * On a short-lived thread: the release holds a CPU for 5-10 ms (12-20 ms of wall time here, more on a loaded
     * host), and a VRRPv3 instance at advert_int 0.01 must not wait for it.
     */
    private void releaseOnItsOwnThread() {
        Thread t = new Thread(this::releaseStartupPages, "release start-up pages");
        t.setDaemon(true);
        t.start();
    }

    /** 30 s unless the property says otherwise; -1: never ("false", "off"). */
    static long settledMicros(String property) {
        if (property == null || property.isBlank()) {
            return TimeUnit.SECONDS.toMicros(30);
        }
        if (property.equals("false") || property.equals("off")) {
            return -1;
        }
        try {
            return Math.max(0, Math.round(Double.parseDouble(property) * 1e6));
        } catch (NumberFormatException e) {
            return TimeUnit.SECONDS.toMicros(30);
        }
    }

    private void releaseStartupPages() {
        try {
            StartupPages.Released r = StartupPages.release();
            log.detail("Released start-up pages: resident " + r.rssBeforeKiB() + " -> " + r.rssAfterKiB()
                    + " KiB (" + r.mappings() + " file mappings" + (r.heapTrimmed() ? ", native heap trimmed" : "")
                    + "; " + r.micros() + " us, " + r.cpuMicros() + " us of CPU)");
            if (r.failure() != null) {
                log.warning("cannot release start-up pages: " + r.failure());
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            log.warning("cannot release start-up pages: " + e);
        }
    }

    /**
     * A reader blocked in read() only sees EOF if it runs before the FIFO is opened again. keepalived's gap is
     * the time it takes to read the configuration (2.2 ms median, 4.3 ms max, tools/bench/hup-fifo-bench.sh): a
     * reader at real-time priority sees every EOF, an ordinary one on a busy machine may miss it. Ours is at least
     * {@link #FIFO_EOF_GAP_MS}, mostly hidden in our slower configuration read (HUP to "Reload complete": 78.1 ms
     * median without FIFOs, 79.6 ms with them).
     */
    private static void awaitReaders(long closedAt) {
        long left = FIFO_EOF_GAP_MS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closedAt);
        if (left > 0) {
            try {
                Thread.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs {@code task} on the loop and waits for it (at most 2 s: a loop that has ended runs nothing). */
    private void onLoop(Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.post(() -> {
            try {
                task.run();
            } finally {
                done.complete(null);
            }
        });
        try {
            done.get(2, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warning("reload: the VRRP loop did not answer within 2 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dump(String file, String text) {
        String tmp = System.getenv("TMPDIR");
        Path p = Path.of(tmp == null || tmp.isEmpty() ? "/tmp" : tmp, file);
        try {
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.error("cannot write " + p + ": " + e.getMessage());
        }
    }

    private static void writePidFiles(List<Path> files) throws IOException {
        String pid = ProcessHandle.current().pid() + "\n";
        for (Path p : files) {
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
            Files.writeString(p, pid, StandardCharsets.US_ASCII);
        }
    }

    static String readPid(Path p) {
        try {
            return Files.readString(p, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return null;
        }
    }

    /** The pid in {@code p} when it names a live keepalived or keepalived-j other than us, else null. */
    static String liveKeepalived(Path p) {
        String pid = readPid(p);
        if (pid == null || !pid.matches("\\d+") || pid.equals(String.valueOf(ProcessHandle.current().pid()))) {
            return null;
        }
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            int close = stat.lastIndexOf(')');
            if (close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z') {
                return null; // a zombie is not running
            }
            byte[] cmd = Files.readAllBytes(Path.of("/proc", pid, "cmdline"));
            return new String(cmd, StandardCharsets.UTF_8).contains("keepalived") ? pid : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** -S: 0..7 or local0..7 → LOG_LOCALn, user, daemon; default LOG_DAEMON. */
    static int facility(String s) {
        if (s == null) {
            return Syslog.FACILITY_DAEMON;
        }
        String v = s.startsWith("local") ? s.substring(5) : s;
        if (v.matches("[0-7]")) {
            return 16 + Integer.parseInt(v);
        }
        return s.equals("user") ? 1 : Syslog.FACILITY_DAEMON;
    }

    /** The loop's kernel timer wait (EventLoop), or null where it cannot be made: the loop then parks for every timer. */
    private static LinuxSockets.TimerWait timerWait(DaemonLog log) {
        try {
            return LinuxSockets.TimerWait.open();
        } catch (IOException | LinkageError e) {
            log.info("adverts are sent by the event loop itself: " + e.getMessage());
            return null;
        }
    }
}
