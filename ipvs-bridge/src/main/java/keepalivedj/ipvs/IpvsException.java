package keepalivedj.ipvs;

import keepalivedj.netlink.Errno;
import keepalivedj.netlink.NetlinkException;

/**
 * The kernel refused an IPVS command. {@link #kind()} says why in terms of IPVS (the kernel reuses errnos: ENOENT
 * is "no such destination" for SET_DEST but "scheduler not found" for NEW_SERVICE); the message uses ipvsadm's
 * wording so operators recognise it, then the errno and what the command was about.
 */
public final class IpvsException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, decided from the command and the errno. */
    public enum Kind {
        SERVICE_EXISTS("Service already exists"),
        NO_SUCH_SCHEDULER("Scheduler or persistence engine not found"),
        NO_SUCH_SERVICE("No such service"),
        SERVICE_NOT_DEFINED("Service not defined"),
        DESTINATION_EXISTS("Destination already exists"),
        NO_SUCH_DESTINATION("No such destination"),
        DAEMON_RUNNING("Daemon has already run"),
        NO_DAEMON("No daemon is running"),
        PERMISSION_DENIED("Permission denied (you must be root)"),
        INVALID("Invalid operation.  Possibly wrong module version, address not unicast, ..."),
        NOT_AVAILABLE("IPVS is not available in this kernel or network namespace"),
        OTHER("");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final IpvsCmd cmd;
    private final int errno;
    private final Kind kind;
    private final String subject;

    public IpvsException(IpvsCmd cmd, int errno, String subject, String extAck) {
        super(message(cmd, errno, subject, extAck));
        this.cmd = cmd;
        this.errno = errno;
        this.kind = classify(cmd, errno);
        this.subject = subject;
    }

    public IpvsCmd cmd() {
        return cmd;
    }

    public int errno() {
        return errno;
    }

    public Kind kind() {
        return kind;
    }

    /** What the command was about: "TCP 10.1.1.1:80 -> 10.2.2.2:80", or "" for global commands. */
    public String subject() {
        return subject;
    }

    /** ipvsadm's text for this error, or strerror when ipvsadm has none. */
    public String reason() {
        return kind == Kind.OTHER ? Errno.strerror(errno) : kind.text();
    }

    private static String message(IpvsCmd cmd, int errno, String subject, String extAck) {
        Kind k = classify(cmd, errno);
        String reason = k == Kind.OTHER ? Errno.strerror(errno) : k.text();
        return "IPVS " + cmd + (subject.isEmpty() ? "" : " " + subject) + " failed: " + reason + " ("
                + Errno.strerror(errno) + ", errno " + errno + ")" + (extAck == null || extAck.isEmpty() ? ""
                : ": " + extAck);
    }

    static Kind classify(IpvsCmd cmd, int errno) {
        switch (errno) {
            case Errno.EEXIST:
                return cmd == IpvsCmd.NEW_SERVICE ? Kind.SERVICE_EXISTS
                        : cmd == IpvsCmd.NEW_DEST ? Kind.DESTINATION_EXISTS
                        : cmd == IpvsCmd.NEW_DAEMON ? Kind.DAEMON_RUNNING : Kind.OTHER;
            case Errno.ENOENT:
                return cmd == IpvsCmd.NEW_SERVICE || cmd == IpvsCmd.SET_SERVICE ? Kind.NO_SUCH_SCHEDULER
                        : cmd == IpvsCmd.SET_DEST || cmd == IpvsCmd.DEL_DEST ? Kind.NO_SUCH_DESTINATION : Kind.OTHER;
            case Errno.ESRCH:
                return cmd == IpvsCmd.SET_SERVICE || cmd == IpvsCmd.DEL_SERVICE || cmd == IpvsCmd.GET_SERVICE
                        || cmd == IpvsCmd.ZERO ? Kind.NO_SUCH_SERVICE
                        : cmd == IpvsCmd.NEW_DEST || cmd == IpvsCmd.SET_DEST || cmd == IpvsCmd.DEL_DEST
                        || cmd == IpvsCmd.GET_DEST ? Kind.SERVICE_NOT_DEFINED
                        : cmd == IpvsCmd.DEL_DAEMON ? Kind.NO_DAEMON : Kind.OTHER;
            case Errno.EPERM:
                return Kind.PERMISSION_DENIED;
            case Errno.EINVAL:
                return Kind.INVALID;
            default:
                return Kind.OTHER;
        }
    }
}
