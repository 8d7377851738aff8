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
import java.util.concurrent.TimeUnit;
import keepalivedj.conf.ConfigLoader;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.conf.Severity;
import keepalivedj.conf.model.GlobalNotifyFifo;
import keepalivedj.conf.model.KeepalivedConfig;
import keepalivedj.daemon.exec.ScriptRunner;
import keepalivedj.daemon.io.NetNamespace;
import keepalivedj.daemon.log.DaemonLog;
import keepalivedj.daemon.lvs.LvsDaemon;
import keepalivedj.daemon.log.Syslog;
import keepalivedj.daemon.log.SystemdNotify;
import keepalivedj.daemon.notify.NotifyDispatcher;
import keepalivedj.daemon.notify.NotifyFifo;
import keepalivedj.daemon.track.Trackers;
import keepalivedj.daemon.vrrp.EventLoop;
import keepalivedj.daemon.vrrp.VrrpDaemon;
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

    private final Options options;
    private final HostEnvironment host;
    private DaemonLog log;
    private EventLoop loop;
    private VrrpDaemon vrrp;
    /** The checker side (health checks driving IPVS); null when it does not run. */
    private volatile LvsDaemon lvs;
    private final List<NotifyFifo> fifos = new ArrayList<>();
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
            }
            // handlers before the (slowest) start: a HUP or TERM during start-up is queued on the loop, not fatal
            installSignals();
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
                openFifos(loaded.config(), loaded.scripts(), runner, notify);
                vrrp.start(loaded.config(), loaded.scripts());
            }
            loop.post(() -> systemd.send("READY=1\nMAINPID=" + ProcessHandle.current().pid()));
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
            for (NotifyFifo f : fifos) {
                f.close(Duration.ofMillis(200));
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

    private void openFifos(KeepalivedConfig cfg, Map<keepalivedj.conf.model.ScriptCommand,
            keepalivedj.conf.validate.ScriptSecurity.Verdict> scripts, ScriptRunner runner, NotifyDispatcher notify) {
        for (GlobalNotifyFifo f : new GlobalNotifyFifo[] {cfg.globalDefs().notifyFifo(), cfg.globalDefs().vrrpNotifyFifo()}) {
            if (f == null) {
                continue;
            }
            NotifyFifo.open(Path.of(f.path()), f.script() == null ? null : scripts.get(f.script()), runner)
                    .whenComplete((fifo, e) -> {
                        if (e != null) {
                            log.error("cannot open notify fifo " + f.path() + ": " + e.getMessage());
                        } else {
                            synchronized (fifos) {
                                fifos.add(fifo);
                            }
                            notify.addFifo(fifo);
                        }
                    });
        }
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

    private static void handle(String name, Runnable r) {
        Signal.handle(new Signal(name), s -> r.run());
    }

    private void onStop() {
        log.info("Stopping"); // first, as keepalived: the checker side's shutdown lines follow it
        LvsDaemon l = lvs;
        if (l != null) {
            l.stop(); // on the signal thread: the checker side has its own loop, the VRRP loop is not held up
        }
        loop.post(() -> {
            systemd.send("STOPPING=1");
            if (vrrp != null) {
                vrrp.stop();
            }
            loop.stop();
        });
    }

    /** Runs on the signal thread: the new file is read and checked here, so the loop never waits for it. */
    private void onReload() {
        log.info("Reloading");
        systemd.send("RELOADING=1");
        ConfigLoader.Result r = load();
        if (r == null) {
            log.error("New config failed validation - keeping the running configuration");
            systemd.send("READY=1");
            return;
        }
        LvsDaemon l = lvs;
        if (l != null) {
            l.reload(r);
        }
        VrrpDaemon v = vrrp;
        // the trackers' file and /proc reads happen here too; the loop only adopts them
        Trackers trackers = v == null ? null : v.prepareTrackers(r.config());
        loop.post(() -> {
            if (v != null) {
                v.reload(r.config(), r.scripts(), trackers);
            }
            // keepalived's line once every part has reloaded (the checker side did so on this thread already)
            log.info("Reload complete");
            systemd.send("READY=1");
        });
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
}
