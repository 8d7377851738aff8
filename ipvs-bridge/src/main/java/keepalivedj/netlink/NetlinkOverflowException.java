package keepalivedj.netlink;

/**
 * The socket's receive buffer overflowed (ENOBUFS) and the kernel dropped messages. On an event socket this means
 * events were lost: the owner must re-dump the state it tracks.
 */
public final class NetlinkOverflowException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    public NetlinkOverflowException(String message) {
        super(message);
    }
}
