package keepalivedj.healthcheck;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.conf.model.CheckerTiming;
import keepalivedj.conf.model.HttpUrl;
import keepalivedj.conf.model.RealServer;
import keepalivedj.conf.model.ScriptCommand;

/**
 * The identity of one check to run: the real server's address and port and its checker's specification with every
 * configuration {@link keepalivedj.conf.Position} removed. Two virtual servers that list the same real server with
 * the same checker get the same key, so the check runs once and both hear its verdicts (keepalived issue #2358);
 * on reload an unchanged key keeps its running check. Value type only.
 */
public record CheckKey(InetAddress address, int port, CheckerSpec spec) {

    public static CheckKey of(RealServer rs, CheckerSpec spec) {
        return new CheckKey(rs.address(), rs.port(), withoutPositions(spec));
    }

    /** The checker's timing, or null for FILE_CHECK and BFD_CHECK, which are not scheduled. */
    public static CheckerTiming timing(CheckerSpec spec) {
        if (spec instanceof CheckerSpec.HttpGet) {
            return ((CheckerSpec.HttpGet) spec).timing();
        } else if (spec instanceof CheckerSpec.SslGet) {
            return ((CheckerSpec.SslGet) spec).timing();
        } else if (spec instanceof CheckerSpec.TcpCheck) {
            return ((CheckerSpec.TcpCheck) spec).timing();
        } else if (spec instanceof CheckerSpec.MiscCheck) {
            return ((CheckerSpec.MiscCheck) spec).timing();
        } else if (spec instanceof CheckerSpec.SmtpCheck) {
            return ((CheckerSpec.SmtpCheck) spec).timing();
        } else if (spec instanceof CheckerSpec.DnsCheck) {
            return ((CheckerSpec.DnsCheck) spec).timing();
        } else if (spec instanceof CheckerSpec.PingCheck) {
            return ((CheckerSpec.PingCheck) spec).timing();
        } else if (spec instanceof CheckerSpec.UdpCheck) {
            return ((CheckerSpec.UdpCheck) spec).timing();
        }
        return null;
    }

    /** Whether the checker starts failed (alpha). */
    public static boolean alpha(CheckerSpec spec) {
        if (spec instanceof CheckerSpec.BfdCheck) {
            return ((CheckerSpec.BfdCheck) spec).alpha();
        }
        CheckerTiming t = timing(spec);
        return t != null && t.alpha();
    }

    static CheckerSpec withoutPositions(CheckerSpec spec) {
        if (spec instanceof CheckerSpec.HttpGet) {
            CheckerSpec.HttpGet h = (CheckerSpec.HttpGet) spec;
            return new CheckerSpec.HttpGet(h.timing(), h.connection(), withoutPositions(h.http()), null);
        } else if (spec instanceof CheckerSpec.SslGet) {
            CheckerSpec.SslGet h = (CheckerSpec.SslGet) spec;
            return new CheckerSpec.SslGet(h.timing(), h.connection(), withoutPositions(h.http()), null);
        } else if (spec instanceof CheckerSpec.TcpCheck) {
            CheckerSpec.TcpCheck t = (CheckerSpec.TcpCheck) spec;
            return new CheckerSpec.TcpCheck(t.timing(), t.connection(), null);
        } else if (spec instanceof CheckerSpec.MiscCheck) {
            CheckerSpec.MiscCheck m = (CheckerSpec.MiscCheck) spec;
            ScriptCommand c = m.miscPath();
            return new CheckerSpec.MiscCheck(m.timing(), new ScriptCommand(c.text(), c.argv(), c.user(), c.group(),
                    null), m.miscTimeoutMicros(), m.miscDynamic(), null);
        } else if (spec instanceof CheckerSpec.SmtpCheck) {
            CheckerSpec.SmtpCheck s = (CheckerSpec.SmtpCheck) spec;
            return new CheckerSpec.SmtpCheck(s.timing(), s.heloName(), s.hosts(), null);
        } else if (spec instanceof CheckerSpec.DnsCheck) {
            CheckerSpec.DnsCheck d = (CheckerSpec.DnsCheck) spec;
            return new CheckerSpec.DnsCheck(d.timing(), d.connection(), d.type(), d.name(), null);
        } else if (spec instanceof CheckerSpec.PingCheck) {
            CheckerSpec.PingCheck p = (CheckerSpec.PingCheck) spec;
            return new CheckerSpec.PingCheck(p.timing(), p.connection(), null);
        } else if (spec instanceof CheckerSpec.UdpCheck) {
            CheckerSpec.UdpCheck u = (CheckerSpec.UdpCheck) spec;
            return new CheckerSpec.UdpCheck(u.timing(), u.connection(), u.payloadHex(), u.requireReply(),
                    u.replyPatternHex(), u.minReplyLength(), u.maxReplyLength(), null);
        } else if (spec instanceof CheckerSpec.FileCheck) {
            CheckerSpec.FileCheck f = (CheckerSpec.FileCheck) spec;
            return new CheckerSpec.FileCheck(f.trackFile(), f.weight(), f.reverse(), null);
        } else {
            CheckerSpec.BfdCheck b = (CheckerSpec.BfdCheck) spec;
            return new CheckerSpec.BfdCheck(b.name(), b.alpha(), null);
        }
    }

    private static CheckerSpec.HttpOptions withoutPositions(CheckerSpec.HttpOptions o) {
        List<HttpUrl> urls = new ArrayList<>();
        for (HttpUrl u : o.urls()) {
            urls.add(new HttpUrl(u.path(), u.digest(), u.statusCodes(), u.virtualhost(), u.regex(), u.regexNoMatch(),
                    u.regexOptions(), u.regexMinOffset(), u.regexMaxOffset(), null));
        }
        return new CheckerSpec.HttpOptions(o.virtualhost(), o.httpProtocol(), o.enableSni(), o.fastRecovery(), urls);
    }
}
