package keepalivedj.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A parsed run of netlink attributes (the tail of a message or the payload of a nest). Parsing checks every
 * nla_len against the bytes that are there; lookups never throw for a missing attribute ({@link #get} returns
 * null) but {@link #require} does, with the attribute's name in the message.
 */
public final class NlAttrs {
    /** NLA_F_NESTED | NLA_F_NET_BYTEORDER, masked off the type (NLA_TYPE_MASK). */
    static final int TYPE_MASK = 0x3fff;
    private final List<NlAttr> attrs;

    private NlAttrs(List<NlAttr> attrs) {
        this.attrs = attrs;
    }

    /** Parses from the buffer's position to its limit. */
    public static NlAttrs parse(ByteBuffer in) throws MalformedMessageException {
        ByteBuffer b = in.slice().order(ByteOrder.nativeOrder());
        List<NlAttr> out = new ArrayList<>();
        int pos = 0;
        while (b.limit() - pos >= 4) {
            int len = Short.toUnsignedInt(b.getShort(pos));
            int type = Short.toUnsignedInt(b.getShort(pos + 2)) & TYPE_MASK;
            if (len < 4 || len > b.limit() - pos) {
                throw new MalformedMessageException("attribute " + type + " at offset " + pos + " has nla_len " + len
                        + " (expected: 4.." + (b.limit() - pos) + ")");
            }
            out.add(new NlAttr(type, b.duplicate().position(pos + 4).limit(pos + len)));
            pos += align4(len);
        }
        if (pos < b.limit()) {
            throw new MalformedMessageException((b.limit() - pos) + " trailing bytes after the last attribute");
        }
        return new NlAttrs(Collections.unmodifiableList(out));
    }

    static int align4(int n) {
        return (n + 3) & ~3;
    }

    /** The last attribute of this type (the kernel's nla_parse keeps the last one too), or null. */
    public NlAttr get(int type) {
        for (int i = attrs.size() - 1; i >= 0; i--) {
            if (attrs.get(i).type() == type) {
                return attrs.get(i);
            }
        }
        return null;
    }

    public NlAttr require(int type, String name) throws MalformedMessageException {
        NlAttr a = get(type);
        if (a == null) {
            throw new MalformedMessageException("missing attribute " + name + " (" + type + ")");
        }
        return a;
    }

    public boolean has(int type) {
        return get(type) != null;
    }

    public List<NlAttr> all() {
        return attrs;
    }

    public int size() {
        return attrs.size();
    }
}
