package keepalivedj.conf.syntax;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.Position;
import keepalivedj.conf.Severity;

/**
 * The parameter table of keepalived's preprocessor ({@code $NAME=VALUE}) and the substitution of {@code $NAME}
 * and {@code ${NAME}} in a line. Substitution is done when a line is used, left to right, and the replacement is
 * scanned again, so parameters inside values are replaced too. {@code $NAME} must be followed by a blank, a
 * {@code ,}, a {@code )} or the end of the line; {@code ${NAME}} may be followed by anything. An undefined
 * parameter is left as written. A multi-line parameter is only replaced when its reference ends the line: the
 * reference becomes the value's first line and the other lines follow the line. Pre-defined parameters
 * ({@code _PWD}, {@code _INSTANCE}, {@code _RANDOM [MIN [MAX]]}, {@code _ENV NAME}, {@code _HASH}, {@code _BANG})
 * can be redefined by the configuration. This class knows nothing of lines' order; {@link Preprocessor} drives it.
 */
final class Parameters {
    /** keepalived gives up when a substituted line no longer fits its MAXBUF (1024 byte) buffer. */
    static final int MAX_LENGTH = 1023;
    /** A guard keepalived lacks: {@code $A=$A} would substitute forever. */
    static final int MAX_SUBSTITUTIONS = 10_000;

    private final Map<String, Definition> definitions = new HashMap<>();
    private final String configId;
    private final Function<String, Optional<String>> env;
    private final RandomGenerator random;
    private final Diagnostics diagnostics;

    Parameters(String configId, Function<String, Optional<String>> env, RandomGenerator random,
               Diagnostics diagnostics) {
        this.configId = configId;
        this.env = env;
        this.random = random;
        this.diagnostics = diagnostics;
        for (Builtin b : Builtin.values()) {
            definitions.put(b.name, new Definition(List.of(), false, b));
        }
    }

    /** Where a line is being expanded: what {@code ${_PWD}} means there, and where to report problems. */
    record Context(Path directory, Position position) {
    }

    /**
     * A line after substitution. {@code continuations} are the remaining lines of multi-line parameters, in the
     * order found (a later one was found inside an earlier one's first line and comes first); each started at
     * the same text index, {@code continuationIndex}. {@code stopped} when substitution was given up (reported).
     */
    record Expansion(String text, boolean changed, List<List<String>> continuations, int continuationIndex,
                     boolean stopped) {
    }

    private enum Builtin {
        PWD("_PWD", 0), INSTANCE("_INSTANCE", 0), RANDOM("_RANDOM", 2), ENV("_ENV", 1), HASH("_HASH", 0),
        BANG("_BANG", 0);

        final String name;
        final int maxParams;

        Builtin(String name, int maxParams) {
            this.name = name;
            this.maxParams = maxParams;
        }
    }

    /** A parameter: its value lines (one for a plain value), or a pre-defined function. */
    private record Definition(List<String> lines, boolean multiline, Builtin builtin) {
    }

    /** A reference {@code $NAME} or {@code ${NAME params}} at some index, ending (exclusive) at {@code end}. */
    private record Reference(String name, String params, int end) {
    }

    void define(String name, String value) {
        definitions.put(name, new Definition(List.of(value), false, null));
    }

    /** A multi-line definition; with no lines it is an ordinary empty value, as in keepalived. */
    void defineMultiline(String name, List<String> lines) {
        definitions.put(name, lines.isEmpty() ? new Definition(List.of(""), false, null)
                : new Definition(List.copyOf(lines), true, null));
    }

    Expansion substitute(String line, Context context) {
        String text = line;
        boolean changed = false;
        List<List<String>> continuations = new ArrayList<>();
        int continuationIndex = -1;
        int steps = 0;
        boolean stopped = false;
        int at = text.indexOf('$');
        while (at >= 0 && at + 1 < text.length()) {
            Reference ref = reference(text, at);
            Definition def = ref == null ? null : definitions.get(ref.name);
            boolean atEnd = ref != null && ref.end == text.length();
            String value = def == null || (def.multiline && !atEnd) ? null : value(def, ref, context);
            if (value == null) {
                at = text.indexOf('$', at + 1);
                continue;
            }
            if (++steps > MAX_SUBSTITUTIONS) {
                diagnostics.add(Severity.WARNING, context.position(), "parameter substitution does not end", null,
                        null, "stopped after " + MAX_SUBSTITUTIONS + " substitutions");
                stopped = true;
                break;
            }
            String replaced = text.substring(0, at) + value + text.substring(ref.end);
            if (replaced.length() > MAX_LENGTH) {
                diagnostics.add(Severity.WARNING, context.position(),
                        "parameter substitution would make the line too long", null,
                        "at most " + MAX_LENGTH + " characters", "'$" + ref.name + "' and what follows it are not"
                        + " substituted");
                stopped = true;
                break;
            }
            if (def.multiline) {
                continuations.add(def.lines.subList(1, def.lines.size()));
                if (continuationIndex < 0) {
                    continuationIndex = at;
                }
            }
            text = replaced;
            changed = true;
            if (value.stripLeading().startsWith("~")) {
                break;
            }
        }
        return new Expansion(text, changed, continuations, Math.max(continuationIndex, 0), stopped);
    }

    private static Reference reference(String s, int dollar) {
        int i = dollar + 1;
        boolean braces = s.charAt(i) == '{';
        if (braces) {
            i++;
        }
        if (i >= s.length() || !(isAlpha(s.charAt(i)) || s.charAt(i) == '_')) {
            return null;
        }
        int start = i++;
        while (i < s.length() && (isAlpha(s.charAt(i)) || isDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        String name = s.substring(start, i);
        if (!braces) {
            if (i < s.length() && " \t,)".indexOf(s.charAt(i)) < 0) {
                return null;
            }
            return new Reference(name, null, i);
        }
        String params = null;
        if (i < s.length() && LineText.isBlank(s.charAt(i))) {
            int close = s.indexOf('}', i);
            if (close < 0) {
                return null;
            }
            params = s.substring(i, close).strip();
            i = close;
        }
        if (i >= s.length() || s.charAt(i) != '}') {
            return null;
        }
        return new Reference(name, params == null || params.isEmpty() ? null : params, i + 1);
    }

    /** The replacement for a reference, or null when the reference does not fit the definition. */
    private String value(Definition def, Reference ref, Context context) {
        if (def.builtin == null) {
            return ref.params == null ? def.lines.get(0) : null;
        }
        if (ref.params != null && def.builtin.maxParams == 0) {
            return null;
        }
        switch (def.builtin) {
            case PWD:
                return context.directory().toString();
            case INSTANCE:
                return configId;
            case RANDOM:
                return random(ref.params, context.position());
            case ENV:
                return ref.params == null ? "" : env.apply(ref.params).orElse("");
            case HASH:
                return "#";
            default:
                return "!";
        }
    }

    /** ${_RANDOM [MIN [MAX]]}: MIN and MAX are non-negative decimal numbers, 0 and 32767 by default. */
    private String random(String params, Position position) {
        long min = 0;
        long max = 32767;
        if (params != null) {
            String[] words = params.split("[ \t]+");
            for (String w : words) {
                if (w.isEmpty() || w.length() > 18 || !w.chars().allMatch(Parameters::isDigit)) {
                    return null;
                }
            }
            min = Long.parseLong(words[0]);
            if (words.length > 1) {
                max = Long.parseLong(words[1]);
            }
            if (words.length > 2) {
                diagnostics.add(Severity.NOTE, position, "too many parameters for ${_RANDOM}", params,
                        "at most MIN and MAX", "using " + min + " and " + max);
            }
        }
        if (min > max) {
            diagnostics.add(Severity.WARNING, position, "${_RANDOM}: MIN is greater than MAX", min + " " + max,
                    null, "using the range " + max + ".." + min);
            long t = min;
            min = max;
            max = t;
        }
        return Long.toString(random.nextLong(min, max + 1));
    }

    static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
