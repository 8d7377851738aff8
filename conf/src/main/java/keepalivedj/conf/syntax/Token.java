package keepalivedj.conf.syntax;

import keepalivedj.conf.Position;

/**
 * A word of a configuration line, quotes removed. {@code quoted} is true when any part of it was inside
 * double quotes; a quoted "{" is a word, not a brace.
 */
public record Token(String text, Position position, boolean quoted) {

    public boolean isOpenBrace() {
        return !quoted && "{".equals(text);
    }

    public boolean isCloseBrace() {
        return !quoted && "}".equals(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
