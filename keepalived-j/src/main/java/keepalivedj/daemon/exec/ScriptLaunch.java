package keepalivedj.daemon.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import keepalivedj.conf.validate.ScriptSecurity.Verdict;

/**
 * One script run as {@link ScriptRunner} will start it: the exact argv the program sees (argv[0] is the resolved
 * program path), the uid/gid it runs as, and how long it may run. It is what {@code ScriptSecurity} decided, plus
 * the arguments keepalived appends for this run; it is not a decision about whether the script may run (a refused
 * {@link Verdict} never becomes a launch — see {@link #of}).
 *
 * @param name    how logs name the script (the command as configured)
 * @param argv    program path and arguments, passed to the program unchanged (no shell, no quoting)
 * @param uid     user to run as
 * @param gid     group to run as
 * @param timeout SIGTERM to the script's process group after this, SIGKILL 2 s later; null for none
 */
public record ScriptLaunch(String name, List<String> argv, int uid, int gid, Duration timeout) {

    /** keepalived's marker for the one shell-run form, {@code "</dev/tcp/HOST/PORT"} (keepalived.md §c.2). */
    private static final String SHELL_FORM = "</";

    public ScriptLaunch {
        Objects.requireNonNull(name, "name");
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a script launch needs a program");
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /**
     * The launch for a runnable verdict: the configured arguments after the resolved program, then
     * {@code extraArgs} (what keepalived appends, e.g. {@code INSTANCE VI_1 MASTER 100} for {@code notify}).
     * A command starting with {@code </} runs as keepalived's {@code system()} does: {@code /bin/sh -c} with the
     * first word as written and every further word single-quoted.
     *
     * @throws IllegalArgumentException if the verdict is not runnable: callers check {@link Verdict#runnable()}
     */
    public static ScriptLaunch of(Verdict verdict, List<String> extraArgs, Duration timeout) {
        if (!verdict.runnable()) {
            throw new IllegalArgumentException("script " + verdict.script().text() + " is not runnable: "
                    + verdict.reason());
        }
        List<String> configured = verdict.script().argv();
        List<String> argv = new ArrayList<>();
        if (verdict.script().program().startsWith(SHELL_FORM)) {
            StringBuilder cmd = new StringBuilder(configured.get(0));
            for (String a : configured.subList(1, configured.size())) {
                cmd.append(' ').append(singleQuoted(a));
            }
            for (String a : extraArgs) {
                cmd.append(' ').append(singleQuoted(a));
            }
            argv.add("/bin/sh");
            argv.add("-c");
            argv.add(cmd.toString());
        } else {
            argv.add(verdict.program().toString());
            argv.addAll(configured.subList(1, configured.size()));
            argv.addAll(extraArgs);
        }
        return new ScriptLaunch(verdict.script().text(), argv, verdict.uid(), verdict.gid(), timeout);
    }

    /** The same launch with a different timeout (STOP notifications get 1 s whatever the default is). */
    public ScriptLaunch withTimeout(Duration newTimeout) {
        return new ScriptLaunch(name, argv, uid, gid, newTimeout);
    }

    /** The same launch with more arguments at the end (a FIFO script gets the FIFO path last). */
    public ScriptLaunch withArgs(List<String> more) {
        List<String> all = new ArrayList<>(argv);
        all.addAll(more);
        return new ScriptLaunch(name, all, uid, gid, timeout);
    }

    static String singleQuoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
