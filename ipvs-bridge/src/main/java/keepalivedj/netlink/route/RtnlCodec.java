package keepalivedj.netlink.route;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import keepalivedj.netlink.MalformedMessageException;
import keepalivedj.netlink.NlAttr;
import keepalivedj.netlink.NlAttrs;
import keepalivedj.netlink.NlMessage;
import keepalivedj.netlink.NlRequest;

/**
 * rtnetlink requests and replies for addresses and links, on the shared netlink codec. Pure: builds
 * {@link NlRequest}s and reads {@link NlMessage}s; {@link RtnlAddresses} and {@link RtnlEvents} do the I/O.
 */
public final class RtnlCodec {
    public static final int RTM_NEWLINK = 16, RTM_DELLINK = 17, RTM_GETLINK = 18, RTM_NEWADDR = 20,
            RTM_DELADDR = 21, RTM_GETADDR = 22;
    /** Legacy multicast group bits for bind(): RTMGRP_LINK, RTMGRP_IPV4_IFADDR, RTMGRP_IPV6_IFADDR. */
    public static final int RTMGRP_LINK = 0x1, RTMGRP_IPV4_IFADDR = 0x10, RTMGRP_IPV6_IFADDR = 0x100;
    static final int AF_UNSPEC = 0, AF_INET = 2, AF_INET6 = 10;
    static final int IFA_ADDRESS = 1, IFA_LOCAL = 2, IFA_LABEL = 3, IFA_FLAGS = 8;
    static final int IFA_F_NODAD = 0x02;
    static final int IFLA_ADDRESS = 1, IFLA_IFNAME = 3, IFLA_MTU = 4, IFLA_OPERSTATE = 16;
    static final int IFADDRMSG_LEN = 8, IFINFOMSG_LEN = 16;

    private RtnlCodec() {
    }

    /** RTM_NEWADDR with NLM_F_CREATE|NLM_F_EXCL (EEXIST if present). IPv6 addresses skip DAD (IFA_F_NODAD). */
    public static NlRequest addAddress(RtnlAddress a) {
        NlRequest r = NlRequest.of(RTM_NEWADDR, NlMessage.NLM_F_CREATE | NlMessage.NLM_F_EXCL);
        return addressBody(r, a);
    }

    public static NlRequest removeAddress(RtnlAddress a) {
        return addressBody(NlRequest.of(RTM_DELADDR, 0), a);
    }

    private static NlRequest addressBody(NlRequest r, RtnlAddress a) {
        r.header(ifaddrmsg(a.isIpv6() ? AF_INET6 : AF_INET, a.prefixLength(), a.scope(), a.ifindex()));
        byte[] raw = a.address().getAddress();
        r.bytes(IFA_LOCAL, raw).bytes(IFA_ADDRESS, raw);
        if (!a.label().isEmpty() && !a.isIpv6()) {
            r.string(IFA_LABEL, a.label());
        }
        if (a.isIpv6()) {
            r.u32(IFA_FLAGS, IFA_F_NODAD);
        }
        return r;
    }

    public static NlRequest dumpAddresses() {
        return NlRequest.of(RTM_GETADDR, NlMessage.NLM_F_DUMP).header(ifaddrmsg(AF_UNSPEC, 0, 0, 0));
    }

    public static NlRequest dumpLinks() {
        return NlRequest.of(RTM_GETLINK, NlMessage.NLM_F_DUMP).header(new byte[IFINFOMSG_LEN]);
    }

    /** struct ifaddrmsg {u8 family, prefixlen, flags, scope; u32 index}. */
    static byte[] ifaddrmsg(int family, int prefix, int scope, int ifindex) {
        return ByteBuffer.allocate(IFADDRMSG_LEN).order(ByteOrder.nativeOrder()).put((byte) family)
                .put((byte) prefix).put((byte) 0).put((byte) scope).putInt(ifindex).array();
    }

    /** Reads RTM_NEWADDR / RTM_DELADDR. */
    public static RtnlAddress parseAddress(NlMessage m) throws MalformedMessageException {
        ByteBuffer p = m.payload();
        if (p.remaining() < IFADDRMSG_LEN) {
            throw new MalformedMessageException("address message is " + p.remaining() + " bytes (expected: >= 8)");
        }
        int family = Byte.toUnsignedInt(p.get(0));
        int prefix = Byte.toUnsignedInt(p.get(1));
        int scope = Byte.toUnsignedInt(p.get(3));
        int index = p.getInt(4);
        NlAttrs a = m.attributes(IFADDRMSG_LEN, "ifaddrmsg");
        NlAttr addr = a.get(IFA_LOCAL) != null ? a.get(IFA_LOCAL) : a.require(IFA_ADDRESS, "IFA_ADDRESS");
        int len = family == AF_INET ? 4 : family == AF_INET6 ? 16 : -1;
        if (len < 0 || addr.length() != len) {
            throw new MalformedMessageException("address of family " + family + " is " + addr.length() + " bytes");
        }
        NlAttr label = a.get(IFA_LABEL);
        try {
            return new RtnlAddress(index, InetAddress.getByAddress(addr.bytes()), prefix, scope,
                    label == null ? "" : label.string());
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new MalformedMessageException("address message: " + e.getMessage());
        }
    }

    /** Reads RTM_NEWLINK / RTM_DELLINK. */
    public static RtnlLink parseLink(NlMessage m) throws MalformedMessageException {
        ByteBuffer p = m.payload();
        if (p.remaining() < IFINFOMSG_LEN) {
            throw new MalformedMessageException("link message is " + p.remaining() + " bytes (expected: >= 16)");
        }
        int index = p.getInt(4);
        int flags = p.getInt(8);
        NlAttrs a = m.attributes(IFINFOMSG_LEN, "ifinfomsg");
        NlAttr oper = a.get(IFLA_OPERSTATE);
        NlAttr mtu = a.get(IFLA_MTU);
        return new RtnlLink(index, a.require(IFLA_IFNAME, "IFLA_IFNAME").string(), flags,
                oper == null ? RtnlLink.IF_OPER_UNKNOWN : oper.u8(), mtu == null ? 0 : mtu.u32());
    }

    /** An event message as a typed event, or null for types we do not subscribe to. */
    public static RtnlEvent parseEvent(NlMessage m) throws MalformedMessageException {
        switch (m.type()) {
            case RTM_NEWLINK:
            case RTM_DELLINK:
                return new RtnlEvent.LinkChanged(parseLink(m), m.type() == RTM_DELLINK);
            case RTM_NEWADDR:
            case RTM_DELADDR:
                return new RtnlEvent.AddressChanged(parseAddress(m), m.type() == RTM_DELADDR);
            default:
                return null;
        }
    }

}
