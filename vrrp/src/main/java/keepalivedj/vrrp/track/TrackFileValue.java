package keepalivedj.vrrp.track;

import java.nio.charset.StandardCharsets;
import keepalivedj.conf.Strtol;

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
        Strtol n = Strtol.parse(s, 0);
        if (n.overflow()) { // ERANGE: strtol returns LONG_MAX or LONG_MIN
            return new Reading(n.value(), false);
        }
        long v = n.value();
        return new Reading(v, v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE);
    }
}
