package keepalivedj.conf.syntax;

import java.util.EnumSet;
import java.util.Set;

/**
 * An {@code include} line: which variant and the file pattern. keepalived 2.2.7 recognises it before conditional
 * lines and parameters are processed, so only a line whose first word (after leading white space, comment
 * removed) is one of the include keywords is an include; {@code @id include x} and {@code include $DIR/x} are not
 * expanded first. The rest of the line is the pattern; a pattern wholly in double quotes loses its quotes.
 */
record IncludeDirective(Kind kind, String pattern) {

    /** What keepalived checks about what an include matched (keepalived.conf(5), {@code include_check}). */
    enum Check {
        /** Every match must be a readable regular file. */
        READABLE,
        /** A pattern without wildcards must match. */
        MATCH,
        /** Any pattern must match, wildcards or not. */
        WILDCARD_MATCH,
        /** Every {@code {a,b}} alternative must match. */
        BRACE_MATCH
    }

    enum Kind {
        INCLUDE("include", EnumSet.noneOf(Check.class)),
        INCLUDER("includer", EnumSet.of(Check.READABLE)),
        INCLUDEM("includem", EnumSet.of(Check.READABLE, Check.MATCH)),
        INCLUDEW("includew", EnumSet.of(Check.READABLE, Check.WILDCARD_MATCH)),
        INCLUDEB("includeb", EnumSet.of(Check.READABLE, Check.BRACE_MATCH)),
        INCLUDEA("includea", EnumSet.allOf(Check.class));

        private final String keyword;
        private final Set<Check> checks;

        Kind(String keyword, Set<Check> checks) {
            this.keyword = keyword;
            this.checks = checks;
        }

        String keyword() {
            return keyword;
        }

        Set<Check> checks() {
            return checks;
        }
    }

    /** The include on a decommented line (leading blanks already gone), or null when the line is not one. */
    static IncludeDirective parse(String decommented) {
        // Every line passes here; nearly none is an include.
        if (!decommented.startsWith("include")) {
            return null;
        }
        int end = 0;
        while (end < decommented.length() && !Character.isWhitespace(decommented.charAt(end))) {
            end++;
        }
        Kind kind = kindOf(decommented.substring(0, end));
        if (kind == null) {
            return null;
        }
        String pattern = decommented.substring(end).strip();
        if (pattern.length() >= 2 && pattern.startsWith("\"") && pattern.endsWith("\"")) {
            pattern = pattern.substring(1, pattern.length() - 1);
        }
        return pattern.isEmpty() ? null : new IncludeDirective(kind, pattern);
    }

    private static final Kind[] KINDS = Kind.values();

    private static Kind kindOf(String word) {
        for (Kind k : KINDS) {
            if (k.keyword.equals(word)) {
                return k;
            }
        }
        return null;
    }
}
