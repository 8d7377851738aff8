package keepalivedj.conf.syntax;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Shell-style file name patterns as glibc's {@code glob(GLOB_BRACE)} reads them for keepalived's include lines:
 * csh brace alternatives {@code {a,b}} (nested, expanded first, each alternative matched on its own and its
 * matches sorted on their own), then {@code *}, {@code ?} and {@code [...]} per path component ({@code [!...]} and
 * {@code [^...]} negate, {@code \} quotes the next character, a leading {@code .} must be matched explicitly).
 * Matches are sorted by plain string order, as glibc does in the C locale. A relative pattern is resolved against
 * a base directory; matches are reported as the pattern wrote them (relative stays relative). This class only
 * lists directories; it does not decide what a match means.
 */
final class Glob {
    /** Brace expansion stops after this many alternatives (a guard against {@code {a,b}{a,b}...} blow-ups). */
    static final int MAX_ALTERNATIVES = 4096;

    private Glob() {
    }

    /** One brace alternative of a pattern and the existing paths it matched, sorted. */
    record Alternative(String pattern, List<String> matches) {
    }

    static List<Alternative> match(Path baseDir, String pattern) {
        List<Alternative> out = new ArrayList<>();
        for (String alt : expandBraces(pattern)) {
            List<String> matches = matchOne(baseDir, alt);
            matches.sort(null);
            out.add(new Alternative(alt, List.copyOf(matches)));
        }
        return out;
    }

    /** True when the pattern holds an unquoted {@code *}, {@code ?} or {@code [}. */
    static boolean hasWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    /** csh-style brace expansion, leftmost brace first; an unbalanced brace is taken literally. */
    static List<String> expandBraces(String pattern) {
        List<String> out = new ArrayList<>();
        expand(pattern, out);
        return out;
    }

    private static void expand(String p, List<String> out) {
        if (out.size() >= MAX_ALTERNATIVES) {
            return;
        }
        int open = -1;
        int close = -1;
        List<Integer> commas = new ArrayList<>();
        for (int i = 0; i < p.length() && close < 0; i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{' && open < 0) {
                open = i;
                int depth = 0;
                for (int j = i + 1; j < p.length(); j++) {
                    char d = p.charAt(j);
                    if (d == '\\') {
                        j++;
                    } else if (d == '{') {
                        depth++;
                    } else if (d == '}') {
                        if (depth == 0) {
                            close = j;
                            break;
                        }
                        depth--;
                    } else if (d == ',' && depth == 0) {
                        commas.add(j);
                    }
                }
                if (close < 0) {
                    open = -1;
                    commas.clear();
                }
            }
        }
        if (open < 0) {
            out.add(p);
            return;
        }
        String prefix = p.substring(0, open);
        String suffix = p.substring(close + 1);
        int from = open + 1;
        commas.add(close);
        for (int comma : commas) {
            expand(prefix + p.substring(from, comma) + suffix, out);
            from = comma + 1;
        }
    }

    private static List<String> matchOne(Path baseDir, String pattern) {
        List<String> found = new ArrayList<>();
        boolean absolute = pattern.startsWith("/");
        String[] parts = pattern.split("/+", -1);
        List<String> names = new ArrayList<>();
        for (String part : parts) {
            if (!part.isEmpty()) {
                names.add(part);
            }
        }
        if (names.isEmpty()) {
            return found;
        }
        walk(absolute ? "/" : "", names, 0, baseDir, found);
        return found;
    }

    private static void walk(String soFar, List<String> names, int index, Path baseDir, List<String> found) {
        String name = names.get(index);
        boolean last = index == names.size() - 1;
        List<String> candidates = new ArrayList<>();
        if (hasWildcard(name)) {
            Path dir = resolve(baseDir, soFar.isEmpty() ? "." : soFar);
            if (dir == null || !Files.isDirectory(dir)) {
                return;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    String entryName = entry.getFileName().toString();
                    if (matches(name, entryName)) {
                        candidates.add(entryName);
                    }
                }
            } catch (IOException | RuntimeException e) {
                return;
            }
            candidates.sort(null);
        } else {
            candidates.add(unquote(name));
        }
        for (String candidate : candidates) {
            String path = soFar.isEmpty() || soFar.endsWith("/") ? soFar + candidate : soFar + "/" + candidate;
            Path fs = resolve(baseDir, path);
            if (fs == null) {
                continue;
            }
            if (last) {
                if (Files.exists(fs)) {
                    found.add(path);
                }
            } else if (Files.isDirectory(fs)) {
                walk(path, names, index + 1, baseDir, found);
            }
        }
    }

    /** The file system path of a pattern-relative path, or null when the name cannot be a path here. */
    static Path resolve(Path baseDir, String path) {
        try {
            return baseDir.resolve(path);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static String unquote(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** fnmatch(3) for one path component, with the leading-dot rule. */
    static boolean matches(String pattern, String name) {
        if (name.startsWith(".") && !pattern.startsWith(".")) {
            return false;
        }
        int p = 0;
        int n = 0;
        int starP = -1;
        int starN = 0;
        while (n < name.length()) {
            int step = p < pattern.length() ? matchAt(pattern, p, name.charAt(n)) : -1;
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starN = n;
            } else if (step > 0) {
                p += step;
                n++;
            } else if (starP >= 0) {
                p = starP + 1;
                n = ++starN;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /**
     * How many pattern characters match the one name character {@code c} at pattern index {@code p}, or -1 when
     * they do not match. {@code *} is handled by the caller.
     */
    private static int matchAt(String pattern, int p, char c) {
        char pc = pattern.charAt(p);
        if (pc == '?') {
            return 1;
        }
        if (pc == '\\' && p + 1 < pattern.length()) {
            return pattern.charAt(p + 1) == c ? 2 : -1;
        }
        if (pc == '[') {
            int end = classEnd(pattern, p);
            if (end > 0) {
                return classMatches(pattern, p + 1, end, c) ? end - p + 1 : -1;
            }
        }
        return pc == c ? 1 : -1;
    }

    /** Index of the ']' closing the class opened at {@code open}, or -1 when the '[' is literal. */
    private static int classEnd(String pattern, int open) {
        int i = open + 1;
        if (i < pattern.length() && (pattern.charAt(i) == '!' || pattern.charAt(i) == '^')) {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++;
        }
        for (; i < pattern.length(); i++) {
            if (pattern.charAt(i) == '\\') {
                i++;
            } else if (pattern.charAt(i) == ']') {
                return i;
            }
        }
        return -1;
    }

    private static boolean classMatches(String pattern, int from, int end, char c) {
        boolean negate = pattern.charAt(from) == '!' || pattern.charAt(from) == '^';
        int i = negate ? from + 1 : from;
        boolean hit = false;
        boolean first = true;
        while (i < end) {
            char lo = pattern.charAt(i);
            if (lo == '\\' && i + 1 < end) {
                lo = pattern.charAt(++i);
            } else if (lo == ']' && !first) {
                break;
            }
            first = false;
            char hi = lo;
            if (i + 2 < end && pattern.charAt(i + 1) == '-') {
                hi = pattern.charAt(i + 2);
                if (hi == '\\' && i + 3 < end) {
                    hi = pattern.charAt(i + 3);
                    i++;
                }
                i += 2;
            }
            if (lo <= c && c <= hi) {
                hit = true;
            }
            i++;
        }
        return hit != negate;
    }
}
