package keepalivedj.conf.bind;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import keepalivedj.conf.bind.LvsDrafts.CheckerType;
import org.junit.jupiter.api.Test;

/** No input may make the LVS binder throw: every keyword with missing, odd and surplus words, and token soup. */
class LvsRobustnessTest {
    static final List<String> ARGS = List.of("", " x", " -1", " 0", " 4294967296", " 1 2 3 4 5", " \"\"", " 1.2.3.4",
            " ae00::1 80", " TUN type", " TUN port", " NAT foo", " 200-", " -", " /", " 1.5e3", " 99999999999999999999",
            " fe80::1%", " { }", " {\n x\n }");

    static void noThrow(String text) {
        LvsTestSupport.Result r = LvsTestSupport.bind(text);
        assertNotNull(r.config(), text);
    }

    @Test
    void everyKeywordWithEveryKindOfArgument() {
        VirtualServerKeywords vsk = new VirtualServerKeywords(LvsTestSupport.ReferenceHost.create());
        RealServerKeywords rsk = vsk.realServerKeywords();
        int n = 0;
        for (String kw : vsk.keywords()) {
            for (String a : ARGS) {
                noThrow("virtual_server 10.0.0.1 80 {\n " + kw + a + "\n real_server 10.0.1.1 {\n }\n}\n");
                n++;
            }
        }
        for (String kw : rsk.keywords()) {
            for (String a : ARGS) {
                noThrow("virtual_server fwmark 1 {\n real_server 10.0.1.1 {\n  " + kw + a + "\n }\n}\n");
                n++;
            }
        }
        for (CheckerType t : CheckerType.values()) {
            TreeSet<String> kws = new TreeSet<>(rsk.checkerKeywords().keywords(t));
            kws.add("url");
            kws.add("host");
            for (String kw : kws) {
                for (String a : ARGS) {
                    noThrow("virtual_server ae00::1 80 {\n real_server ae00::2 {\n  " + t.name() + " {\n   " + kw + a
                            + "\n   url {\n    path" + a + "\n    status_code" + a + "\n    digest" + a
                            + "\n   }\n  }\n }\n}\n");
                    n++;
                }
            }
        }
        for (String top : List.of("virtual_server", "virtual_server_group", "SSL")) {
            for (String a : ARGS) {
                for (String b : ARGS) {
                    noThrow(top + a + b + " {\n" + a.trim() + "\n fwmark" + b + "\n}\n");
                    n++;
                }
            }
        }
        assertTrue(n > 2000, "walked " + n + " variants");
    }

    @Test
    void tokenSoupNeverThrows() {
        List<String> vocab = new ArrayList<>(List.of("{", "}", "virtual_server", "real_server", "group", "fwmark",
                "virtual_server_group", "HTTP_GET", "url", "path", "SMTP_CHECK", "host", "MISC_CHECK", "misc_path",
                "lb_kind", "DR", "TUN", "NAT", "sorry_server", "quorum", "1", "0", "10.0.0.1", "ae00::1", "80",
                "\"a b\"", "weight", "protocol", "TCP", "status_code", "100-200", "persistence_granularity",
                "255.255.255.0", "SSL", "key", "fwmark", "inet6", "10.0.0.1-5", "10.0.0.0/24"));
        SplittableRandom rnd = new SplittableRandom(227);
        for (int i = 0; i < 400; i++) {
            StringBuilder sb = new StringBuilder();
            int lines = 1 + rnd.nextInt(25);
            for (int l = 0; l < lines; l++) {
                int words = 1 + rnd.nextInt(5);
                for (int w = 0; w < words; w++) {
                    sb.append(vocab.get(rnd.nextInt(vocab.size()))).append(' ');
                }
                sb.append('\n');
            }
            noThrow(sb.toString());
        }
    }
}
