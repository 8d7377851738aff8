package keepalivedj.conf.syntax;

import java.util.ArrayList;
import java.util.List;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.Position;
import keepalivedj.conf.Severity;

/**
 * Splits one configuration line into tokens the way keepalived 2.2.7's parser does: words are separated by
 * white space; {@code "..."} groups words (quotes removed, and a quoted part joins the characters next to it);
 * {@code #} and {@code !} start a comment anywhere outside quotes, while {@code \#} and {@code \!} outside
 * quotes stand for the characters themselves; an unquoted {@code {} or {@code }} is always a token of its own,
 * wherever it stands, so {@code global_defs { router_id foo }} is three lines' worth of tokens on one line.
 */
public final class Lexer {
    private Lexer() {
    }

    public static List<Token> tokenize(SourceLine line, Diagnostics diagnostics) {
        String s = line.text();
        Position base = line.position();
        List<Token> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int wordStart = -1;
        boolean wordQuoted = false;
        boolean inQuote = false;
        int quoteStart = -1;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (inQuote) {
                if (c == '"') {
                    inQuote = false;
                } else {
                    word.append(c);
                }
                i++;
                continue;
            }
            if (c == '"') {
                if (wordStart < 0) {
                    wordStart = i;
                }
                inQuote = true;
                wordQuoted = true;
                quoteStart = i;
                i++;
                continue;
            }
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '#' || s.charAt(i + 1) == '!')) {
                if (wordStart < 0) {
                    wordStart = i;
                }
                word.append(s.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '#' || c == '!') {
                break;
            }
            if (Character.isWhitespace(c) || c == '{' || c == '}') {
                if (wordStart >= 0) {
                    tokens.add(new Token(word.toString(), base, base.column() + wordStart, wordQuoted));
                    word.setLength(0);
                    wordStart = -1;
                    wordQuoted = false;
                }
                if (c == '{' || c == '}') {
                    tokens.add(new Token(c == '{' ? "{" : "}", base, base.column() + i, false));
                }
                i++;
                continue;
            }
            if (wordStart < 0) {
                wordStart = i;
            }
            word.append(c);
            i++;
        }
        if (inQuote) {
            diagnostics.add(Severity.WARNING, column(base, quoteStart), "unmatched quote", null,
                    "a closing '\"' on the same line", "the rest of the line is taken as quoted text");
        }
        if (wordStart >= 0) {
            tokens.add(new Token(word.toString(), base, base.column() + wordStart, wordQuoted));
        }
        return tokens;
    }

    /**
     * The text before any comment, for stages that look at a line before it is tokenized (include, $NAME=).
     * Quotes are respected, escapes are kept as written.
     */
    public static String stripComment(String s) {
        boolean inQuote = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                inQuote = !inQuote;
            } else if (!inQuote && c == '\\' && i + 1 < s.length()
                    && (s.charAt(i + 1) == '#' || s.charAt(i + 1) == '!')) {
                i++;
            } else if (!inQuote && (c == '#' || c == '!')) {
                return s.substring(0, i);
            }
        }
        return s;
    }

    private static Position column(Position base, int index) {
        return base.withColumn(base.column() + index);
    }
}
