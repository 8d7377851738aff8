package keepalivedj.conf.syntax;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.Severity;

/**
 * Turns tokenized lines into the untyped block tree. A line's words up to a {@code {} are a node that owns the
 * block; a {@code {} alone at the start of a line opens the block of the line before it (keepalived allows the
 * brace on the next line); words after a brace on the same line form the next line; {@code }} closes the
 * innermost block. Unbalanced braces are reported and repaired so that binding can go on.
 */
public final class TreeBuilder {
    private TreeBuilder() {
    }

    /** Reads all lines of one configuration (includes already spliced in) into its top-level nodes. */
    public static List<Node> build(List<SourceLine> lines, Diagnostics diagnostics) {
        Frame root = new Frame(null);
        Deque<Frame> open = new ArrayDeque<>();
        open.push(root);
        java.util.Map<String, String> words = new java.util.HashMap<>();
        for (SourceLine line : lines) {
            List<Token> tokens = Lexer.tokenize(line, diagnostics, words);
            List<Token> pending = new ArrayList<>();
            boolean lineStart = true;
            for (Token t : tokens) {
                if (t.isOpenBrace()) {
                    Frame parent = open.peek();
                    Pending target;
                    if (!pending.isEmpty()) {
                        target = parent.add(pending);
                        pending = new ArrayList<>();
                    } else if (lineStart && parent.last != null && parent.last.children == null) {
                        target = parent.last;
                    } else {
                        diagnostics.add(Severity.WARNING, t.position(), "'{' without a keyword before it", null,
                                null, "the block it opens is ignored");
                        target = new Pending(t, List.of());
                    }
                    target.children = new ArrayList<>();
                    open.push(new Frame(target));
                } else if (t.isCloseBrace()) {
                    if (!pending.isEmpty()) {
                        open.peek().add(pending);
                        pending = new ArrayList<>();
                    }
                    if (open.size() == 1) {
                        diagnostics.add(Severity.WARNING, t.position(), "Extra '}' found", null, null,
                                "ignoring it");
                    } else {
                        open.pop();
                    }
                } else {
                    pending.add(t);
                }
                lineStart = false;
            }
            if (!pending.isEmpty()) {
                open.peek().add(pending);
            }
        }
        while (open.size() > 1) {
            Frame f = open.pop();
            diagnostics.add(Severity.WARNING, f.owner.keyword.position(),
                    "block '" + f.owner.keyword.text() + "' is not closed", null, "'}' before the end of the file",
                    "closing it at the end of the file");
        }
        return root.freeze();
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
            List<Node> kids = null;
            if (children != null) {
                kids = new ArrayList<>(children.size());
                for (Pending p : children) {
                    kids.add(p.freeze());
                }
            }
            return new Node(keyword, args, kids);
        }
    }

    private static final class Frame {
        final Pending owner;
        final List<Pending> nodes;
        Pending last;

        Frame(Pending owner) {
            this.owner = owner;
            this.nodes = owner == null ? new ArrayList<>() : owner.children;
        }

        Pending add(List<Token> words) {
            Pending p = new Pending(words.get(0), List.copyOf(words.subList(1, words.size())));
            nodes.add(p);
            last = p;
            return p;
        }

        List<Node> freeze() {
            List<Node> out = new ArrayList<>(nodes.size());
            for (Pending p : nodes) {
                out.add(p.freeze());
            }
            return out;
        }
    }
}
