package keepalivedj.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** keepalived's getopt_long command line (keepalived.md §b.1). */
class OptionsTest {

    @Test
    void defaults() throws Exception {
        Options o = Options.parse(new String[0]);
        assertEquals("/etc/keepalived/keepalived.conf", o.useFile());
        assertFalse(o.configTest());
        assertNull(o.configId());
        assertTrue(o.unimplemented().isEmpty());
    }

    @Test
    void shortOptionsTakeAttachedOrSeparateArguments() throws Exception {
        Options o = Options.parse(new String[] {"-f", "/a.conf", "-ihigh", "-t"});
        assertEquals("/a.conf", o.useFile());
        assertEquals("high", o.configId());
        assertTrue(o.configTest());
        assertNull(o.configTestLogFile());
        assertEquals("/b.conf", Options.parse(new String[] {"-f/b.conf"}).useFile());
    }

    @Test
    void bundledFlagsAndOptionalArguments() throws Exception {
        Options o = Options.parse(new String[] {"-lDDn", "-t/tmp/t.log", "--config-id=low"});
        assertEquals(2, o.logDetail);
        assertEquals("/tmp/t.log", o.configTestLogFile());
        assertEquals("low", o.configId());
        assertTrue(o.logConsole() && o.dontFork(), "-l and -n inside a bundle");
        assertEquals(List.of(), o.unimplemented(), "-l, -D and -n are acted on");
        assertEquals(List.of("-x (--snmp)", "-R (--dont-respawn)"),
                Options.parse(new String[] {"-x", "-I", "-R", "-p", "/p", "-r", "/r"}).unimplemented());
        Options c = Options.parse(new String[] {"-C", "-I", "-c", "/run/c.pid"});
        assertTrue(c.checkersOnly() && c.dontReleaseIpvs());
        assertEquals("/run/c.pid", c.checkersPidFile());
        assertEquals("/r", Options.parse(new String[] {"-r", "/r"}).vrrpPidFile());
        assertEquals("/run/keepalived.pid", o.pidFile());
        assertEquals("/run/vrrp.pid", o.vrrpPidFile());
        Options ns = Options.parse(new String[] {"-s", "blue", "-c", "/c"});
        assertEquals(List.of(), ns.unimplemented(), "-s is acted on");
        assertEquals("/run/keepalived/blue/keepalived.pid", ns.pidFile(), "keepalived -s's pid directory");
        assertEquals("/run/keepalived/blue/vrrp.pid", ns.vrrpPidFile());
        assertEquals("/c", ns.checkersPidFile(), "a given path wins");
    }

    @Test
    void longOptionsWithEqualsOrNextWordAndUnambiguousAbbreviations() throws Exception {
        Options o = Options.parse(new String[] {"--use-file", "/c.conf", "--dump-conf", "--config-t"});
        assertEquals("/c.conf", o.useFile());
        assertTrue(o.dumpConf());
        assertTrue(o.configTest());
        assertEquals("RELOAD", Options.parse(new String[] {"--signum=RELOAD"}).signum());
    }

    @Test
    void badCommandLinesAreRefusedWithGetoptsWords() {
        assertEquals("invalid option -- 'q'",
                assertThrows(Options.UsageException.class, () -> Options.parse(new String[] {"-q"})).getMessage());
        assertEquals("option requires an argument -- 'f'",
                assertThrows(Options.UsageException.class, () -> Options.parse(new String[] {"-f"})).getMessage());
        assertEquals("unrecognized option '--bogus'",
                assertThrows(Options.UsageException.class, () -> Options.parse(new String[] {"--bogus"}))
                        .getMessage());
        assertEquals("option '--dont' is ambiguous",
                assertThrows(Options.UsageException.class, () -> Options.parse(new String[] {"--dont"}))
                        .getMessage());
        assertEquals("option '--help' doesn't allow an argument",
                assertThrows(Options.UsageException.class, () -> Options.parse(new String[] {"--help=x"}))
                        .getMessage());
    }

    @Test
    void signalNumbersAreKeepalivedsOnX8664() {
        assertEquals(15, Options.signalNumber("STOP"));
        assertEquals(1, Options.signalNumber("RELOAD"));
        assertEquals(10, Options.signalNumber("DATA"));
        assertEquals(12, Options.signalNumber("STATS"));
        assertEquals(63, Options.signalNumber("STATS_CLEAR"));
        assertEquals(36, Options.signalNumber("JSON"));
        assertNull(Options.signalNumber("TDATA"));
    }
}
