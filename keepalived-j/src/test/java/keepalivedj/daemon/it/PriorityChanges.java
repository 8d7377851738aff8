package keepalivedj.daemon.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keepalivedj.daemon.it.lab.WireFrame;

/**
 * The priorities one router advertised, per VRID, as a list of changes (consecutive repeats collapsed) with the
 * final SIGTERM's priority-0 adverts left off: what tracker tests compare between keepalived and keepalived-j.
 */
final class PriorityChanges {
    private PriorityChanges() {
    }

    static Map<Integer, List<Integer>> of(List<WireFrame> frames, String src) {
        Map<Integer, List<Integer>> byVrid = new LinkedHashMap<>();
        for (WireFrame f : VrrpDaemonIT.adverts(frames, src)) {
            List<Integer> p = byVrid.computeIfAbsent(f.vrid(), k -> new ArrayList<>());
            if (p.isEmpty() || p.get(p.size() - 1) != f.priority()) {
                p.add(f.priority());
            }
        }
        for (List<Integer> p : byVrid.values()) {
            while (!p.isEmpty() && p.get(p.size() - 1) == 0) {
                p.remove(p.size() - 1);
            }
        }
        return byVrid;
    }
}
