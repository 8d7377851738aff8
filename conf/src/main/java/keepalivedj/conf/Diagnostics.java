package keepalivedj.conf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every problem found while reading a configuration; nothing is thrown at the first one.
 * Not thread-safe: one reader owns one instance.
 */
public final class Diagnostics {
    private final List<Diagnostic> list = new ArrayList<>();
    private final Map<Severity, Integer> counts = new EnumMap<>(Severity.class);

    public Diagnostic add(Diagnostic d) {
        list.add(d);
        counts.merge(d.severity(), 1, Integer::sum);
        return d;
    }

    public Diagnostic add(Severity severity, Position position, String message, String found, String expected,
                          String consequence) {
        return add(new Diagnostic(severity, position, message, found, expected, consequence));
    }

    public Diagnostic warning(Position position, String message) {
        return add(Severity.WARNING, position, message, null, null, null);
    }

    public Diagnostic fatal(Position position, String message) {
        return add(Severity.FATAL, position, message, null, null, null);
    }

    public Diagnostic note(Position position, String message) {
        return add(Severity.NOTE, position, message, null, null, null);
    }

    public List<Diagnostic> all() {
        return Collections.unmodifiableList(list);
    }

    public int count(Severity severity) {
        return counts.getOrDefault(severity, 0);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /**
     * {@code -t}'s exit code as keepalived 2.2.7 computes it: 0 when no error class was recorded, otherwise the
     * numerically largest class seen (4 fatal, 5 general, 6 security).
     */
    public int testExitCode() {
        int code = 0;
        for (Diagnostic d : list) {
            code = Math.max(code, d.severity().testExitCode());
        }
        return code;
    }

    /** Every diagnostic rendered, in the order found, one per line (plus include-chain lines). */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : list) {
            sb.append(d.render()).append(System.lineSeparator());
        }
        return sb.toString();
    }
}
