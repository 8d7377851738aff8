package keepalivedj.conf.syntax;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.Position;
import keepalivedj.conf.Severity;

/**
 * keepalived 2.2.7's line preprocessing over the lines of all files in order: {@code @ID} / {@code @^ID}
 * conditional lines, {@code $NAME=VALUE} definitions (multi-line when a line ends in {@code \}),
 * {@code ~SEQ}/{@code ~LST} repetitions and parameter substitution, in keepalived's order and with its re-checks
 * (a substituted line is looked at again when it starts with {@code @} or still holds a {@code $}). Lines that
 * expansion produces are processed like lines read from a file, so all of it nests. It does not read files
 * ({@link IncludeReader}) nor split words ({@link Lexer}).
 *
 * <p>Positions: a line that comes out unchanged keeps the position of its first character, so the Lexer's token
 * columns are exact; so does a line that only lost its {@code @ID} prefix. A substituted line keeps the position
 * of its first character, so columns after the first substitution are approximate. The lines of a multi-line
 * parameter get the position of the {@code $} that referenced it; the passes of a {@code ~SEQ}/{@code ~LST} get
 * the position of the repeated text in the {@code ~SEQ} line.
 */
final class Preprocessor {
    /** A guard keepalived lacks: expansion stops after this many generated lines. */
    static final long MAX_EXPANDED_LINES = 2_000_000;
    /** Re-checks of one line after substitution before giving up (keepalived has no limit). */
    static final int MAX_RECHECKS = 100;

    private final Parameters parameters;
    private final String configId;
    private final Diagnostics diagnostics;
    private final LineSink out;
    /** Expansions in progress, innermost on top; a file line is handled only when this is empty. */
    private final Deque<Source> sources = new ArrayDeque<>();
    private Definition defining;
    private long expanded;

    Preprocessor(Parameters parameters, String configId, Diagnostics diagnostics, LineSink out) {
        this.parameters = parameters;
        this.configId = configId;
        this.diagnostics = diagnostics;
        this.out = out;
    }

    /** A line to process: keepalived text (every character literal), where it starts, its file's directory. */
    private record Item(String text, Position position, Path directory) {
    }

    /** Where the next line of an expansion comes from. */
    private interface Source {
        /** The next line, or null when done. */
        Item next();
    }

    /** A multi-line definition being read. */
    private static final class Definition {
        final String name;
        final Position position;
        final List<String> lines = new ArrayList<>();

        Definition(String name, Position position) {
            this.name = name;
            this.position = position;
        }
    }

    /** The next line of the files: decommented text, where it starts, its file's directory. */
    void line(String text, Position position, Path directory) {
        handle(new Item(text, position, directory));
        expand();
    }

    /**
     * The next line of the files when {@link IncludeReader} found nothing in it to clean up or preprocess:
     * {@code text[from, to)}, possibly empty. Outside a multi-line definition such a line comes out as it is.
     */
    void plainLine(String text, int from, int to, Position position, Path directory) {
        if (defining != null) {
            line(text.substring(from, to), position, directory);
        } else if (from < to) {
            out.plainLine(text, from, to, position);
        }
    }

    /** Whether a multi-line definition is being read (then even an empty line matters: it ends it). */
    boolean defining() {
        return defining != null;
    }

    /** Processes what the last line's expansions produce, before the next line of the files. */
    private void expand() {
        while (!sources.isEmpty()) {
            Item item = sources.peek().next();
            if (item == null) {
                sources.pop();
                continue;
            }
            if (++expanded > MAX_EXPANDED_LINES) {
                diagnostics.add(Severity.WARNING, item.position(), "preprocessing produces more than "
                        + MAX_EXPANDED_LINES + " lines", null, null, "expansion stopped here");
                sources.clear();
                expanded = Long.MIN_VALUE;
                continue;
            }
            handle(item);
        }
    }

    /** The end of the files. */
    void finish() {
        if (defining != null) {
            diagnostics.add(Severity.WARNING, defining.position, "multi-line definition of '$" + defining.name
                    + "' is not terminated", null, "a last line that does not end in '\\'",
                    "the definition ends at the end of the configuration");
            finishDefinition();
        }
    }

    private void handle(Item item) {
        String text = item.text();
        if (defining != null) {
            continueDefinition(text);
            return;
        }
        Position pos = item.position();
        int rechecks = 0;
        boolean recheck;
        do {
            recheck = false;
            if (text.startsWith("@")) {
                int rest = conditional(text);
                if (rest < 0) {
                    return;
                }
                text = text.substring(rest);
                pos = pos.withColumn(pos.column() + rest);
            }
            if (text.startsWith("$") && definition(text, pos)) {
                return;
            }
            if (text.startsWith("~SEQ") || text.startsWith("~LST")) {
                repetition(text, pos, item.directory());
                return;
            }
            if (text.startsWith("~") || text.indexOf('$') < 0) {
                break;
            }
            Parameters.Expansion e = parameters.substitute(text, new Parameters.Context(item.directory(), pos));
            Position continued = pos.withColumn(pos.column() + e.continuationIndex());
            for (List<String> lines : e.continuations()) {
                Iterator<String> it = lines.iterator();
                sources.push(() -> it.hasNext() ? new Item(it.next(), continued, item.directory()) : null);
            }
            if (!e.changed()) {
                break;
            }
            text = e.text();
            recheck = !e.stopped() && (text.startsWith("@") || text.indexOf('$') >= 0);
        } while (recheck && ++rechecks < MAX_RECHECKS);
        if (!text.isEmpty()) {
            out.line(new SourceLine(LineText.forLexer(text), pos));
        }
    }

    /**
     * {@code @ID rest} / {@code @^ID rest}: the index where {@code rest} starts when the line is kept, -1 when it
     * is dropped (also when nothing follows the ID).
     */
    private int conditional(String text) {
        boolean negated = text.length() > 1 && text.charAt(1) == '^';
        int idStart = negated ? 2 : 1;
        int idEnd = idStart;
        while (idEnd < text.length() && !LineText.isBlank(text.charAt(idEnd))) {
            idEnd++;
        }
        if (idEnd == text.length()) {
            return -1;
        }
        boolean matches = text.substring(idStart, idEnd).equals(configId);
        if (matches == negated) {
            return -1;
        }
        int rest = idEnd;
        while (rest < text.length() && LineText.isBlank(text.charAt(rest))) {
            rest++;
        }
        return rest;
    }

    /**
     * {@code $NAME=VALUE}: no blank before {@code =}, blanks after it skipped. A value ending in {@code \} starts a
     * multi-line definition. Returns false when the line is not a definition.
     */
    private boolean definition(String text, Position pos) {
        if (text.length() < 2 || !(Parameters.isAlpha(text.charAt(1)) || text.charAt(1) == '_')) {
            return false;
        }
        int eq = 2;
        while (eq < text.length() && text.charAt(eq) != '=') {
            char c = text.charAt(eq);
            if (!(Parameters.isAlpha(c) || Parameters.isDigit(c) || c == '_')) {
                return false;
            }
            eq++;
        }
        if (eq == text.length()) {
            return false;
        }
        String name = text.substring(1, eq);
        int v = eq + 1;
        while (v < text.length() && LineText.isBlank(text.charAt(v))) {
            v++;
        }
        String value = text.substring(v);
        if (value.endsWith("\\")) {
            defining = new Definition(name, pos);
            addDefinitionLine(value);
        } else {
            parameters.define(name, value);
        }
        return true;
    }

    private void continueDefinition(String text) {
        if (text.endsWith("\\")) {
            addDefinitionLine(text);
            return;
        }
        if (!text.isEmpty()) {
            defining.lines.add(text);
        }
        finishDefinition();
    }

    /** A line ending in '\': without it and the blanks before it; blank lines are not kept. */
    private void addDefinitionLine(String text) {
        int end = text.length() - 1;
        while (end > 0 && LineText.isBlank(text.charAt(end - 1))) {
            end--;
        }
        if (end > 0) {
            defining.lines.add(text.substring(0, end));
        }
    }

    private void finishDefinition() {
        parameters.defineMultiline(defining.name, defining.lines);
        defining = null;
    }

    private void repetition(String text, Position pos, Path directory) {
        Parameters.Context context = new Parameters.Context(directory, pos);
        Repetition.Parsed parsed = Repetition.parse(text, params -> {
            Parameters.Expansion e = parameters.substitute(params, context);
            return e.continuations().isEmpty() ? e.text() : null;
        });
        if (parsed.problem() != null) {
            diagnostics.add(Severity.WARNING, pos, parsed.problem().message(), text, parsed.problem().expected(),
                    "ignoring the line");
            return;
        }
        Repetition r = parsed.repetition();
        Position at = pos.withColumn(pos.column() + r.textIndex());
        long[] pass = {0};
        sources.push(() -> {
            if (pass[0] >= r.count()) {
                return null;
            }
            List<String> values = r.values(pass[0]++);
            for (int i = 0; i < values.size(); i++) {
                parameters.define(r.variables().get(i), values.get(i));
            }
            return new Item(r.text(), at, directory);
        });
    }
}
