package keepalivedj.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Builds one netlink request: nlmsghdr, an optional family header (genlmsghdr, ifaddrmsg, ...) and attributes,
 * possibly nested. Host byte order everywhere except in the methods whose name says {@code be}. The length,
 * sequence number and port id are filled in when the socket encodes it ({@link #encodeInto}); the builder does
 * no I/O.
 */
public final class NlRequest {
    static final int NLMSG_HDRLEN = 16;
    static final int NLA_F_NESTED = 0x8000;
    private final int type;
    private final int flags;
    private ByteBuffer body = ByteBuffer.allocate(128).order(ByteOrder.nativeOrder());

    private NlRequest(int type, int flags) {
        this.type = type;
        this.flags = flags;
    }

    /** A request of this nlmsg_type; flags such as NLM_F_DUMP or NLM_F_CREATE. REQUEST/ACK are the socket's. */
    public static NlRequest of(int type, int flags) {
        return new NlRequest(type, flags);
    }

    /** A generic netlink request: nlmsghdr + genlmsghdr {cmd, version, reserved 0}. */
    public static NlRequest genl(int familyId, int cmd, int version, int flags) {
        NlRequest r = new NlRequest(familyId, flags);
        r.ensure(4);
        r.body.put((byte) cmd).put((byte) version).putShort((short) 0);
        return r;
    }

    /** Appends a fixed family header (e.g. struct ifaddrmsg) and pads it to 4 bytes. */
    public NlRequest header(byte[] fixed) {
        ensure(NlAttrs.align4(fixed.length));
        body.put(fixed);
        pad();
        return this;
    }

    public NlRequest u8(int attr, int v) {
        put(attr, 1).put((byte) v);
        return padded();
    }

    public NlRequest u16(int attr, int v) {
        put(attr, 2).putShort((short) v);
        return padded();
    }

    /** A 16-bit value in network byte order inside a host-order attribute set (IPVS ports). */
    public NlRequest be16(int attr, int v) {
        put(attr, 2).put((byte) (v >>> 8)).put((byte) v);
        return padded();
    }

    public NlRequest u32(int attr, int v) {
        put(attr, 4).putInt(v);
        return padded();
    }

    public NlRequest be32(int attr, int v) {
        put(attr, 4).put((byte) (v >>> 24)).put((byte) (v >>> 16)).put((byte) (v >>> 8)).put((byte) v);
        return padded();
    }

    public NlRequest u64(int attr, long v) {
        put(attr, 8).putLong(v);
        return padded();
    }

    /** A NUL-terminated string; the NUL counts in nla_len. */
    public NlRequest string(int attr, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        put(attr, b.length + 1).put(b).put((byte) 0);
        return padded();
    }

    public NlRequest bytes(int attr, byte[] b) {
        put(attr, b.length).put(b);
        return padded();
    }

    /** A nested attribute (NLA_F_NESTED set) whose content the consumer writes. */
    public NlRequest nest(int attr, Consumer<NlRequest> content) {
        ensure(4);
        int start = body.position();
        body.putShort((short) 0).putShort((short) (attr | NLA_F_NESTED));
        content.accept(this);
        body.putShort(start, (short) (body.position() - start));
        return this;
    }

    public int type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    /** Total encoded length including the nlmsghdr. */
    public int length() {
        return NLMSG_HDRLEN + body.position();
    }

    /** Writes nlmsghdr (with these extra flags, seq and port id) and the body at the buffer's position. */
    public void encodeInto(ByteBuffer out, int extraFlags, int seq, int portId) {
        ByteBuffer o = out.duplicate().order(ByteOrder.nativeOrder());
        o.putInt(length()).putShort((short) type).putShort((short) (flags | extraFlags)).putInt(seq).putInt(portId);
        o.put(body.duplicate().flip());
        out.position(o.position());
    }

    /** The encoded message as bytes, for tests and logs. */
    public byte[] toBytes(int extraFlags, int seq, int portId) {
        ByteBuffer b = ByteBuffer.allocate(length());
        encodeInto(b, extraFlags, seq, portId);
        return b.array();
    }

    private ByteBuffer put(int attr, int payloadLen) {
        if (payloadLen > 0xffff - 4) {
            throw new IllegalArgumentException("attribute " + attr + " payload " + payloadLen + " bytes is too long");
        }
        ensure(4 + NlAttrs.align4(payloadLen));
        return body.putShort((short) (4 + payloadLen)).putShort((short) attr);
    }

    private void pad() {
        while ((body.position() & 3) != 0) {
            body.put((byte) 0);
        }
    }

    private NlRequest padded() {
        pad();
        return this;
    }

    private void ensure(int more) {
        if (body.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(body.capacity() * 2, body.position() + more))
                    .order(ByteOrder.nativeOrder());
            bigger.put(body.flip());
            body = bigger;
        }
    }
}
