package keepalivedj.ipvs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ops that turn an actual IPVS table into a desired one: what a reload or a start-up with existing rules
 * needs. Pure: compares values and returns {@link IpvsOp}s in a safe order (removed services first, then per
 * service: edit, add; within a service: remove, edit, add destinations); {@link Ipvs#apply} executes them.
 * Counters are ignored; services and destinations are matched by key (fwmark or protocol/address/port, and
 * destination address/port).
 */
public final class IpvsPlan {
    private IpvsPlan() {
    }

    public static List<IpvsOp> between(List<ServiceEntry> desired, List<ServiceEntry> actual) {
        Map<String, ServiceEntry> have = byKey(actual);
        Map<String, ServiceEntry> want = byKey(desired);
        List<IpvsOp> ops = new ArrayList<>();
        have.forEach((k, e) -> {
            if (!want.containsKey(k)) {
                ops.add(new IpvsOp.DeleteService(e.service()));
            }
        });
        want.forEach((k, e) -> {
            ServiceEntry now = have.get(k);
            if (now == null) {
                ops.add(new IpvsOp.AddService(e.service()));
                e.destinations().forEach(d -> ops.add(new IpvsOp.AddDestination(e.service(), d.destination())));
                return;
            }
            if (!now.service().equals(e.service())) {
                ops.add(new IpvsOp.EditService(e.service()));
            }
            destinations(e, now, ops);
        });
        return ops;
    }

    private static void destinations(ServiceEntry want, ServiceEntry have, List<IpvsOp> ops) {
        Map<String, IpvsDestination> w = new LinkedHashMap<>();
        want.destinations().forEach(d -> w.put(d.destination().toString(), d.destination()));
        Map<String, IpvsDestination> h = new LinkedHashMap<>();
        have.destinations().forEach(d -> h.put(d.destination().toString(), d.destination()));
        h.forEach((k, d) -> {
            if (!w.containsKey(k)) {
                ops.add(new IpvsOp.DeleteDestination(want.service(), d));
            }
        });
        w.forEach((k, d) -> {
            IpvsDestination now = h.get(k);
            if (now == null) {
                ops.add(new IpvsOp.AddDestination(want.service(), d));
            } else if (!now.equals(d)) {
                ops.add(new IpvsOp.EditDestination(want.service(), d));
            }
        });
    }

    private static Map<String, ServiceEntry> byKey(List<ServiceEntry> table) {
        Map<String, ServiceEntry> m = new LinkedHashMap<>();
        table.forEach(e -> m.put(e.service().toString(), e));
        return m;
    }
}
