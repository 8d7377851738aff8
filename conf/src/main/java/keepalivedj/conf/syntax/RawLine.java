package keepalivedj.conf.syntax;

import java.nio.file.Path;
import keepalivedj.conf.Position;

/**
 * A line read from a configuration file, includes already replaced by the lines they bring in, before
 * preprocessing: the decommented text ({@link LineText#decomment}), the position of its first character, and the
 * directory of its file with symbolic links resolved (what {@code ${_PWD}} stands for: keepalived changes into that
 * directory and asks getcwd). Empty lines are kept: they end multi-line definitions.
 */
record RawLine(String text, Position position, Path directory) {
}
