package keepalivedj.netlink;

/**
 * A netlink message or attribute that does not follow the wire format: truncated, bad length, bad alignment,
 * an attribute of the wrong size. Raised by the codec; never a bare runtime exception.
 */
public final class MalformedMessageException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
