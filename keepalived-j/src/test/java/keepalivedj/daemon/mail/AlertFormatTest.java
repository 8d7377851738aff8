package keepalivedj.daemon.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import keepalivedj.daemon.notify.NotifyState;
import org.junit.jupiter.api.Test;

/** The texts are keepalived 2.2.7's (smtp.c and vrrp_notify.c; the same strings are in Debian's 2.2.7 binary). */
class AlertFormatTest {
    @Test
    void instanceAlerts() {
        assertEquals(new AlertMessage("[lb1] VRRP Instance VI_1 - Entering MASTER state",
                        "=> VRRP Instance is now owning VRRP VIPs <="),
                AlertFormat.instance("lb1", "VI_1", NotifyState.MASTER));
        assertEquals(new AlertMessage("[lb1] VRRP Instance VI_1 - Entering BACKUP state",
                        "=> VRRP Instance is no longer owning VRRP VIPs <="),
                AlertFormat.instance("lb1", "VI_1", NotifyState.BACKUP));
        assertEquals(new AlertMessage("[lb1] VRRP Instance VI_1 - Entering FAULT state",
                        "=> VRRP Instance is no longer owning VRRP VIPs <="),
                AlertFormat.instance("lb1", "VI_1", NotifyState.FAULT));
        assertEquals(new AlertMessage("[lb1] VRRP Instance VI_1 - Stopping", "=> VRRP Instance stopping <="),
                AlertFormat.instance("lb1", "VI_1", NotifyState.STOP));
    }

    @Test
    void groupAlerts() {
        assertEquals(new AlertMessage("[feas_b] VRRP Group VG_1 - Entering MASTER state",
                        "=> All VRRP group instances are now in MASTER state <="),
                AlertFormat.group("feas_b", "VG_1", NotifyState.MASTER));
        assertEquals(new AlertMessage("[feas_b] VRRP Group VG_1 - Entering BACKUP state",
                        "=> All VRRP group instances are now in BACKUP state <="),
                AlertFormat.group("feas_b", "VG_1", NotifyState.BACKUP));
        assertEquals(new AlertMessage("[feas_b] VRRP Group VG_1 - Entering FAULT state",
                        "=> All VRRP group instances are now in FAULT state <="),
                AlertFormat.group("feas_b", "VG_1", NotifyState.FAULT));
        assertEquals(new AlertMessage("[feas_b] VRRP Group VG_1 - Stopping",
                        "=> All VRRP group instances are now stopping <="),
                AlertFormat.group("feas_b", "VG_1", NotifyState.STOP));
    }

    @Test
    void checkerSubjects() {
        assertEquals("[lb1] Realserver [192.168.1.2]:tcp:80 of virtual server [10.0.0.1]:tcp:80 - DOWN",
                AlertFormat.realServer("lb1", "[192.168.1.2]:tcp:80", "[10.0.0.1]:tcp:80", false, "x").subject());
        assertEquals("[lb1] Virtualserver [10.0.0.1]:tcp:80 - UP",
                AlertFormat.virtualServer("lb1", "[10.0.0.1]:tcp:80", "UP", "x").subject());
    }

    @Test
    void dateToAndText() {
        assertEquals("Sat, 07 Nov 2026 09:05:03 +0100",
                AlertFormat.date(ZonedDateTime.of(2026, 11, 7, 9, 5, 3, 0, ZoneOffset.ofHours(1))));
        assertEquals("a@example.com, b@example.com", AlertFormat.toHeader(List.of("a@example.com", "b@example.com")));
        assertEquals("=> VRRP Instance stopping <=\r\n",
                AlertFormat.text(AlertFormat.instance("r", "VI_1", NotifyState.STOP)));
    }
}
