package keepalivedj.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One netlink attribute (struct nlattr) as received: its type with the NLA_F_NESTED / NLA_F_NET_BYTEORDER bits
 * removed, and a read-only view of its payload. The accessors name their byte order: {@code u16} is host order
 * (what netlink uses), {@code be16} is network order (the IPVS port). Each checks the payload size and throws
 * {@link MalformedMessageException} rather than reading garbage.
 */
public final class NlAttr {
    private final int type;
    private final ByteBuffer value;

    NlAttr(int type, ByteBuffer value) {
        this.type = type;
        this.value = value.slice().order(ByteOrder.nativeOrder()).asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    public int type() {
        return type;
    }

    /** Payload length in bytes, without header or padding. */
    public int length() {
        return value.remaining();
    }

    public int u8() throws MalformedMessageException {
        return Byte.toUnsignedInt(sized(1, "u8").get(0));
    }

    public int u16() throws MalformedMessageException {
        return Short.toUnsignedInt(sized(2, "u16").getShort(0));
    }

    public int be16() throws MalformedMessageException {
        return Short.toUnsignedInt(sized(2, "be16").order(ByteOrder.BIG_ENDIAN).getShort(0));
    }

    /** Host-order 32 bits; unsigned values above 2^31 come back negative, use {@link Integer#toUnsignedLong}. */
    public int u32() throws MalformedMessageException {
        return sized(4, "u32").getInt(0);
    }

    public int be32() throws MalformedMessageException {
        return sized(4, "be32").order(ByteOrder.BIG_ENDIAN).getInt(0);
    }

    public long u64() throws MalformedMessageException {
        return sized(8, "u64").getLong(0);
    }

    /** A C string: the bytes up to the first NUL (or all of them if the kernel sent none). */
    public String string() {
        byte[] b = bytes();
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    public byte[] bytes() {
        byte[] b = new byte[value.remaining()];
        value.duplicate().get(b);
        return b;
    }

    /** The payload parsed as a list of attributes (a nest). */
    public NlAttrs nested() throws MalformedMessageException {
        return NlAttrs.parse(value.duplicate().order(ByteOrder.nativeOrder()));
    }

    private ByteBuffer sized(int size, String kind) throws MalformedMessageException {
        if (value.remaining() != size) {
            throw new MalformedMessageException(
                    "attribute " + type + " is " + value.remaining() + " bytes (expected: " + size + " for " + kind + ")");
        }
        return value.duplicate().order(ByteOrder.nativeOrder());
    }

    @Override
    public String toString() {
        return "NlAttr[type=" + type + ", len=" + length() + "]";
    }
}
