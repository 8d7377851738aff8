package keepalivedj.daemon.it.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parser for keepalived's SIGUSR2 stats file: "VRRP Instance: NAME" blocks with indented "Section:" headers and
 * "Key: N" counters, flattened to "NAME/Section/Key" → N. Extra sections or counters (keepalived-j's drop reasons)
 * are kept the same way, and any other unindented "Header: NAME" line (keepalived-j's "Interface: eth0") starts a
 * block of its own named NAME.
 */
public final class Stats {
    private Stats() {
    }

    public static Map<String, Long> parse(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        List<String> path = new ArrayList<>();
        List<Integer> indents = new ArrayList<>();
        String instance = "";
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("VRRP Instance:")) {
                instance = line.substring("VRRP Instance:".length()).trim();
                path.clear();
                indents.clear();
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            String header = line.contains(":") ? line.substring(line.indexOf(':') + 1).trim() : "";
            if (indent == 0 && !header.matches("-?\\d*")) {
                instance = header;
                path.clear();
                indents.clear();
                continue;
            }
            while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
                indents.remove(indents.size() - 1);
                path.remove(path.size() - 1);
            }
            String t = line.trim();
            int colon = t.lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = t.substring(0, colon).trim();
            String value = t.substring(colon + 1).trim();
            if (value.isEmpty()) {
                path.add(key);
                indents.add(indent);
            } else if (value.matches("-?\\d+")) {
                StringBuilder k = new StringBuilder(instance);
                path.forEach(p -> k.append('/').append(p));
                out.put(k.append('/').append(key).toString(), Long.parseLong(value));
            }
        }
        return out;
    }

    /** after − before for every key present in either (missing counts as 0), keeping only non-zero deltas. */
    public static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long v = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (v != 0) {
                d.put(e.getKey(), v);
            }
        }
        for (Map.Entry<String, Long> e : before.entrySet()) {
            if (!after.containsKey(e.getKey()) && e.getValue() != 0) {
                d.put(e.getKey(), -e.getValue());
            }
        }
        return d;
    }
}
