package keepalivedj.netlink.route;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import keepalivedj.netlink.NlMessage;
import keepalivedj.netlink.NlRequest;

/**
 * rtnetlink requests for routes (RTM_NEWROUTE / RTM_DELROUTE) and policy rules (RTM_NEWRULE / RTM_DELRULE), on the
 * shared netlink codec. Pure; {@link RtnlRoutes} does the I/O.
 */
public final class RtnlRouteCodec {
    public static final int RTM_NEWROUTE = 24, RTM_DELROUTE = 25, RTM_NEWRULE = 32, RTM_DELRULE = 33;
    static final int RTA_DST = 1, RTA_SRC = 2, RTA_OIF = 4, RTA_GATEWAY = 5, RTA_PRIORITY = 6, RTA_PREFSRC = 7,
            RTA_TABLE = 15;
    static final int FRA_DST = 1, FRA_SRC = 2, FRA_IIFNAME = 3, FRA_GOTO = 4, FRA_PRIORITY = 6, FRA_FWMARK = 10,
            FRA_TABLE = 15, FRA_FWMASK = 16, FRA_OIFNAME = 17, FRA_PROTOCOL = 21;
    static final int RTNH_F_ONLINK = 4, FIB_RULE_INVERT = 2;

    private RtnlRouteCodec() {
    }

    /** RTM_NEWROUTE with NLM_F_CREATE|NLM_F_EXCL (EEXIST when the same route is there). */
    public static NlRequest addRoute(RtnlRoute r) {
        return routeBody(NlRequest.of(RTM_NEWROUTE, NlMessage.NLM_F_CREATE | NlMessage.NLM_F_EXCL), r);
    }

    public static NlRequest removeRoute(RtnlRoute r) {
        return routeBody(NlRequest.of(RTM_DELROUTE, 0), r);
    }

    private static NlRequest routeBody(NlRequest q, RtnlRoute r) {
        int family = r.isIpv6() ? RtnlCodec.AF_INET6 : RtnlCodec.AF_INET;
        // struct rtmsg {u8 family, dst_len, src_len, tos, table, protocol, scope, type; u32 flags}
        q.header(ByteBuffer.allocate(12).order(ByteOrder.nativeOrder()).put((byte) family)
                .put((byte) r.prefixLength()).put((byte) (r.source() == null ? 0 : r.sourcePrefixLength()))
                .put((byte) r.tos()).put((byte) (r.table() < 256 ? r.table() : 252 /* RT_TABLE_COMPAT */))
                .put((byte) r.protocol()).put((byte) r.scope()).put((byte) r.type())
                .putInt(r.onlink() ? RTNH_F_ONLINK : 0).array());
        if (r.prefixLength() > 0) {
            q.bytes(RTA_DST, r.destination().getAddress());
        }
        if (r.source() != null) {
            q.bytes(RTA_SRC, r.source().getAddress());
        }
        if (r.oif() > 0) {
            q.u32(RTA_OIF, r.oif());
        }
        if (r.gateway() != null) {
            q.bytes(RTA_GATEWAY, r.gateway().getAddress());
        }
        if (r.metric() != null) {
            q.u32(RTA_PRIORITY, (int) (long) r.metric());
        }
        if (r.prefSrc() != null) {
            q.bytes(RTA_PREFSRC, r.prefSrc().getAddress());
        }
        q.u32(RTA_TABLE, (int) r.table());
        return q;
    }

    /** RTM_NEWRULE with NLM_F_CREATE|NLM_F_EXCL. */
    public static NlRequest addRule(RtnlRule r) {
        return ruleBody(NlRequest.of(RTM_NEWRULE, NlMessage.NLM_F_CREATE | NlMessage.NLM_F_EXCL), r);
    }

    public static NlRequest removeRule(RtnlRule r) {
        return ruleBody(NlRequest.of(RTM_DELRULE, 0), r);
    }

    private static NlRequest ruleBody(NlRequest q, RtnlRule r) {
        int family = r.ipv6() ? RtnlCodec.AF_INET6 : RtnlCodec.AF_INET;
        // struct fib_rule_hdr {u8 family, dst_len, src_len, tos, table, res1, res2, action; u32 flags}
        q.header(ByteBuffer.allocate(12).order(ByteOrder.nativeOrder()).put((byte) family)
                .put((byte) (r.to() == null ? 0 : r.toPrefixLength()))
                .put((byte) (r.from() == null ? 0 : r.fromPrefixLength())).put((byte) r.tos())
                .put((byte) (r.table() > 0 && r.table() < 256 ? r.table() : 0)).put((byte) 0).put((byte) 0)
                .put((byte) r.action()).putInt(r.invert() ? FIB_RULE_INVERT : 0).array());
        if (r.to() != null) {
            q.bytes(FRA_DST, r.to().getAddress());
        }
        if (r.from() != null) {
            q.bytes(FRA_SRC, r.from().getAddress());
        }
        if (r.iifName() != null) {
            q.string(FRA_IIFNAME, r.iifName());
        }
        if (r.oifName() != null) {
            q.string(FRA_OIFNAME, r.oifName());
        }
        if (r.gotoTarget() != null) {
            q.u32(FRA_GOTO, (int) (long) r.gotoTarget());
        }
        q.u32(FRA_PRIORITY, (int) r.priority());
        if (r.fwmark() != null) {
            q.u32(FRA_FWMARK, (int) (long) r.fwmark());
        }
        if (r.fwmask() != null) {
            q.u32(FRA_FWMASK, (int) (long) r.fwmask());
        }
        if (r.table() > 0) {
            q.u32(FRA_TABLE, (int) r.table());
        }
        if (r.protocol() != null) {
            q.u8(FRA_PROTOCOL, r.protocol());
        }
        return q;
    }
}
