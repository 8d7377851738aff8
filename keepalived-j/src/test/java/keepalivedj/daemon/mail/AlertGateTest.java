package keepalivedj.daemon.mail;

import static keepalivedj.daemon.notify.NotifyState.BACKUP;
import static keepalivedj.daemon.notify.NotifyState.FAULT;
import static keepalivedj.daemon.notify.NotifyState.MASTER;
import static keepalivedj.daemon.notify.NotifyState.STOP;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AlertGateTest {
    @Test
    void onlyWithSmtpAlertAndOnlyWhenTheStateDiffersFromTheLastMailedOne() {
        AlertGate g = new AlertGate(false);
        assertFalse(g.instance("VI_1", BACKUP, false), "smtp_alert off");
        assertTrue(g.instance("VI_1", BACKUP, true));
        assertFalse(g.instance("VI_1", BACKUP, true), "BACKUP already mailed");
        assertTrue(g.instance("VI_1", MASTER, true));
        assertTrue(g.instance("VI_1", BACKUP, true));
        assertTrue(g.group("VI_1", BACKUP, true), "a group is tracked apart from an instance of the same name");
        assertTrue(g.instance("VI_1", STOP, true));
    }

    @Test
    void noEmailFaultsSuppressesFaultOnly() {
        AlertGate g = new AlertGate(true);
        assertFalse(g.instance("VI_1", FAULT, true));
        assertTrue(g.instance("VI_1", MASTER, true));
        assertFalse(g.group("G", FAULT, true));
        assertTrue(g.group("G", BACKUP, true));
    }
}
