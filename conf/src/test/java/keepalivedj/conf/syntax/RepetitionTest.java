package keepalivedj.conf.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import keepalivedj.conf.Strtol;
import org.junit.jupiter.api.Test;

class RepetitionTest {

    private static Repetition.Parsed parse(String line) {
        return Repetition.parse(line, s -> s.replace("$N", "4"));
    }

    private static List<String> values(String line) {
        Repetition.Parsed parsed = parse(line);
        assertNull(parsed.problem(), line);
        Repetition r = parsed.repetition();
        List<String> out = new ArrayList<>();
        for (long i = 0; i < r.count(); i++) {
            out.add(String.join(",", r.values(i)));
        }
        return out;
    }

    private static Repetition.Problem problem(String line) {
        return parse(line).problem();
    }

    @Test
    void sequenceWithStartStepEnd() {
        assertEquals(List.of("0", "1", "2", "3"), values("~SEQ(SUBNET, 0, 3) ip_address 10.0.${SUBNET}.1"));
        assertEquals(List.of("1", "4", "7"), values("~SEQ(X,1,3,9)"));
        assertEquals(List.of("5", "3", "1"), values("~SEQ(X, 5, -2, 0)"));
        assertEquals(List.of("3", "2", "1"), values("~SEQ(X,3,1)"));
    }

    @Test
    void sequenceDefaultsFollowKeepalived() {
        assertEquals(List.of("1", "2", "3"), values("~SEQ(X,3)"));
        assertEquals(List.of("-1", "-2"), values("~SEQ(X,-2)"));
        assertEquals(List.of("1", "0"), values("~SEQ(X,0)"));
        assertEquals(List.of("1", "2", "3", "4"), values("~SEQ(X,$N)"));
    }

    @Test
    void hexSequencesAndCNumbers() {
        assertEquals(List.of("90", "a0", "b0", "c0"), values("~SEQx(SUBNET, 0x90, 0x10, 0xc0) fe80::${SUBNET}:1"));
        assertEquals(List.of("12", "11", "10", "f", "e", "d", "c"), values("~SEQx(AD1, 0x12, -1, 0x0c)"));
        assertEquals(List.of("8", "9"), values("~SEQ(X, 010, 9)"));
    }

    @Test
    void theRepeatedTextAndWhereItStarts() {
        Repetition r = parse("~SEQ(i, 1, 2)   kw_$i").repetition();
        assertEquals("kw_$i", r.text());
        assertEquals(16, r.textIndex());
        assertEquals(List.of("i"), r.variables());
    }

    @Test
    void badSequences() {
        Repetition.Problem invalid = new Repetition.Problem("invalid ~SEQ definition", Repetition.SEQ_FORM);
        assertEquals(invalid, problem("~SEQ X,1,3"));
        assertEquals(invalid, problem("~SEQ(X)"));
        assertEquals(invalid, problem("~SEQ(,1)"));
        assertEquals(invalid, problem("~SEQ(X,1,2"));
        assertEquals(invalid, problem("~SEQ(X,1;3)"));
        assertEquals(invalid, problem("~SEQ(X,1,2,3,4)"));
        assertEquals(new Repetition.Problem("invalid ~SEQ values", "a non-zero step going from start towards end"),
                problem("~SEQ(X,1,0,3)"));
        assertEquals(new Repetition.Problem("invalid ~SEQ values", "a non-zero step going from start towards end"),
                problem("~SEQ(X,1,-1,3)"));
        assertEquals(new Repetition.Problem("~SEQx is only valid for positive numbers", "start and end >= 0"),
                problem("~SEQx(X,-3,3)"));
        assertEquals(new Repetition.Problem("~SEQ parameters too long", "at most 63 characters"),
                problem("~SEQ(X," + "1".repeat(70) + ")"));
        assertEquals(new Repetition.Problem("~SEQ parameter is a multi-line definition", Repetition.SEQ_FORM),
                Repetition.parse("~SEQ(X,$M)", s -> null).problem());
    }

    @Test
    void hugeSequencesAreCountedWithoutOverflow() {
        assertEquals(Long.MAX_VALUE, parse("~SEQ(X,-9223372036854775807,1,9223372036854775807)")
                .repetition().count());
        assertEquals(2, parse("~SEQ(X,9223372036854775806,1,99999999999999999999)").repetition().count());
    }

    @Test
    void lists() {
        assertEquals(List.of("1", "2", "3", "4"), values("~LST(IP, 1, 2, 3, 4) 192.169.${IP}"));
        assertEquals(List.of("10,1", "20,4", "5,6", "12,8"),
                values("~LST({IP, IP1}, {10,1},{20,4},{5,6},{12,8}) 192.168.${IP}.${IP1}"));
        assertEquals(List.of("IP", "IP1"), parse("~LST({IP, IP1}, {10,1})").repetition().variables());
        assertEquals(List.of("a", "4"), values("~LST(V, {a}, $N)"));
    }

    @Test
    void badLists() {
        Repetition.Problem invalid = new Repetition.Problem("invalid ~LST definition", Repetition.LST_FORM);
        assertEquals(invalid, problem("~LST X, 1"));
        assertEquals(invalid, problem("~LST(X)"));
        assertEquals(invalid, problem("~LST({X, Y, 1)"));
        assertEquals(invalid, problem("~LST(X Y, 1)"));
        assertEquals(new Repetition.Problem("invalid ~LST values", "2 value(s) in each {...}"),
                problem("~LST({X,Y}, {1,2}, {3})"));
    }

    @Test
    void strtolReadsLikeC() {
        Strtol n = Strtol.parse("  -0x1fz", 0);
        assertEquals(-31, n.value());
        assertEquals(7, n.end());
        assertEquals(new Strtol(0, 0, false), Strtol.parse("abc", 0));
        assertEquals(new Strtol(0, 1, false), Strtol.parse("0x", 0), "0x without a hex digit is the octal 0");
        assertEquals(new Strtol(8, 3, false), Strtol.parse("010", 0));
        assertEquals(new Strtol(Long.MAX_VALUE, 20, true), Strtol.parse("99999999999999999999", 0));
        assertEquals(new Strtol(0, 0, false), Strtol.parse("\u001c5", 0), "C's isspace, not Java's isWhitespace");
        assertEquals(new Strtol(0, 0, false), Strtol.parse("\u0663", 0), "only ASCII digits");
    }
}
