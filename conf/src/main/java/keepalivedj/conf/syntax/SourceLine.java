package keepalivedj.conf.syntax;

import keepalivedj.conf.Position;

/**
 * One line of configuration text after includes and preprocessing, with the position of its first character.
 * Lines produced by {@code $NAME} expansion or {@code ~SEQ} carry the position of the line they came from.
 */
public record SourceLine(String text, Position position) {
}
