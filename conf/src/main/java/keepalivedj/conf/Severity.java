package keepalivedj.conf;

/**
 * How bad a configuration problem is, in keepalived 2.2.7's classes. The class decides the exit code of
 * {@code -t}; keepalived keeps the numerically largest code it has seen (so a warning next to a fatal error
 * gives 5, not 4, and a security error beats both), and {@link Diagnostics#testExitCode()} reproduces that.
 */
public enum Severity {
    /** Reported, but keepalived records no error class: {@code -t} still exits 0 (e.g. a missing plain include). */
    NOTE(0, "note"),
    /** keepalived cannot run this configuration (CONFIG_FILE_NOT_FOUND, CONFIG_BAD_IF, CONFIG_FATAL). */
    FATAL(4, "fatal"),
    /** Something was wrong and was ignored or defaulted; keepalived still runs (the general config error class). */
    WARNING(5, "warning"),
    /** CONFIG_SECURITY_ERROR: scripts would run as root without script security. */
    SECURITY(6, "security");

    private final int testExitCode;
    private final String label;

    Severity(int testExitCode, String label) {
        this.testExitCode = testExitCode;
        this.label = label;
    }

    /** The exit code keepalived 2.2.7's {@code -t} gives when this is the class it kept. */
    public int testExitCode() {
        return testExitCode;
    }

    public String label() {
        return label;
    }
}
