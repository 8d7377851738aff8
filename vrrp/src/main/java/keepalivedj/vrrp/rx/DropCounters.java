package keepalivedj.vrrp.rx;

import java.util.EnumMap;
import java.util.Map;
import keepalivedj.vrrp.packet.Drop;

/** Per-instance drop counts by reason, for the daemon's stats/JSON/SNMP output. Not thread-safe: one owner. */
public final class DropCounters {
    private final long[] counts = new long[Drop.values().length];

    public void count(Drop drop) {
        counts[drop.ordinal()]++;
    }

    /** Every drop so far, whatever the reason. */
    public long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    public long get(Drop drop) {
        return counts[drop.ordinal()];
    }

    /** A snapshot containing only the non-zero counters. */
    public Map<Drop, Long> snapshot() {
        Map<Drop, Long> out = new EnumMap<>(Drop.class);
        for (Drop d : Drop.values()) {
            if (counts[d.ordinal()] != 0) {
                out.put(d, counts[d.ordinal()]);
            }
        }
        return out;
    }
}
