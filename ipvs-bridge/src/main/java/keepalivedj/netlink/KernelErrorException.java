package keepalivedj.netlink;

/**
 * The kernel answered a request with NLMSG_ERROR and a non-zero error. Carries the errno, its glibc text and,
 * when the kernel sent one, the extended-ACK message (NLMSGERR_ATTR_MSG).
 */
public final class KernelErrorException extends NetlinkException {
    private static final long serialVersionUID = 1L;
    private final int errno;
    private final String extAck;

    public KernelErrorException(int errno, String extAck, String what) {
        super(what + ": " + Errno.describe(errno) + (extAck == null || extAck.isEmpty() ? "" : " (" + extAck + ")"));
        this.errno = errno;
        this.extAck = extAck == null ? "" : extAck;
    }

    /** The positive errno value (EEXIST is 17). */
    public int errno() {
        return errno;
    }

    /** The kernel's extended-ACK text, or "" when it sent none. */
    public String extAck() {
        return extAck;
    }
}
