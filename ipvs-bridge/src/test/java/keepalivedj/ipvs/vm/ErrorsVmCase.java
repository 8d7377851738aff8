package keepalivedj.ipvs.vm;

import static keepalivedj.ipvs.vm.IpvsClientVmCase.ip;
import static keepalivedj.ipvs.vm.Sh.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import keepalivedj.ipvs.Forwarding;
import keepalivedj.ipvs.IpvsDestination;
import keepalivedj.ipvs.IpvsException;
import keepalivedj.ipvs.IpvsOp;
import keepalivedj.ipvs.IpvsOutcome;
import keepalivedj.ipvs.IpvsService;
import keepalivedj.ipvs.NetlinkIpvs;
import keepalivedj.ipvs.Protocol;
import keepalivedj.ipvs.SyncDaemon;
import keepalivedj.netlink.NetlinkException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The kernel's refusals become typed errors with ipvsadm's words, and leave the rest of the table alone. */
class ErrorsVmCase {
    static final IpvsService WEB = IpvsService.of(Protocol.TCP, ip("10.1.1.1"), 80, "rr");
    static final IpvsService GONE = IpvsService.of(Protocol.TCP, ip("10.1.1.9"), 80, "rr");
    static final IpvsDestination RS1 = IpvsDestination.of(ip("10.2.2.1"), 80, Forwarding.DROUTE, 1);
    static final IpvsDestination RS2 = IpvsDestination.of(ip("10.2.2.2"), 80, Forwarding.DROUTE, 2);
    static final IpvsDestination RS3 = IpvsDestination.of(ip("10.2.2.3"), 80, Forwarding.DROUTE, 3);
    static NetlinkIpvs ipvs;

    @BeforeAll
    static void open() throws Exception {
        ipvs = NetlinkIpvs.open();
    }

    @AfterAll
    static void close() {
        ipvs.close();
    }

    @BeforeEach
    void oneServiceOneServer() throws Exception {
        sh("ipvsadm -C");
        ipvs.addService(WEB);
        ipvs.addDestination(WEB, RS1);
    }

    /** Runs a command that must fail; checks its kind and message and that ipvsadm sees no change. */
    static void refused(IpvsException.Kind kind, String message, Executable call) {
        String before = sh("ipvsadm -Ln");
        IpvsException e = assertThrows(IpvsException.class, call);
        assertEquals(kind, e.kind());
        assertEquals(message, e.getMessage());
        assertEquals(before, sh("ipvsadm -Ln"));
    }

    @Test
    void duplicateService() {
        refused(IpvsException.Kind.SERVICE_EXISTS,
                "IPVS NEW_SERVICE TCP 10.1.1.1:80 failed: Service already exists (File exists, errno 17)",
                () -> ipvs.addService(WEB));
    }

    @Test
    void unknownScheduler() {
        refused(IpvsException.Kind.NO_SUCH_SCHEDULER, "IPVS NEW_SERVICE TCP 10.1.1.9:80 failed: Scheduler or "
                        + "persistence engine not found (No such file or directory, errno 2)",
                () -> ipvs.addService(GONE.withScheduler("nosuch")));
        refused(IpvsException.Kind.NO_SUCH_SCHEDULER, "IPVS SET_SERVICE TCP 10.1.1.1:80 failed: Scheduler or "
                        + "persistence engine not found (No such file or directory, errno 2)",
                () -> ipvs.editService(WEB.withScheduler("nosuch")));
    }

    @Test
    void missingServiceOrDestination() {
        refused(IpvsException.Kind.NO_SUCH_SERVICE,
                "IPVS DEL_SERVICE TCP 10.1.1.9:80 failed: No such service (No such process, errno 3)",
                () -> ipvs.deleteService(GONE));
        refused(IpvsException.Kind.NO_SUCH_SERVICE,
                "IPVS SET_SERVICE TCP 10.1.1.9:80 failed: No such service (No such process, errno 3)",
                () -> ipvs.editService(GONE));
        refused(IpvsException.Kind.SERVICE_NOT_DEFINED, "IPVS NEW_DEST TCP 10.1.1.9:80 -> 10.2.2.1:80 failed: "
                + "Service not defined (No such process, errno 3)", () -> ipvs.addDestination(GONE, RS1));
        refused(IpvsException.Kind.NO_SUCH_DESTINATION, "IPVS DEL_DEST TCP 10.1.1.1:80 -> 10.2.2.2:80 failed: "
                + "No such destination (No such file or directory, errno 2)", () -> ipvs.deleteDestination(WEB, RS2));
        refused(IpvsException.Kind.NO_SUCH_DESTINATION, "IPVS SET_DEST TCP 10.1.1.1:80 -> 10.2.2.2:80 failed: "
                + "No such destination (No such file or directory, errno 2)", () -> ipvs.editDestination(WEB, RS2));
        refused(IpvsException.Kind.DESTINATION_EXISTS, "IPVS NEW_DEST TCP 10.1.1.1:80 -> 10.2.2.1:80 failed: "
                + "Destination already exists (File exists, errno 17)", () -> ipvs.addDestination(WEB, RS1));
        refused(IpvsException.Kind.NO_DAEMON, "IPVS DEL_DAEMON BACKUP sync daemon failed: No daemon is running "
                        + "(No such process, errno 3)",
                () -> ipvs.stopDaemon(SyncDaemon.of(SyncDaemon.State.BACKUP, "", 9)));
    }

    @Test
    void aBatchGoesOnPastErrorsWithKeepalivedsRules() throws Exception {
        List<IpvsOp> ops = List.of(
                new IpvsOp.AddService(WEB),                               // EEXIST on add: fine
                new IpvsOp.AddService(GONE.withScheduler("nosuch")),      // real error
                new IpvsOp.AddDestination(WEB, RS2),
                new IpvsOp.EditDestination(WEB, RS3),                     // not there: retried as NEW_DEST
                new IpvsOp.DeleteDestination(WEB, IpvsDestination.of(ip("10.2.2.7"), 80, Forwarding.DROUTE, 1)),
                new IpvsOp.DeleteService(GONE),                           // ESRCH: keepalived logs it as an error
                new IpvsOp.EditDestination(WEB, RS1.withWeight(9)));
        List<IpvsOutcome> out = ipvs.apply(ops);
        assertEquals(List.of(IpvsOutcome.Status.ALREADY, IpvsOutcome.Status.FAILED, IpvsOutcome.Status.DONE,
                IpvsOutcome.Status.ADDED_INSTEAD, IpvsOutcome.Status.ALREADY, IpvsOutcome.Status.FAILED,
                IpvsOutcome.Status.DONE), out.stream().map(IpvsOutcome::status).toList());
        assertEquals("IPVS cmd IP_VS_SO_SET_ADD(1154) error: Service already exists(17) (TCP 10.1.1.1:80)",
                out.get(0).logLine());
        assertEquals("IPVS cmd IP_VS_SO_SET_ADD(1154) error: Scheduler or persistence engine not found(2) "
                + "(TCP 10.1.1.9:80)", out.get(1).logLine());
        assertEquals("IPVS cmd IP_VS_SO_SET_DEL(1156) error: No such service(3) (TCP 10.1.1.9:80)",
                out.get(5).logLine());
        assertEquals(IpvsClientVmCase.HEAD + "TCP  10.1.1.1:80 rr\n"
                + "  -> 10.2.2.1:80                  Route   9      0          0         \n"
                + "  -> 10.2.2.2:80                  Route   2      0          0         \n"
                + "  -> 10.2.2.3:80                  Route   3      0          0         \n", sh("ipvsadm -Ln"));
    }

    @Test
    void ipvsMissingFromANamespaceIsAClearError() throws Exception {
        // A fresh namespace has its own empty IPVS table; the family exists kernel-wide, so this must work ...
        sh("ip netns add kj-err-ns");
        try (NetlinkIpvs other = NetlinkIpvs.openIn(java.nio.file.Path.of("/run/netns/kj-err-ns"))) {
            assertEquals(List.of(), other.services());
            other.addService(GONE);
            assertEquals(List.of(GONE), other.services());
        } finally {
            sh("ip netns del kj-err-ns");
        }
        // ... and a namespace that does not exist is an error that names it.
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> NetlinkIpvs.openIn(java.nio.file.Path.of("/run/netns/kj-no-such-ns")));
        assertEquals("open(/run/netns/kj-no-such-ns) failed: No such file or directory (errno 2)", e.getMessage());
        assertEquals(List.of(WEB), ipvs.services());
    }
}
