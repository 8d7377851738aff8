package keepalivedj.daemon.exec;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import keepalivedj.conf.validate.ScriptSecurity.Verdict;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteStreamHandler;

/**
 * The only class in keepalived-j that creates processes. It runs scripts the way keepalived 2.2.7's
 * {@code system_call_script} does (keepalived.md §c.2) and never blocks its caller: {@link #start} returns at
 * once and the result arrives on an {@link Execution}'s future. It does not decide whether a script may run
 * (that is {@code ScriptSecurity}'s verdict) nor what a result means (that is the caller's).
 *
 * <p>How a script is started, and why:
 * <ul>
 * <li>{@code /usr/bin/setsid /usr/bin/setpriv --pdeathsig TERM [--regid=G --reuid=U --clear-groups] -- argv}.
 * {@code setsid} gives the script its own process group (and session) with pgid == pid, because the JVM's child
 * is never a group leader, so setsid does not fork; that lets a timeout signal the whole tree as keepalived's
 * {@code kill(-pid, …)} does (commons-exec's watchdog would kill only the direct child). {@code setpriv} sets
 * PR_SET_PDEATHSIG=SIGTERM after changing credentials and, when the script's uid/gid differ from ours, drops to
 * them and clears supplementary groups as keepalived 2.2.7 does. Both are util-linux, so no native library is
 * loaded (jnr-posix would cost 0.4–0.8 s of start-up).</li>
 * <li>argv is passed unchanged: no shell, no quoting ({@code addArgument(a, false)}).</li>
 * <li>stdin, stdout and stderr are /dev/null (keepalived's daemon() does the same); nothing is pumped, so a
 * background child holding a pipe cannot delay the result.</li>
 * <li>The environment is inherited unchanged, except for the glibc tunable the launcher added for the JVM
 * alone ({@link #withoutLauncherTunable}); the working directory is {@code /}.</li>
 * <li>At the timeout the process group gets SIGTERM and, 2 s later, SIGKILL (sent with the shell's {@code kill}
 * from this class; the SIGKILL goes to the group even if the leader has already gone, so a child that ignores
 * SIGTERM does not survive).</li>
 * </ul>
 * A bounded pool of threads waits for the processes (each running script occupies one; further runs queue, never
 * the caller). One timer thread sends signals.
 */
public final class ScriptRunner implements AutoCloseable {
    /** keepalived waits this long after SIGTERM before SIGKILL. */
    public static final Duration KILL_DELAY = Duration.ofSeconds(2);
    static final String SETSID = "/usr/bin/setsid";
    static final String SETPRIV = "/usr/bin/setpriv";
    /** The shell's kill builtin: /bin/sh is essential on Debian, while the kill program (procps) is not. */
    static final String SHELL = "/bin/sh";
    private static final File DEV_NULL = new File("/dev/null");
    /** Set by the launcher to the glibc tunable it appended to GLIBC_TUNABLES for the JVM alone. */
    static final String ADDED_TUNABLE = "KEEPALIVEDJ_ADDED_GLIBC_TUNABLE";
    private static final Logger LOG = System.getLogger("keepalivedj.daemon.exec");

    private final ThreadPoolExecutor waiters;
    private final ScheduledThreadPoolExecutor timers;
    private final LongSupplier nanoTime;
    private final int ownUid;
    private final int ownGid;
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong notStarted = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    /** Counters since creation, for logs, stats dumps and tests. */
    public record Stats(long started, long notStarted, long timedOut, long refused) {
    }

    /**
     * @param maxConcurrent scripts running at once; more wait in an unbounded queue
     * @param nanoTime      monotonic clock for durations ({@code System::nanoTime} in production)
     * @param ownUid        the uid this daemon runs as (no credential change is made for scripts that run as it)
     * @param ownGid        the gid this daemon runs as
     */
    public ScriptRunner(int maxConcurrent, LongSupplier nanoTime, int ownUid, int ownGid) {
        this.nanoTime = nanoTime;
        this.ownUid = ownUid;
        this.ownGid = ownGid;
        this.waiters = new ThreadPoolExecutor(maxConcurrent, maxConcurrent, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("script"));
        this.waiters.allowCoreThreadTimeOut(true);
        this.timers = new ScheduledThreadPoolExecutor(1, daemonThreads("script-timer"));
        this.timers.setRemoveOnCancelPolicy(true);
        for (String tool : List.of(SETSID, SETPRIV, SHELL)) {
            if (!Files.isExecutable(Path.of(tool))) {
                LOG.log(Level.ERROR, "{0} is missing (util-linux, dash): scripts cannot be run as keepalived runs them",
                        tool);
            }
        }
    }

    /**
     * Starts the daemon itself again, detached, for running without {@code -n} (Java cannot fork): {@code setsid
     * argv...} with stdin/stdout/stderr on /dev/null and {@code extraEnv} added, in {@code /}. Returns the process
     * so the caller can wait for its pid file or its early death. Not for scripts: it has no timeout and no
     * pdeathsig, since the detached daemon must outlive its caller.
     */
    public static Process startDetached(List<String> argv, Map<String, String> extraEnv) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(SETSID);
        cmd.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(extraEnv);
        return pb.start();
    }

    /**
     * Takes out of a script's environment what the launcher added to the daemon's own: glibc's
     * {@code glibc.pthread.rseq=0} tunable, which is for the JVM's threads (see bin/keepalived-j), appended to
     * GLIBC_TUNABLES and named in {@value #ADDED_TUNABLE}. A script then sees GLIBC_TUNABLES as the operator set it
     * (or not at all), as under keepalived. Without the marker (the daemon was not started by the launcher, or the
     * operator's GLIBC_TUNABLES already chose rseq) nothing is changed.
     */
    static void withoutLauncherTunable(Map<String, String> env) {
        String added = env.remove(ADDED_TUNABLE);
        String tunables = env.get("GLIBC_TUNABLES");
        if (added == null || added.isEmpty() || tunables == null) {
            return;
        }
        if (tunables.equals(added)) {
            env.remove("GLIBC_TUNABLES");
        } else if (tunables.endsWith(":" + added)) {
            env.put("GLIBC_TUNABLES", tunables.substring(0, tunables.length() - added.length() - 1));
        }
    }

    /** A runner for this process: 32 concurrent scripts, the system clock, the real uid/gid from /proc. */
    public static ScriptRunner forThisProcess() {
        int[] ids = ownIds(Path.of("/proc/self/status"));
        return new ScriptRunner(32, System::nanoTime, ids[0], ids[1]);
    }

    /** The real uid and gid from the "Uid:" and "Gid:" lines of /proc/PID/status; 0/0 if unreadable. */
    static int[] ownIds(Path status) {
        int[] ids = {0, 0};
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Uid:") || line.startsWith("Gid:")) {
                    String real = line.substring(4).trim().split("\\s+")[0];
                    ids[line.charAt(0) == 'U' ? 0 : 1] = Integer.parseInt(real);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "Cannot read {0}: {1}; assuming uid 0", status, e.toString());
        }
        return ids;
    }

    /**
     * Runs what ScriptSecurity allowed, with {@code extraArgs} appended; a refused verdict is logged with its
     * reason, counted, and answered with a REFUSED result without starting anything.
     */
    public Execution start(Verdict verdict, List<String> extraArgs, Duration timeout) {
        if (!verdict.runnable()) {
            refused.incrementAndGet();
            LOG.log(Level.WARNING, "Not running script {0}: {1}", verdict.script().text(), verdict.reason());
            Execution e = new Execution(new ScriptLaunch(verdict.script().text(), verdict.script().argv().isEmpty()
                    ? List.of("?") : verdict.script().argv(), verdict.uid(), verdict.gid(), timeout), this);
            e.complete(ScriptResult.refused(verdict.reason()));
            return e;
        }
        return start(ScriptLaunch.of(verdict, extraArgs, timeout));
    }

    /** Starts a launch on a runner thread; returns at once. */
    public Execution start(ScriptLaunch launch) {
        Execution execution = new Execution(launch, this);
        try {
            waiters.execute(() -> run(execution));
        } catch (RejectedExecutionException e) {
            notStarted.incrementAndGet();
            execution.complete(ScriptResult.notStarted("script runner is closed"));
        }
        return execution;
    }

    /**
     * A launch of a system tool (mkfifo, for instance) as the daemon's own user; it goes through this class so
     * that no other class creates processes.
     */
    public ScriptLaunch ownLaunch(String name, List<String> argv, Duration timeout) {
        return new ScriptLaunch(name, argv, ownUid, ownGid, timeout);
    }

    public Stats stats() {
        return new Stats(started.get(), notStarted.get(), timedOut.get(), refused.get());
    }

    /** The command line actually executed: the wrappers, then the script's argv untouched. */
    List<String> commandLine(ScriptLaunch launch) {
        List<String> cmd = new ArrayList<>(List.of(SETSID, SETPRIV, "--pdeathsig", "TERM"));
        if (launch.uid() != ownUid || launch.gid() != ownGid) {
            cmd.add("--regid=" + launch.gid());
            cmd.add("--reuid=" + launch.uid());
            cmd.add("--clear-groups");
        }
        cmd.add("--");
        cmd.addAll(launch.argv());
        return cmd;
    }

    private void run(Execution execution) {
        ScriptLaunch launch = execution.launch();
        List<String> cmd = commandLine(launch);
        CommandLine line = new CommandLine(cmd.get(0));
        for (String a : cmd.subList(1, cmd.size())) {
            line.addArgument(a, false);
        }
        long t0 = nanoTime.getAsLong();
        int exit;
        try {
            exit = new GroupExecutor(execution).execute(line);
        } catch (IOException | RuntimeException e) {
            notStarted.incrementAndGet();
            LOG.log(Level.ERROR, "Failed to start script {0}: {1}", launch.name(), e.getMessage());
            execution.complete(ScriptResult.notStarted(String.valueOf(e.getMessage())));
            return;
        }
        Duration took = Duration.ofNanos(nanoTime.getAsLong() - t0);
        if (execution.timedOut()) {
            timedOut.incrementAndGet();
            LOG.log(Level.WARNING, "Script {0} timed out after {1} ms and was killed", launch.name(),
                    Long.toString(took.toMillis()));
            execution.complete(new ScriptResult(ScriptResult.Outcome.TIMED_OUT, exit, took, null));
        } else {
            execution.complete(new ScriptResult(ScriptResult.Outcome.EXITED, exit, took, null));
        }
    }

    /** Called on the waiting thread right after the process exists. */
    private void launched(Execution execution, Process process) {
        started.incrementAndGet();
        execution.started(process.pid());
        Duration timeout = execution.launch().timeout();
        if (timeout != null) {
            try {
                timers.schedule(() -> {
                    if (process.isAlive()) {
                        execution.markTimedOut();
                        terminate(execution, process.pid());
                    }
                }, timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                LOG.log(Level.WARNING, "Script {0} started while the runner closes: no timeout armed",
                        execution.launch().name());
            }
        }
        if (execution.terminateRequested()) {
            terminate(execution, process.pid());
        }
    }

    void terminate(Execution execution, long pgid) {
        if (!execution.markSignalled()) {
            return;
        }
        signalGroup(pgid, "TERM");
        try {
            timers.schedule(() -> signalGroup(pgid, "KILL"), KILL_DELAY.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            signalGroup(pgid, "KILL");
        }
    }

    /** {@code kill -s SIG -- -PGID} (the shell builtin): Java can signal a pid but not a process group. */
    private void signalGroup(long pgid, String signal) {
        try {
            new ProcessBuilder(SHELL, "-c", "kill -s " + signal + " -- -" + pgid)
                    .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "Cannot send SIG{0} to process group {1}: {2}", signal, Long.toString(pgid),
                    e.getMessage());
        }
    }

    /** Stops accepting scripts; running ones keep running (the daemon sends STOP notifies before this). */
    @Override
    public void close() {
        waiters.shutdown();
        timers.shutdown();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * commons-exec's executor, launching with stdio on /dev/null and cwd "/" instead of pipes, and reporting the
     * Process as soon as it exists so the timeout can be armed.
     */
    private final class GroupExecutor extends DefaultExecutor {
        private final Execution execution;

        GroupExecutor(Execution execution) {
            this.execution = execution;
            setExitValues(null);
            setStreamHandler(NO_STREAMS);
        }

        @Override
        protected Process launch(CommandLine command, Map<String, String> env, File dir) throws IOException {
            return launch(command, env, (Path) null);
        }

        @Override
        protected Process launch(CommandLine command, Map<String, String> env, Path dir) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(command.toStrings())
                    .directory(new File("/"))
                    .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(DEV_NULL))
                    .redirectError(ProcessBuilder.Redirect.appendTo(DEV_NULL));
            withoutLauncherTunable(pb.environment());
            Process p = pb.start();
            launched(execution, p);
            return p;
        }
    }

    /** The streams are redirected at launch, so there is nothing to pump. */
    private static final ExecuteStreamHandler NO_STREAMS = new ExecuteStreamHandler() {
        @Override
        public void setProcessInputStream(java.io.OutputStream os) {
        }

        @Override
        public void setProcessErrorStream(java.io.InputStream is) {
        }

        @Override
        public void setProcessOutputStream(java.io.InputStream is) {
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }
    };
}
