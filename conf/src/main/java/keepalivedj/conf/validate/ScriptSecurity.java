package keepalivedj.conf.validate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.conf.HostEnvironment.FileInfo;
import keepalivedj.conf.Position;
import keepalivedj.conf.Severity;
import keepalivedj.conf.model.ScriptCommand;

/**
 * Decides, for every script of a configuration, which user runs it and whether it may run at all, as keepalived
 * 2.2.7 does at load time (keepalived.md §c.2, §c.5; messages checked against {@code keepalived -t}):
 * <ul>
 * <li>the user is the script's own {@code user [group]}, else global {@code script_user}, else
 * {@code keepalived_script} when that user exists, else root — but with {@code enable_script_security} a
 * script with no user of its own is refused when neither script_user nor keepalived_script exists;</li>
 * <li>a program that cannot be found is disabled (keepalived reports nothing that changes {@code -t}'s code);</li>
 * <li>a script that would run as root is insecure when any component of its path is not owned by root or is
 * writable by a non-root group or by others (sticky directories excepted); with enable_script_security an
 * insecure script is disabled; without it, any script running as root is a SECURITY VIOLATION
 * ({@code -t} exits 6).</li>
 * </ul>
 * Pure apart from the questions it asks {@link HostEnvironment}.
 */
public final class ScriptSecurity {

    /** Global settings that decide script users. {@code scriptUser} null when script_user is not set. */
    public record Settings(String scriptUser, String scriptGroup, boolean enableScriptSecurity) {
    }

    /**
     * A script and where it is used. {@code vrrpScript} names the vrrp_script it belongs to, or is null for
     * notify scripts, MISC_CHECK and the like: keepalived treats a tracked script it cannot use as a config
     * error, but a notify script it cannot find only as a log line.
     */
    public record ScriptUse(ScriptCommand script, String vrrpScript) {
        public static ScriptUse notify(ScriptCommand s) {
            return new ScriptUse(s, null);
        }
    }

    /** A script as the runner will start it, or why it will not run. */
    public record Verdict(ScriptCommand script, boolean runnable, Path program, int uid, int gid, String reason) {
        static Verdict run(ScriptCommand s, Path program, int uid, int gid) {
            return new Verdict(s, true, program, uid, gid, null);
        }

        static Verdict refuse(ScriptCommand s, String reason) {
            return new Verdict(s, false, null, -1, -1, reason);
        }
    }

    static final String DEFAULT_USER = "keepalived_script";

    private ScriptSecurity() {
    }

    /**
     * Checks every script and reports what keepalived would report. The verdicts are keyed by identity, so two
     * equal command lines at different places keep separate answers.
     */
    public static Map<ScriptCommand, Verdict> check(List<ScriptUse> uses, Settings settings,
                                                    HostEnvironment host, Diagnostics diagnostics) {
        Map<ScriptCommand, Verdict> verdicts = new IdentityHashMap<>();
        Position firstRoot = null;
        boolean anyInsecure = false;
        for (ScriptUse use : uses) {
            ScriptCommand s = use.script();
            Verdict v = checkOne(use, settings, host, diagnostics);
            verdicts.put(s, v);
            if (v.runnable() && v.uid() == 0 && !settings.enableScriptSecurity()) {
                if (firstRoot == null) {
                    firstRoot = s.position();
                }
                if (!secure(v.program(), host)) {
                    anyInsecure = true;
                }
            }
        }
        if (firstRoot != null) {
            diagnostics.add(Severity.SECURITY, firstRoot,
                    "SECURITY VIOLATION - scripts are being executed but script_security not enabled."
                            + (anyInsecure ? " There are insecure scripts." : ""),
                    null, "enable_script_security in global_defs, or a non-root script_user",
                    "the scripts run as root all the same, as keepalived runs them");
        }
        return Collections.unmodifiableMap(verdicts);
    }

    private static Verdict checkOne(ScriptUse use, Settings settings, HostEnvironment host,
                                    Diagnostics diagnostics) {
        ScriptCommand s = use.script();
        int uid;
        int gid;
        if (s.user() != null) {
            OptionalInt u = host.userId(s.user());
            if (u.isEmpty()) {
                diagnostics.add(Severity.WARNING, s.position(), "Invalid user/group for script", s.user(),
                        "an existing user", "ignoring the script");
                return Verdict.refuse(s, "unknown user " + s.user());
            }
            uid = u.getAsInt();
            OptionalInt g = s.group() != null ? host.groupId(s.group()) : host.primaryGroupOf(s.user());
            if (g.isEmpty()) {
                diagnostics.add(Severity.WARNING, s.position(), "Invalid user/group for script",
                        s.group() != null ? s.group() : s.user(), "an existing group", "ignoring the script");
                return Verdict.refuse(s, "unknown group");
            }
            gid = g.getAsInt();
        } else if (settings.scriptUser() != null) {
            OptionalInt u = host.userId(settings.scriptUser());
            OptionalInt g = settings.scriptGroup() != null ? host.groupId(settings.scriptGroup())
                    : host.primaryGroupOf(settings.scriptUser());
            if (u.isEmpty() || g.isEmpty()) {
                // global_defs reports the bad script_user itself; here the script simply cannot get a user.
                return Verdict.refuse(s, "script_user " + settings.scriptUser() + " does not exist");
            }
            uid = u.getAsInt();
            gid = g.getAsInt();
        } else {
            OptionalInt u = host.userId(DEFAULT_USER);
            if (u.isPresent()) {
                uid = u.getAsInt();
                gid = host.primaryGroupOf(DEFAULT_USER).orElse(uid);
            } else if (settings.enableScriptSecurity()) {
                diagnostics.add(Severity.WARNING, s.position(),
                        "Unable to set default user " + DEFAULT_USER + " for script", null,
                        "user '" + DEFAULT_USER + "', a script_user, or a user after the command",
                        "the script is removed");
                if (use.vrrpScript() != null) {
                    diagnostics.add(Severity.WARNING, s.position(), "Unable to set default user for vrrp script "
                            + use.vrrpScript() + " - removing", null, null, "instances tracking it ignore it");
                }
                return Verdict.refuse(s, "no default user");
            } else {
                uid = 0;
                gid = 0;
            }
        }
        Optional<Path> program = resolve(s, host);
        Optional<FileInfo> info = program.flatMap(host::stat);
        if (program.isEmpty() || info.isEmpty() || info.get().directory() || !info.get().executableBy(uid, gid)) {
            if (use.vrrpScript() != null) {
                diagnostics.add(Severity.WARNING, s.position(), "Disabling track script " + use.vrrpScript()
                        + " since not found/accessible", s.program(), "an executable file", "instances tracking it"
                        + " ignore it");
            } else {
                diagnostics.add(Severity.NOTE, s.position(), "script not found or not executable by uid " + uid,
                        s.program(), null, "it is disabled");
            }
            return Verdict.refuse(s, program.isEmpty() ? "not found" : "not executable");
        }
        if (uid == 0 && settings.enableScriptSecurity() && !secure(program.get(), host)) {
            diagnostics.add(Severity.NOTE, s.position(), "Unsafe permissions found for script", s.text(),
                    "every path component owned by root and writable only by root", "disabling");
            return Verdict.refuse(s, "unsafe permissions");
        }
        return Verdict.run(s, program.get(), uid, gid);
    }

    /** The program file: '</dev/tcp/…' forms run through /bin/sh, bare names come from $PATH. */
    static Optional<Path> resolve(ScriptCommand s, HostEnvironment host) {
        String prog = s.program();
        if (prog.startsWith("</")) {
            return Optional.of(Path.of("/bin/sh"));
        }
        if (prog.isEmpty()) {
            return Optional.empty();
        }
        if (!prog.contains("/")) {
            return host.findInPath(prog);
        }
        Path p = Path.of(prog);
        return host.stat(p).isPresent() ? Optional.of(p.toAbsolutePath().normalize()) : Optional.empty();
    }

    /** Root-owned all the way down and writable by nobody but root (sticky directories exempt from the write test). */
    static boolean secure(Path program, HostEnvironment host) {
        List<Path> chain = new ArrayList<>();
        for (Path p = program.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            chain.add(p);
        }
        for (Path p : chain) {
            Optional<FileInfo> fi = host.stat(p);
            if (fi.isEmpty()) {
                return false;
            }
            FileInfo f = fi.get();
            if (f.uid() != 0) {
                return false;
            }
            boolean stickyDir = f.directory() && f.sticky();
            if (!stickyDir && ((f.writableByGroup() && f.gid() != 0) || f.writableByOthers())) {
                return false;
            }
        }
        return true;
    }
}
