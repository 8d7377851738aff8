package keepalivedj.conf.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.conf.Position;
import keepalivedj.conf.SystemHostEnvironment;
import keepalivedj.conf.model.ScriptCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Script security against real files (keepalived.md §c.5; each expectation was checked with keepalived 2.2.7's
 * {@code -t}). The project's tests run as root, as keepalived does; ownership checks need that.
 */
class ScriptSecurityTest {
    @TempDir
    Path dir;

    /** The real machine, except that the keepalived_script user is declared absent, as on the reference host. */
    static final class NoDefaultUser implements HostEnvironment {
        final SystemHostEnvironment sys = new SystemHostEnvironment();

        public boolean interfaceExists(String n) { return sys.interfaceExists(n); }
        public OptionalInt userId(String u) {
            return ScriptSecurity.DEFAULT_USER.equals(u) ? OptionalInt.empty() : sys.userId(u);
        }
        public OptionalInt groupId(String g) { return sys.groupId(g); }
        public OptionalInt primaryGroupOf(String u) {
            return ScriptSecurity.DEFAULT_USER.equals(u) ? OptionalInt.empty() : sys.primaryGroupOf(u);
        }
        public Optional<FileInfo> stat(Path p) { return sys.stat(p); }
        public Optional<Path> findInPath(String n) { return sys.findInPath(n); }
        public String hostname() { return sys.hostname(); }
        public Optional<String> env(String n) { return sys.env(n); }
    }

    static final HostEnvironment HOST = new NoDefaultUser();

    @BeforeAll
    static void mustBeRoot() {
        assertEquals(0, HOST.userId(System.getProperty("user.name")).orElse(-1),
                "script security tests check root ownership and must run as root, as the project's tests do");
    }

    Path script(String dirMode) throws IOException {
        Path d = Files.createDirectories(dir.resolve("s"));
        Path s = d.resolve("ok.sh");
        Files.writeString(s, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString(dirMode));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return s;
    }

    static ScriptCommand cmd(String text, String user) {
        return new ScriptCommand(text, List.of(text.split(" ")), user, null, new Position("k.conf", 7, 17));
    }

    static ScriptSecurity.ScriptUse use(String text, String user) {
        return ScriptSecurity.ScriptUse.notify(cmd(text, user));
    }

    @Test
    void aMissingTrackScriptIsAConfigErrorUnlikeAMissingNotifyScript() {
        Diagnostics d = new Diagnostics();
        ScriptSecurity.check(List.of(new ScriptSecurity.ScriptUse(cmd("/nonexistent/chk.sh", null), "chk")),
                new ScriptSecurity.Settings("root", null, true), HOST, d);
        assertEquals(5, d.testExitCode());
        assertEquals("k.conf:7:17: warning: Disabling track script chk since not found/accessible: found"
                + " '/nonexistent/chk.sh', expected an executable file; instances tracking it ignore it",
                d.all().get(0).render());
    }

    @Test
    void rootScriptWithoutScriptSecurityIsAViolation() throws IOException {
        Path s = script("rwxr-xr-x");
        Diagnostics d = new Diagnostics();
        Map<ScriptCommand, ScriptSecurity.Verdict> v = ScriptSecurity.check(List.of(use(s.toString(), null)),
                new ScriptSecurity.Settings(null, null, false), HOST, d);
        assertEquals(6, d.testExitCode());
        assertEquals("k.conf:7:17: security: SECURITY VIOLATION - scripts are being executed but script_security"
                + " not enabled.: expected enable_script_security in global_defs, or a non-root script_user;"
                + " the scripts run as root all the same, as keepalived runs them", d.all().get(0).render());
        ScriptSecurity.Verdict verdict = v.values().iterator().next();
        assertTrue(verdict.runnable());
        assertEquals(0, verdict.uid());
    }

    @Test
    void worldWritableDirectoryMakesTheScriptInsecure() throws IOException {
        Path s = script("rwxrwxrwx");
        Diagnostics d = new Diagnostics();
        ScriptSecurity.check(List.of(use(s.toString(), null)), new ScriptSecurity.Settings(null, null, false),
                HOST, d);
        assertTrue(d.all().get(0).message().endsWith("There are insecure scripts."), d.render());
        assertFalse(ScriptSecurity.secure(s, HOST));
    }

    @Test
    void withScriptSecurityAndNoDefaultUserTheScriptIsRemoved() throws IOException {
        Path s = script("rwxr-xr-x");
        Diagnostics d = new Diagnostics();
        Map<ScriptCommand, ScriptSecurity.Verdict> v = ScriptSecurity.check(List.of(use(s.toString(), null)),
                new ScriptSecurity.Settings(null, null, true), HOST, d);
        assertEquals(5, d.testExitCode());
        assertEquals("Unable to set default user keepalived_script for script", d.all().get(0).message());
        assertFalse(v.values().iterator().next().runnable());
    }

    @Test
    void withScriptSecurityAnInsecureRootScriptIsDisabledQuietly() throws IOException {
        Path s = script("rwxrwxrwx");
        Diagnostics d = new Diagnostics();
        Map<ScriptCommand, ScriptSecurity.Verdict> v = ScriptSecurity.check(List.of(use(s.toString(), null)),
                new ScriptSecurity.Settings("root", null, true), HOST, d);
        assertEquals(0, d.testExitCode(), d.render());
        assertEquals("unsafe permissions", v.values().iterator().next().reason());
    }

    @Test
    void aMissingScriptIsDisabledWithoutChangingTheExitCode() {
        Diagnostics d = new Diagnostics();
        Map<ScriptCommand, ScriptSecurity.Verdict> v = ScriptSecurity.check(
                List.of(use(dir.resolve("missing.sh").toString(), null)),
                new ScriptSecurity.Settings(null, null, false), HOST, d);
        assertEquals(0, d.testExitCode());
        assertFalse(v.values().iterator().next().runnable());
    }

    @Test
    void aScriptOfNobodyIsNoViolation() throws IOException {
        Path s = script("rwxr-xr-x");
        Diagnostics d = new Diagnostics();
        Map<ScriptCommand, ScriptSecurity.Verdict> v = ScriptSecurity.check(List.of(use(s.toString(), "nobody")),
                new ScriptSecurity.Settings(null, null, false), HOST, d);
        assertEquals(0, d.testExitCode(), d.render());
        assertEquals(65534, v.values().iterator().next().uid());
    }

    @Test
    void shellRedirectFormRunsThroughBinShAndBareNamesThroughPath() {
        assertEquals(Path.of("/bin/sh"), ScriptSecurity.resolve(cmd("</dev/tcp/127.0.0.1/80", null), HOST).get());
        assertTrue(ScriptSecurity.resolve(cmd("sh -c true", null), HOST).get().isAbsolute());
    }
}
