package keepalivedj.conf.syntax;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.Position;
import keepalivedj.conf.Severity;
import keepalivedj.conf.syntax.IncludeDirective.Check;
import keepalivedj.conf.syntax.IncludeDirective.Kind;

/**
 * Reads configuration files into one stream of decommented lines for the {@link Preprocessor}, replacing each
 * include line by the lines of the files it matches, in order, as keepalived 2.2.7 does when it copies the
 * configuration before parsing it. Each line's position is that of its first character, and it goes with the
 * directory of its file with symbolic links resolved (what {@code ${_PWD}} stands for: keepalived changes into
 * that directory and asks getcwd). Empty lines are passed on too: they end multi-line definitions.
 * Relative patterns are relative to the directory of the including file. Lines longer than keepalived's buffer
 * are reported and dropped. Missing and unreadable files are reported with the class keepalived gives them (see
 * {@link IncludeDirective.Check}); an include of a file that is already being read is reported instead of followed.
 * It does no preprocessing: that is {@link Preprocessor}'s job.
 */
final class IncludeReader {
    /**
     * keepalived reads lines with {@code fgets} into a MAXBUF (1024) buffer: a line and its newline must fit in
     * 1023 bytes, so 1022 characters is the longest line it reads whole. Counted in characters here.
     */
    static final int MAX_LINE_LENGTH = 1022;

    private final boolean allConfig;
    private final Diagnostics diagnostics;
    private final Deque<Path> reading = new ArrayDeque<>();
    private final Preprocessor out;

    IncludeReader(boolean allConfig, Diagnostics diagnostics, Preprocessor out) {
        this.allConfig = allConfig;
        this.diagnostics = diagnostics;
        this.out = out;
    }

    /** Passes on the lines of the top-level file and everything it includes; none when it cannot be read. */
    void readTop(Path file) {
        String display = file.toString();
        Path abs = file.toAbsolutePath();
        if (!Files.isRegularFile(abs)) {
            diagnostics.note(null, "Config files missing '" + display + "'.");
            return;
        }
        if (executable(abs)) {
            diagnostics.add(Severity.NOTE, null, "Configuration file '" + display
                    + "' is not a regular non-executable file", null, null, "nothing read");
            return;
        }
        byte[] bytes;
        String text;
        Path real;
        try {
            bytes = Files.readAllBytes(abs);
            text = decode(bytes);
            real = abs.toRealPath();
        } catch (IOException | RuntimeException e) {
            diagnostics.add(Severity.FATAL, null, "cannot read configuration file '" + display + "' ("
                    + reason(e) + ")", null, null, "nothing read");
            return;
        }
        reading.push(real);
        lines(text, sameIndices(bytes, text), display, null, real.getParent());
    }

    /** Passes on the lines of an in-memory file whose includes resolve against {@code baseDir} (null: the working directory). */
    void readText(String display, String text, Path baseDir) {
        Path dir = (baseDir == null ? Path.of("") : baseDir).toAbsolutePath().normalize();
        lines(text, null, display, null, dir);
    }

    /**
     * The file's bytes when each byte decoded to exactly one character (then a byte below 0x80 is that character
     * and any other byte an U+FFFD, neither blank nor special), so lines can be scanned on the bytes; else null.
     */
    private static byte[] sameIndices(byte[] bytes, String text) {
        return bytes.length == text.length() ? bytes : null;
    }

    /** {@code bytes}: as {@link #sameIndices} gives, or null to scan the text itself. */
    private void lines(String text, byte[] bytes, String display, Position includedFrom, Path dir) {
        int lineNo = 0;
        int i = 0;
        int length = text.length();
        while (i < length) {
            int start = i;
            int first = start;
            while (first < length && LineText.isBlank(text.charAt(first))) {
                first++;
            }
            // One pass finds the end of the line and whether anything in it needs the clean-up below; on the
            // bytes when it can, as a byte costs less to read than a String's char.
            boolean plain = true;
            int end = first;
            if (bytes != null) {
                for (byte b; end < length && (b = bytes[end]) != '\n'; end++) {
                    if (b >= 0 && b <= '\\' && NEEDS_WORK[b]) {
                        plain = false;
                    }
                }
            } else {
                for (char c; end < length && (c = text.charAt(end)) != '\n'; end++) {
                    if (c <= '\\' && NEEDS_WORK[c]) {
                        plain = false;
                    }
                }
            }
            i = end + 1;
            lineNo++;
            // Most lines of a large configuration need none of it: they go on uncopied.
            if (plain && end - start <= MAX_LINE_LENGTH && !specialStart(text, first, end)) {
                int last = end;
                while (last > first && LineText.isBlank(text.charAt(last - 1))) {
                    last--;
                }
                if (first < last || out.defining()) {
                    out.plainLine(text, first, last, new Position(display, lineNo, first - start + 1, includedFrom),
                            dir);
                }
                continue;
            }
            String raw = physicalLine(text.substring(start, end));
            Position linePos = new Position(display, lineNo, 1, includedFrom);
            if (raw.length() > MAX_LINE_LENGTH) {
                diagnostics.add(Severity.WARNING, linePos, "line too long (" + raw.length() + " characters)", null,
                        "at most " + MAX_LINE_LENGTH + " characters", "ignoring the line");
                continue;
            }
            LineText.Decommented d = LineText.decomment(raw);
            Position pos = linePos.withColumn(d.start() + 1);
            IncludeDirective include = IncludeDirective.parse(d.text());
            if (include != null) {
                include(include, pos, display, dir);
            } else {
                out.line(d.text(), pos, dir);
            }
        }
    }

    /**
     * The characters that make a line need {@link LineText#decomment}'s work or preprocessing: double quote,
     * backslash, comment characters, parameters, NUL and CR (all at or below the backslash).
     */
    private static final boolean[] NEEDS_WORK = new boolean['\\' + 1];

    static {
        for (char c : new char[] {'"', '\\', '#', '!', '$', '\0', '\r'}) {
            NEEDS_WORK[c] = true;
        }
    }

    /** A line starting (after blanks) with {@code @}, {@code ~} or an include keyword needs preprocessing. */
    private static boolean specialStart(String text, int first, int end) {
        if (first == end) {
            return false;
        }
        char c = text.charAt(first);
        return c == '@' || c == '~' || (c == 'i' && text.startsWith("include", first));
    }

    /** Line end characters go (keepalived strips every trailing CR and LF); a NUL ends the line, as in C. */
    private static String physicalLine(String raw) {
        int nul = raw.indexOf('\0');
        String s = nul >= 0 ? raw.substring(0, nul) : raw;
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\r') {
            end--;
        }
        return s.substring(0, end);
    }

    private void include(IncludeDirective directive, Position at, String display, Path dir) {
        Set<Check> checks = allConfig ? EnumSet.allOf(Check.class) : directive.kind().checks();
        String by = allConfig && directive.kind() != Kind.INCLUDEA ? "-e" : directive.kind().keyword();
        String pattern = directive.pattern();
        List<Glob.Alternative> alternatives = Glob.match(dir, pattern);
        boolean braces = alternatives.size() > 1 || !alternatives.get(0).pattern().equals(pattern);
        int matched = 0;
        List<String> unmatchedAlternatives = new ArrayList<>();
        for (Glob.Alternative alternative : alternatives) {
            int before = matched;
            for (String match : alternative.matches()) {
                Path file = Glob.resolve(dir, match);
                if (file == null || Files.isDirectory(file)) {
                    continue;
                }
                matched++;
                includeFile(file, match, childDisplay(display, match), at, checks);
            }
            if (matched == before) {
                unmatchedAlternatives.add(alternative.pattern());
            }
        }
        if (checks.contains(Check.BRACE_MATCH) && braces && !unmatchedAlternatives.isEmpty()) {
            for (String alternative : unmatchedAlternatives) {
                diagnostics.add(Severity.SECURITY, at, "no config file matches '" + alternative + "' (from '"
                        + pattern + "')", null, null, "nothing included for it (" + by
                        + " requires every {...} alternative to match)");
            }
        } else if (matched == 0) {
            missing(pattern, at, dir, checks, by, directive.kind());
        }
    }

    private void missing(String pattern, Position at, Path dir, Set<Check> checks, String by, Kind kind) {
        boolean wildcard = Glob.hasWildcard(pattern);
        if (checks.contains(Check.WILDCARD_MATCH) || (checks.contains(Check.MATCH) && !wildcard)) {
            diagnostics.add(Severity.SECURITY, at, "no config file matches '" + pattern + "'", null, null,
                    "nothing included (" + by + " requires a match)");
        } else if (kind == Kind.INCLUDE || !directoryExists(dir, pattern)) {
            diagnostics.note(at, "Config files missing '" + pattern + "'.");
        }
    }

    private void includeFile(Path file, String name, String display, Position at, Set<Check> checks) {
        Severity bad = checks.contains(Check.READABLE) ? Severity.SECURITY : Severity.NOTE;
        if (!Files.isRegularFile(file) || executable(file)) {
            diagnostics.add(bad, at, "Configuration file '" + name + "' is not a regular non-executable file",
                    null, null, "skipping it");
            return;
        }
        Path real;
        byte[] bytes;
        String text;
        try {
            real = file.toRealPath();
            if (reading.contains(real)) {
                diagnostics.add(Severity.WARNING, at, "include loop: '" + name + "' is already being read", null,
                        null, "not including it again");
                return;
            }
            bytes = Files.readAllBytes(file);
            text = decode(bytes);
        } catch (IOException | RuntimeException e) {
            diagnostics.add(bad, at, "cannot read config file '" + name + "' (" + reason(e) + ")", null, null,
                    "skipping it");
            return;
        }
        reading.push(real);
        lines(text, sameIndices(bytes, text), display, at, real.getParent());
        reading.pop();
    }

    /** Where the included file is for messages: next to the including file's name, as keepalived prints it. */
    private static String childDisplay(String parentDisplay, String match) {
        if (match.startsWith("/")) {
            return match;
        }
        try {
            Path parent = Path.of(parentDisplay).getParent();
            return parent == null ? Path.of(match).normalize().toString()
                    : parent.resolve(match).normalize().toString();
        } catch (InvalidPathException e) {
            return match;
        }
    }

    /** Whether the directory part of a pattern exists (a directory part with wildcards counts as existing). */
    private static boolean directoryExists(Path dir, String pattern) {
        int slash = pattern.lastIndexOf('/');
        String part = slash < 0 ? "." : slash == 0 ? "/" : pattern.substring(0, slash);
        if (Glob.hasWildcard(part) || part.indexOf('{') >= 0) {
            return true;
        }
        Path p = Glob.resolve(dir, part);
        return p != null && Files.isDirectory(p);
    }

    private static boolean executable(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return perms.contains(PosixFilePermission.OWNER_EXECUTE)
                    || perms.contains(PosixFilePermission.GROUP_EXECUTE)
                    || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
