package keepalivedj.daemon.log;

import java.time.ZonedDateTime;

/**
 * The two timestamps the daemon writes, built from the date's fields: keepalived's console prefix
 * ("Sat Nov 21 15:14:29 2026", C's asctime) and the syslog header's ("Nov 21 15:14:29"). English names as in the C
 * locale. Not DateTimeFormatter: its pattern machinery and the locale data it loads were ~150 classes (about
 * 1 MB of the daemon's memory) for two fixed formats.
 */
final class LogStamp {
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    private LogStamp() {
    }

    /** "Sat Nov 21 15:14:29 2026" (day of month space-padded). */
    static String console(ZonedDateTime t) {
        StringBuilder s = new StringBuilder(24).append(DAYS[t.getDayOfWeek().ordinal()]).append(' ');
        return monthDayTime(s, t).append(' ').append(t.getYear()).toString();
    }

    /** "Nov 21 15:14:29" (RFC 3164 TIMESTAMP, day of month space-padded). */
    static String syslog(ZonedDateTime t) {
        return monthDayTime(new StringBuilder(15), t).toString();
    }

    private static StringBuilder monthDayTime(StringBuilder s, ZonedDateTime t) {
        s.append(MONTHS[t.getMonthValue() - 1]).append(' ');
        if (t.getDayOfMonth() < 10) {
            s.append(' ');
        }
        s.append(t.getDayOfMonth()).append(' ');
        two(s, t.getHour()).append(':');
        two(s, t.getMinute()).append(':');
        return two(s, t.getSecond());
    }

    private static StringBuilder two(StringBuilder s, int v) {
        return s.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
