package keepalivedj.netlink.route;

/**
 * A network interface as RTM_NEWLINK describes it: index, name, IFF_* flags, RFC 2863 operational state, MTU.
 * Link-up arrives as two events (IFF_UP first, IFF_RUNNING / IF_OPER_UP later), so callers should test
 * {@link #isRunning()}, not {@link #isUp()}.
 */
public record RtnlLink(int ifindex, String name, int flags, int operState, int mtu) {
    public static final int IFF_UP = 0x1, IFF_RUNNING = 0x40, IFF_LOWER_UP = 0x10000;
    public static final int IF_OPER_UNKNOWN = 0, IF_OPER_DOWN = 2, IF_OPER_UP = 6;

    public boolean isUp() {
        return (flags & IFF_UP) != 0;
    }

    public boolean isRunning() {
        return (flags & IFF_RUNNING) != 0;
    }
}
