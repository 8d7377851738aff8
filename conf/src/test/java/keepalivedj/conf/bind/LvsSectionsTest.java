package keepalivedj.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.Position;
import keepalivedj.conf.model.LvsConfig;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.SourceLine;
import keepalivedj.conf.syntax.TreeBuilder;
import org.junit.jupiter.api.Test;

class LvsSectionsTest {

    @Test
    void knowsOnlyTheLvsTopLevelKeywords() {
        LvsSections lvs = new LvsSections(new BindContext(new Diagnostics()), LvsTestSupport.ReferenceHost.create());
        assertTrue(lvs.knows("virtual_server"));
        assertTrue(lvs.knows("virtual_server_group"));
        assertTrue(lvs.knows("SSL"));
        assertFalse(lvs.knows("global_defs"));
        assertFalse(lvs.knows("vrrp_instance"));
        assertFalse(lvs.knows("real_server"), "real_server is only known inside a virtual_server");
        assertFalse(lvs.knows("ssl"), "keywords are case-sensitive");
    }

    @Test
    void finishValidatesOnce() {
        Diagnostics d = new Diagnostics();
        LvsSections lvs = new LvsSections(new BindContext(d), LvsTestSupport.ReferenceHost.create());
        for (Node n : TreeBuilder.build(LvsTestSupport.lines("k.conf", "virtual_server 10.0.0.1 80 {\n}\n"), d)) {
            lvs.bind(n);
        }
        LvsConfig a = lvs.finish(null);
        LvsConfig b = lvs.finish(LvsDefaults.KEEPALIVED);
        assertSame(a, b);
        assertEquals(1, d.all().size(), d.render());
    }

    @Test
    void positionsKeepTheIncludeChain() {
        Diagnostics d = new Diagnostics();
        Position top = new Position("keepalived.conf", 3, 1);
        List<SourceLine> lines = List.of(
                new SourceLine("virtual_server 10.0.0.1 80 {", new Position("lvs.conf", 1, 1, top)),
                new SourceLine(" lb_algo nope", new Position("lvs.conf", 2, 1, top)),
                new SourceLine("}", new Position("lvs.conf", 3, 1, top)));
        LvsSections lvs = new LvsSections(new BindContext(d), LvsTestSupport.ReferenceHost.create());
        for (Node n : TreeBuilder.build(lines, d)) {
            lvs.bind(n);
        }
        lvs.finish(LvsDefaults.KEEPALIVED);
        assertEquals("lvs.conf:2:10: warning: Invalid lvs_scheduler 'nope' - ignoring: found 'nope', expected"
                + " rr|wrr|lc|wlc|lblc|sh|mh|dh|fo|ovf|lblcr|sed|nq|twos" + System.lineSeparator()
                + "  included from keepalived.conf:3:1", d.all().get(0).render());
    }
}
