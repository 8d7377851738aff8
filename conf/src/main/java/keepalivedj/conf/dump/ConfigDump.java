package keepalivedj.conf.dump;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import keepalivedj.conf.Position;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code -d}: the effective configuration model as YAML, so an operator sees how their file was understood
 * (includes resolved, defaults filled, conditionals applied). Works on any tree of records by reflection, so the
 * dump never falls behind the model: component names become snake_case keys, {@code fooMicros} durations
 * become {@code foo} in seconds, absent (null) values are left out, and source positions are left out too
 * (they are what the diagnostics are for).
 */
public final class ConfigDump {
    private ConfigDump() {
    }

    public static String toYaml(Object model) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(120);
        options.setSplitLines(false);
        return new Yaml(options).dump(plain(model));
    }

    /** The model as maps, lists and scalars. Package-visible for tests. */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof Enum<?>) {
            return ((Enum<?>) value).name();
        }
        if (value instanceof InetAddress) {
            return address((InetAddress) value);
        }
        if (value instanceof Optional<?>) {
            return plain(((Optional<?>) value).orElse(null));
        }
        if (value instanceof Collection<?>) {
            List<Object> out = new ArrayList<>();
            for (Object o : (Collection<?>) value) {
                out.add(plain(o));
            }
            return out;
        }
        if (value instanceof Map<?, ?>) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                Object v = plain(e.getValue());
                if (v != null) {
                    out.put(String.valueOf(e.getKey()), v);
                }
            }
            return out;
        }
        if (value.getClass().isRecord()) {
            return record(value);
        }
        return value.toString();
    }

    private static Map<String, Object> record(Object rec) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : rec.getClass().getRecordComponents()) {
            if (c.getType() == Position.class) {
                continue;
            }
            Object v;
            try {
                v = c.getAccessor().invoke(rec);
            } catch (IllegalAccessException | InvocationTargetException e) {
                // Records of other modules' packages may not be accessible; show what failed instead of hiding it.
                out.put(snake(c.getName()), "<unreadable: " + e + ">");
                continue;
            }
            String name = c.getName();
            if (name.endsWith("Micros") && v instanceof Long) {
                out.put(snake(name.substring(0, name.length() - "Micros".length())),
                        seconds((Long) v));
                continue;
            }
            Object p = plain(v);
            if (p != null) {
                out.put(snake(name), p);
            }
        }
        return out;
    }

    /** An address as operators write it: IPv6 in RFC 5952's short form (ff02::12, not ff02:0:0:0:0:0:0:12). */
    static String address(InetAddress a) {
        return keepalivedj.conf.InetText.of(a);
    }

    /** Microseconds as seconds, the unit keepalived.conf uses: 1000000 → 1, 1500 → 0.0015. */
    static Object seconds(long micros) {
        BigDecimal s = BigDecimal.valueOf(micros).movePointLeft(6).stripTrailingZeros();
        if (s.scale() <= 0) {
            return s.longValueExact();
        }
        return s.doubleValue();
    }

    static String snake(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && !Character.isUpperCase(camel.charAt(i - 1))) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
