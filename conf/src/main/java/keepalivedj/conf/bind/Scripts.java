package keepalivedj.conf.bind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import keepalivedj.conf.model.ScriptCommand;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * Reads script command lines as keepalived does: the (usually quoted) command string is split again into
 * words with shell-like rules — white space separates, {@code '...'} groups, and the escapes {@code \n \t
 * \xHH \nnn \cC} and {@code \<char>} are understood — and the words after the command string are
 * {@code user [group]}. A common mistake, {@code notify_master /x.sh arg}, therefore makes {@code arg} the
 * user; {@link #parse} says so when the would-be user looks like an argument.
 */
public final class Scripts {
    private Scripts() {
    }

    /** Parses the command starting at argument {@code index} of {@code node}. */
    public static Optional<ScriptCommand> parse(Node node, int index, BindContext ctx) {
        Optional<Token> cmd = ctx.required(node, index, "command", "ignoring it");
        if (cmd.isEmpty()) {
            return Optional.empty();
        }
        List<String> argv = split(cmd.get().text());
        if (argv.isEmpty()) {
            ctx.warn(cmd.get().position(), "'" + node.name() + "' has an empty command", cmd.get().text(),
                    "a program and its arguments", "ignoring it");
            return Optional.empty();
        }
        Token user = node.arg(index + 1);
        Token group = node.arg(index + 2);
        ctx.extraWords(node, index + 3);
        return Optional.of(new ScriptCommand(cmd.get().text(), argv, user == null ? null : user.text(),
                group == null ? null : group.text(), cmd.get().position()));
    }

    /** Splits a command string into words: white space, '...' grouping, backslash escapes. */
    public static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        boolean inSingle = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inSingle) {
                if (c == '\'') {
                    inSingle = false;
                } else {
                    w.append(c);
                }
                continue;
            }
            if (c == '\'') {
                inSingle = true;
                inWord = true;
            } else if (c == '\\' && i + 1 < s.length()) {
                i = escape(s, i + 1, w);
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }

    /** Appends the escape starting at {@code i} (the character after '\'); returns the index of its last char. */
    private static int escape(String s, int i, StringBuilder out) {
        char c = s.charAt(i);
        switch (c) {
            case 'n':
                out.append('\n');
                return i;
            case 't':
                out.append('\t');
                return i;
            case 'r':
                out.append('\r');
                return i;
            case 'x': {
                int end = i + 1;
                while (end < s.length() && end < i + 3 && Character.digit(s.charAt(end), 16) >= 0) {
                    end++;
                }
                if (end == i + 1) {
                    out.append('x');
                    return i;
                }
                out.append((char) Integer.parseInt(s.substring(i + 1, end), 16));
                return end - 1;
            }
            case 'c':
                if (i + 1 < s.length()) {
                    out.append((char) (Character.toUpperCase(s.charAt(i + 1)) & 0x1f));
                    return i + 1;
                }
                out.append('c');
                return i;
            default:
                if (c >= '0' && c <= '7') {
                    int end = i;
                    while (end < s.length() && end < i + 3 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
                        end++;
                    }
                    out.append((char) Integer.parseInt(s.substring(i, end), 8));
                    return end - 1;
                }
                out.append(c);
                return i;
        }
    }
}
