package keepalivedj.conf.syntax;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.Position;
import keepalivedj.conf.Severity;

/**
 * Turns tokenized lines into the untyped block tree. A line's words up to a {@code {} are a node that owns the
 * block; a {@code {} alone at the start of a line opens the block of the line before it (keepalived allows the
 * brace on the next line); words after a brace on the same line form the next line; {@code }} closes the
 * innermost block. Unbalanced braces are reported and repaired so that binding can go on.
 *
 * <p>It takes lines one at a time ({@link LineSink}), so the source stage can feed it while reading; a
 * {@linkplain #plainLine plain line} is split into words here directly, the way the {@link Lexer} would split it.
 * Each top-level node is handed on as soon as it is complete: when the next one starts (until then a
 * {@code {} on the next line may still open its block), or at {@link #finish()}.
 */
public final class TreeBuilder implements LineSink {
    private final Diagnostics diagnostics;
    private final Consumer<Node> topLevel;
    private final Frame root = new Frame(null);
    private final Deque<Frame> open = new ArrayDeque<>();
    /** The words of the current line since its start or its last brace. */
    private Token[] pending = new Token[8];
    private int pendingCount;
    private boolean lineStart;

    /**
     * A builder whose own findings (lexer and braces) go to {@code diagnostics} and whose top-level nodes go to
     * {@code topLevel}, in order.
     */
    public TreeBuilder(Diagnostics diagnostics, Consumer<Node> topLevel) {
        this.diagnostics = diagnostics;
        this.topLevel = topLevel;
        open.push(root);
    }

    /** Reads all lines of one configuration (includes already spliced in) into its top-level nodes. */
    public static List<Node> build(List<SourceLine> lines, Diagnostics diagnostics) {
        List<Node> nodes = new ArrayList<>();
        TreeBuilder builder = new TreeBuilder(diagnostics, nodes::add);
        for (SourceLine line : lines) {
            builder.line(line);
        }
        builder.finish();
        return nodes;
    }

    @Override
    public void line(SourceLine line) {
        List<Token> tokens = Lexer.tokenize(line, diagnostics);
        lineStart = true;
        for (Token t : tokens) {
            if (t.isOpenBrace()) {
                openBrace(t.line(), t.column());
            } else if (t.isCloseBrace()) {
                closeBrace(t.line(), t.column());
            } else {
                word(t);
            }
        }
        endLine();
    }

    /** The Lexer's split of a line without quotes, escapes or comments: white space and braces end words. */
    @Override
    public void plainLine(String text, int from, int to, Position position) {
        lineStart = true;
        int offset = position.column() - from;
        int wordStart = -1;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '}' || isWhitespace(c)) {
                if (wordStart >= 0) {
                    word(new Token(text.substring(wordStart, i), position, offset + wordStart, false));
                    wordStart = -1;
                }
                if (c == '{') {
                    openBrace(position, offset + i);
                } else if (c == '}') {
                    closeBrace(position, offset + i);
                }
            } else if (wordStart < 0) {
                wordStart = i;
            }
        }
        if (wordStart >= 0) {
            word(new Token(text.substring(wordStart, to), position, offset + wordStart, false));
        }
        endLine();
    }

    /** {@link Character#isWhitespace}, answered without a table lookup for the characters of a plain line. */
    private static boolean isWhitespace(char c) {
        if (c > ' ') {
            return c >= '\u0080' && Character.isWhitespace(c);
        }
        return c == ' ' || (c >= '\t' && c <= '\r') || c >= '\u001c';
    }

    /** The end of the configuration: reports the blocks still open and hands on the last top-level node. */
    public void finish() {
        while (open.size() > 1) {
            Frame f = open.pop();
            diagnostics.add(Severity.WARNING, f.owner.keyword.position(),
                    "block '" + f.owner.keyword.text() + "' is not closed", null, "'}' before the end of the file",
                    "closing it at the end of the file");
        }
        if (root.last != null) {
            topLevel.accept(root.last.freeze());
            root.last = null;
        }
    }

    /** Adds a node to the innermost open block; a new top-level node completes the one before it. */
    private Pending add(Pending p) {
        Frame f = open.peek();
        if (f == root) {
            if (root.last != null) {
                topLevel.accept(root.last.freeze());
            }
        } else {
            f.nodes.add(p);
        }
        f.last = p;
        return p;
    }

    private void word(Token t) {
        if (pendingCount == pending.length) {
            pending = Arrays.copyOf(pending, pendingCount * 2);
        }
        pending[pendingCount++] = t;
        lineStart = false;
    }

    /** A '{' at {@code column} of the line whose first character is at {@code line}. */
    private void openBrace(Position line, int column) {
        Frame parent = open.peek();
        Pending target;
        if (pendingCount > 0) {
            target = add(takePending());
        } else if (lineStart && parent.last != null && parent.last.children == null) {
            target = parent.last;
        } else {
            Token brace = new Token("{", line, column, false);
            diagnostics.add(Severity.WARNING, brace.position(), "'{' without a keyword before it", null,
                    null, "the block it opens is ignored");
            target = new Pending(brace, List.of());
        }
        target.children = new ArrayList<>();
        open.push(new Frame(target));
        lineStart = false;
    }

    private void closeBrace(Position line, int column) {
        if (pendingCount > 0) {
            add(takePending());
        }
        if (open.size() == 1) {
            diagnostics.add(Severity.WARNING, new Token("}", line, column, false).position(), "Extra '}' found",
                    null, null, "ignoring it");
        } else {
            open.pop();
        }
        lineStart = false;
    }

    private void endLine() {
        if (pendingCount > 0) {
            add(takePending());
        }
    }

    /** The pending words as a new node's keyword and arguments. */
    private Pending takePending() {
        Token[] p = pending;
        int n = pendingCount;
        pendingCount = 0;
        List<Token> args = switch (n) {
            case 1 -> List.of();
            case 2 -> List.of(p[1]);
            case 3 -> List.of(p[1], p[2]);
            default -> List.of(Arrays.copyOfRange(p, 1, n));
        };
        return new Pending(p[0], args);
    }

    /** A node under construction; children stays null until a '{' opens its block. */
    private static final class Pending {
        final Token keyword;
        final List<Token> args;
        List<Pending> children;

        Pending(Token keyword, List<Token> args) {
            this.keyword = keyword;
            this.args = args;
        }

        Node freeze() {
            return new Node(keyword, args, children == null ? null : freezeAll(children));
        }
    }

    private static List<Node> freezeAll(List<Pending> pendings) {
        Node[] nodes = new Node[pendings.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = pendings.get(i).freeze();
        }
        return List.of(nodes);
    }

    /** An open block (the top level has no owner and keeps only its last node). */
    private static final class Frame {
        final Pending owner;
        final List<Pending> nodes;
        Pending last;

        Frame(Pending owner) {
            this.owner = owner;
            this.nodes = owner == null ? null : owner.children;
        }
    }
}
