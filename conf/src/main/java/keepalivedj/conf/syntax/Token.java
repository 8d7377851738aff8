package keepalivedj.conf.syntax;

import java.util.Objects;
import keepalivedj.conf.Position;

/**
 * A word of a configuration line, quotes removed. {@code quoted} is true when any part of it was inside
 * double quotes; a quoted "{" is a word, not a brace.
 *
 * <p>Tokens of one line share that line's {@link Position} and keep only their column, so a configuration of
 * hundreds of thousands of lines does not carry a position object per word; {@link #position()} makes one when
 * a diagnostic needs it.
 */
public final class Token {
    private final String text;
    private final Position line;
    private final int column;
    private final boolean quoted;

    public Token(String text, Position position, boolean quoted) {
        this(text, position, position.column(), quoted);
    }

    Token(String text, Position line, int column, boolean quoted) {
        this.text = text;
        this.line = line;
        this.column = column;
        this.quoted = quoted;
    }

    public String text() {
        return text;
    }

    public Position position() {
        return column == line.column() ? line : line.withColumn(column);
    }

    /** The position of the token's line (its first character); {@link #column} places the token in it. */
    Position line() {
        return line;
    }

    int column() {
        return column;
    }

    public boolean quoted() {
        return quoted;
    }

    public boolean isOpenBrace() {
        return !quoted && "{".equals(text);
    }

    public boolean isCloseBrace() {
        return !quoted && "}".equals(text);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Token)) {
            return false;
        }
        Token t = (Token) o;
        return quoted == t.quoted && text.equals(t.text) && position().equals(t.position());
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, position(), quoted);
    }

    @Override
    public String toString() {
        return text;
    }
}
