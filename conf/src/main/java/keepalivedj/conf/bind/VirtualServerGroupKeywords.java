package keepalivedj.conf.bind;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import keepalivedj.conf.bind.LvsDrafts.Group;
import keepalivedj.conf.model.LvsAddressFamily;
import keepalivedj.conf.model.VirtualServerGroupEntry;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * The lines of a {@code virtual_server_group NAME { ... }} block (check_data.c alloc_vsg_entry): {@code IP [PORT]},
 * {@code a.b.c.d-e [PORT]} (the last byte, or for IPv6 the last 16-bit group in hex, runs up to e),
 * {@code a.b.c.d-e.f.g.h [PORT]}, {@code IP/nn [PORT]} and {@code fwmark N [inet|inet6]}. A bad line is reported with
 * keepalived's message and skipped.
 */
final class VirtualServerGroupKeywords {
    private VirtualServerGroupKeywords() {
    }

    static void entry(Node n, Group g, BindContext ctx) {
        if (n.hasBlock()) {
            ctx.warn(n.position(), "virtual_server_group entries take no block", null, null, "ignoring the block");
        }
        if (n.name().equals("fwmark")) {
            fwmark(n, g, ctx);
            return;
        }
        Token portWord = n.arg(0);
        OptionalInt port = LvsAddresses.port(portWord == null ? null : portWord.text());
        String word = n.name();
        int slash = word.indexOf('/');
        int dash = word.indexOf('-');
        String base = slash >= 0 ? word.substring(0, slash) : dash >= 0 ? word.substring(0, dash) : word;
        Optional<InetAddress> start = LvsAddresses.parse(base);
        if (start.isEmpty() || port.isEmpty()) {
            String shown = word + (portWord == null ? "" : " /port/" + portWord.text());
            ctx.warn(n.position(), "Invalid virtual server group IP address " + word
                    + (portWord == null ? "" : " /port/" + portWord.text()) + " - skipping", shown, "IP[-END][/NN] [PORT]",
                    null);
            return;
        }
        ctx.extraWords(n, 1);
        Optional<InetAddress> end = slash >= 0 ? masked(n, start.get(), word.substring(slash + 1), ctx)
                : dash >= 0 ? ranged(n, start.get(), word.substring(dash + 1), ctx) : start;
        end.ifPresent(e -> g.entries.add(new VirtualServerGroupEntry(start.get(), e, port.getAsInt(), 0, null,
                n.position())));
    }

    private static void fwmark(Node n, Group g, BindContext ctx) {
        Token m = n.arg(0);
        OptionalLong mark = m == null ? OptionalLong.empty() : VirtualServerKeywords.parseUnsigned(m.text());
        if (mark.isEmpty()) {
            String shown = m == null ? "(null)" : m.text();
            ctx.warn(m == null ? n.position() : m.position(), "(" + g.name + "): fwmark '" + shown
                    + "' must be in [0, " + LvsValues.UINT_MAX + "] - ignoring", shown, null, null);
            return;
        }
        LvsAddressFamily family = null;
        Token f = n.arg(1);
        if (f != null) {
            if (f.text().equals("inet")) {
                family = LvsAddressFamily.INET;
            } else if (f.text().equals("inet6")) {
                family = LvsAddressFamily.INET6;
            } else {
                ctx.warn(f.position(), "(" + g.name + "): fwmark '" + mark.getAsLong() + "' family " + f.text()
                        + " unknown - ignoring", f.text(), "inet or inet6", null);
                return;
            }
        }
        ctx.extraWords(n, 2);
        g.entries.add(new VirtualServerGroupEntry(null, null, 0, mark.getAsLong(), family, n.position()));
    }

    /** {@code IP/nn}: the host bits must be clear; the range is the whole prefix. */
    private static Optional<InetAddress> masked(Node n, InetAddress start, String mask, BindContext ctx) {
        int bits = start.getAddress().length * 8;
        OptionalLong m = VirtualServerKeywords.parseUnsigned(mask);
        if (m.isEmpty() || m.getAsLong() == 0 || m.getAsLong() > bits) {
            ctx.warn(n.position(), "Invalid netmask - " + n.name() + " - skipping", n.name(), "/1../" + bits, null);
            return Optional.empty();
        }
        BigInteger a = new BigInteger(1, start.getAddress());
        BigInteger host = BigInteger.ONE.shiftLeft(bits - (int) m.getAsLong()).subtract(BigInteger.ONE);
        if (!a.and(host).equals(BigInteger.ZERO)) {
            ctx.warn(n.position(), "Address mask bits not empty - " + n.name() + " - skipping", n.name(), null, null);
            return Optional.empty();
        }
        return Optional.of(toAddress(a.or(host), bits / 8));
    }

    /** {@code a.b.c.d-e} (last byte / last IPv6 group in hex) or {@code a.b.c.d-e.f.g.h} (a full end address). */
    private static Optional<InetAddress> ranged(Node n, InetAddress start, String endText, BindContext ctx) {
        boolean v4 = LvsAddresses.isV4(start);
        int bytes = start.getAddress().length;
        if ((v4 && endText.indexOf('.') >= 0) || (!v4 && endText.indexOf(':') >= 0)) {
            Optional<InetAddress> end = LvsAddresses.parse(endText);
            if (end.isEmpty()) {
                ctx.warn(n.position(), "Invalid range end " + n.name() + " - skipping", n.name(), null, null);
                return Optional.empty();
            }
            if (LvsAddresses.isV4(end.get()) != v4) {
                ctx.warn(n.position(), "Range address families do not match " + n.name() + " - skipping", n.name(),
                        null, null);
                return Optional.empty();
            }
            if (new BigInteger(1, start.getAddress()).compareTo(new BigInteger(1, end.get().getAddress())) > 0) {
                ctx.warn(n.position(), "Address range end is less than address range start - " + n.name()
                        + " - skipping", n.name(), null, null);
                return Optional.empty();
            }
            return end;
        }
        long max = v4 ? 255 : 0xffff;
        long e;
        try {
            e = Long.parseLong(endText, v4 ? 10 : 16);
        } catch (NumberFormatException ex) {
            e = -1;
        }
        if (e < 0 || e > max) {
            ctx.warn(n.position(), "Invalid address range end " + endText + " in " + n.name() + " - skipping", endText,
                    v4 ? "0..255" : "0..ffff", null);
            return Optional.empty();
        }
        byte[] b = start.getAddress();
        long first = v4 ? (b[3] & 0xff) : ((b[bytes - 2] & 0xff) << 8) | (b[bytes - 1] & 0xff);
        if (first >= e) {
            ctx.warn(n.position(), "Address range end is not greater than address range start - " + n.name()
                    + " - skipping", n.name(), null, null);
            return Optional.empty();
        }
        if (v4) {
            b[3] = (byte) e;
        } else {
            b[bytes - 2] = (byte) (e >> 8);
            b[bytes - 1] = (byte) e;
        }
        return Optional.of(toAddress(new BigInteger(1, b), bytes));
    }

    private static InetAddress toAddress(BigInteger v, int bytes) {
        byte[] raw = v.toByteArray();
        byte[] b = new byte[bytes];
        int copy = Math.min(raw.length, bytes);
        System.arraycopy(raw, raw.length - copy, b, bytes - copy, copy);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a " + bytes + "-byte address is always valid", e);
        }
    }
}
