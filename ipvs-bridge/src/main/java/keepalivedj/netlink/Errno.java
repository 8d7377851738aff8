package keepalivedj.netlink;

import java.util.Map;

/** The errno values netlink replies carry, with glibc's strerror text. Pure data: no native calls. */
public final class Errno {
    public static final int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, E2BIG = 7, EBADF = 9,
            EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14, EBUSY = 16, EEXIST = 17, ENODEV = 19,
            EINVAL = 22, ENOSPC = 28, ERANGE = 34, ENOPROTOOPT = 92, EPROTONOSUPPORT = 93, EMSGSIZE = 90,
            EOPNOTSUPP = 95, EAFNOSUPPORT = 97, EADDRINUSE = 98, EADDRNOTAVAIL = 99, ENOBUFS = 105;

    private static final Map<Integer, String> TEXT = Map.ofEntries(
            Map.entry(EPERM, "Operation not permitted"), Map.entry(ENOENT, "No such file or directory"),
            Map.entry(ESRCH, "No such process"), Map.entry(EINTR, "Interrupted system call"),
            Map.entry(EIO, "Input/output error"), Map.entry(E2BIG, "Argument list too long"),
            Map.entry(EBADF, "Bad file descriptor"), Map.entry(EAGAIN, "Resource temporarily unavailable"),
            Map.entry(ENOMEM, "Cannot allocate memory"), Map.entry(EACCES, "Permission denied"),
            Map.entry(EFAULT, "Bad address"), Map.entry(EBUSY, "Device or resource busy"),
            Map.entry(EEXIST, "File exists"), Map.entry(ENODEV, "No such device"),
            Map.entry(EINVAL, "Invalid argument"), Map.entry(ENOSPC, "No space left on device"),
            Map.entry(ERANGE, "Numerical result out of range"), Map.entry(ENOPROTOOPT, "Protocol not available"),
            Map.entry(EPROTONOSUPPORT, "Protocol not supported"), Map.entry(EMSGSIZE, "Message too long"),
            Map.entry(EOPNOTSUPP, "Operation not supported"),
            Map.entry(EAFNOSUPPORT, "Address family not supported by protocol"),
            Map.entry(EADDRINUSE, "Address already in use"),
            Map.entry(EADDRNOTAVAIL, "Cannot assign requested address"),
            Map.entry(ENOBUFS, "No buffer space available"));

    private Errno() {
    }

    /** glibc's strerror text, or "Unknown error N" as glibc prints it. */
    public static String strerror(int errno) {
        return TEXT.getOrDefault(errno, "Unknown error " + errno);
    }

    /** "File exists (errno 17)". */
    public static String describe(int errno) {
        return strerror(errno) + " (errno " + errno + ")";
    }
}
