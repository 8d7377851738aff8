package keepalivedj.conf.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.Position;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** include and its variants, through SourceReader (IncludeReader does the work). */
class IncludeTest {
    @TempDir
    Path dir;

    private final Diagnostics d = new Diagnostics();

    static SourceReader.Options options(boolean allConfig) {
        return new SourceReader.Options(null, allConfig, FakeHost.named("vm"), new SplittableRandom(7));
    }

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private List<SourceLine> read(String text) {
        return SourceReader.read("k.conf", text, dir, options(false), d);
    }

    private String rendered() {
        return d.render().replace(System.lineSeparator(), "\n");
    }

    private static List<String> texts(List<SourceLine> lines) {
        return lines.stream().map(SourceLine::text).collect(Collectors.toList());
    }

    @Test
    void includedLinesAreSplicedInOrderWithTheIncludeChain() throws IOException {
        write("inc/b.conf", "b-file\n");
        write("inc/a.conf", "a-file\n  include ../deep/{y,x}.conf # comment\n");
        write("deep/x.conf", "x");
        write("deep/y.conf", "y\r\n");
        List<SourceLine> lines = read("a 1\ninclude inc/*.conf\nb 2\n");
        assertEquals("", rendered());
        assertEquals(List.of("a 1", "a-file", "y", "x", "b-file", "b 2"), texts(lines));
        Position inc = new Position("k.conf", 2, 1);
        Position nested = new Position("inc/a.conf", 2, 3, inc);
        assertEquals(new Position("k.conf", 1, 1), lines.get(0).position());
        assertEquals(new Position("inc/a.conf", 1, 1, inc), lines.get(1).position());
        assertEquals(new Position("deep/y.conf", 1, 1, nested), lines.get(2).position());
        assertEquals(new Position("deep/x.conf", 1, 1, nested), lines.get(3).position());
        assertEquals(new Position("inc/b.conf", 1, 1, inc), lines.get(4).position());
        assertEquals(new Position("k.conf", 3, 1), lines.get(5).position());
    }

    @Test
    void aDiagnosticInAnIncludedFileShowsTheChain() throws IOException {
        write("inc/a.conf", "include b.conf\n");
        write("inc/b.conf", "x {\n");
        List<Node> nodes = TreeBuilder.build(read("\tinclude inc/a.conf"), d);
        assertEquals(1, nodes.size());
        assertEquals("inc/b.conf:1:1: warning: block 'x' is not closed: expected '}' before the end of the file;"
                + " closing it at the end of the file\n"
                + "  included from inc/a.conf:1:1\n"
                + "  included from k.conf:1:2\n", rendered());
    }

    @Test
    void aMissingPlainIncludeIsOnlyANote() {
        List<SourceLine> lines = read("a\n\n\ninclude inc/missing.conf\nb");
        assertEquals(List.of("a", "b"), texts(lines));
        assertEquals("k.conf:4:1: note: Config files missing 'inc/missing.conf'.\n", rendered());
        assertEquals(0, d.testExitCode());
    }

    @Test
    void anIncludeLoopIsReportedWithTheChainAndNotFollowed() throws IOException {
        write("a.conf", "include b.conf\nend-a\n");
        write("b.conf", "in-b\ninclude a.conf\n");
        List<SourceLine> lines = SourceReader.read(dir.resolve("a.conf"), options(false), d);
        assertEquals(List.of("in-b", "end-a"), texts(lines));
        assertEquals(dir.resolve("b.conf") + ":2:1: warning: include loop: 'a.conf' is already being read;"
                + " not including it again\n"
                + "  included from " + dir.resolve("a.conf") + ":1:1\n", rendered());
        assertEquals(5, d.testExitCode());
    }

    @Test
    void aFileIncludingItselfIsALoop() throws IOException {
        write("self.conf", "x\n");
        List<SourceLine> lines = read("include self.conf\ninclude self.conf\n");
        assertEquals(List.of("x", "x"), texts(lines));
        assertTrue(d.isEmpty(), rendered());
        write("self.conf", "include self.conf\n");
        read("include self.conf");
        assertEquals("self.conf:1:1: warning: include loop: 'self.conf' is already being read;"
                + " not including it again\n  included from k.conf:1:1\n", rendered());
    }

    @Test
    void includerIsSilentWhenTheDirectoryExistsAndReportsOtherwise() throws IOException {
        Files.createDirectories(dir.resolve("inc"));
        read("includer inc/none*.conf\nincluder nodir/none*.conf\nincluder inc/none.conf");
        assertEquals("k.conf:2:1: note: Config files missing 'nodir/none*.conf'.\n", rendered());
        assertEquals(0, d.testExitCode());
    }

    @Test
    void includewWithoutAMatchIsASecurityClassError() throws IOException {
        Files.createDirectories(dir.resolve("inc"));
        read("includew inc/none*.conf");
        assertEquals("k.conf:1:1: security: no config file matches 'inc/none*.conf';"
                + " nothing included (includew requires a match)\n", rendered());
        assertEquals(6, d.testExitCode());
    }

    @Test
    void includemRequiresAMatchOnlyWithoutWildcards() throws IOException {
        Files.createDirectories(dir.resolve("inc"));
        read("includem inc/none*.conf\nincludem inc/none.conf");
        assertEquals("k.conf:2:1: security: no config file matches 'inc/none.conf';"
                + " nothing included (includem requires a match)\n", rendered());
    }

    @Test
    void includebRequiresEveryBraceAlternativeToMatch() throws IOException {
        write("inc/a.conf", "from-a");
        List<SourceLine> lines = read("includeb inc/{a,zz}.conf");
        assertEquals(List.of("from-a"), texts(lines));
        assertEquals("k.conf:1:1: security: no config file matches 'inc/zz.conf' (from 'inc/{a,zz}.conf');"
                + " nothing included for it (includeb requires every {...} alternative to match)\n", rendered());
    }

    @Test
    void includeaChecksEverything() throws IOException {
        Files.createDirectories(dir.resolve("inc"));
        read("includea inc/*.conf");
        assertEquals("k.conf:1:1: security: no config file matches 'inc/*.conf';"
                + " nothing included (includea requires a match)\n", rendered());
    }

    @Test
    void allConfigMakesAnyMissingIncludeAnError() {
        SourceReader.read("k.conf", "include inc/missing.conf", dir, options(true), d);
        assertEquals("k.conf:1:1: security: no config file matches 'inc/missing.conf';"
                + " nothing included (-e requires a match)\n", rendered());
        assertEquals(6, d.testExitCode());
    }

    @Test
    void directoriesMatchedByAPatternAreSkippedSilently() throws IOException {
        Files.createDirectories(dir.resolve("inc/sub.conf"));
        write("inc/a.conf", "a");
        assertEquals(List.of("a"), texts(read("include inc/*.conf")));
        assertTrue(d.isEmpty(), rendered());
    }

    @Test
    void executableFilesAreSkipped() throws IOException {
        write("inc/x.conf", "x");
        Files.setPosixFilePermissions(dir.resolve("inc/x.conf"), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(List.of(), texts(read("include inc/x.conf\nincluder inc/x.conf")));
        assertEquals("k.conf:1:1: note: Configuration file 'inc/x.conf' is not a regular non-executable file;"
                + " skipping it\n"
                + "k.conf:2:1: security: Configuration file 'inc/x.conf' is not a regular non-executable file;"
                + " skipping it\n", rendered());
    }

    @Test
    void unreadableFilesAreReportedAndSkipped() {
        // /proc/self/mem is a regular, non-executable file whose first read fails (EIO), even for root.
        read("include /proc/self/mem\nincluder /proc/self/mem");
        assertEquals("k.conf:1:1: note: cannot read config file '/proc/self/mem' (Input/output error);"
                + " skipping it\n"
                + "k.conf:2:1: security: cannot read config file '/proc/self/mem' (Input/output error);"
                + " skipping it\n", rendered());
    }

    @Test
    void aQuotedPatternLosesItsQuotesAndABareIncludeIsAnOrdinaryLine() throws IOException {
        write("with space.conf", "spaced");
        assertEquals(List.of("spaced", "include"), texts(read("include \"with space.conf\"\ninclude")));
        assertTrue(d.isEmpty(), rendered());
    }

    @Test
    void onlyALineStartingWithIncludeIsAnInclude() throws IOException {
        write("x.conf", "x");
        List<SourceLine> lines = SourceReader.read("k.conf", "@vm include x.conf\nfoo include x.conf", dir,
                options(false), d);
        assertEquals(List.of("include x.conf", "foo include x.conf"), texts(lines));
    }

    @Test
    void theTopLevelFileMissingOrADirectoryIsANoteAndNothingIsRead() throws IOException {
        assertEquals(List.of(), SourceReader.read(dir.resolve("nope.conf"), options(false), d));
        assertEquals(List.of(), SourceReader.read(dir, options(false), d));
        assertEquals("keepalived-j: note: Config files missing '" + dir.resolve("nope.conf") + "'.\n"
                + "keepalived-j: note: Config files missing '" + dir + "'.\n", rendered());
        assertEquals(0, d.testExitCode());
    }

    @Test
    void anExecutableTopLevelFileIsNotRead() throws IOException {
        write("k.conf", "x");
        Files.setPosixFilePermissions(dir.resolve("k.conf"), PosixFilePermissions.fromString("rwxr--r--"));
        assertEquals(List.of(), SourceReader.read(dir.resolve("k.conf"), options(false), d));
        assertEquals("keepalived-j: note: Configuration file '" + dir.resolve("k.conf")
                + "' is not a regular non-executable file; nothing read\n", rendered());
    }

    @Test
    void pwdIsThePhysicalDirectoryOfTheFileTheLineIsIn() throws IOException {
        write("real/inc.conf", "pwd ${_PWD}");
        Files.createDirectories(dir.resolve("etc"));
        Files.createSymbolicLink(dir.resolve("etc/link"), dir.resolve("real"));
        List<SourceLine> lines = read("pwd ${_PWD}\ninclude etc/../etc/link/inc.conf");
        assertEquals(List.of("pwd " + dir.toRealPath(), "pwd " + dir.resolve("real").toRealPath()), texts(lines));
        assertEquals("etc/link/inc.conf", lines.get(1).position().file());
    }

    @Test
    void anUnreadableTopLevelFileIsFatal() {
        assertEquals(List.of(), SourceReader.read(Path.of("/proc/self/mem"), options(false), d));
        assertEquals("keepalived-j: fatal: cannot read configuration file '/proc/self/mem' (Input/output error);"
                + " nothing read\n", rendered());
        assertEquals(4, d.testExitCode());
    }

    @Test
    void theTopLevelFileIsReadWithItsOwnDirectoryForIncludes() throws IOException {
        write("etc/k.conf", "include conf.d/*.conf\n");
        write("etc/conf.d/1.conf", "one");
        List<SourceLine> lines = SourceReader.read(dir.resolve("etc/k.conf"), options(false), d);
        assertEquals(List.of("one"), texts(lines));
        assertEquals(new Position(dir.resolve("etc/conf.d/1.conf").toString(), 1, 1,
                new Position(dir.resolve("etc/k.conf").toString(), 1, 1)), lines.get(0).position());
    }

    @Test
    void tooLongLinesAreReportedAndIgnored() {
        String ok = "x".repeat(IncludeReader.MAX_LINE_LENGTH);
        List<SourceLine> lines = read(ok + "\n" + "y".repeat(IncludeReader.MAX_LINE_LENGTH + 1) + "\nz");
        assertEquals(List.of(ok, "z"), texts(lines));
        assertEquals("k.conf:2:1: warning: line too long (1023 characters): expected at most 1022 characters;"
                + " ignoring the line\n", rendered());
    }

    @Test
    void aNulEndsTheLineAsInC() {
        assertEquals(List.of("ab", "c"), texts(read("ab\0cd\nc")));
    }
}
