package keepalivedj.conf;

/**
 * One configuration problem. It says what is wrong ({@code message}), what was found and what was expected
 * (either may be null when there is nothing useful to say), and what keepalived-j does about it
 * ({@code consequence}, e.g. "using default 100"; null when nothing is done beyond reporting).
 */
public record Diagnostic(Severity severity, Position position, String message, String found, String expected,
                         String consequence) {

    public Diagnostic {
        if (severity == null || message == null) {
            throw new IllegalArgumentException("a diagnostic needs a severity and a message");
        }
    }

    /**
     * GNU style, one line per diagnostic plus one per include level:
     * <pre>
     * a.conf:12:14: warning: priority: number out of range: found '300', expected 1..255; using default 100
     *   included from keepalived.conf:3:1
     * </pre>
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(position == null ? "keepalived-j" : position.toString());
        sb.append(": ").append(severity.label()).append(": ").append(message);
        if (found != null) {
            sb.append(": found '").append(found).append('\'');
        }
        if (expected != null) {
            sb.append(found != null ? ", expected " : ": expected ").append(expected);
        }
        if (consequence != null) {
            sb.append("; ").append(consequence);
        }
        for (Position p = position == null ? null : position.includedFrom(); p != null; p = p.includedFrom()) {
            sb.append(System.lineSeparator()).append("  included from ").append(p);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
