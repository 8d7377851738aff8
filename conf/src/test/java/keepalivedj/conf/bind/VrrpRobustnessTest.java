package keepalivedj.conf.bind;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** No input may make the binder throw: mangled versions of every sample must bind to diagnostics. */
class VrrpRobustnessTest {

    private static final String[] WORDS = {"", "{", "}", "-1", "0", "300", "1.5", "x", "256.0.0.1", "fe80::/200",
        "dev", "brd", "+", "weight", "reverse", "\"", "via", "nexthop", "table", "preference", "99999999999999999999",
        "vrrp_instance", "global_defs", "group", "0.0000001", "::ffff:1.2.3.4", "label", "use_vmac", "state"};

    @Test
    void mangledSamplesNeverThrow() throws IOException {
        Random r = new Random(7);
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(VrrpSamplesTest.corpus())) {
            s.filter(p -> !p.toString().endsWith(".tsv") && !p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (int variant = 0; variant < 60; variant++) {
                List<String> m = new ArrayList<>();
                for (String line : lines) {
                    if (r.nextInt(10) == 0) {
                        continue; // drop the line: unbalanced braces, missing values
                    }
                    String[] w = line.trim().split("\\s+");
                    if (w.length > 0 && r.nextInt(4) == 0) {
                        w[r.nextInt(w.length)] = WORDS[r.nextInt(WORDS.length)];
                    }
                    if (r.nextInt(8) == 0) {
                        w = java.util.Arrays.copyOf(w, Math.max(1, w.length - 1));
                    }
                    m.add(String.join(" ", w));
                }
                VrrpBinding b = VrrpBinding.of(f.getFileName().toString(), m, ReferenceHost.INSTANCE);
                assertNotNull(b.config(), f + " variant " + variant);
                assertNotNull(b.globals());
            }
        }
    }

    @Test
    void bareKeywordsWithoutValuesOrBlocks() {
        StringBuilder sb = new StringBuilder();
        for (String k : GlobalDefsKeywords.TABLE.keywords()) {
            sb.append("global_defs {\n").append(k).append("\n}\n");
        }
        sb.append("vrrp_instance VI_1 {\n");
        for (String k : VrrpInstanceKeywords.TABLE.keywords()) {
            sb.append(k).append('\n');
        }
        sb.append("}\nvrrp_script s {\n");
        VrrpTrackerKeywords.SCRIPT.keywords().forEach(k -> sb.append(k).append('\n'));
        sb.append("}\nvrrp_track_process p {\n");
        VrrpTrackerKeywords.PROCESS.keywords().forEach(k -> sb.append(k).append('\n'));
        sb.append("}\ntrack_file f {\n");
        VrrpTrackerKeywords.FILE.keywords().forEach(k -> sb.append(k).append('\n'));
        sb.append("}\nbfd_instance b {\n");
        VrrpTrackerKeywords.BFD.keywords().forEach(k -> sb.append(k).append('\n'));
        sb.append("}\nvrrp_sync_group g {\n");
        VrrpSyncGroupKeywords.TABLE.keywords().forEach(k -> sb.append(k).append('\n'));
        sb.append("}\nvrrp_instance\nvrrp_sync_group\nstatic_routes\nstatic_rules {\nfrom\n}\ngarp_group {\n}\n"
                + "track_group\ninterface_up_down_delays {\neth0\n}\n");
        VrrpBinding b = VrrpBinding.of(sb.toString());
        assertNotNull(b.config());
    }
}
