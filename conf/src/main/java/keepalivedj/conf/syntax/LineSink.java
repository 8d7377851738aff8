package keepalivedj.conf.syntax;

import keepalivedj.conf.Position;

/**
 * Where the source stage puts its lines, one at a time and in order, so a large configuration is read, lexed and
 * built into its tree in one pass instead of as three lists of every line.
 */
public interface LineSink {
    /** A line as {@link SourceReader} describes it. */
    void line(SourceLine line);

    /**
     * A line the source stage left untouched, given as {@code text[from, to)} (not empty) without copying it: no
     * double quote, backslash, comment character or parameter in it, blanks around it already cut. It means
     * exactly what {@code line(new SourceLine(text.substring(from, to), position))} means.
     */
    default void plainLine(String text, int from, int to, Position position) {
        line(new SourceLine(text.substring(from, to), position));
    }
}
