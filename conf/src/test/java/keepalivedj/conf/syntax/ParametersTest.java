package keepalivedj.conf.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.Position;
import org.junit.jupiter.api.Test;

class ParametersTest {
    private final Diagnostics d = new Diagnostics();
    private final Map<String, String> env = Map.of("CREDENTIALS_DIRECTORY", "/run/credentials/keepalived.service");
    private final Parameters p = new Parameters("high", name -> Optional.ofNullable(env.get(name)),
            new SplittableRandom(5), d);
    private final Parameters.Context ctx = new Parameters.Context(Path.of("/etc/keepalived"),
            new Position("k.conf", 3, 1));

    private String sub(String text) {
        return p.substitute(text, ctx).text();
    }

    private String rendered() {
        return d.render().replace(System.lineSeparator(), "\n");
    }

    @Test
    void referencesNeedABlankCommaParenthesisOrTheEndUnlessBraced() {
        p.define("A", "1");
        assertEquals("1 x", sub("$A x"));
        assertEquals("1", sub("$A"));
        assertEquals("f(1,1)", sub("f($A,$A)"));
        assertEquals("$Ax", sub("$Ax"));
        assertEquals("1x", sub("${A}x"));
        assertEquals("$A.", sub("$A."));
        assertEquals("${A", sub("${A"));
        assertEquals("$ $1 ${1}", sub("$ $1 ${1}"));
    }

    @Test
    void undefinedParametersAreLeftAlone() {
        Parameters.Expansion e = p.substitute("echo $HOME ${UNDEF}", ctx);
        assertEquals("echo $HOME ${UNDEF}", e.text());
        assertFalse(e.changed());
    }

    @Test
    void substitutionIsRecursiveAndHappensAtUseTime() {
        // keepalived.conf(5), "Parameter substitution"
        p.define("ADDRESS_BASE", "10.2.${ADDRESS_BASE_SUB}");
        p.define("ADDRESS_BASE_SUB", "0");
        assertEquals("10.2.0.100/32", sub("${ADDRESS_BASE}.100/32"));
        p.define("ADDRESS_BASE_SUB", "10");
        assertEquals("10.2.10.100/32", sub("${ADDRESS_BASE}.100/32"));
    }

    @Test
    void predefinedParameters() {
        long expected = new SplittableRandom(5).nextLong(0, 32768);
        assertEquals("/etc/keepalived high # ! " + expected,
                sub("${_PWD} $_INSTANCE ${_HASH} ${_BANG} ${_RANDOM}"));
        assertEquals("file:/run/credentials/keepalived.service/vrrp_hmac x",
                sub("file:${_ENV CREDENTIALS_DIRECTORY}/vrrp_hmac ${_ENV NOT_SET}x"));
        assertTrue(d.isEmpty(), rendered());
    }

    @Test
    void randomTakesMinAndMax() {
        SplittableRandom same = new SplittableRandom(5);
        assertEquals(same.nextLong(5, 11) + " " + same.nextLong(7, 32768), sub("${_RANDOM 5 10} ${_RANDOM 7}"));
        assertEquals("${_RANDOM x} ${_PWD 1}", sub("${_RANDOM x} ${_PWD 1}"));
        assertTrue(d.isEmpty(), rendered());
        assertEquals(Long.toString(same.nextLong(1, 4)), sub("${_RANDOM 3 1}"));
        assertEquals("k.conf:3:1: warning: ${_RANDOM}: MIN is greater than MAX: found '3 1'; using the range 1..3\n",
                rendered());
    }

    @Test
    void predefinedParametersCanBeRedefined() {
        p.define("_INSTANCE", "mine");
        assertEquals("mine", sub("${_INSTANCE}"));
    }

    @Test
    void aMultiLineParameterIsOnlyReplacedAtTheEndOfALine() {
        p.defineMultiline("M", List.of("first", "second", "third"));
        Parameters.Expansion e = p.substitute("  x $M", ctx);
        assertEquals("  x first", e.text());
        assertEquals(List.of(List.of("second", "third")), e.continuations());
        assertEquals(4, e.continuationIndex());
        assertEquals("$M y", sub("$M y"));
        assertEquals("first", sub("${M}"));
    }

    @Test
    void anEmptyMultiLineDefinitionIsAnEmptyValue() {
        p.defineMultiline("E", List.of());
        assertEquals("a  b", sub("a $E b"));
    }

    @Test
    void aValueStartingWithTildeStopsSubstitution() {
        p.define("S", "~SEQ(i,1,2) $B");
        p.define("B", "b");
        assertEquals("~SEQ(i,1,2) $B", sub("$S"));
    }

    @Test
    void endlessSubstitutionIsStopped() {
        p.define("A", "$A");
        assertEquals("$A", sub("$A"));
        assertEquals("k.conf:3:1: warning: parameter substitution does not end; stopped after 10000 substitutions\n",
                rendered());
    }

    @Test
    void substitutionThatWouldMakeTheLineTooLongStops() {
        p.define("A", "x $A");
        String out = sub("$A");
        assertTrue(out.length() <= Parameters.MAX_LENGTH && out.endsWith("x $A"), out);
        assertEquals("k.conf:3:1: warning: parameter substitution would make the line too long:"
                + " expected at most 1023 characters; '$A' and what follows it are not substituted\n", rendered());
    }
}
