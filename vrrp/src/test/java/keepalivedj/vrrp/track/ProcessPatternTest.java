package keepalivedj.vrrp.track;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** keepalived.conf(5) vrrp_track_process: exact names, never patterns; param_match exact / partial / initial. */
class ProcessPatternTest {
    @Test
    void byCommExactly() {
        ProcessPattern p = ProcessPattern.of(List.of("ssh"), "none", false);
        assertTrue(p.matches("ssh", null));
        assertFalse(p.matches("sshd", null), "pgrep ssh would match sshd; keepalived does not");
        assertFalse(p.usesCommandLine());
    }

    @Test
    void fullCommandComparesArgv0() {
        ProcessPattern p = ProcessPattern.of(List.of("/usr/sbin/haproxy"), "none", true);
        assertTrue(p.matches("haproxy", List.of("/usr/sbin/haproxy", "-f", "x")));
        assertFalse(p.matches("haproxy", List.of("haproxy")));
    }

    @Test
    void parameters() {
        List<String> argv = List.of("/bin/app", "-c", "/etc/app.conf", "-d");
        assertFalse(ProcessPattern.of(List.of("/bin/app", "-c", "/etc/app.conf"), "exact", true).matches("app", argv));
        assertTrue(ProcessPattern.of(List.of("/bin/app", "-c", "/etc/app.conf", "-d"), "exact", true)
                .matches("app", argv));
        assertTrue(ProcessPattern.of(List.of("/bin/app", "-c", "/etc/app.conf"), "partial", true).matches("app", argv));
        assertFalse(ProcessPattern.of(List.of("/bin/app", "-c", "/etc/app"), "partial", true).matches("app", argv));
        assertTrue(ProcessPattern.of(List.of("/bin/app", "-c", "/etc/app"), "initial", true).matches("app", argv));
        assertTrue(ProcessPattern.of(List.of("/bin/app"), "exact", true).matches("app", List.of("/bin/app")),
                "param_match without parameters: none allowed");
        assertFalse(ProcessPattern.of(List.of("/bin/app"), "exact", true).matches("app", argv));
    }
}
