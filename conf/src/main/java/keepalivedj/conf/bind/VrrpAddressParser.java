package keepalivedj.conf.bind;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import keepalivedj.conf.Position;
import keepalivedj.conf.model.VrrpAddress;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * Reads one {@code virtual_ipaddress} / {@code virtual_ipaddress_excluded} / {@code static_ipaddress} line
 * (keepalived.md a.4). Unknown words are reported and skipped, the address kept; a missing argument, a bad
 * address, an over-long label or a broadcast on IPv6 drops the address, as keepalived 2.2.7 does. The family
 * rules between addresses of one instance are the caller's. {@code dev} stays null when not written.
 */
final class VrrpAddressParser {
    private VrrpAddressParser() {
    }

    static final int LABEL_MAX = 15;

    /** The address of {@code line}, or null when keepalived would drop it (already reported). */
    static VrrpAddress parse(Node line, BindContext ctx) {
        List<Token> w = VrrpWords.words(line);
        Token first = w.get(0);
        VrrpWords.Prefix p = VrrpWords.prefix(first.text());
        if (p == null) {
            ctx.warn(first.position(), "Invalid address '" + first.text() + "' for ip address", first.text(),
                    "ADDRESS[/PREFIX]", "removing address");
            return null;
        }
        boolean v6 = p.ipv6();
        int prefix = p.lengthOrHost();
        InetAddress brd = null;
        String dev = null;
        int scope = 0;
        String label = null;
        InetAddress peer = null;
        int peerPrefix = 0;
        boolean home = false;
        boolean noDad = false;
        boolean mngTmpAddr = false;
        boolean noPrefixRoute = false;
        boolean autoJoin = false;
        boolean noTrack = false;
        boolean useVmac = false;
        Long lft = null;
        String addr = first.text();
        for (int i = 1; i < w.size(); i++) {
            Token t = w.get(i);
            String kw = t.text();
            boolean needsArg = ARG_WORDS.contains(kw);
            Token arg = needsArg && i + 1 < w.size() ? w.get(i + 1) : null;
            if (needsArg && arg == null) {
                ctx.warn(t.position(), "No " + kw + " parameter specified for " + addr, null, kw + " VALUE",
                        "removing address");
                return null;
            }
            if (needsArg) {
                i++;
            }
            switch (kw) {
                case "brd":
                case "broadcast":
                    if (v6) {
                        ctx.warn(t.position(), "VRRP is trying to assign a broadcast " + arg.text()
                                + " to the IPv6 address " + addr, arg.text(), "no broadcast for IPv6",
                                "removing address");
                        return null;
                    }
                    if (arg.text().equals("+") || arg.text().equals("-")) {
                        if (prefix > 30) {
                            ctx.warn(arg.position(), "Cannot use broadcast '" + arg.text() + "' with prefix /"
                                    + prefix + " for " + addr, arg.text(), "a prefix of 30 or less",
                                    "no broadcast set");
                        } else {
                            brd = broadcast(p.address(), prefix, arg.text().equals("+"));
                        }
                    } else {
                        InetAddress b = VrrpWords.ip(arg.text());
                        if (b == null || b.getAddress().length != 4) {
                            ctx.warn(arg.position(), "Invalid broadcast address '" + arg.text() + "' for " + addr,
                                    arg.text(), "an IPv4 address, '+' or '-'", "removing address");
                            return null;
                        }
                        brd = b;
                    }
                    break;
                case "dev":
                    dev = arg.text();
                    break;
                case "scope": {
                    Integer s = scope(arg.text());
                    if (s == null) {
                        ctx.warn(arg.position(), "Invalid scope '" + arg.text() + "' for ip address " + addr,
                                arg.text(), "site, link, host, nowhere, global or 0..255", "using global");
                    } else if (v6) {
                        ctx.note(arg.position(), "scope is ignored for IPv6 address " + addr);
                    } else {
                        scope = s;
                    }
                    break;
                }
                case "label":
                    if (arg.text().length() > LABEL_MAX) {
                        ctx.warn(arg.position(), "Label '" + arg.text() + "' for ip address " + addr
                                + " is longer than maximum length " + LABEL_MAX, arg.text(),
                                "at most " + LABEL_MAX + " characters", "removing address");
                        return null;
                    }
                    if (v6) {
                        ctx.warn(arg.position(), "Cannot set label for IPv6 address " + addr, arg.text(), null,
                                "ignoring label");
                    } else {
                        label = arg.text();
                    }
                    break;
                case "peer": {
                    VrrpWords.Prefix pp = VrrpWords.prefix(arg.text());
                    if (pp == null || pp.ipv6() != v6) {
                        ctx.warn(arg.position(), "Invalid peer address '" + arg.text() + "' for " + addr,
                                arg.text(), v6 ? "an IPv6 address" : "an IPv4 address", "removing address");
                        return null;
                    }
                    peer = pp.address();
                    peerPrefix = pp.length() < 0 ? 0 : pp.length();
                    break;
                }
                case "preferred_lft":
                    if (arg.text().equals("forever")) {
                        lft = VrrpAddress.FOREVER;
                    } else {
                        Long v = VrrpWords.number(arg.text());
                        if (v == null || v < 0 || v > VrrpAddress.FOREVER) {
                            ctx.warn(arg.position(), "Invalid preferred_lft '" + arg.text() + "' for " + addr,
                                    arg.text(), "seconds or 'forever'", "using the default");
                        } else {
                            lft = v;
                        }
                    }
                    break;
                case "track_group":
                    break; // static addresses: resolved against track_group blocks by VrrpSections
                case "home":
                    home = true;
                    break;
                case "-nodad":
                    noDad = true;
                    break;
                case "mngtmpaddr":
                    mngTmpAddr = true;
                    break;
                case "noprefixroute":
                    noPrefixRoute = true;
                    break;
                case "autojoin":
                    autoJoin = true;
                    break;
                case "no_track":
                    noTrack = true;
                    break;
                case "use_vmac":
                    useVmac = true;
                    break;
                default:
                    ctx.warn(t.position(), "Unknown configuration entry '" + kw + "' for ip address - ignoring",
                            kw, null, null);
            }
        }
        long preferred = !v6 ? VrrpAddress.FOREVER : lft != null ? lft : prefix == 128 ? 0 : VrrpAddress.FOREVER;
        return new VrrpAddress(p.address(), prefix, brd, dev, scope, label, peer, peerPrefix, home, noDad,
                mngTmpAddr, noPrefixRoute, autoJoin, noTrack, preferred, useVmac, first.position());
    }

    private static final List<String> ARG_WORDS = List.of("brd", "broadcast", "dev", "scope", "label", "peer",
            "preferred_lft", "track_group");

    static Integer scope(String s) {
        switch (s) {
            case "global":
                return 0;
            case "site":
                return 200;
            case "link":
                return 253;
            case "host":
                return 254;
            case "nowhere":
                return 255;
            default:
                Long v = VrrpWords.number(s);
                return v != null && v >= 0 && v <= 255 ? (int) (long) v : null;
        }
    }

    private static InetAddress broadcast(InetAddress a, int prefix, boolean setHostBits) {
        byte[] b = a.getAddress();
        long v = ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
        long host = prefix == 0 ? 0xffffffffL : (1L << (32 - prefix)) - 1;
        v = setHostBits ? v | host : v & ~host;
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8),
                    (byte) v});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 bytes are always a valid address
        }
    }

    /** For messages: where the line starts. */
    static Position where(Node line) {
        return line.position();
    }
}
