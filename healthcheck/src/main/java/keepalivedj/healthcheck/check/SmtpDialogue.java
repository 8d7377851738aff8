package keepalivedj.healthcheck.check;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import keepalivedj.healthcheck.Failure;
import keepalivedj.healthcheck.Probe;
import keepalivedj.healthcheck.io.Dialogue;

/**
 * SMTP_CHECK's conversation (keepalived.md §a.12): expect the 220 banner, say {@code HELO <helo_name>}, expect 250,
 * say QUIT; up then. Multi-line replies ({@code 220-...}) are read to their last line. Anything that is not an SMTP
 * reply is a malformed answer, never an exception.
 */
final class SmtpDialogue implements Dialogue {
    static final int MAX_LINE = 4096;

    private enum Stage { BANNER, HELO }

    private final String heloName;
    private final StringBuilder line = new StringBuilder();
    private Stage stage = Stage.BANNER;

    SmtpDialogue(String heloName) {
        this.heloName = heloName;
    }

    @Override
    public Probe opened(Output out) {
        return null;
    }

    @Override
    public Probe received(ByteBuffer data, Output out) {
        while (data.hasRemaining()) {
            char c = (char) (data.get() & 0xff);
            if (c != '\n') {
                if (line.length() >= MAX_LINE) {
                    return Probe.failed(Failure.MALFORMED, "SMTP line longer than " + MAX_LINE + " bytes");
                }
                line.append(c);
                continue;
            }
            String l = line.toString().replaceAll("\r$", "");
            line.setLength(0);
            if (l.length() < 3 || !Character.isDigit(l.charAt(0)) || !Character.isDigit(l.charAt(1))
                    || !Character.isDigit(l.charAt(2)) || (l.length() > 3 && l.charAt(3) != ' '
                    && l.charAt(3) != '-')) {
                return Probe.failed(Failure.MALFORMED, "not an SMTP reply: " + printable(l));
            }
            if (l.length() > 3 && l.charAt(3) == '-') {
                continue;
            }
            int code = Integer.parseInt(l.substring(0, 3));
            if (stage == Stage.BANNER) {
                if (code != 220) {
                    return Probe.failed(Failure.BAD_REPLY_CODE, "banner " + code + " (expected: 220)");
                }
                stage = Stage.HELO;
                out.write(ascii("HELO " + heloName + "\r\n"));
            } else {
                if (code != 250) {
                    return Probe.failed(Failure.BAD_REPLY_CODE, "HELO answered " + code + " (expected: 250)");
                }
                out.write(ascii("QUIT\r\n"));
                return Probe.success("SMTP 220/250");
            }
        }
        return null;
    }

    @Override
    public Probe closed() {
        return Probe.failed(Failure.TRUNCATED, stage == Stage.BANNER ? "closed before the SMTP banner"
                : "closed before the HELO reply");
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < s.length() && i < 60; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '.');
        }
        return sb.append("'").toString();
    }
}
