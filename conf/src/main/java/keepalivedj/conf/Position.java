package keepalivedj.conf;

/**
 * Where something stands in the configuration: file, 1-based line and column, and the include directive that
 * brought the file in (null for the top-level file). Columns count characters of the line as written.
 */
public record Position(String file, int line, int column, Position includedFrom) {

    public Position(String file, int line, int column) {
        this(file, line, column, null);
    }

    /** The same file and include chain, another place in it. */
    public Position at(int line, int column) {
        return new Position(file, line, column, includedFrom);
    }

    public Position withColumn(int column) {
        return new Position(file, line, column, includedFrom);
    }

    /** {@code file:line:column}, the GNU form editors jump to. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
