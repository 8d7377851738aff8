package keepalivedj.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import keepalivedj.conf.model.LvsConfig;
import keepalivedj.conf.model.RealServer;
import keepalivedj.conf.model.VirtualServer;
import org.junit.jupiter.api.Test;

/** Record equality is what reload uses to keep unchanged servers and checkers: it must be exact and local. */
class LvsModelEqualityTest {

    static String sample() throws IOException {
        return Files.readString(LvsSamplesTest.samples().resolve("keepalived.conf.sample.in"),
                StandardCharsets.ISO_8859_1);
    }

    @Test
    void theSameTextBindsToEqualModels() throws IOException {
        String text = sample();
        LvsConfig a = LvsTestSupport.bind("k.conf", text, LvsDefaults.KEEPALIVED).config();
        LvsConfig b = LvsTestSupport.bind("k.conf", text, LvsDefaults.KEEPALIVED).config();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void aRealServerChangedInOneFieldDiffersOnlyThere() throws IOException {
        String text = sample();
        // The second real server of the 10.10.10.2 service: "weight 1" -> "weight 2" (same length, same positions).
        int rs = text.indexOf("real_server 192.168.200.3 1358");
        int w = text.indexOf("weight 1", rs);
        String changed = text.substring(0, w) + "weight 2" + text.substring(w + "weight 1".length());
        LvsConfig a = LvsTestSupport.bind("k.conf", text, LvsDefaults.KEEPALIVED).config();
        LvsConfig b = LvsTestSupport.bind("k.conf", changed, LvsDefaults.KEEPALIVED).config();
        assertNotEquals(a, b);
        assertEquals(a.virtualServers().size(), b.virtualServers().size());
        for (int i = 0; i < a.virtualServers().size(); i++) {
            VirtualServer va = a.virtualServers().get(i);
            VirtualServer vb = b.virtualServers().get(i);
            if (i != 1) {
                assertEquals(va, vb, "virtual server " + i);
                continue;
            }
            assertNotEquals(va, vb);
            RealServer first = va.realServers().get(0);
            assertEquals(first, vb.realServers().get(0));
            RealServer ra = va.realServers().get(1);
            RealServer rb = vb.realServers().get(1);
            assertNotEquals(ra, rb);
            assertEquals(1, ra.weight());
            assertEquals(2, rb.weight());
            assertEquals(ra.checkers(), rb.checkers(), "the checkers did not change");
            assertEquals(new RealServer(rb.address(), rb.port(), ra.weight(), rb.lvsMethod(),
                    rb.uthreshold(), rb.lthreshold(), rb.inhibitOnFailure(), rb.alpha(), rb.retry(),
                    rb.delayBeforeRetryMicros(), rb.warmupMicros(), rb.delayLoopMicros(), rb.connectTimeoutMicros(),
                    rb.smtpAlert(), rb.virtualhost(), rb.snmpName(), rb.notifyUp(), rb.notifyDown(), rb.checkers(), rb.position()),
                    ra, "weight is the only difference");
        }
    }

    @Test
    void aCheckerChangedInOneFieldDiffersOnlyThere() {
        String base = "virtual_server 10.0.0.1 80 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n"
                + " real_server 10.0.1.1 80 {\n  TCP_CHECK {\n   connect_timeout 3\n  }\n"
                + "  HTTP_GET {\n   url {\n    path /\n   }\n  }\n }\n}\n";
        String changed = base.replace("connect_timeout 3", "connect_timeout 4");
        RealServer a = LvsTestSupport.bind(base).config().virtualServers().get(0).realServers().get(0);
        RealServer b = LvsTestSupport.bind(changed).config().virtualServers().get(0).realServers().get(0);
        assertNotEquals(a.checkers().get(0), b.checkers().get(0));
        assertEquals(a.checkers().get(1), b.checkers().get(1));
    }
}
