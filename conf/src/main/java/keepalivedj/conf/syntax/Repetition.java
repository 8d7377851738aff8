package keepalivedj.conf.syntax;

import java.util.ArrayList;
import java.util.List;
import keepalivedj.conf.Strtol;

/**
 * A {@code ~SEQ(var, start, step, end)}, {@code ~SEQx(...)} or {@code ~LST(...)} line: the variables, the values
 * they take on each pass, and the rest of the line that is repeated. With fewer numbers, {@code ~SEQ(var, start,
 * end)} steps by 1 or -1 towards end and {@code ~SEQ(var, end)} starts at 1 (or -1 for a negative end); numbers are
 * read as C's {@code strtol(.., 0)} reads them (0x hexadecimal, leading 0 octal). {@code ~SEQx} writes values in
 * lower-case hexadecimal. {@code ~LST(var, v1, v2, ...)} takes the listed values; {@code ~LST({a, b}, {1, 2}, {3,
 * 4})} sets several variables per pass. Parameters in the parenthesis are substituted before it is read. The
 * repeated text is processed as a line of its own on each pass, so repetitions on one line nest.
 */
final class Repetition {
    /** keepalived copies ~SEQ's numbers into a 64 byte buffer: three longs, their separators and a NUL. */
    static final int MAX_SEQ_PARAMETERS = 3 * 20 + 3;

    private final List<String> variables;
    private final long start;
    private final long step;
    private final long count;
    private final boolean hex;
    private final List<List<String>> list;
    private final String text;
    private final int textIndex;

    private Repetition(List<String> variables, long start, long step, long count, boolean hex,
                       List<List<String>> list, String text, int textIndex) {
        this.variables = variables;
        this.start = start;
        this.step = step;
        this.count = count;
        this.hex = hex;
        this.list = list;
        this.text = text;
        this.textIndex = textIndex;
    }

    /** Why a repetition line was rejected, worded for a diagnostic. */
    record Problem(String message, String expected) {
    }

    /** Either a repetition or the problem with the line. */
    record Parsed(Repetition repetition, Problem problem) {
        static Parsed of(Repetition r) {
            return new Parsed(r, null);
        }

        static Parsed error(String message, String expected) {
            return new Parsed(null, new Problem(message, expected));
        }
    }

    /** Substitutes parameters in the parenthesis; null when a multi-line parameter was used there. */
    interface Substitution {
        String apply(String text);
    }

    static final String SEQ_FORM = "~SEQ(var, [start,] [step,] end)";
    static final String LST_FORM = "~LST(var, value, ...) or ~LST({var, ...}, {value, ...}, ...)";

    List<String> variables() {
        return variables;
    }

    /** How many passes. */
    long count() {
        return count;
    }

    /** The variables' values on pass {@code i}. */
    List<String> values(long i) {
        if (list != null) {
            return list.get((int) i);
        }
        long v = start + i * step;
        return List.of(hex ? Long.toHexString(v) : Long.toString(v));
    }

    /** The repeated text, and where it starts in the line. */
    String text() {
        return text;
    }

    int textIndex() {
        return textIndex;
    }

    /** Reads a line starting {@code ~SEQ} or {@code ~LST}. */
    static Parsed parse(String line, Substitution substitution) {
        return line.startsWith("~LST") ? list(line, substitution) : sequence(line, substitution);
    }

    private static Parsed sequence(String line, Substitution substitution) {
        int p = 4;
        boolean hex = p < line.length() && line.charAt(p) == 'x';
        if (hex) {
            p++;
        }
        p = skipBlanks(line, p);
        if (p >= line.length() || line.charAt(p) != '(') {
            return Parsed.error("invalid ~SEQ definition", SEQ_FORM);
        }
        p = skipBlanks(line, p + 1);
        int var = p;
        while (p < line.length() && " \t,)".indexOf(line.charAt(p)) < 0) {
            p++;
        }
        String variable = line.substring(var, p);
        p = skipBlanks(line, p);
        int close = line.indexOf(')', p);
        if (variable.isEmpty() || p >= line.length() || line.charAt(p) != ',' || close < 0) {
            return Parsed.error("invalid ~SEQ definition", SEQ_FORM);
        }
        p = skipBlanks(line, p + 1);
        String params = line.substring(p, close + 1);
        if (params.length() + 1 > MAX_SEQ_PARAMETERS + 1) {
            return Parsed.error("~SEQ parameters too long", "at most " + MAX_SEQ_PARAMETERS + " characters");
        }
        params = substitution.apply(params);
        if (params == null) {
            return Parsed.error("~SEQ parameter is a multi-line definition", SEQ_FORM);
        }
        List<Long> numbers = new ArrayList<>(3);
        int q = 0;
        while (true) {
            Strtol n = Strtol.parse(params, q);
            numbers.add(n.value());
            q = skipBlanks(params, n.end());
            if (q < params.length() && params.charAt(q) == ')') {
                break;
            }
            if (numbers.size() == 3 || q >= params.length() || params.charAt(q) != ',') {
                return Parsed.error("invalid ~SEQ definition", SEQ_FORM);
            }
            q++;
        }
        long start;
        long step;
        long end;
        if (numbers.size() == 1) {
            end = numbers.get(0);
            step = end < 1 ? -1 : 1;
            start = end < 0 ? -1 : 1;
        } else if (numbers.size() == 2) {
            start = numbers.get(0);
            end = numbers.get(1);
            step = start <= end ? 1 : -1;
        } else {
            start = numbers.get(0);
            step = numbers.get(1);
            end = numbers.get(2);
            if (step == 0 || (start < end && step < 0) || (start > end && step > 0)) {
                return Parsed.error("invalid ~SEQ values", "a non-zero step going from start towards end");
            }
        }
        if (hex && (start < 0 || end < 0)) {
            return Parsed.error("~SEQx is only valid for positive numbers", "start and end >= 0");
        }
        long count = passes(start, step, end);
        int textAt = skipBlanks(line, close + 1);
        return Parsed.of(new Repetition(List.of(variable), start, step, count, hex, null, line.substring(textAt),
                textAt));
    }

    /** start, start+step, ... while not past end; the first value is always taken. */
    private static long passes(long start, long step, long end) {
        double span = ((double) end - (double) start) / step;
        if (span >= Long.MAX_VALUE - 1) {
            return Long.MAX_VALUE;
        }
        long n = Math.max(0, (long) Math.floor(span)) + 1;
        // correct the floating point estimate at the edges
        while (n > 1 && !reaches(start, step, end, n - 1)) {
            n--;
        }
        while (n < Long.MAX_VALUE && reaches(start, step, end, n)) {
            n++;
        }
        return n;
    }

    private static boolean reaches(long start, long step, long end, long i) {
        try {
            long v = Math.addExact(start, Math.multiplyExact(i, step));
            return step > 0 ? v <= end : v >= end;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private static Parsed list(String line, Substitution substitution) {
        int p = skipBlanks(line, 4);
        int close = line.indexOf(')', p);
        if (p >= line.length() || line.charAt(p) != '(' || close < 0) {
            return Parsed.error("invalid ~LST definition", LST_FORM);
        }
        String params = substitution.apply(line.substring(p + 1, close));
        if (params == null) {
            return Parsed.error("~LST parameter is a multi-line definition", LST_FORM);
        }
        List<String> items = splitTopLevel(params);
        if (items == null || items.size() < 2) {
            return Parsed.error("invalid ~LST definition", LST_FORM);
        }
        List<String> variables = group(items.get(0));
        if (variables == null || variables.stream().anyMatch(v -> v.isEmpty() || v.matches(".*[ \t].*"))) {
            return Parsed.error("invalid ~LST definition", LST_FORM);
        }
        List<List<String>> values = new ArrayList<>();
        for (String item : items.subList(1, items.size())) {
            List<String> vs = group(item);
            if (vs == null || vs.size() != variables.size()) {
                return Parsed.error("invalid ~LST values", variables.size() + " value(s) in each {...}");
            }
            values.add(vs);
        }
        int textAt = skipBlanks(line, close + 1);
        return Parsed.of(new Repetition(List.copyOf(variables), 0, 0, values.size(), false, values,
                line.substring(textAt), textAt));
    }

    /** Comma-separated items outside braces, trimmed; null when braces do not pair up. */
    private static List<String> splitTopLevel(String s) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (--depth < 0) {
                    return null;
                }
            } else if (c == ',' && depth == 0) {
                items.add(s.substring(from, i).strip());
                from = i + 1;
            }
        }
        if (depth != 0) {
            return null;
        }
        items.add(s.substring(from).strip());
        return items;
    }

    /** {@code {a, b}} → [a, b]; {@code a} → [a]; null for a brace inside a value. */
    private static List<String> group(String item) {
        String inner = item;
        if (item.startsWith("{") && item.endsWith("}")) {
            inner = item.substring(1, item.length() - 1);
        }
        if (inner.indexOf('{') >= 0 || inner.indexOf('}') >= 0) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String part : inner.split(",", -1)) {
            out.add(part.strip());
        }
        return out;
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && LineText.isBlank(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
