package keepalivedj.conf.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.Position;
import org.junit.jupiter.api.Test;

/** SourceReader and TreeBuilder end to end on keepalived's own sample files. */
class SamplesTest {
    private final Diagnostics d = new Diagnostics();

    private List<Node> tree(Path file, String configId) {
        SourceReader.Options options = new SourceReader.Options(configId, false, FakeHost.named("vm"),
                new SplittableRandom(1));
        return TreeBuilder.build(SourceReader.read(file, options, d), d);
    }

    private static Node child(Node node, String name) {
        return node.block().stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
    }

    @Test
    void conditionalConfigurationForConfigIdHigh() {
        Path file = Samples.file("keepalived.conf.conditional_conf");
        List<Node> nodes = tree(file, "high");
        assertTrue(d.isEmpty(), d.render());
        assertEquals(List.of("net_namespace high", "vrrp_script check_VI_0", "vrrp_instance VI_0"),
                nodes.stream().map(Node::lineText).collect(Collectors.toList()));
        assertEquals(new Position(file.toString(), 3, 7), nodes.get(0).position());
        assertEquals(new Position(file.toString(), 3, 21), nodes.get(0).arg(0).position());
        Node script = child(nodes.get(1), "script");
        assertEquals("script /etc/keepalived/scripts/check_high_VI_0.sh", script.lineText());
        assertEquals(new Position(file.toString(), 7, 7), script.position());
        assertEquals(List.of("script", "interval", "timeout", "rise", "fall"),
                nodes.get(1).block().stream().map(Node::name).collect(Collectors.toList()));
        assertEquals("priority 170", child(nodes.get(2), "priority").lineText());
        assertEquals(new Position(file.toString(), 19, 7), child(nodes.get(2), "priority").position());
    }

    @Test
    void conditionalConfigurationForConfigIdLow() {
        List<Node> nodes = tree(Samples.file("keepalived.conf.conditional_conf"), "low");
        assertTrue(d.isEmpty(), d.render());
        assertEquals("net_namespace low", nodes.get(0).lineText());
        assertEquals("script /etc/keepalived/scripts/check_low_VI_0.sh", child(nodes.get(1), "script").lineText());
        assertEquals("priority 85", child(nodes.get(2), "priority").lineText());
    }

    @Test
    void conditionalConfigurationOnHostVmKeepsNeitherAlternative() {
        // EXPECTED.tsv: on host vm keepalived reports "No script set for vrrp_script check_VI_0"
        List<Node> nodes = tree(Samples.file("keepalived.conf.conditional_conf"), null);
        assertTrue(d.isEmpty(), d.render());
        assertEquals(List.of("vrrp_script", "vrrp_instance"),
                nodes.stream().map(Node::name).collect(Collectors.toList()));
        assertNull(child(nodes.get(0), "script"));
        assertNull(child(nodes.get(1), "priority"));
        assertEquals(List.of("state", "interface", "virtual_router_id", "advert_int", "version", "use_vmac",
                "track_script", "track_interface", "virtual_ipaddress"),
                nodes.get(1).block().stream().map(Node::name).collect(Collectors.toList()));
    }

    /**
     * The files that are not keepalived configurations: keepalived 2.2.7's first complaint is an unknown
     * top-level keyword, and ours must be the same word on the same line (EXPECTED.tsv, third column).
     */
    @Test
    void firstUnknownTopLevelKeywordMatchesKeepalived() throws IOException {
        Pattern unknown = Pattern.compile("\\(Line (\\d+)\\) Unknown keyword '(.*)'");
        List<String> checked = new ArrayList<>();
        for (String row : Files.readAllLines(Samples.file("EXPECTED.tsv"), StandardCharsets.UTF_8)) {
            String[] cols = row.split("\t");
            Matcher m = cols.length == 3 ? unknown.matcher(cols[2]) : null;
            if (m == null || !m.matches()) {
                continue;
            }
            Diagnostics local = new Diagnostics();
            List<Node> nodes = TreeBuilder.build(SourceReader.read(Samples.file(cols[0]),
                    new SourceReader.Options("vm", false, FakeHost.named("vm"), new SplittableRandom(1)), local),
                    local);
            assertEquals(Integer.parseInt(m.group(1)), nodes.get(0).position().line(), cols[0]);
            assertEquals(m.group(2), nodes.get(0).name(), cols[0]);
            checked.add(cols[0]);
        }
        assertEquals(List.of("keepalived.service.d.auth_hmac.conf", "sample.misccheck.smbcheck.sh",
                "sample_notify_fifo.sh"), checked);
    }

    /** Every keepalived sample passes the syntax stages without a word, and every line keeps its columns. */
    @Test
    void configurationSamplesReadCleanlyWithExactColumns() throws IOException {
        int files = 0;
        for (Path file : Samples.all()) {
            String name = file.getFileName().toString();
            if (!name.contains("keepalived") || name.endsWith(".sh") || name.contains("service.d")) {
                continue;
            }
            files++;
            Diagnostics local = new Diagnostics();
            List<SourceLine> lines = SourceReader.read(file,
                    new SourceReader.Options("vm", false, FakeHost.named("vm"), new SplittableRandom(1)), local);
            TreeBuilder.build(lines, local);
            assertTrue(local.isEmpty(), name + ": " + local.render());
            List<String> raw = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (SourceLine line : lines) {
                String written = raw.get(line.position().line() - 1);
                int from = line.position().column() - 1;
                if (!written.substring(from).startsWith(line.text())) {
                    fail(name + ":" + line.position().line() + ": '" + line.text() + "' is not at column "
                            + line.position().column() + " of '" + written + "'");
                }
            }
        }
        assertEquals(28, files);
    }
}
