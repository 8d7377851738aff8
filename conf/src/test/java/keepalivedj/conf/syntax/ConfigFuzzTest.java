package keepalivedj.conf.syntax;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import keepalivedj.conf.Diagnostic;
import keepalivedj.conf.ConfigLoader;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.dump.ConfigDump;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of every sample file through every stage — SourceReader, Lexer, TreeBuilder, the
 * binders, validation and script security ({@link ConfigLoader#bind}) — and the YAML dump of whatever model
 * results: whatever the input, reading ends with a model and diagnostics, never an exception. A failure names the seed; rerun one
 * case with {@code -Dkeepalivedj.fuzz.seed=SEED -Dkeepalivedj.fuzz.cases=1}.
 */
class ConfigFuzzTest {
    private static final String[] SNIPPETS = {
        "{", "}", "\"", "$", "${", "$X", "${_RANDOM 1 5}", "${_HASH}", "~SEQ(", "~SEQ(i,1,3) ", "~LST(", "@", "@vm ",
        "@^vm ", "\\", "#", "!", "\\#", " ", "\t", "\n", "\r\n", "\n}\n", "\n{\n", ")", ",", "include ", "$A=$A",
    };
    private static final String[] LINES = {
        "include *", "include missing.conf", "include {keepalived.conf.vrrp,none}", "includew nothing*",
        "includeb keepalived.conf.{sample,none}", "includer ../nowhere/*.conf", "includea *.sh",
        "$X=1", "$M= \\", "  value $X \\", "$M", "$M $M", "~SEQ(i,1,3) kw_$i", "~SEQx(i, 0x10, 0x12) a $i",
        "~LST({a,b},{1,2},{3,4}) $a $b", "~SEQ(i,3,1,0)", "~SEQ(i,$X)", "@vm router_id vm", "@^vm x",
        "$IF=@vm", "$IF priority 1", "$A=$A", "$A", "$B=x $B", "$B", "${_ENV HOME}", "$S=~SEQ(j,1,2) s$j", "$S",
        "router_id \\", "\"unterminated", "} }", "{ {", "@", "~", "~SEQ", "~LST()",
    };

    private static final long BASE_SEED = Long.getLong("keepalivedj.fuzz.seed", 0x6b656570616c6976L);
    private static final int CASES = Integer.getInteger("keepalivedj.fuzz.cases", 3000);

    @Test
    void mutatedSamplesNeverThrow() throws IOException {
        List<Path> files = Samples.all();
        List<String> texts = new ArrayList<>();
        for (Path f : files) {
            texts.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
        Path dir = Samples.dir();
        SourceReader.Options options = new SourceReader.Options(null, false,
                new FakeHost("vm", Map.of("HOME", "/root")), new SplittableRandom(1));
        int withDiagnostics = 0;
        for (int i = 0; i < CASES; i++) {
            long seed = BASE_SEED + i;
            SplittableRandom r = new SplittableRandom(seed);
            int which = CASES == 1 ? r.nextInt(texts.size()) : i % texts.size();
            String input = mutate(texts.get(which), r);
            Diagnostics d = new Diagnostics();
            try {
                List<SourceLine> lines = SourceReader.read("fuzz.conf", input, dir, options, d);
                List<Node> nodes = TreeBuilder.build(lines, new Diagnostics());
                ConfigLoader.Result result = ConfigLoader.bind(lines, options.host(), d);
                assertTrue(!ConfigDump.toYaml(result.config()).isEmpty());
                for (SourceLine line : lines) {
                    assertTrue(line.position().line() >= 1 && line.position().column() >= 1, line::toString);
                }
                for (Diagnostic diagnostic : d.all()) {
                    assertTrue(!diagnostic.render().isEmpty());
                }
                if (!d.isEmpty()) {
                    withDiagnostics++;
                }
                assertTrue(nodes.size() <= lines.size() * 64L + 1);
            } catch (Throwable t) {
                fail("fuzz case failed: seed=" + seed + " (sample " + files.get(which).getFileName()
                        + "); reproduce with -Dkeepalivedj.fuzz.seed=" + seed + " -Dkeepalivedj.fuzz.cases=1", t);
            }
        }
        System.out.println("config fuzz: " + CASES + " mutated samples through every stage, 0 exceptions, "
                + withDiagnostics + " ended with diagnostics");
        assertTrue(CASES < 100 || withDiagnostics > CASES / 2,
                "mutations should mostly produce diagnostics, got " + withDiagnostics + " of " + CASES);
    }

    /** One to six mutations of one kind or another. */
    static String mutate(String text, SplittableRandom r) {
        String s = text;
        int n = 1 + r.nextInt(6);
        for (int k = 0; k < n; k++) {
            switch (r.nextInt(8)) {
                case 0:
                    s = deleteToken(s, r);
                    break;
                case 1:
                    s = duplicateToken(s, r);
                    break;
                case 2:
                    s = swapTokens(s, r);
                    break;
                case 3:
                    s = s.isEmpty() ? s : s.substring(0, r.nextInt(s.length()));
                    break;
                case 4:
                    s = insert(s, r, garbage(r));
                    break;
                case 5:
                    s = insert(s, r, SNIPPETS[r.nextInt(SNIPPETS.length)]);
                    break;
                default:
                    s = insertLine(s, r, LINES[r.nextInt(LINES.length)]);
                    break;
            }
        }
        return s;
    }

    private static String garbage(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int len = 1 + r.nextInt(16);
        for (int i = 0; i < len; i++) {
            sb.append((char) r.nextInt(256));
        }
        return sb.toString();
    }

    private static String insert(String s, SplittableRandom r, String what) {
        int at = s.isEmpty() ? 0 : r.nextInt(s.length() + 1);
        return s.substring(0, at) + what + s.substring(at);
    }

    private static String insertLine(String s, SplittableRandom r, String line) {
        List<Integer> starts = lineStarts(s);
        int at = starts.get(r.nextInt(starts.size()));
        return s.substring(0, at) + line + "\n" + s.substring(at);
    }

    private static List<Integer> lineStarts(String s) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts;
    }

    /** [start, end) of every run of non-blank characters. */
    private static List<int[]> tokens(String s) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(new int[] {start, i});
            }
        }
        return out;
    }

    private static String deleteToken(String s, SplittableRandom r) {
        List<int[]> t = tokens(s);
        if (t.isEmpty()) {
            return s;
        }
        int[] x = t.get(r.nextInt(t.size()));
        return s.substring(0, x[0]) + s.substring(x[1]);
    }

    private static String duplicateToken(String s, SplittableRandom r) {
        List<int[]> t = tokens(s);
        if (t.isEmpty()) {
            return s;
        }
        int[] x = t.get(r.nextInt(t.size()));
        return s.substring(0, x[1]) + " " + s.substring(x[0], x[1]) + s.substring(x[1]);
    }

    private static String swapTokens(String s, SplittableRandom r) {
        List<int[]> t = tokens(s);
        if (t.size() < 2) {
            return s;
        }
        int a = r.nextInt(t.size());
        int b = r.nextInt(t.size());
        if (a == b) {
            return s;
        }
        int[] x = t.get(Math.min(a, b));
        int[] y = t.get(Math.max(a, b));
        return s.substring(0, x[0]) + s.substring(y[0], y[1]) + s.substring(x[1], y[0]) + s.substring(x[0], x[1])
                + s.substring(y[1]);
    }
}
