package keepalivedj.conf.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.Position;
import org.junit.jupiter.api.Test;

/** Conditional lines, definitions, repetitions and substitution in keepalived's order, through SourceReader. */
class PreprocessorTest {
    private final Diagnostics d = new Diagnostics();

    private List<SourceLine> read(String configId, String text) {
        SourceReader.Options options = new SourceReader.Options(configId, false,
                new FakeHost("vm.example.org", Map.of("PFX", "kw")), new SplittableRandom(3));
        return SourceReader.read("k.conf", text, Path.of("/etc/keepalived"), options, d);
    }

    private List<String> texts(String configId, String text) {
        return read(configId, text).stream().map(SourceLine::text).collect(Collectors.toList());
    }

    private List<String> texts(String text) {
        return texts(null, text);
    }

    private String rendered() {
        return d.render().replace(System.lineSeparator(), "\n");
    }

    @Test
    void conditionalLinesMatchTheConfigIdWhichDefaultsToTheShortHostname() {
        // keepalived.md §i: `@vm x` on host vm is kept, `@^vm y` dropped
        assertEquals(List.of("x", "z"), texts("@vm x\n@^vm y\n@^other z\n@other w\n@vm\n@vm   "));
        assertEquals(List.of("y"), texts("high", "@vm x\n@^vm y"));
        assertEquals(List.of("empty id"), texts("", "@ empty id"));
    }

    @Test
    void aConditionalLineKeepsTheColumnsOfWhatFollowsTheId() {
        List<SourceLine> lines = read("high", "@high\tscript /x.sh");
        assertEquals(new SourceLine("script /x.sh", new Position("k.conf", 1, 7)), lines.get(0));
        List<Token> tokens = Lexer.tokenize(lines.get(0), d);
        assertEquals(new Position("k.conf", 1, 14), tokens.get(1).position());
    }

    @Test
    void unchangedLinesKeepExactColumns() {
        List<SourceLine> lines = read(null, "  vrrp_instance VI_1 { # c\n\tpriority \\#1");
        assertEquals(new SourceLine("vrrp_instance VI_1 {", new Position("k.conf", 1, 3)), lines.get(0));
        assertEquals(new SourceLine("priority \\#1", new Position("k.conf", 2, 2)), lines.get(1));
        List<Token> tokens = Lexer.tokenize(lines.get(1), d);
        assertEquals("#1", tokens.get(1).text());
        assertEquals(new Position("k.conf", 2, 11), tokens.get(1).position());
    }

    @Test
    void definitionsAreSubstitutedAndYieldNoLine() {
        // `$B =x` is not a definition (no blank before '='): keepalived passes it on as a keyword line
        assertEquals(List.of("priority 240", "priority $UNDEF", "$B =x", "a=$B"),
                texts("main", "@main $PRIORITY=240\n@backup $PRIORITY=200\npriority $PRIORITY\npriority $UNDEF\n"
                        + "$B =x\na=$B"));
        assertTrue(d.isEmpty(), rendered());
    }

    @Test
    void aSubstitutedConditionalIsCheckedAgain() {
        // keepalived.conf(5): $IF_MAIN=@main / $IF_MAIN priority 240
        assertEquals(List.of("priority 240"), texts("main", "$IF_MAIN=@main\n$IF_MAIN priority 240"));
        assertEquals(List.of(), texts("backup", "$IF_MAIN=@main\n$IF_MAIN priority 240"));
    }

    @Test
    void literalHashAndBangFromParametersStayWords() {
        List<SourceLine> lines = read(null, "$H=a\\#b\nx $H ${_HASH} ${_BANG}c \"${_HASH}\"");
        List<String> words = Lexer.tokenize(lines.get(0), d).stream().map(Token::text).collect(Collectors.toList());
        assertEquals(List.of("x", "a#b", "#", "!c", "#"), words);
        assertTrue(d.isEmpty(), rendered());
    }

    @Test
    void multiLineDefinitionsExpandToOneLinePerContinuation() {
        String text = "$INSTANCE= \\\n"
                + "vrrp_instance VI_${NUM} { \\\n"
                + "    @high priority 130 \\\n"
                + "    @low priority 120 \\\n"
                + "    interface eth0.${NUM}   \\\n"
                + "}\n"
                + "$NUM=0\n"
                + "  $INSTANCE\n"
                + "$NUM=1\n"
                + "$INSTANCE";
        List<SourceLine> lines = read("low", text);
        assertEquals(List.of("vrrp_instance VI_0 {", "priority 120", "interface eth0.0", "}",
                "vrrp_instance VI_1 {", "priority 120", "interface eth0.1", "}"),
                lines.stream().map(SourceLine::text).collect(Collectors.toList()));
        assertEquals(new Position("k.conf", 8, 3), lines.get(0).position());
        assertEquals(new Position("k.conf", 8, 3), lines.get(3).position());
        assertEquals(new Position("k.conf", 10, 1), lines.get(7).position());
        assertTrue(d.isEmpty(), rendered());
    }

    @Test
    void multiLineDefinitionsNestAndDefineAtExpansionTime() {
        String text = "$RS= \\\n"
                + "real_server 192.168.${VS_NUM}.${RS_NUM} 80 { \\\n"
                + "    weight 1 \\\n"
                + "}\n"
                + "$VS= \\\n"
                + "virtual_server 10.0.${VS_NUM}.4 80 { \\\n"
                + "    $RS_NUM=1 \\\n"
                + "    $RS \\\n"
                + "    $RS_NUM=2 \\\n"
                + "    $RS \\\n"
                + "}\n"
                + "$VS_NUM=0\n"
                + "$VS\n";
        assertEquals(List.of("virtual_server 10.0.0.4 80 {", "real_server 192.168.0.1 80 {", "weight 1", "}",
                "real_server 192.168.0.2 80 {", "weight 1", "}", "}"), texts(text));
    }

    @Test
    void aBlankLineEndsAMultiLineDefinition() {
        assertEquals(List.of("after", "a", "b"), texts("$M=a \\\n b \\\n\nafter\n$M"));
    }

    @Test
    void anUnterminatedMultiLineDefinitionIsReported() {
        assertEquals(List.of("x"), texts("x\n  $M=a \\\nb \\"));
        assertEquals("k.conf:2:3: warning: multi-line definition of '$M' is not terminated:"
                + " expected a last line that does not end in '\\'; the definition ends at the end of the"
                + " configuration\n", rendered());
    }

    @Test
    void sequencesRepeatTheRestOfTheLineAndNest() {
        // keepalived.md §i: `~SEQ(X,1,3) ${PFX}${X}` gives kw_1, kw_2, kw_3
        assertEquals(List.of("kw_1", "kw_2", "kw_3"), texts("$PFX=kw_\n~SEQ(X,1,3) ${PFX}${X}"));
        assertEquals(List.of("fe81::10:90:12", "fe81::10:90:11", "fe81::10:a0:12", "fe81::10:a0:11"),
                texts("~SEQx(AD2, 0x90, 0x10, 0xa0) ~SEQx(AD1, 0x12, -1, 0x11) fe81::10:${AD2}:${AD1}"));
        assertEquals(List.of("192.168.10.1", "192.170.10.1", "192.168.20.4", "192.170.20.4"),
                texts("~LST({IP, IP1}, {10,1},{20,4}) ~SEQ(IP2,168,2,170) 192.${IP2}.${IP}.${IP1}"));
        assertTrue(d.isEmpty(), rendered());
    }

    @Test
    void sequenceLinesArePositionedAtTheRepeatedText() {
        List<SourceLine> lines = read(null, "  ~SEQ(i, 1, 2) kw $i");
        assertEquals(List.of(new SourceLine("kw 1", new Position("k.conf", 1, 17)),
                new SourceLine("kw 2", new Position("k.conf", 1, 17))), lines);
    }

    @Test
    void sequencesCanComeFromParametersAndExpandMultiLineParameters() {
        assertEquals(List.of("a 1", "b 1", "a 2", "b 2"),
                texts("$M= \\\na $i \\\nb $i\n~SEQ(i,1,2) $M"));
        assertEquals(List.of("x1", "x2"), texts("$S=~SEQ(i,1,2) x$i\n$S"));
    }

    @Test
    void aBadSequenceIsReportedAndIgnored() {
        assertEquals(List.of("after"), texts("~SEQ(X,1,0,3) kw\nafter"));
        assertEquals("k.conf:1:1: warning: invalid ~SEQ values: found '~SEQ(X,1,0,3) kw', expected a non-zero step"
                + " going from start towards end; ignoring the line\n", rendered());
    }

    @Test
    void aBadListIsReported() {
        texts("\t~LST(X) kw");
        assertEquals("k.conf:1:2: warning: invalid ~LST definition: found '~LST(X) kw', expected "
                + Repetition.LST_FORM + "; ignoring the line\n", rendered());
    }

    @Test
    void otherTildeLinesAndTrailingBackslashesPassThrough() {
        List<Node> nodes = TreeBuilder.build(read(null, "~FOO $_INSTANCE\nrouter_id \\\nfoo"), d);
        assertEquals(List.of("~FOO $_INSTANCE", "router_id\\", "foo"),
                nodes.stream().map(Node::lineText).collect(Collectors.toList()));
        assertTrue(d.isEmpty(), rendered());
    }

    @Test
    void predefinedParametersSeeTheFileTheLineCameFrom() {
        assertEquals(List.of("/etc/keepalived vm kw"), texts("${_PWD} ${_INSTANCE} ${_ENV PFX}"));
    }

    @Test
    void expansionIsBounded() {
        List<SourceLine> lines = read(null, "~SEQ(a,1,2000) ~SEQ(b,1,2000) x");
        // 999 full passes of the outer ~SEQ (2001 generated lines each), then the outer line and 1000 inner ones
        assertEquals(1_999_000, lines.size());
        assertEquals("k.conf:1:31: warning: preprocessing produces more than 2000000 lines; expansion stopped"
                + " here\n", rendered());
    }
}
