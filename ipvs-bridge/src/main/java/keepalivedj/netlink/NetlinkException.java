package keepalivedj.netlink;

import java.io.IOException;

/** Something went wrong talking netlink: a failed system call, a kernel error reply or a reply we cannot parse. */
public class NetlinkException extends IOException {
    private static final long serialVersionUID = 1L;

    public NetlinkException(String message) {
        super(message);
    }

    public NetlinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
