package keepalivedj.conf.syntax;

/**
 * The two text transformations between a line as written and a line the {@link Lexer} reads.
 * {@link #decomment} is keepalived 2.2.7's own clean-up of every line it reads from a file (lib/parser.c
 * {@code decomment()}); {@link #forLexer} turns keepalived's cleaned text back into text our Lexer splits into the
 * same words. Neither reports anything: unmatched quotes are the Lexer's to report.
 */
final class LineText {
    private LineText() {
    }

    /** A decommented line and the index in the original line where it starts (after leading blanks). */
    record Decommented(String text, int start) {
    }

    /**
     * Removes leading blanks, the comment ({@code #} or {@code !} outside double quotes) and trailing blanks, and
     * turns {@code \#} / {@code \!} outside quotes into the plain character. A line ending in {@code \} keeps that
     * backslash, glued to whatever is left once the comment and the blanks before it are gone: keepalived's quirk
     * that makes {@code router_id \} the word {@code router_id\}, and a comment line ending in {@code \} the word
     * {@code \}.
     */
    static Decommented decomment(String raw) {
        int start = 0;
        while (start < raw.length() && isBlank(raw.charAt(start))) {
            start++;
        }
        StringBuilder sb = new StringBuilder(raw.length() - start);
        boolean quote = false;
        boolean trailingBackslash = false;
        int comment = -1;
        for (int i = start; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '"') {
                if (comment < 0) {
                    quote = !quote;
                }
                sb.append(c);
            } else if (c == '\\') {
                if (i + 1 == raw.length()) {
                    trailingBackslash = true;
                    break;
                }
                char next = raw.charAt(i + 1);
                if (!quote && (next == '#' || next == '!')) {
                    sb.append(next);
                } else {
                    sb.append(c).append(next);
                }
                i++;
            } else {
                if (!quote && comment < 0 && (c == '#' || c == '!')) {
                    comment = sb.length();
                }
                sb.append(c);
            }
        }
        if (comment >= 0) {
            sb.setLength(comment);
        }
        int end = sb.length();
        while (end > 0 && isBlank(sb.charAt(end - 1))) {
            end--;
        }
        sb.setLength(end);
        if (trailingBackslash) {
            sb.append('\\');
        }
        return new Decommented(sb.toString(), start);
    }

    /**
     * keepalived's text, where every character is literal, written so the Lexer reads the same words: a
     * {@code #} or {@code !} outside double quotes is escaped so that it does not start a comment. For a line that
     * preprocessing left alone this gives back the line as written (minus comment and outer blanks).
     */
    static String forLexer(String text) {
        StringBuilder sb = null;
        boolean quote = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quote = !quote;
            } else if (!quote && (c == '#' || c == '!')) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 4).append(text, 0, i);
                }
                sb.append('\\');
            }
            if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
