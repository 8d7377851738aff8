package keepalivedj.conf.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.Position;
import org.junit.jupiter.api.Test;

class LineTextTest {

    private static String dc(String raw) {
        return LineText.decomment(raw).text();
    }

    @Test
    void leadingBlanksCommentsAndTrailingBlanksGo() {
        assertEquals(new LineText.Decommented("priority 100", 2), LineText.decomment("\t priority 100  # x"));
        assertEquals("", dc("   ! only a comment"));
        assertEquals("a \"b # c\"", dc("a \"b # c\" ! d"));
    }

    @Test
    void escapedCommentCharactersBecomeLiteralOutsideQuotesOnly() {
        assertEquals("x #y !z", dc("x \\#y \\!z # comment"));
        assertEquals("\"a\\#b\"", dc("\"a\\#b\""));
    }

    @Test
    void trailingBackslashIsGluedToWhatIsLeft() {
        // keepalived.md §i: `router_id \` gives Unknown keyword 'router_id\'
        assertEquals("router_id\\", dc("router_id \\"));
        // doc/samples/keepalived.service.d.auth_hmac.conf line 5: a comment ending in \ leaves the word \
        assertEquals("\\", dc("#   install -Dm644 keepalived.service.d.auth_hmac.conf \\"));
        assertEquals("foo\\", dc("foo # comment \\"));
        assertEquals("a \\\\", dc("a \\\\"));
    }

    @Test
    void forLexerEscapesLiteralCommentCharactersOutsideQuotes() {
        assertEquals("a\\#b \"c#d\" e\\!", LineText.forLexer("a#b \"c#d\" e!"));
        assertEquals("plain", LineText.forLexer("plain"));
    }

    @Test
    void forLexerOfDecommentedTextGivesTheLexerKeepalivedsWords() {
        String[] lines = {"x \\#y \"q # r\" ! c", "a\\\\\\#b", "w \\!", "\"#\" # c"};
        String[][] words = {{"x", "#y", "q # r"}, {"a\\\\#b"}, {"w", "!"}, {"#"}};
        for (int i = 0; i < lines.length; i++) {
            SourceLine line = new SourceLine(LineText.forLexer(dc(lines[i])), new Position("k", 1, 1));
            List<String> got = Lexer.tokenize(line, new Diagnostics()).stream().map(Token::text)
                    .collect(Collectors.toList());
            assertEquals(List.of(words[i]), got, lines[i]);
        }
    }
}
