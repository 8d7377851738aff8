package keepalivedj.daemon.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** keepalived 2.2.7 formats VRRP lines with "%s \"%s\" %s %d\n" (vrrp_notify.c) and LVS lines as below. */
class FifoLineTest {
    @Test
    void instanceLines() {
        assertEquals("INSTANCE \"VI_1\" MASTER 100\n", FifoLine.instance("VI_1", NotifyState.MASTER, 100));
        assertEquals("INSTANCE \"VI_1\" STOP 254\n", FifoLine.instance("VI_1", NotifyState.STOP, 254));
        assertEquals("INSTANCE \"web vip\" MASTER_RX_LOWER_PRI 200\n",
                FifoLine.instance("web vip", "MASTER_RX_LOWER_PRI", 200));
        assertEquals("INSTANCE \"VI_1\" BACKUP_PRIORITY 90\n", FifoLine.instance("VI_1", "BACKUP_PRIORITY", 90));
    }

    @Test
    void groupLinesAlwaysSayZero() {
        assertEquals("GROUP \"G\" BACKUP 0\n", FifoLine.group("G", NotifyState.BACKUP));
        assertEquals("GROUP \"VG_1\" FAULT 0\n", FifoLine.group("VG_1", NotifyState.FAULT));
    }

    @Test
    void lvsLines() {
        assertEquals("VS [10.0.0.1]:tcp:80 UP\n", FifoLine.virtualServer("[10.0.0.1]:tcp:80", true));
        assertEquals("RS [192.168.1.2]:tcp:80 [10.0.0.1]:tcp:80 DOWN\n",
                FifoLine.realServer("[192.168.1.2]:tcp:80", "[10.0.0.1]:tcp:80", false));
    }
}
