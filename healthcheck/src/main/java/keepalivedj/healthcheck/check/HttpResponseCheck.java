package keepalivedj.healthcheck.check;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import keepalivedj.conf.model.HttpUrl;
import keepalivedj.conf.model.StatusCodeRange;
import keepalivedj.healthcheck.Failure;
import keepalivedj.healthcheck.Probe;

/**
 * Reads one HTTP response as it streams in and judges it against one {@code url { }} block: status_code ranges
 * (200-299 when none), digest (MD5 of the body, hex), regex. The body ends at Content-Length or at the peer's close,
 * as keepalived reads it (no chunked decoding: the digest is of the bytes as sent, which is what genhash prints).
 * Pure: bytes in, a {@link Probe} out; garbage, truncation and oversized headers are failed probes, never exceptions.
 */
public final class HttpResponseCheck {
    /** Header bytes accepted before the response is called malformed. */
    static final int MAX_HEADER_BYTES = 64 * 1024;
    /** Body bytes kept for the regex (keepalived also searches a bounded buffer). */
    static final int MAX_REGEX_BODY = 1024 * 1024;
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/\\d+\\.\\d+ +(\\d{3})(?: .*)?");
    private static final Pattern CONTENT_LENGTH =
            Pattern.compile("(?im)^content-length:[ \\t]*(\\d{1,18})[ \\t]*\\r?$");

    private final HttpUrl url;
    private final byte[] header = new byte[MAX_HEADER_BYTES];
    private int headerLength;
    private int status = -1;
    private long contentLength = -1;
    private long bodyBytes;
    private final MessageDigest md5;
    private final StringBuilder regexBody;

    public HttpResponseCheck(HttpUrl url) {
        this.url = url;
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.regexBody = url.regex() != null ? new StringBuilder() : null;
    }

    /** Feeds bytes; returns the verdict once the response is complete, else null. */
    public Probe feed(ByteBuffer data) {
        if (status < 0) {
            while (data.hasRemaining() && status < 0) {
                if (headerLength == header.length) {
                    return Probe.failed(Failure.MALFORMED, "no end of HTTP headers within " + MAX_HEADER_BYTES
                            + " bytes");
                }
                header[headerLength++] = data.get();
                if (endsHeaders()) {
                    Probe bad = parseHeaders();
                    if (bad != null) {
                        return bad;
                    }
                }
            }
            if (status < 0) {
                return null;
            }
        }
        int n = data.remaining();
        if (contentLength >= 0) {
            n = (int) Math.min(n, contentLength - bodyBytes);
        }
        ByteBuffer slice = data.slice().limit(n);
        if (regexBody != null && regexBody.length() < MAX_REGEX_BODY) {
            ByteBuffer copy = slice.duplicate();
            copy.limit(Math.min(copy.limit(), MAX_REGEX_BODY - regexBody.length()));
            regexBody.append(StandardCharsets.ISO_8859_1.decode(copy));
        }
        md5.update(slice);
        bodyBytes += n;
        data.position(data.limit());
        return contentLength >= 0 && bodyBytes >= contentLength ? judge() : null;
    }

    /** The peer closed: judge what came, or say what is missing. */
    public Probe closed() {
        if (status < 0) {
            return headerLength == 0 ? Probe.failed(Failure.TRUNCATED, "connection closed without a response")
                    : Probe.failed(Failure.TRUNCATED, "connection closed within the HTTP headers");
        }
        if (contentLength >= 0 && bodyBytes < contentLength && (url.digest() != null || url.regex() != null)) {
            return Probe.failed(Failure.TRUNCATED, "body truncated at " + bodyBytes + " of " + contentLength
                    + " bytes");
        }
        return judge();
    }

    private boolean endsHeaders() {
        int n = headerLength;
        return (n >= 4 && header[n - 4] == '\r' && header[n - 3] == '\n' && header[n - 2] == '\r'
                && header[n - 1] == '\n') || (n >= 2 && header[n - 2] == '\n' && header[n - 1] == '\n');
    }

    private Probe parseHeaders() {
        String text = new String(header, 0, headerLength, StandardCharsets.ISO_8859_1);
        int eol = text.indexOf('\n');
        String first = text.substring(0, eol).replaceAll("\r$", "");
        Matcher m = STATUS_LINE.matcher(first);
        if (!m.matches()) {
            return Probe.failed(Failure.MALFORMED, "not an HTTP status line: " + printable(first));
        }
        status = Integer.parseInt(m.group(1));
        Matcher cl = CONTENT_LENGTH.matcher(text);
        if (cl.find()) {
            contentLength = Long.parseLong(cl.group(1));
        }
        return null;
    }

    private Probe judge() {
        List<StatusCodeRange> ranges = url.statusCodes().isEmpty() ? List.of(new StatusCodeRange(200, 299))
                : url.statusCodes();
        if (ranges.stream().noneMatch(r -> r.contains(status))) {
            return Probe.failed(Failure.BAD_STATUS, "HTTP status code " + status + " not in " + describe(ranges));
        }
        if (url.digest() != null) {
            String got = HexFormat.of().formatHex(md5.digest());
            if (!got.equalsIgnoreCase(url.digest())) {
                return Probe.failed(Failure.BAD_DIGEST, "MD5SUM " + got + " (expected: " + url.digest() + ")");
            }
        }
        if (url.regex() != null) {
            boolean found = regexMatches();
            if (found == url.regexNoMatch()) {
                return Probe.failed(Failure.REGEX, (found ? "body matches regex_no_match " : "body does not match ")
                        + url.regex());
            }
        }
        return Probe.success("HTTP status code " + status);
    }

    private boolean regexMatches() {
        int flags = 0;
        for (String o : url.regexOptions()) {
            switch (o.toLowerCase(Locale.ROOT)) {
                case "caseless":
                    flags |= Pattern.CASE_INSENSITIVE;
                    break;
                case "multiline":
                    flags |= Pattern.MULTILINE;
                    break;
                case "dotall":
                    flags |= Pattern.DOTALL;
                    break;
                case "extended":
                    flags |= Pattern.COMMENTS;
                    break;
                default:
                    break;
            }
        }
        Matcher m = Pattern.compile(url.regex(), flags).matcher(regexBody);
        int from = (int) Math.min(url.regexMinOffset(), regexBody.length());
        if (!m.find(from)) {
            return false;
        }
        return url.regexMaxOffset() == 0 || m.start() <= url.regexMaxOffset();
    }

    private static String describe(List<StatusCodeRange> ranges) {
        StringBuilder sb = new StringBuilder();
        for (StatusCodeRange r : ranges) {
            sb.append(sb.length() == 0 ? "" : " ").append(r.min() == r.max() ? "" + r.min() : r.min() + "-" + r.max());
        }
        return sb.toString();
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 60; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '.');
        }
        return "'" + sb + "'";
    }
}
