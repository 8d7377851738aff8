package keepalivedj.vrrp.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The values keepalived 2.2.7 took from these contents in a namespace (its effective priority with weight 2 was
 * 100 + 2 × value; the last two it logged as "Invalid number ... - ignoring").
 */
class TrackFileValueTest {
    @ParameterizedTest(name = "''{0}'' -> {1} valid {2}")
    @CsvSource(delimiter = '|', value = {
            "5\\n|5|true", "abc\\n|0|true", "7\\n|7|true", "|0|true", "0x10\\n|16|true", "  12xyz\\n|12|true",
            "-- -50\\n|0|true", "-200\\n|-200|true", "010\\n|8|true", "08|0|true", "0x|0|true", "+9|9|true",
            "\\t-3 4|-3|true", "2147483647|2147483647|true", "-2147483648|-2147483648|true",
            "99999999999\\n|99999999999|false", "2147483648|2147483648|false",
            "99999999999999999999|9223372036854775807|false", "-99999999999999999999|-9223372036854775808|false"})
    void likeStrtol(String text, long value, boolean valid) {
        String s = text == null ? "" : text.replace("\\n", "\n").replace("\\t", "\t");
        assertEquals(new TrackFileValue.Reading(value, valid), TrackFileValue.parse(s.getBytes(StandardCharsets.US_ASCII)));
    }

    @org.junit.jupiter.api.Test
    void onlyTheFirst127BytesAreRead() {
        byte[] b = (" ".repeat(126) + "42").getBytes(StandardCharsets.US_ASCII);
        assertEquals(new TrackFileValue.Reading(4, true), TrackFileValue.parse(b));
    }
}
