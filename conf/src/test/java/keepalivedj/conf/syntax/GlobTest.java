package keepalivedj.conf.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobTest {

    @Test
    void bracesExpandLeftmostFirstAndNest() {
        assertEquals(List.of("foo/", "foo/cat", "foo/dog", "bar"), Glob.expandBraces("{foo/{,cat,dog},bar}"));
        assertEquals(List.of("a1x", "a2x", "b1x", "b2x"), Glob.expandBraces("{a,b}{1,2}x"));
        assertEquals(List.of("plain"), Glob.expandBraces("plain"));
        assertEquals(List.of("un{closed"), Glob.expandBraces("un{closed"));
        assertEquals(List.of("a\\{b,c}"), Glob.expandBraces("a\\{b,c}"));
    }

    @Test
    void braceExpansionIsBounded() {
        assertEquals(Glob.MAX_ALTERNATIVES, Glob.expandBraces("{a,b}".repeat(20)).size());
    }

    @Test
    void componentMatchingFollowsFnmatch() {
        assertTrue(Glob.matches("*.conf", "a.conf"));
        assertFalse(Glob.matches("*.conf", ".hidden.conf"));
        assertTrue(Glob.matches(".*.conf", ".hidden.conf"));
        assertTrue(Glob.matches("?.c*", "a.conf"));
        assertFalse(Glob.matches("?.c*", "ab.conf"));
        assertTrue(Glob.matches("[a-c]x", "bx"));
        assertFalse(Glob.matches("[!a-c]x", "bx"));
        assertTrue(Glob.matches("[^a-c]x", "dx"));
        assertTrue(Glob.matches("[]]x", "]x"));
        assertTrue(Glob.matches("a\\*", "a*"));
        assertFalse(Glob.matches("a\\*", "ab"));
        assertTrue(Glob.matches("[x", "[x"));
        assertTrue(Glob.matches("*a*b*", "xxaxxbxx"));
        assertFalse(Glob.matches("*a*b", "xxaxxbxx"));
    }

    @Test
    void wildcardsAreDetectedUnlessQuoted() {
        assertTrue(Glob.hasWildcard("inc/*.conf"));
        assertTrue(Glob.hasWildcard("a[12]"));
        assertFalse(Glob.hasWildcard("a\\*b"));
        assertFalse(Glob.hasWildcard("{a,b}.conf"));
    }

    @Test
    void matchesAreSortedPerAlternativeAndRelativeToTheBase(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("inc/sub"));
        for (String f : List.of("inc/b.conf", "inc/a.conf", "inc/c.txt", "inc/sub/z.conf", "x.conf")) {
            Files.writeString(dir.resolve(f), "");
        }
        List<Glob.Alternative> alts = Glob.match(dir, "{x,inc/*}.conf");
        assertEquals(2, alts.size());
        assertEquals(new Glob.Alternative("x.conf", List.of("x.conf")), alts.get(0));
        assertEquals(new Glob.Alternative("inc/*.conf", List.of("inc/a.conf", "inc/b.conf")), alts.get(1));
        assertEquals(List.of("inc/sub/z.conf"), Glob.match(dir, "i*/*/*.conf").get(0).matches());
        assertEquals(List.of("inc/sub"), Glob.match(dir, "inc//su?").get(0).matches());
        assertEquals(List.of(), Glob.match(dir, "inc/missing.conf").get(0).matches());
        String abs = dir.resolve("inc").toString() + "/a.*";
        assertEquals(List.of(dir.resolve("inc/a.conf").toString()), Glob.match(Path.of("/"), abs).get(0).matches());
    }
}
