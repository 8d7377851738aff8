package keepalivedj.netlink;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A generic netlink family as the controller (nlctrl, id 16) describes it: id, version, highest attribute and
 * multicast groups. {@link #request} and {@link #parse} are the pure halves; {@link #resolve} runs them on a
 * socket. A family that is not registered (module not loaded) comes back as ENOENT.
 */
public record GenlFamily(String name, int id, int version, int maxAttr, Map<String, Integer> multicastGroups) {
    public static final int GENL_ID_CTRL = 16;
    static final int CTRL_CMD_GETFAMILY = 3;
    static final int CTRL_ATTR_FAMILY_ID = 1, CTRL_ATTR_FAMILY_NAME = 2, CTRL_ATTR_VERSION = 3,
            CTRL_ATTR_MAXATTR = 5, CTRL_ATTR_MCAST_GROUPS = 7;
    static final int CTRL_ATTR_MCAST_GRP_NAME = 1, CTRL_ATTR_MCAST_GRP_ID = 2;

    public GenlFamily {
        multicastGroups = Map.copyOf(multicastGroups);
    }

    /** CTRL_CMD_GETFAMILY by name (what libnl's genl_ctrl_resolve and ipvsadm send). */
    public static NlRequest request(String name) {
        return NlRequest.genl(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0).string(CTRL_ATTR_FAMILY_NAME, name);
    }

    /** Reads the controller's NEWFAMILY reply. */
    public static GenlFamily parse(NlMessage reply) throws MalformedMessageException {
        NlAttrs a = reply.genlAttributes();
        Map<String, Integer> groups = new HashMap<>();
        NlAttr mc = a.get(CTRL_ATTR_MCAST_GROUPS);
        if (mc != null) {
            for (NlAttr g : mc.nested().all()) {
                NlAttrs ga = g.nested();
                groups.put(ga.require(CTRL_ATTR_MCAST_GRP_NAME, "CTRL_ATTR_MCAST_GRP_NAME").string(),
                        ga.require(CTRL_ATTR_MCAST_GRP_ID, "CTRL_ATTR_MCAST_GRP_ID").u32());
            }
        }
        NlAttr max = a.get(CTRL_ATTR_MAXATTR);
        return new GenlFamily(a.require(CTRL_ATTR_FAMILY_NAME, "CTRL_ATTR_FAMILY_NAME").string(),
                a.require(CTRL_ATTR_FAMILY_ID, "CTRL_ATTR_FAMILY_ID").u16(),
                a.require(CTRL_ATTR_VERSION, "CTRL_ATTR_VERSION").u32(), max == null ? 0 : max.u32(), groups);
    }

    /** Asks the kernel for this family. */
    public static GenlFamily resolve(NetlinkSocket socket, String name) throws NetlinkException {
        List<NlMessage> replies = socket.request(request(name));
        if (replies.size() != 1) {
            throw new MalformedMessageException("CTRL_CMD_GETFAMILY " + name + " returned " + replies.size()
                    + " messages (expected: 1)");
        }
        GenlFamily f = parse(replies.get(0));
        if (!f.name().equals(name)) {
            throw new MalformedMessageException("asked for family " + name + ", got " + f.name());
        }
        return f;
    }
}
