package keepalivedj.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class IpvsExceptionTest {
    @Test
    void theSameErrnoMeansDifferentThingsPerCommand() {
        assertEquals(IpvsException.Kind.NO_SUCH_SCHEDULER, IpvsException.classify(IpvsCmd.NEW_SERVICE, 2));
        assertEquals(IpvsException.Kind.NO_SUCH_DESTINATION, IpvsException.classify(IpvsCmd.DEL_DEST, 2));
        assertEquals(IpvsException.Kind.NO_SUCH_SERVICE, IpvsException.classify(IpvsCmd.DEL_SERVICE, 3));
        assertEquals(IpvsException.Kind.SERVICE_NOT_DEFINED, IpvsException.classify(IpvsCmd.NEW_DEST, 3));
        assertEquals(IpvsException.Kind.SERVICE_EXISTS, IpvsException.classify(IpvsCmd.NEW_SERVICE, 17));
        assertEquals(IpvsException.Kind.DESTINATION_EXISTS, IpvsException.classify(IpvsCmd.NEW_DEST, 17));
        assertEquals(IpvsException.Kind.OTHER, IpvsException.classify(IpvsCmd.FLUSH, 12));
    }

    @Test
    void messageAndKeepalivedLogLine() throws Exception {
        IpvsService s = IpvsService.of(Protocol.TCP, InetAddress.getByName("10.1.1.1"), 80, "rr");
        IpvsException e = new IpvsException(IpvsCmd.NEW_SERVICE, 17, s.toString(), "");
        assertEquals("IPVS NEW_SERVICE TCP 10.1.1.1:80 failed: Service already exists (File exists, errno 17)",
                e.getMessage());
        IpvsOutcome o = new IpvsOutcome(new IpvsOp.AddService(s), IpvsOutcome.Status.ALREADY, e);
        assertEquals("IPVS cmd IP_VS_SO_SET_ADD(1154) error: Service already exists(17) (TCP 10.1.1.1:80)",
                o.logLine());
    }
}
