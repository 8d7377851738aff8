package keepalivedj.daemon.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import keepalivedj.ipvs.Family;
import keepalivedj.ipvs.Forwarding;
import keepalivedj.ipvs.IpvsCmd;
import keepalivedj.ipvs.IpvsDestination;
import keepalivedj.ipvs.IpvsException;
import keepalivedj.ipvs.IpvsOp;
import keepalivedj.ipvs.IpvsOutcome;
import keepalivedj.ipvs.IpvsService;
import keepalivedj.ipvs.Protocol;
import org.junit.jupiter.api.Test;

/** The kernel-error line in keepalived 2.2.7's words (the IPv4 destination form was captured in the VM). */
class ErrorLineTest {
    @Test
    void destinationErrorNamesTheServiceAsKeepalivedDoes() throws Exception {
        IpvsService s = IpvsService.of(Protocol.TCP, InetAddress.getByName("10.71.1.1"), 8090, "rr");
        IpvsOp op = new IpvsOp.AddDestination(s, IpvsDestination.of(InetAddress.getByName("10.71.2.11"), 80,
                Forwarding.MASQ, 1).withThresholds(5, 10));
        IpvsOutcome o = new IpvsOutcome(op, IpvsOutcome.Status.FAILED, new IpvsException(IpvsCmd.NEW_DEST, 34,
                op.subject(), null));
        assertEquals("IPVS cmd IP_VS_SO_SET_ADDDEST(1159) error: Numerical result out of range(34)"
                + " (10.71.1.1:tcp:8090 -> 10.71.2.11:80)", LvsDaemon.errorLine(o));
    }

    @Test
    void serviceErrorsAndFwmarks() throws Exception {
        IpvsOp op = new IpvsOp.AddService(IpvsService.fwmark(Family.INET, 5, "rr"));
        IpvsOutcome o = new IpvsOutcome(op, IpvsOutcome.Status.FAILED, new IpvsException(IpvsCmd.NEW_SERVICE, 2,
                op.subject(), null));
        assertEquals("IPVS cmd IP_VS_SO_SET_ADD(1154) error: Scheduler or persistence engine not found(2) (FWM 5)",
                LvsDaemon.errorLine(o));
    }
}
