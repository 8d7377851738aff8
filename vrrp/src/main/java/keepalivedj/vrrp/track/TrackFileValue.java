package keepalivedj.vrrp.track;

import java.nio.charset.StandardCharsets;

/**
 * What keepalived 2.2.7 makes of a track_file's contents (track_file.c process_track_file): the first 127 bytes
 * read as C's {@code strtol(buf, NULL, 0)} — leading white space, an optional sign, {@code 0x} for hex, a
 * leading {@code 0} for octal, digits up to the first one that does not fit. No digits (a word, an empty or
 * missing file) is 0. A number that overflows or lies outside a C {@code int} is not taken: the file keeps its
 * previous value and keepalived logs "Invalid number N read from PATH - ignoring". Checked against keepalived
 * 2.2.7 in a namespace ({@code 0x10} is 16, {@code 010} is 8, {@code "  12xyz"} is 12, {@code abc} is 0).
 */
public final class TrackFileValue {
    /** The bytes keepalived reads: {@code char buf[128]}, one kept for the terminating NUL. */
    public static final int READ_LIMIT = 127;

    /** A parsed value; {@code valid} false means "ignore it", {@code value} then is what keepalived logs. */
    public record Reading(long value, boolean valid) {
    }

    private TrackFileValue() {
    }

    /** A missing file counts as 0, as keepalived's failed open leaves the value at 0. */
    public static Reading missing() {
        return new Reading(0, true);
    }

    public static Reading parse(byte[] content) {
        String s = new String(content, 0, Math.min(content.length, READ_LIMIT), StandardCharsets.ISO_8859_1);
        int nul = s.indexOf('\0');
        if (nul >= 0) {
            s = s.substring(0, nul);
        }
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int base = 10;
        if (i + 1 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
            base = 16;
            i += 2;
        } else if (i < s.length() && s.charAt(i) == '0') {
            base = 8;
        }
        long magnitude = 0;
        boolean overflow = false;
        for (; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), base);
            if (d < 0 || s.charAt(i) > 127) {
                break;
            }
            if (!overflow) {
                try {
                    magnitude = Math.addExact(Math.multiplyExact(magnitude, base), d);
                } catch (ArithmeticException e) {
                    overflow = true;
                }
            }
        }
        if (overflow) { // ERANGE: strtol returns LONG_MAX or LONG_MIN
            return new Reading(negative ? Long.MIN_VALUE : Long.MAX_VALUE, false);
        }
        long v = negative ? -magnitude : magnitude;
        return new Reading(v, v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE);
    }

    /** C's isspace in the C locale. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
