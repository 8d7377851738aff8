package keepalivedj.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import keepalivedj.conf.Diagnostic;
import keepalivedj.conf.model.VirtualServer;
import org.junit.jupiter.api.Test;

/**
 * With thousands of real servers the virtual servers are completed on two threads; what comes out must be what
 * completing them one by one gives: every virtual server in file order, and each one's findings (no scheduler,
 * duplicate real server, DR port reset) in file order.
 */
class LvsCompletionOrderTest {
    private static final int SERVERS = 100;
    private static final int REAL_SERVERS = 45;

    @Test
    void manyVirtualServersCompleteAsOneByOne() {
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < SERVERS; i++) {
            blocks.add(virtualServer(i));
        }
        LvsTestSupport.Result all = LvsTestSupport.bind(String.join("", blocks));
        assertTrue(SERVERS * REAL_SERVERS >= 4096, "enough real servers for two threads");

        List<Diagnostic> expected = new ArrayList<>();
        List<VirtualServer> expectedServers = new ArrayList<>();
        int lines = 0;
        for (String block : blocks) {
            // The same block alone, on the same lines: completed on one thread.
            LvsTestSupport.Result one = LvsTestSupport.bind("\n".repeat(lines) + block);
            expected.addAll(one.diagnostics().all());
            expectedServers.addAll(one.config().virtualServers());
            lines += (int) block.chars().filter(c -> c == '\n').count();
        }
        assertEquals(SERVERS, all.config().virtualServers().size());
        assertEquals(expectedServers, all.config().virtualServers());
        // Per block: no scheduler, the duplicate, and a port reset for each real server kept.
        assertEquals(SERVERS * (2 + REAL_SERVERS - 1), expected.size());
        assertEquals(expected, all.diagnostics().all());
    }

    /** A DR service without scheduler whose real servers use another port, the last one a duplicate. */
    private static String virtualServer(int i) {
        StringBuilder sb = new StringBuilder();
        sb.append("virtual_server 10.0.").append(i / 200).append('.').append(i % 200 + 1).append(" 80 {\n");
        sb.append("    lb_kind DR\n    protocol TCP\n");
        for (int r = 0; r < REAL_SERVERS; r++) {
            int host = r == REAL_SERVERS - 1 ? 1 : r + 1;
            sb.append("    real_server 172.16.").append(i % 250).append('.').append(host).append(" 8080 {\n");
            sb.append("        weight 1\n    }\n");
        }
        sb.append("}\n");
        return sb.toString();
    }
}
