package keepalivedj.ipvs;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import keepalivedj.netlink.MalformedMessageException;
import keepalivedj.netlink.NlAttr;
import keepalivedj.netlink.NlAttrs;
import keepalivedj.netlink.NlRequest;

/**
 * Maps IPVS records to generic netlink attributes and back (linux/ip_vs.h numbering). Pure: no sockets. The
 * ports (service, destination, GUE tunnel) are big-endian inside otherwise host-order attributes; the IPv4
 * persistence netmask is a mask in network order, the IPv6 one a host-order prefix length.
 */
public final class IpvsAttributes {
    public static final String FAMILY = "IPVS";
    public static final int VERSION = 1;
    static final int CMD_ATTR_SERVICE = 1, CMD_ATTR_DEST = 2, CMD_ATTR_DAEMON = 3, CMD_ATTR_TIMEOUT_TCP = 4,
            CMD_ATTR_TIMEOUT_TCP_FIN = 5, CMD_ATTR_TIMEOUT_UDP = 6;
    static final int SVC_AF = 1, SVC_PROTOCOL = 2, SVC_ADDR = 3, SVC_PORT = 4, SVC_FWMARK = 5, SVC_SCHED_NAME = 6,
            SVC_FLAGS = 7, SVC_TIMEOUT = 8, SVC_NETMASK = 9, SVC_PE_NAME = 11;
    static final int DEST_ADDR = 1, DEST_PORT = 2, DEST_FWD_METHOD = 3, DEST_WEIGHT = 4, DEST_U_THRESH = 5,
            DEST_L_THRESH = 6, DEST_ACTIVE_CONNS = 7, DEST_INACT_CONNS = 8, DEST_PERSIST_CONNS = 9,
            DEST_ADDR_FAMILY = 11, DEST_TUN_TYPE = 13, DEST_TUN_PORT = 14, DEST_TUN_FLAGS = 15;
    static final int DAEMON_STATE = 1, DAEMON_MCAST_IFN = 2, DAEMON_SYNC_ID = 3, DAEMON_SYNC_MAXLEN = 4,
            DAEMON_MCAST_GROUP = 5, DAEMON_MCAST_GROUP6 = 6, DAEMON_MCAST_PORT = 7, DAEMON_MCAST_TTL = 8;
    static final int INFO_VERSION = 1, INFO_CONN_TAB_SIZE = 2;
    private static final int FWD_MASK = 0x7;

    private IpvsAttributes() {
    }

    /** A request for this command with no attributes yet. */
    public static NlRequest request(int familyId, IpvsCmd cmd, int flags) {
        return NlRequest.genl(familyId, cmd.number(), VERSION, flags);
    }

    /**
     * The IPVS_CMD_ATTR_SERVICE nest. With {@code full} the scheduler, flags (mask all ones), persistence timeout,
     * netmask and engine follow the key, as for NEW/SET_SERVICE; without, only the key (enough for the kernel to
     * find the service for destination commands and DEL_SERVICE).
     */
    public static void service(NlRequest r, IpvsService s, boolean full) {
        r.nest(CMD_ATTR_SERVICE, n -> {
            n.u16(SVC_AF, s.family().af());
            if (s.isFwmark()) {
                n.u32(SVC_FWMARK, s.fwmark());
            } else {
                n.u16(SVC_PROTOCOL, s.protocol().number());
                n.bytes(SVC_ADDR, addr16(s.address()));
                n.be16(SVC_PORT, s.port());
            }
            if (full) {
                n.string(SVC_SCHED_NAME, s.scheduler());
                if (!s.persistenceEngine().isEmpty()) {
                    n.string(SVC_PE_NAME, s.persistenceEngine());
                }
                n.bytes(SVC_FLAGS, flagsStruct(s.flags()));
                n.u32(SVC_TIMEOUT, s.timeout());
                if (s.family() == Family.INET) {
                    n.be32(SVC_NETMASK, s.netmask());
                } else {
                    n.u32(SVC_NETMASK, s.netmask());
                }
            }
        });
    }

    /** The IPVS_CMD_ATTR_DEST nest: every field, as ipvsadm sends it (tunnel fields only for TUNNEL). */
    public static void destination(NlRequest r, IpvsDestination d) {
        r.nest(CMD_ATTR_DEST, n -> {
            n.u16(DEST_ADDR_FAMILY, d.family().af());
            n.bytes(DEST_ADDR, addr16(d.address()));
            n.be16(DEST_PORT, d.port());
            n.u32(DEST_FWD_METHOD, d.forwarding().code());
            n.u32(DEST_WEIGHT, d.weight());
            if (d.forwarding() == Forwarding.TUNNEL) {
                n.u8(DEST_TUN_TYPE, d.tunnelType().code());
                n.be16(DEST_TUN_PORT, d.tunnelPort());
                n.u16(DEST_TUN_FLAGS, d.tunnelFlags());
            }
            n.u32(DEST_U_THRESH, d.upperThreshold());
            n.u32(DEST_L_THRESH, d.lowerThreshold());
        });
    }

    /** The IPVS_CMD_ATTR_DAEMON nest; for DEL_DAEMON only state and sync id, as keepalived sends. */
    public static void daemon(NlRequest r, SyncDaemon d, boolean start) {
        r.nest(CMD_ATTR_DAEMON, n -> {
            n.u32(DAEMON_STATE, d.state().code());
            if (start) {
                n.string(DAEMON_MCAST_IFN, d.interfaceName());
            }
            n.u32(DAEMON_SYNC_ID, d.syncId());
            if (start) {
                if (d.maxLen() != 0) {
                    n.u16(DAEMON_SYNC_MAXLEN, d.maxLen());
                }
                if (d.group() instanceof Inet4Address) {
                    n.bytes(DAEMON_MCAST_GROUP, d.group().getAddress());
                } else if (d.group() != null) {
                    n.bytes(DAEMON_MCAST_GROUP6, d.group().getAddress());
                }
                if (d.port() != 0) {
                    n.u16(DAEMON_MCAST_PORT, d.port());
                }
                if (d.ttl() != 0) {
                    n.u8(DAEMON_MCAST_TTL, d.ttl());
                }
            }
        });
    }

    public static void timeouts(NlRequest r, IpvsTimeouts t) {
        r.u32(CMD_ATTR_TIMEOUT_TCP, t.tcp()).u32(CMD_ATTR_TIMEOUT_TCP_FIN, t.tcpFin())
                .u32(CMD_ATTR_TIMEOUT_UDP, t.udp());
    }

    /** Reads a service nest from a GET_SERVICE reply. The kernel-internal HASHED flag is dropped. */
    public static IpvsService parseService(NlAttrs top) throws MalformedMessageException {
        NlAttrs a = top.require(CMD_ATTR_SERVICE, "IPVS_CMD_ATTR_SERVICE").nested();
        Family f = family(a.require(SVC_AF, "IPVS_SVC_ATTR_AF").u16());
        NlAttr fl = a.require(SVC_FLAGS, "IPVS_SVC_ATTR_FLAGS");
        if (fl.length() != 8) {
            throw new MalformedMessageException("IPVS_SVC_ATTR_FLAGS is " + fl.length() + " bytes (expected: 8)");
        }
        int flags = java.nio.ByteBuffer.wrap(fl.bytes()).order(java.nio.ByteOrder.nativeOrder()).getInt(0)
                & ~IpvsService.F_HASHED;
        NlAttr pe = a.get(SVC_PE_NAME);
        NlAttr nm = a.require(SVC_NETMASK, "IPVS_SVC_ATTR_NETMASK");
        int netmask = f == Family.INET ? nm.be32() : nm.u32();
        String sched = a.require(SVC_SCHED_NAME, "IPVS_SVC_ATTR_SCHED_NAME").string();
        int timeout = a.require(SVC_TIMEOUT, "IPVS_SVC_ATTR_TIMEOUT").u32();
        String peName = pe == null ? "" : pe.string();
        NlAttr fwmark = a.get(SVC_FWMARK);
        try {
            if (fwmark != null && fwmark.u32() != 0) {
                return new IpvsService(f, null, null, 0, fwmark.u32(), sched, flags, timeout, netmask, peName);
            }
            Protocol p = protocol(a.require(SVC_PROTOCOL, "IPVS_SVC_ATTR_PROTOCOL").u16());
            InetAddress addr = address(f, a.require(SVC_ADDR, "IPVS_SVC_ATTR_ADDR"));
            return new IpvsService(f, p, addr, a.require(SVC_PORT, "IPVS_SVC_ATTR_PORT").be16(), 0, sched, flags,
                    timeout, netmask, peName);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("IPVS service: " + e.getMessage());
        }
    }

    /** Reads a destination nest from a GET_DEST reply, with its counters. */
    public static DestinationEntry parseDestination(NlAttrs top, Family serviceFamily)
            throws MalformedMessageException {
        NlAttrs a = top.require(CMD_ATTR_DEST, "IPVS_CMD_ATTR_DEST").nested();
        NlAttr af = a.get(DEST_ADDR_FAMILY);
        Family f = af == null ? serviceFamily : family(af.u16());
        int fwdCode = a.require(DEST_FWD_METHOD, "IPVS_DEST_ATTR_FWD_METHOD").u32() & FWD_MASK;
        try {
            Forwarding fwd = Forwarding.ofCode(fwdCode);
            IpvsDestination d = IpvsDestination.of(address(f, a.require(DEST_ADDR, "IPVS_DEST_ATTR_ADDR")),
                    a.require(DEST_PORT, "IPVS_DEST_ATTR_PORT").be16(), fwd,
                    a.require(DEST_WEIGHT, "IPVS_DEST_ATTR_WEIGHT").u32());
            d = d.withThresholds(u32(a, DEST_U_THRESH), u32(a, DEST_L_THRESH));
            if (fwd == Forwarding.TUNNEL && a.has(DEST_TUN_TYPE)) {
                NlAttr port = a.get(DEST_TUN_PORT);
                d = d.withTunnel(TunnelType.ofCode(a.get(DEST_TUN_TYPE).u8()), port == null ? 0 : port.be16(),
                        u16(a, DEST_TUN_FLAGS));
            }
            return new DestinationEntry(d, Integer.toUnsignedLong(u32(a, DEST_ACTIVE_CONNS)),
                    Integer.toUnsignedLong(u32(a, DEST_INACT_CONNS)),
                    Integer.toUnsignedLong(u32(a, DEST_PERSIST_CONNS)));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("IPVS destination: " + e.getMessage());
        }
    }

    public static SyncDaemon parseDaemon(NlAttrs top) throws MalformedMessageException {
        NlAttrs a = top.require(CMD_ATTR_DAEMON, "IPVS_CMD_ATTR_DAEMON").nested();
        InetAddress group = null;
        NlAttr g4 = a.get(DAEMON_MCAST_GROUP);
        NlAttr g6 = a.get(DAEMON_MCAST_GROUP6);
        if (g4 != null) {
            group = address(Family.INET, g4);
        } else if (g6 != null) {
            group = address(Family.INET6, g6);
        }
        NlAttr ttl = a.get(DAEMON_MCAST_TTL);
        try {
            return new SyncDaemon(SyncDaemon.State.ofCode(a.require(DAEMON_STATE, "IPVS_DAEMON_ATTR_STATE").u32()),
                    a.require(DAEMON_MCAST_IFN, "IPVS_DAEMON_ATTR_MCAST_IFN").string(),
                    a.require(DAEMON_SYNC_ID, "IPVS_DAEMON_ATTR_SYNC_ID").u32(), u16(a, DAEMON_SYNC_MAXLEN), group,
                    u16(a, DAEMON_MCAST_PORT), ttl == null ? 0 : ttl.u8());
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("IPVS daemon: " + e.getMessage());
        }
    }

    public static IpvsTimeouts parseTimeouts(NlAttrs a) throws MalformedMessageException {
        return new IpvsTimeouts(a.require(CMD_ATTR_TIMEOUT_TCP, "IPVS_CMD_ATTR_TIMEOUT_TCP").u32(),
                a.require(CMD_ATTR_TIMEOUT_TCP_FIN, "IPVS_CMD_ATTR_TIMEOUT_TCP_FIN").u32(),
                a.require(CMD_ATTR_TIMEOUT_UDP, "IPVS_CMD_ATTR_TIMEOUT_UDP").u32());
    }

    public static IpvsInfo parseInfo(NlAttrs a) throws MalformedMessageException {
        return new IpvsInfo(a.require(INFO_VERSION, "IPVS_INFO_ATTR_VERSION").u32(),
                a.require(INFO_CONN_TAB_SIZE, "IPVS_INFO_ATTR_CONN_TAB_SIZE").u32());
    }

    /** struct ip_vs_flags {u32 flags; u32 mask;} in host order; mask all ones replaces every flag. */
    static byte[] flagsStruct(int flags) {
        return java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder()).putInt(flags).putInt(-1)
                .array();
    }

    /** union nf_inet_addr: 16 bytes, an IPv4 address in the first four. */
    static byte[] addr16(InetAddress a) {
        return Arrays.copyOf(a.getAddress(), 16);
    }

    private static InetAddress address(Family f, NlAttr a) throws MalformedMessageException {
        byte[] b = a.bytes();
        if (b.length < f.addressLength()) {
            throw new MalformedMessageException("address attribute " + a.type() + " is " + b.length
                    + " bytes (expected: >= " + f.addressLength() + " for " + f + ")");
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOf(b, f.addressLength()));
        } catch (UnknownHostException e) {
            throw new MalformedMessageException("bad address: " + e.getMessage());
        }
    }

    private static Family family(int af) throws MalformedMessageException {
        try {
            return Family.ofAf(af);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("IPVS: " + e.getMessage());
        }
    }

    private static Protocol protocol(int n) throws MalformedMessageException {
        try {
            return Protocol.ofNumber(n);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("IPVS: " + e.getMessage());
        }
    }

    private static int u32(NlAttrs a, int type) throws MalformedMessageException {
        NlAttr x = a.get(type);
        return x == null ? 0 : x.u32();
    }

    private static int u16(NlAttrs a, int type) throws MalformedMessageException {
        NlAttr x = a.get(type);
        return x == null ? 0 : x.u16();
    }
}
