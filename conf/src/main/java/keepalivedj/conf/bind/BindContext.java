package keepalivedj.conf.bind;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.Position;
import keepalivedj.conf.Severity;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * What a keyword handler needs besides its node: the diagnostics sink and value readers that report problems
 * in keepalived's words (e.g. {@code number '300' outside range [1, 255]}) with the position of the offending
 * word. A reader that fails returns empty; the handler then keeps its default and says so through the
 * {@code consequence} it passed in.
 */
public final class BindContext {
    private final Diagnostics diagnostics;

    public BindContext(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    // ---- reporting -------------------------------------------------------------------------------------------

    public void report(Severity severity, Position at, String message, String found, String expected,
                       String consequence) {
        diagnostics.add(severity, at, message, found, expected, consequence);
    }

    public void warn(Position at, String message, String found, String expected, String consequence) {
        report(Severity.WARNING, at, message, found, expected, consequence);
    }

    public void warn(Node at, String message) {
        report(Severity.WARNING, at.position(), message, null, null, null);
    }

    public void warn(Node at, String message, String consequence) {
        report(Severity.WARNING, at.position(), message, null, null, consequence);
    }

    public void fatal(Position at, String message, String consequence) {
        report(Severity.FATAL, at, message, null, null, consequence);
    }

    public void note(Position at, String message) {
        report(Severity.NOTE, at, message, null, null, null);
    }

    // ---- words -----------------------------------------------------------------------------------------------

    /** Argument {@code i} of {@code node}; when absent, reports "'kw' needs a value" with the consequence. */
    public Optional<Token> required(Node node, int i, String what, String consequence) {
        Token t = node.arg(i);
        if (t == null) {
            warn(node.position(), "'" + node.name() + "' is missing its " + what, null, what, consequence);
            return Optional.empty();
        }
        return Optional.of(t);
    }

    public Optional<String> string(Node node, int i, String what, String consequence) {
        return required(node, i, what, consequence).map(Token::text);
    }

    /** A whole number in [min, max], keepalived-style messages on failure. */
    public OptionalLong integer(Node node, int i, long min, long max, String consequence) {
        Optional<Token> t = required(node, i, "number", consequence);
        if (t.isEmpty()) {
            return OptionalLong.empty();
        }
        return integer(node, t.get(), min, max, consequence);
    }

    public OptionalLong integer(Node node, Token t, long min, long max, String consequence) {
        long v;
        try {
            v = Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            warn(t.position(), node.name() + ": invalid number", t.text(),
                    "a whole number in [" + min + ", " + max + "]", consequence);
            return OptionalLong.empty();
        }
        if (v < min || v > max) {
            warn(t.position(), node.name() + ": number '" + t.text() + "' outside range [" + min + ", " + max + "]",
                    t.text(), "[" + min + ", " + max + "]", consequence);
            return OptionalLong.empty();
        }
        return OptionalLong.of(v);
    }

    /**
     * A time in seconds with up to six decimals (keepalived's TIMER), returned in microseconds; the range is
     * given in microseconds too and rendered in seconds as keepalived does ({@code [0.000001, 4294.967295]}).
     */
    public OptionalLong micros(Node node, int i, long minMicros, long maxMicros, String consequence) {
        Optional<Token> t = required(node, i, "time in seconds", consequence);
        if (t.isEmpty()) {
            return OptionalLong.empty();
        }
        return micros(node, t.get(), minMicros, maxMicros, consequence);
    }

    public OptionalLong micros(Node node, Token t, long minMicros, long maxMicros, String consequence) {
        String text = t.text();
        // Whole seconds are by far the most common timer; they need no decimal arithmetic.
        if (!text.isEmpty() && text.length() <= 9 && LvsAddresses.allDigits(text)) {
            long us = Long.parseLong(text) * 1_000_000L;
            if (us >= minMicros && us <= maxMicros) {
                return OptionalLong.of(us);
            }
        }
        String range = "[" + seconds(minMicros) + ", " + seconds(maxMicros) + "]";
        BigDecimal secs;
        try {
            secs = new BigDecimal(t.text());
        } catch (NumberFormatException e) {
            warn(t.position(), node.name() + ": invalid number", t.text(), "seconds in " + range, consequence);
            return OptionalLong.empty();
        }
        if (secs.scale() > 6) {
            warn(t.position(), node.name() + ": too many decimal places", t.text(), "at most 6", consequence);
            return OptionalLong.empty();
        }
        BigDecimal us = secs.movePointRight(6);
        if (us.compareTo(BigDecimal.valueOf(minMicros)) < 0 || us.compareTo(BigDecimal.valueOf(maxMicros)) > 0) {
            warn(t.position(), node.name() + ": number '" + t.text() + "' outside range " + range, t.text(), range,
                    consequence);
            return OptionalLong.empty();
        }
        return OptionalLong.of(us.longValueExact());
    }

    /** Renders microseconds as keepalived prints timers: seconds with six decimals. */
    public static String seconds(long micros) {
        return BigDecimal.valueOf(micros).movePointLeft(6).setScale(6).toPlainString();
    }

    /**
     * keepalived's {@code <BOOL>}: on|off|true|false|yes|no, and no argument at all means true.
     */
    public Optional<Boolean> bool(Node node, int i, String consequence) {
        Token t = node.arg(i);
        if (t == null) {
            return Optional.of(Boolean.TRUE);
        }
        switch (t.text().toLowerCase(Locale.ROOT)) {
            case "on":
            case "true":
            case "yes":
                return Optional.of(Boolean.TRUE);
            case "off":
            case "false":
            case "no":
                return Optional.of(Boolean.FALSE);
            default:
                warn(t.position(), node.name() + ": invalid boolean", t.text(), "on|off|true|false|yes|no",
                        consequence);
                return Optional.empty();
        }
    }

    /** Reports words after the ones a keyword uses. keepalived ignores them silently; we say so. */
    public void extraWords(Node node, int used) {
        if (node.args().size() > used) {
            Token first = node.args().get(used);
            report(Severity.NOTE, first.position(), "'" + node.name() + "' takes " + used
                    + (used == 1 ? " word" : " words") + "; the rest of the line is ignored", first.text(), null, null);
        }
    }

    /** For keywords that must open a block: reports and returns false when the line has none. */
    public boolean requireBlock(Node node) {
        if (!node.hasBlock()) {
            warn(node.position(), "'" + node.name() + "' needs a { ... } block", null, "'{'", "ignoring it");
            return false;
        }
        return true;
    }
}
