package keepalivedj.conf.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import keepalivedj.conf.ConfigLoader;
import keepalivedj.conf.Diagnostics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SourceReader#readTree} (one pass: lines go into the tree as read, plain lines uncopied) against the
 * stages one after the other ({@link SourceReader#read} into a list, then {@link TreeBuilder#build}): the same
 * nodes, the same diagnostics in the same order, for every sample, for seeded mutations of them, and for lines
 * made to sit on the border between a plain line and one that needs the slow path. And
 * {@link ConfigLoader#load} (binding on a second thread) against the stages one after the other.
 */
class OnePassTest {
    private static final int CASES = Integer.getInteger("keepalivedj.fuzz.cases", 3000);

    @Test
    void samplesGiveTheSameTreeAndDiagnostics() throws IOException {
        for (Path f : Samples.all()) {
            assertSame(f.getFileName().toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void mutatedSamplesGiveTheSameTreeAndDiagnostics() throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path f : Samples.all()) {
            texts.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
        for (int i = 0; i < CASES; i++) {
            long seed = 0x6f6e65706173L + i;
            SplittableRandom r = new SplittableRandom(seed);
            assertSame("seed " + seed, ConfigFuzzTest.mutate(texts.get(i % texts.size()), r));
        }
    }

    @Test
    void bordersOfThePlainLine() {
        assertSame("borders", String.join("\n",
                "global_defs {", "  router_id a\u000bb", "\tnotification_email {x@y\u00a0z}", "}",
                "  \t  ", "vrrp_instance VI_1", "{", "  priority\u2003100 }", "} }", "{ a", "}{",
                "$M=one \\", "  two \\", "", "$M", "$N=1 \\", "   ", "three", "x$N", "a\u001cb {", "c",
                "include_check x", "includeX y", "i", "  @vm router_id vm", "~x", "a\rb", "a\0b c",
                "x".repeat(IncludeReader.MAX_LINE_LENGTH), "y".repeat(IncludeReader.MAX_LINE_LENGTH + 1),
                "real_server 1.2.3.4 80 { weight 1 ; }", "last {"));
    }

    /** ConfigLoader.load binds on a second thread while reading: the same model, verdicts and diagnostics. */
    @Test
    void loadGivesWhatTheStagesGive() throws IOException {
        FakeHost host = new FakeHost("vm", Map.of("HOME", "/root"));
        for (Path f : Samples.all()) {
            ConfigLoader.Result loaded = ConfigLoader.load(f, new ConfigLoader.Options(null, false), host);
            Diagnostics d = new Diagnostics();
            ConfigLoader.Result staged = ConfigLoader.bind(SourceReader.read(f,
                    new SourceReader.Options(null, false, host, new SplittableRandom()), d), host, d);
            String what = f.getFileName().toString();
            assertEquals(staged.config(), loaded.config(), what);
            // Verdicts are kept by script identity; compare them by value.
            assertEquals(new HashMap<>(staged.scripts()), new HashMap<>(loaded.scripts()), what);
            assertEquals(staged.diagnostics().all(), loaded.diagnostics().all(), what);
        }
    }

    /** The same on mutated samples, read from a file: whatever binding meets on its thread, the outcome is the same. */
    @Test
    void loadGivesWhatTheStagesGiveOnMutatedSamples(@TempDir Path dir) throws IOException {
        FakeHost host = new FakeHost("vm", Map.of("HOME", "/root"));
        List<String> texts = new ArrayList<>();
        for (Path f : Samples.all()) {
            texts.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
        Path file = dir.resolve("k.conf");
        for (int i = 0; i < CASES / 6; i++) {
            long seed = 0x6c6f6164L + i;
            String text = ConfigFuzzTest.mutate(texts.get(i % texts.size()), new SplittableRandom(seed));
            if (text.contains("_RANDOM")) {
                continue; // load draws ${_RANDOM} from its own generator
            }
            Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
            ConfigLoader.Result loaded = ConfigLoader.load(file, new ConfigLoader.Options(null, false), host);
            Diagnostics d = new Diagnostics();
            ConfigLoader.Result staged = ConfigLoader.bind(SourceReader.read(file,
                    new SourceReader.Options(null, false, host, new SplittableRandom()), d), host, d);
            String what = "seed " + seed;
            assertEquals(staged.config(), loaded.config(), what);
            assertEquals(new HashMap<>(staged.scripts()), new HashMap<>(loaded.scripts()), what);
            assertEquals(staged.diagnostics().all(), loaded.diagnostics().all(), what);
        }
    }

    /**
     * A file is scanned on its bytes when each byte decoded to one character: the lines must be those the same
     * text gives when scanned as characters (mutations put bytes 0x80-0xff here and there, alone or in pairs).
     */
    @Test
    void readingTheBytesGivesWhatReadingTheTextGives(@TempDir Path dir) throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path f : Samples.all()) {
            texts.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
        Path file = dir.resolve("k.conf");
        int compared = 0;
        for (int i = 0; i < CASES / 6; i++) {
            long seed = 0x62797465L + i;
            String written = ConfigFuzzTest.mutate(texts.get(i % texts.size()), new SplittableRandom(seed));
            if (written.contains("include")) {
                continue; // a file read from disk is already being read when it includes itself; text is not
            }
            Files.write(file, written.getBytes(StandardCharsets.ISO_8859_1));
            Diagnostics fromFile = new Diagnostics();
            List<SourceLine> fileLines = SourceReader.read(file, options(), fromFile);
            Diagnostics fromText = new Diagnostics();
            String decoded = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            List<SourceLine> textLines = SourceReader.read(file.toString(), decoded, dir, options(), fromText);
            assertEquals(textLines, fileLines, "seed " + seed);
            assertEquals(fromText.all(), fromFile.all(), "seed " + seed);
            compared++;
        }
        assertTrue(compared > CASES / 12, "most cases compared, got " + compared);
    }

    private static void assertSame(String what, String text) {
        Path dir = Samples.dir();
        Diagnostics staged = new Diagnostics();
        List<SourceLine> lines = SourceReader.read("k.conf", text, dir, options(), staged);
        List<Node> expected = TreeBuilder.build(lines, staged);
        Diagnostics onePass = new Diagnostics();
        List<Node> got = SourceReader.readTree("k.conf", text, dir, options(), onePass);
        assertEquals(expected, got, what);
        assertEquals(staged.all(), onePass.all(), what);
    }

    /** Fresh every time: ${_RANDOM} must draw the same numbers in both reads. */
    private static SourceReader.Options options() {
        return new SourceReader.Options(null, false, new FakeHost("vm", Map.of("HOME", "/root")),
                new SplittableRandom(1));
    }
}
