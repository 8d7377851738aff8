package keepalivedj.daemon.log;

import java.io.PrintStream;
import java.time.ZonedDateTime;
import java.util.function.Consumer;

/**
 * Where the daemon's lines go: keepalived's console format with {@code -l} (stderr, prefixed
 * "Sat Nov 21 15:14:29 2026: "), syslog unless {@code -G}. Thread-safe; lines are short and both sinks are
 * non-blocking or line-buffered, so the event loop may call it.
 */
public final class DaemonLog {
    private final PrintStream console;
    private final Syslog syslog;
    private final int detail;
    private volatile Consumer<String> tap;

    /**
     * @param console stderr with {@code -l}, else null
     * @param syslog  null with {@code -G}
     * @param detail  how many {@code -D} were given
     */
    public DaemonLog(PrintStream console, Syslog syslog, int detail) {
        this.console = console;
        this.syslog = syslog;
        this.detail = detail;
    }

    public void info(String message) {
        write(Syslog.INFO, message);
    }

    public void warning(String message) {
        write(Syslog.WARNING, message);
    }

    public void error(String message) {
        write(Syslog.ERR, message);
    }

    /** Logged only with {@code -D}, as keepalived's "detailed" messages. */
    public void detail(String message) {
        if (detail > 0) {
            write(Syslog.INFO, message);
        }
    }

    public boolean detailed() {
        return detail > 0;
    }

    /** Held so the logger, and the handler set on it, are not garbage collected. */
    private static final java.util.logging.Logger LIBRARIES = java.util.logging.Logger.getLogger("keepalivedj");

    /**
     * The modules' own System.Logger lines (SMTP alerter, notify FIFO, scripts, checker loop) go to this log in
     * keepalived's format ("Remote SMTP server [10.0.0.1]:25 connected.") instead of java.util.logging's two-line
     * stderr format.
     */
    public void captureLibraryLogs() {
        java.util.logging.Formatter text = new java.util.logging.SimpleFormatter();
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (!isLoggable(r)) {
                    return;
                }
                String m = text.formatMessage(r);
                if (r.getThrown() != null) {
                    m += ": " + r.getThrown();
                }
                int level = r.getLevel().intValue();
                write(level >= java.util.logging.Level.SEVERE.intValue() ? Syslog.ERR
                        : level >= java.util.logging.Level.WARNING.intValue() ? Syslog.WARNING : Syslog.INFO, m);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        for (java.util.logging.Handler old : LIBRARIES.getHandlers()) {
            LIBRARIES.removeHandler(old);
        }
        LIBRARIES.addHandler(h);
        LIBRARIES.setUseParentHandlers(false);
    }

    /** Also hands every line to {@code c} (tests). */
    public void tap(Consumer<String> c) {
        tap = c;
    }

    private void write(int severity, String message) {
        if (console != null) {
            synchronized (console) {
                console.println(LogStamp.console(ZonedDateTime.now()) + ": " + message);
                console.flush();
            }
        }
        if (syslog != null) {
            syslog.log(severity, message);
        }
        Consumer<String> t = tap;
        if (t != null) {
            t.accept(message);
        }
    }

    public void close() {
        if (syslog != null) {
            syslog.close();
        }
    }
}
