/**
 * Running scripts as keepalived 2.2.7 runs them (keepalived.md §c.2, §c.4, §c.5).
 *
 * <ul>
 * <li>{@link keepalivedj.daemon.exec.ScriptRunner} is the only class in keepalived-j that creates processes.
 * Its input is what {@code keepalivedj.conf.validate.ScriptSecurity} decided (a {@code Verdict}: runnable?,
 * resolved program, uid, gid); it never re-decides. A refused verdict is answered REFUSED and nothing runs.</li>
 * <li>Own process group: each script is started as {@code setsid setpriv --pdeathsig TERM [...] -- argv}. The
 * JVM's child is never a group leader, so {@code setsid} just calls setsid() and execs: the script's pid is its
 * pgid, and a timeout signals the whole group with the shell builtin {@code kill -s TERM -- -PGID} (SIGKILL
 * 2 s later). This costs no native library (jnr-posix would add 0.4–0.8 s of start-up) and about 2 ms per run;
 * the alternative, a descendant walk, misses children that were re-parented. Deviation from keepalived: a new
 * <em>session</em>, not only a new group (no controlling terminal either way for a daemon).</li>
 * <li>{@link keepalivedj.daemon.exec.ScriptTracker} is the pure vrrp_script state (hysteresis, "already
 * running", weight effect); {@link keepalivedj.daemon.exec.TrackScriptScheduler} drives it with real runs.</li>
 * </ul>
 */
package keepalivedj.daemon.exec;
