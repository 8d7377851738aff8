package keepalivedj.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One received netlink message: the nlmsghdr fields and a read-only view of the payload. {@link #parseAll} splits a
 * datagram (a dump packs many messages into one); {@link #ack} reads NLMSG_ERROR including the extended-ACK TLVs;
 * {@link #genlAttributes} reads a generic netlink message. Every length is checked; bad input raises
 * {@link MalformedMessageException} with the offending offset, never an index exception.
 */
public final class NlMessage {
    public static final int NLMSG_NOOP = 1, NLMSG_ERROR = 2, NLMSG_DONE = 3, NLMSG_OVERRUN = 4;
    public static final int NLM_F_REQUEST = 0x1, NLM_F_MULTI = 0x2, NLM_F_ACK = 0x4, NLM_F_ECHO = 0x8,
            NLM_F_DUMP_INTR = 0x10;
    public static final int NLM_F_ROOT = 0x100, NLM_F_MATCH = 0x200, NLM_F_DUMP = 0x300;
    public static final int NLM_F_REPLACE = 0x100, NLM_F_EXCL = 0x200, NLM_F_CREATE = 0x400, NLM_F_APPEND = 0x800;
    /** Flags of an NLMSG_ERROR reply: the original payload was left out; extended-ACK TLVs follow. */
    public static final int NLM_F_CAPPED = 0x100, NLM_F_ACK_TLVS = 0x200;
    static final int NLMSGERR_ATTR_MSG = 1, NLMSGERR_ATTR_OFFS = 2;

    private final int type;
    private final int flags;
    private final int seq;
    private final int portId;
    private final ByteBuffer payload;

    private NlMessage(int type, int flags, int seq, int portId, ByteBuffer payload) {
        this.type = type;
        this.flags = flags;
        this.seq = seq;
        this.portId = portId;
        this.payload = payload;
    }

    /** Splits a datagram (position..limit) into messages. */
    public static List<NlMessage> parseAll(ByteBuffer datagram) throws MalformedMessageException {
        ByteBuffer b = datagram.slice().order(ByteOrder.nativeOrder());
        List<NlMessage> out = new ArrayList<>();
        int pos = 0;
        while (pos < b.limit()) {
            if (b.limit() - pos < NlRequest.NLMSG_HDRLEN) {
                throw malformed(b, pos, (b.limit() - pos) + " bytes left, too short for a 16-byte nlmsghdr");
            }
            int len = b.getInt(pos);
            if (len < NlRequest.NLMSG_HDRLEN || len > b.limit() - pos) {
                throw malformed(b, pos, "nlmsg_len " + Integer.toUnsignedString(len) + " (expected: 16.."
                        + (b.limit() - pos) + ")");
            }
            ByteBuffer p = b.duplicate().position(pos + NlRequest.NLMSG_HDRLEN).limit(pos + len).slice()
                    .order(ByteOrder.nativeOrder());
            out.add(new NlMessage(Short.toUnsignedInt(b.getShort(pos + 4)), Short.toUnsignedInt(b.getShort(pos + 6)),
                    b.getInt(pos + 8), b.getInt(pos + 12), p.asReadOnlyBuffer().order(ByteOrder.nativeOrder())));
            pos = Math.min(b.limit(), pos + NlAttrs.align4(len));
        }
        return out;
    }

    private static MalformedMessageException malformed(ByteBuffer b, int pos, String what) {
        int end = Math.min(b.limit(), pos + 32);
        byte[] head = new byte[end - pos];
        b.duplicate().position(pos).get(head);
        return new MalformedMessageException("malformed netlink datagram at offset " + pos + ": " + what + " [bytes: "
                + HexFormat.ofDelimiter(" ").formatHex(head) + "]");
    }

    public int type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    public int seq() {
        return seq;
    }

    public int portId() {
        return portId;
    }

    /** The payload after the nlmsghdr (read-only, host byte order). */
    public ByteBuffer payload() {
        return payload.duplicate().order(ByteOrder.nativeOrder());
    }

    /** An NLMSG_ERROR reply: error 0 is an ACK. */
    public record Ack(int errno, int requestSeq, String extAck) {
        public boolean ok() {
            return errno == 0;
        }
    }

    /** Reads an NLMSG_ERROR payload: s32 -errno, the original nlmsghdr (and payload unless CAPPED), then TLVs. */
    public Ack ack() throws MalformedMessageException {
        if (type != NLMSG_ERROR) {
            throw new MalformedMessageException("message type " + type + " is not NLMSG_ERROR");
        }
        ByteBuffer p = payload();
        if (p.remaining() < 4 + NlRequest.NLMSG_HDRLEN) {
            throw new MalformedMessageException("NLMSG_ERROR payload is " + p.remaining() + " bytes (expected: >= 20)");
        }
        int error = p.getInt(0);
        int origLen = p.getInt(4);
        int origSeq = p.getInt(12);
        int skip = 4 + NlRequest.NLMSG_HDRLEN;
        if ((flags & NLM_F_CAPPED) == 0 && error != 0) {
            skip = 4 + NlAttrs.align4(origLen);
        }
        String ext = "";
        if ((flags & NLM_F_ACK_TLVS) != 0) {
            if (skip > p.limit()) {
                throw new MalformedMessageException("NLMSG_ERROR echoes " + origLen + " bytes but has only "
                        + (p.limit() - 4));
            }
            NlAttr msg = NlAttrs.parse(p.position(skip)).get(NLMSGERR_ATTR_MSG);
            if (msg != null) {
                ext = msg.string();
            }
        }
        if (error > 0) {
            throw new MalformedMessageException("NLMSG_ERROR error " + error + " (expected: 0 or a negative errno)");
        }
        return new Ack(-error, origSeq, ext);
    }

    /** For NLMSG_DONE: the s32 that follows (0, or a negative errno when a dump failed). */
    public int doneErrno() {
        ByteBuffer p = payload();
        return p.remaining() >= 4 ? Math.max(0, -p.getInt(0)) : 0;
    }

    /** The generic netlink command (genlmsghdr.cmd). */
    public int genlCommand() throws MalformedMessageException {
        requireHeader(4, "genlmsghdr");
        return Byte.toUnsignedInt(payload.get(0));
    }

    /** The attributes after the genlmsghdr. */
    public NlAttrs genlAttributes() throws MalformedMessageException {
        return attributes(4, "genlmsghdr");
    }

    /** The attributes after a fixed family header of this many bytes (ifaddrmsg: 8, ifinfomsg: 16, rtmsg: 12). */
    public NlAttrs attributes(int fixedHeaderLen, String headerName) throws MalformedMessageException {
        requireHeader(fixedHeaderLen, headerName);
        return NlAttrs.parse(payload().position(NlAttrs.align4(Math.min(fixedHeaderLen, payload.limit()))));
    }

    private void requireHeader(int len, String name) throws MalformedMessageException {
        if (payload.remaining() < len) {
            throw new MalformedMessageException("message type " + type + " payload is " + payload.remaining()
                    + " bytes, too short for " + name + " (" + len + ")");
        }
    }

    @Override
    public String toString() {
        return "NlMessage[type=" + type + ", flags=0x" + Integer.toHexString(flags) + ", seq=" + seq + ", len="
                + payload.remaining() + "]";
    }
}
