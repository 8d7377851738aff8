package keepalivedj.healthcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import keepalivedj.conf.model.HttpUrl;
import keepalivedj.healthcheck.Probe;
import keepalivedj.healthcheck.io.Dialogue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Network input is never trusted: seeded random garbage, fed in random pieces, only ever gives probes. */
class GarbageTest {
    private static final int ROUNDS = 3000;

    private static byte[] garbage(SplittableRandom r) {
        byte[] b = new byte[r.nextInt(0, 2000)];
        r.nextBytes(b);
        if (r.nextBoolean() && b.length > 20) {
            // sometimes start plausibly, to get past the first check
            byte[] head = (r.nextBoolean() ? "HTTP/1.1 200 OK\r\n" : "220 ").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(head, 0, b, 0, head.length);
        }
        return b;
    }

    private static List<ByteBuffer> pieces(byte[] b, SplittableRandom r) {
        List<ByteBuffer> out = new ArrayList<>();
        int i = 0;
        while (i < b.length) {
            int n = r.nextInt(1, 300);
            out.add(ByteBuffer.wrap(b, i, Math.min(n, b.length - i)));
            i += n;
        }
        return out;
    }

    @Test
    @DisplayName("HTTP responses: random bytes in random pieces end in a probe, and never in success without a status line")
    void http() {
        SplittableRandom r = new SplittableRandom(2318);
        HttpUrl url = new HttpUrl("/", "0123456789abcdef0123456789abcdef", List.of(), null, "x+", false, List.of(),
                0, 0, null);
        for (int i = 0; i < ROUNDS; i++) {
            byte[] b = garbage(r);
            HttpResponseCheck check = new HttpResponseCheck(url);
            Probe p = null;
            for (ByteBuffer piece : pieces(b, r)) {
                p = check.feed(piece);
                if (p != null) {
                    break;
                }
            }
            if (p == null) {
                p = check.closed();
            }
            assertNotNull(p);
            assertFalse(p.up(), "a wrong digest can never pass");
        }
    }

    @Test
    @DisplayName("SMTP replies: random bytes end in a probe or wait for more, never an exception")
    void smtp() {
        SplittableRandom r = new SplittableRandom(2358);
        Dialogue.Output sink = bytes -> bytes.position(bytes.limit());
        for (int i = 0; i < ROUNDS; i++) {
            SmtpDialogue d = new SmtpDialogue("h");
            Probe p = null;
            for (ByteBuffer piece : pieces(garbage(r), r)) {
                p = d.received(piece, sink);
                if (p != null) {
                    break;
                }
            }
            if (p == null) {
                p = d.closed();
            }
            assertNotNull(p);
        }
    }

    @Test
    @DisplayName("DNS replies: random datagrams are judged, and only an exact id with QR and RCODE 0 passes")
    void dns() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < ROUNDS * 10; i++) {
            byte[] b = new byte[r.nextInt(0, 40)];
            r.nextBytes(b);
            Probe p = DnsQuery.judge(0x1234, ByteBuffer.wrap(b));
            if (p.up()) {
                assertEquals(0x12, b[0]);
                assertEquals(0x34, b[1]);
                assertEquals(0x80, b[2] & 0x80, "QR");
                assertEquals(0, b[3] & 0x0f, "RCODE");
            }
        }
    }
}
