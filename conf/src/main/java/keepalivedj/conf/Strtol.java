package keepalivedj.conf;

/**
 * C's {@code strtol(s, &end, 0)}, which keepalived uses wherever it reads a number out of free text (~SEQ
 * parameters, track_file contents): leading C white space, an optional sign, {@code 0x} for hex, a leading
 * {@code 0} for octal, digits up to the first that does not belong. No digits: value 0 and {@code end} where the
 * scan started. Out of range: {@code Long.MIN_VALUE}/{@code MAX_VALUE} with {@code overflow} set (ERANGE).
 *
 * @param value the number read
 * @param end   the index after its last digit
 * @param overflow true when the digits did not fit a C long
 */
public record Strtol(long value, int end, boolean overflow) {
    /** Reads the number at {@code from} in {@code s}. */
    public static Strtol parse(CharSequence s, int from) {
        int i = from;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int base = 10;
        if (i + 2 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && digit(s.charAt(i + 2), 16) >= 0) {
            base = 16;
            i += 2;
        } else if (i < s.length() && s.charAt(i) == '0') {
            base = 8;
        }
        int digits = i;
        long magnitude = 0;
        boolean overflow = false;
        for (int d; i < s.length() && (d = digit(s.charAt(i), base)) >= 0; i++) {
            if (magnitude > (Long.MAX_VALUE - d) / base) {
                overflow = true;
            } else if (!overflow) {
                magnitude = magnitude * base + d;
            }
        }
        if (i == digits) {
            return new Strtol(0, from, false);
        }
        if (overflow) {
            return new Strtol(negative ? Long.MIN_VALUE : Long.MAX_VALUE, i, true);
        }
        return new Strtol(negative ? -magnitude : magnitude, i, false);
    }

    /** C's isspace in the C locale (Java's isWhitespace also takes the ASCII separators 0x1C..0x1F). */
    public static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** An ASCII digit's value in {@code base}, or -1 (Character.digit would also take other scripts' digits). */
    private static int digit(char c, int base) {
        return c < 128 ? Character.digit(c, base) : -1;
    }
}
