package keepalivedj.daemon.it.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Questions a scenario asks of a capture: who advertised when, first/last adverts around an instant. */
public final class Adverts {
    private final List<WireFrame> all;

    public Adverts(List<WireFrame> frames) {
        this.all = List.copyOf(frames);
    }

    public List<WireFrame> all() {
        return all;
    }

    public List<WireFrame> vrrp() {
        return all.stream().filter(WireFrame::isVrrp).toList();
    }

    public List<WireFrame> from(String srcIp) {
        return vrrp().stream().filter(f -> f.srcIp().equals(srcIp)).toList();
    }

    public List<WireFrame> from(String srcIp, long afterMicros, long beforeMicros) {
        return from(srcIp).stream().filter(f -> f.micros() >= afterMicros && f.micros() < beforeMicros).toList();
    }

    /** The first VRRP frame from srcIp at or after the instant, matching the predicate. */
    public Optional<WireFrame> first(String srcIp, long afterMicros, Predicate<WireFrame> p) {
        return from(srcIp).stream().filter(f -> f.micros() >= afterMicros).filter(p).findFirst();
    }

    public Optional<WireFrame> first(String srcIp, long afterMicros) {
        return first(srcIp, afterMicros, f -> true);
    }

    /** The last VRRP frame from srcIp strictly before the instant, matching the predicate. */
    public Optional<WireFrame> last(String srcIp, long beforeMicros, Predicate<WireFrame> p) {
        WireFrame found = null;
        for (WireFrame f : from(srcIp)) {
            if (f.micros() < beforeMicros && p.test(f)) {
                found = f;
            }
        }
        return Optional.ofNullable(found);
    }

    public Optional<WireFrame> last(String srcIp, long beforeMicros) {
        return last(srcIp, beforeMicros, f -> true);
    }

    /** Gratuitous ARPs for the address, in order. */
    public List<WireFrame> garps(String ip) {
        return all.stream().filter(f -> f.isGarp() && f.arpSenderIp().equals(ip)).toList();
    }

    /** Intervals in ms between consecutive adverts from srcIp in [from, to). */
    public List<Double> intervalsMs(String srcIp, long fromMicros, long toMicros) {
        List<WireFrame> l = from(srcIp, fromMicros, toMicros);
        List<Double> out = new ArrayList<>();
        for (int i = 1; i < l.size(); i++) {
            out.add((l.get(i).micros() - l.get(i - 1).micros()) / 1000.0);
        }
        return out;
    }

    /** A few lines around an instant, for assertion messages. */
    public String around(long micros, int n) {
        List<WireFrame> v = all;
        int idx = 0;
        while (idx < v.size() && v.get(idx).micros() < micros) {
            idx++;
        }
        StringBuilder s = new StringBuilder();
        for (int i = Math.max(0, idx - n); i < Math.min(v.size(), idx + n); i++) {
            s.append("\n    ").append(v.get(i));
        }
        return s.toString();
    }
}
