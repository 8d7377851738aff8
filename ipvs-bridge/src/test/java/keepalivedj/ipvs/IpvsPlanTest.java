package keepalivedj.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class IpvsPlanTest {
    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    static ServiceEntry svc(IpvsService s, IpvsDestination... ds) {
        return new ServiceEntry(s, java.util.Arrays.stream(ds).map(d -> new DestinationEntry(d, 5, 6, 7)).toList());
    }

    @Test
    void anIdenticalTableNeedsNothingWhateverTheCounters() throws Exception {
        IpvsService web = IpvsService.of(Protocol.TCP, ip("10.0.0.1"), 80, "rr");
        IpvsDestination rs = IpvsDestination.of(ip("10.0.1.1"), 80, Forwarding.DROUTE, 1);
        assertEquals(List.of(), IpvsPlan.between(List.of(svc(web, rs)),
                List.of(new ServiceEntry(web, List.of(new DestinationEntry(rs, 0, 0, 0))))));
    }

    @Test
    void removesEditsAndAddsInASafeOrder() throws Exception {
        IpvsService web = IpvsService.of(Protocol.TCP, ip("10.0.0.1"), 80, "rr");
        IpvsService old = IpvsService.of(Protocol.UDP, ip("10.0.0.2"), 53, "rr");
        IpvsService fw = IpvsService.fwmark(Family.INET, 7, "wlc");
        IpvsDestination a = IpvsDestination.of(ip("10.0.1.1"), 80, Forwarding.DROUTE, 1);
        IpvsDestination b = IpvsDestination.of(ip("10.0.1.2"), 80, Forwarding.DROUTE, 1);
        IpvsDestination c = IpvsDestination.of(ip("10.0.1.3"), 80, Forwarding.DROUTE, 1);
        List<ServiceEntry> actual = List.of(svc(web, a, b), svc(old, a));
        List<ServiceEntry> desired = List.of(svc(web.withScheduler("wrr"), a.withWeight(0), c), svc(fw, c));
        IpvsService webWrr = web.withScheduler("wrr");
        assertEquals(List.of(new IpvsOp.DeleteService(old),
                new IpvsOp.EditService(webWrr),
                new IpvsOp.DeleteDestination(webWrr, b),
                new IpvsOp.EditDestination(webWrr, a.withWeight(0)),
                new IpvsOp.AddDestination(webWrr, c),
                new IpvsOp.AddService(fw),
                new IpvsOp.AddDestination(fw, c)), IpvsPlan.between(desired, actual));
    }
}
