package keepalivedj.daemon.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class LogStampTest {
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy",
            Locale.ROOT);
    private static final DateTimeFormatter RFC3164 = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    @Test
    void matchesTheCLocaleFormatsOnEveryDayOfTwoYears() {
        ZonedDateTime t = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneId.of("Europe/Berlin"));
        for (int d = 0; d < 731; d++) {
            ZonedDateTime at = t.plusDays(d).plusSeconds(d * 3607L % 86400);
            assertEquals(ASCTIME.format(at), LogStamp.console(at));
            assertEquals(RFC3164.format(at), LogStamp.syslog(at));
        }
    }

    @Test
    void padsTheDayWithASpaceAndTheTimeWithZeros() {
        ZonedDateTime at = ZonedDateTime.of(2026, 11, 1, 5, 4, 3, 0, ZoneId.of("UTC"));
        assertEquals("Sun Nov  1 05:04:03 2026", LogStamp.console(at));
        assertEquals("Nov  1 05:04:03", LogStamp.syslog(at));
    }
}
