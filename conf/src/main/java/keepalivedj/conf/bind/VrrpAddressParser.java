package keepalivedj.conf.bind;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Predicate;
import keepalivedj.conf.model.VrrpAddress;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * Reads one {@code virtual_ipaddress} / {@code virtual_ipaddress_excluded} / {@code static_ipaddress} line
 * (keepalived.md a.4), with keepalived 2.2's {@code alloc_ipaddress} messages. Unknown words are reported and
 * skipped, the address kept; a missing argument, a bad or duplicate {@code dev}, a non-existent interface, an
 * over-long label or a broadcast on IPv6 drops the address. The family rules between the addresses of one
 * instance are the caller's. {@code dev} stays null when not written.
 */
final class VrrpAddressParser {
    private VrrpAddressParser() {
    }

    static final int LABEL_MAX = 15;

    private static final List<String> ARG_WORDS = List.of("brd", "broadcast", "dev", "scope", "label", "peer",
            "preferred_lft", "track_group");

    /** Mutable state of one line while it is read. */
    private static final class Entry {
        VrrpWords.Prefix address;
        String addr;
        InetAddress brd;
        int brdSpecial; // 0 none, +1 '+', -1 '-'
        boolean haveBroadcast;
        String dev;
        int scope;
        String label;
        InetAddress peer;
        int peerPrefix;
        boolean home;
        boolean noDad;
        boolean mngTmpAddr;
        boolean noPrefixRoute;
        boolean autoJoin;
        boolean noTrack;
        boolean useVmac;
        Long lft;
    }

    /**
     * The address of {@code line}, or null when keepalived would drop it (already reported).
     * {@code interfaceKnown} answers whether a {@code dev} may be used (exists, or dynamic_interfaces).
     */
    static VrrpAddress parse(Node line, BindContext ctx, boolean staticAddress, Predicate<String> interfaceKnown) {
        List<Token> w = VrrpWords.words(line);
        Token first = w.get(0);
        Entry e = new Entry();
        e.addr = first.text();
        e.address = VrrpWords.prefix(first.text());
        if (e.address == null) {
            ctx.warn(first.position(), "Invalid address '" + first.text() + "' for ip address", first.text(),
                    "ADDRESS[/PREFIX]", "removing address");
            return null;
        }
        for (int i = 1; i < w.size(); i++) {
            Token t = w.get(i);
            String kw = t.text();
            boolean argWord = ARG_WORDS.contains(kw) && (!kw.equals("track_group") || staticAddress);
            if (argWord && i + 1 >= w.size()) {
                ctx.warn(t.position(), "No " + kw + " parameter specified for " + e.addr, null, kw + " VALUE",
                        "removing address");
                return null;
            }
            Token arg = argWord ? w.get(++i) : null;
            if (!option(e, t, arg, staticAddress, interfaceKnown, ctx)) {
                return null;
            }
        }
        return finish(e, line, ctx);
    }

    /** Applies one option; false when the address is dropped (reported). */
    private static boolean option(Entry e, Token t, Token arg, boolean staticAddress, Predicate<String> known,
                                  BindContext ctx) {
        boolean v6 = e.address.ipv6();
        switch (t.text()) {
            case "dev":
                if (e.dev != null) {
                    ctx.warn(t.position(), "Cannot specify ipaddress device more than once for " + e.addr, null,
                            null, "removing address");
                    return false;
                }
                if (!known.test(arg.text())) {
                    ctx.warn(arg.position(), "WARNING - interface " + arg.text() + " for ip address " + e.addr
                            + " doesn't exist", arg.text(), "an interface of this host", "removing address");
                    return false;
                }
                e.dev = arg.text();
                return true;
            case "scope": {
                Integer s = scope(arg.text());
                if (s == null) {
                    ctx.warn(arg.position(), "Invalid scope '" + arg.text() + "' specified for " + e.addr
                            + " - ignoring", arg.text(), "site, link, host, nowhere, global or 0..255", null);
                } else {
                    e.scope = s;
                }
                return true;
            }
            case "brd":
            case "broadcast":
                if (v6) {
                    // keepalived prints the keyword where it meant the value; kept for byte-compatible logs
                    ctx.warn(t.position(), "VRRP is trying to assign a broadcast " + t.text() + " to the IPv6 address "
                            + e.addr + " !!?? WTF... skipping VIP...", arg.text(), "no broadcast for IPv6", null);
                    return false;
                }
                e.haveBroadcast = true;
                if (arg.text().equals("+") || arg.text().equals("-")) {
                    e.brdSpecial = arg.text().equals("+") ? 1 : -1;
                    return true;
                }
                e.brd = VrrpWords.ip(arg.text());
                if (e.brd == null || e.brd.getAddress().length != 4) {
                    ctx.warn(arg.position(), "VRRP is trying to assign invalid broadcast " + arg.text()
                            + ". skipping VIP...", arg.text(), "an IPv4 address, '+' or '-'", null);
                    return false;
                }
                return true;
            case "label":
                if (arg.text().length() > LABEL_MAX) {
                    ctx.warn(arg.position(), "Label '" + arg.text() + "' for ip address " + e.addr
                            + " is longer than maximum length " + LABEL_MAX, arg.text(),
                            "at most " + LABEL_MAX + " characters", "removing address");
                    return false;
                }
                e.label = arg.text();
                return true;
            case "peer":
                peer(e, arg, ctx);
                return true;
            case "preferred_lft":
                if (arg.text().equals("forever")) {
                    e.lft = VrrpAddress.FOREVER;
                } else {
                    Long v = VrrpWords.number(arg.text());
                    if (v == null || v < 0 || v > VrrpAddress.FOREVER) {
                        ctx.warn(arg.position(), "preferred_lft " + arg.text() + " is invalid", arg.text(),
                                "seconds or 'forever'", "using the default");
                    } else {
                        e.lft = v;
                    }
                }
                return true;
            case "track_group":
                return true; // static addresses only: the group is the static tracking's concern
            default:
                return flag(e, t, staticAddress, ctx);
        }
    }

    private static boolean flag(Entry e, Token t, boolean staticAddress, BindContext ctx) {
        switch (t.text()) {
            case "home":
                e.home = true;
                break;
            case "-nodad":
                e.noDad = true;
                break;
            case "mngtmpaddr":
                e.mngTmpAddr = true;
                break;
            case "noprefixroute":
                e.noPrefixRoute = true;
                break;
            case "autojoin":
                e.autoJoin = true;
                break;
            case "no_track":
                e.noTrack = true;
                break;
            default:
                if (!staticAddress && t.text().equals("use_vmac")) {
                    e.useVmac = true;
                } else {
                    ctx.warn(t.position(), "Unknown configuration entry '" + t.text() + "' for ip address - ignoring",
                            t.text(), null, null);
                }
        }
        return true;
    }

    private static void peer(Entry e, Token arg, BindContext ctx) {
        if (e.peer != null) {
            ctx.warn(arg.position(), "Peer " + arg.text() + " - another peer has already been specified", arg.text(),
                    null, "ignoring it");
            return;
        }
        VrrpWords.Prefix p = VrrpWords.prefix(arg.text());
        if (p == null) {
            ctx.warn(arg.position(), "Invalid peer address " + arg.text(), arg.text(), "ADDRESS[/PREFIX]", null);
        } else if (p.ipv6() != e.address.ipv6()) {
            ctx.warn(arg.position(), "Peer address " + arg.text() + " does not match address family", arg.text(),
                    null, null);
        } else {
            if (e.address.length() >= 0 && e.address.length() != e.address.maxLength()) {
                ctx.warn(arg.position(), "Cannot specify address prefix when specifying peer address - ignoring",
                        e.addr, null, null);
            }
            e.peer = p.address();
            e.peerPrefix = p.lengthOrHost();
        }
    }

    private static VrrpAddress finish(Entry e, Node line, BindContext ctx) {
        boolean v6 = e.address.ipv6();
        // with a peer, the address takes the peer's prefix length (ip addr semantics)
        int prefix = e.peer != null ? e.peerPrefix : e.address.lengthOrHost();
        InetAddress brd = e.brd;
        if (e.haveBroadcast && e.peer != null) {
            ctx.warn(line.position(), "Cannot specify broadcast and peer addresses - ignoring broadcast address", null,
                    null, null);
            brd = null;
        } else if (e.brdSpecial != 0 && prefix <= 30) {
            brd = broadcast(e.peer != null ? e.peer : e.address.address(), prefix, e.brdSpecial > 0);
        } else if (e.brdSpecial != 0) {
            ctx.warn(line.position(), "Address prefix length " + prefix + " too long for broadcast", null,
                    "a prefix of 30 or less", "no broadcast set");
        }
        int scope = e.scope;
        String label = e.label;
        long lft = VrrpAddress.FOREVER;
        if (v6) {
            if (scope != 0) {
                ctx.warn(line.position(), "Cannot specify scope for IPv6 addresses (" + e.addr + ") - ignoring scope",
                        null, null, null);
                scope = 0;
            }
            if (label != null) {
                ctx.warn(line.position(), "Cannot specify label for IPv6 addresses (" + e.addr + ") - ignoring label",
                        null, null, null);
                label = null;
            }
            lft = e.lft != null ? e.lft : prefix == 128 ? 0 : VrrpAddress.FOREVER;
        }
        return new VrrpAddress(e.address.address(), prefix, brd, e.dev, scope, label, e.peer,
                e.peer == null ? 0 : e.peerPrefix, e.home, e.noDad, e.mngTmpAddr, e.noPrefixRoute, e.autoJoin,
                e.noTrack, lft, e.useVmac, line.position());
    }

    static Integer scope(String s) {
        switch (s) {
            case "global":
            case "universe":
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
        } catch (UnknownHostException x) {
            throw new IllegalStateException(x); // four bytes are always an address
        }
    }
}
