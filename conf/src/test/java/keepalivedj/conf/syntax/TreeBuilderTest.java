package keepalivedj.conf.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.Position;
import org.junit.jupiter.api.Test;

class TreeBuilderTest {

    static List<SourceLine> lines(String text) {
        List<SourceLine> out = new ArrayList<>();
        String[] ls = text.split("\n", -1);
        for (int i = 0; i < ls.length; i++) {
            out.add(new SourceLine(ls[i], new Position("k.conf", i + 1, 1)));
        }
        return out;
    }

    @Test
    void bracesOnOneLineAreSplitIntoLines() {
        // keepalived.md a.0: `global_defs { router_id foo }` is valid
        Diagnostics d = new Diagnostics();
        List<Node> nodes = TreeBuilder.build(lines("global_defs { router_id foo }"), d);
        assertTrue(d.isEmpty(), d.render());
        assertEquals(1, nodes.size());
        Node g = nodes.get(0);
        assertEquals("global_defs", g.name());
        assertEquals(1, g.block().size());
        assertEquals("router_id foo", g.block().get(0).lineText());
        assertEquals(new Position("k.conf", 1, 15), g.block().get(0).position());
    }

    @Test
    void braceOnTheNextLineOpensThePreviousLinesBlock() {
        Diagnostics d = new Diagnostics();
        List<Node> nodes = TreeBuilder.build(lines("vrrp_instance VI_1\n{\n  priority 100\n}\nfoo"), d);
        assertTrue(d.isEmpty(), d.render());
        assertEquals(2, nodes.size());
        assertEquals("VI_1", nodes.get(0).arg(0).text());
        assertEquals("priority 100", nodes.get(0).block().get(0).lineText());
        assertNull(nodes.get(1).children());
    }

    @Test
    void commentsAndQuotes() {
        Diagnostics d = new Diagnostics();
        List<Node> nodes = TreeBuilder.build(
                lines("notification_email_from \"a#b@c\" ! trailing\nx \\#y # z\n# only\n  ! only"), d);
        assertTrue(d.isEmpty(), d.render());
        assertEquals(2, nodes.size());
        assertEquals("a#b@c", nodes.get(0).arg(0).text());
        assertTrue(nodes.get(0).arg(0).quoted());
        assertEquals("#y", nodes.get(1).arg(0).text());
    }

    @Test
    void quotedBraceIsAWord() {
        Diagnostics d = new Diagnostics();
        List<Node> nodes = TreeBuilder.build(lines("script \"{\" x"), d);
        assertEquals(1, nodes.size());
        assertFalse(nodes.get(0).hasBlock());
        assertEquals(2, nodes.get(0).args().size());
    }

    @Test
    void extraAndMissingBracesAreReportedWithPositions() {
        Diagnostics d = new Diagnostics();
        List<Node> nodes = TreeBuilder.build(lines("a {\n b 1\n}\n}\nc {\n d"), d);
        assertEquals(2, nodes.size());
        assertEquals("k.conf:4:1: warning: Extra '}' found; ignoring it\n"
                + "k.conf:5:1: warning: block 'c' is not closed: expected '}' before the end of the file;"
                + " closing it at the end of the file\n", d.render().replace(System.lineSeparator(), "\n"));
        assertEquals(5, d.testExitCode());
    }

    @Test
    void unmatchedQuoteIsReported() {
        Diagnostics d = new Diagnostics();
        TreeBuilder.build(lines("router_id \"abc"), d);
        assertEquals("k.conf:1:11: warning: unmatched quote: expected a closing '\"' on the same line;"
                + " the rest of the line is taken as quoted text\n", d.render().replace(System.lineSeparator(), "\n"));
    }
}
