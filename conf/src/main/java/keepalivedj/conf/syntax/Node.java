package keepalivedj.conf.syntax;

import java.util.List;
import keepalivedj.conf.Position;

/**
 * The untyped block tree: one configuration line ({@code keyword args...}) and, when the line opened a
 * {@code { ... }} block, the lines inside it. {@code children} is null when there was no block and empty for
 * {@code {}}. List blocks such as {@code virtual_ipaddress} hold one node per line whose "keyword" is the
 * first word of the line (an address, a script name).
 */
public record Node(Token keyword, List<Token> args, List<Node> children) {

    public Node {
        args = List.copyOf(args);
        children = children == null ? null : List.copyOf(children);
    }

    public String name() {
        return keyword.text();
    }

    public Position position() {
        return keyword.position();
    }

    public boolean hasBlock() {
        return children != null;
    }

    /** The block's lines, or an empty list when there is no block. */
    public List<Node> block() {
        return children == null ? List.of() : children;
    }

    /** Argument {@code i} (0 = the word after the keyword), or null. */
    public Token arg(int i) {
        return i < args.size() ? args.get(i) : null;
    }

    /** The line as a string, words separated by one space (quotes dropped): for messages and dumps. */
    public String lineText() {
        StringBuilder sb = new StringBuilder(keyword.text());
        for (Token t : args) {
            sb.append(' ').append(t.text());
        }
        return sb.toString();
    }
}
