package keepalivedj.daemon.io;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;

import keepalivedj.healthcheck.io.LinuxSockets;

/**
 * Sends whole IPv4/IPv6 packets (header included, as the codec built them) through raw {@code IPPROTO_RAW}
 * sockets bound to one interface, so the kernel picks the next hop and resolves its MAC: this is how unicast
 * adverts reach {@code unicast_peer}s on the link or behind a router. It does not receive (pcap does; an
 * {@code IPPROTO_RAW} socket gets no packets) and does not frame.
 *
 * <p>The header goes out as given: TTL/hop limit, TOS and ID are the caller's (keepalived: TOS 0xc0, TTL
 * {@code unicast_ttl}). For IPv4 the kernel fills in the header checksum and total length, and the ID when it is
 * 0. Multicast loop is off, as in keepalived. Failures return false, are counted and logged once per streak.
 *
 * <p>The sockets are made and bound through jnr-ffi (rare calls); each packet goes out with one JNI sendto of the
 * health checks' socket library ({@link LinuxSockets#sendTo}): through jnr-ffi's reflective binding, with both
 * arrays copied in and out, that send made an idle unicast master cost 2.4 times keepalived's CPU.
 */
public final class RawIpSender implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RawIpSender.class.getName());

    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int IPPROTO_RAW = 255; // implies IP_HDRINCL (IPv4) and IPV6_HDRINCL (IPv6)
    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;
    private static final int IPPROTO_IP = 0;
    private static final int IP_MULTICAST_LOOP = 34;
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_MULTICAST_LOOP = 19;
    private static final int ENXIO = 6;
    private static final int ENODEV = 19;

    /** The socket set-up calls, through jnr-ffi (already used by the netlink layer). */
    public interface LibC {
        int socket(int domain, int type, int protocol);

        int setsockopt(int fd, int level, int option, @In byte[] value, int length);

        int close(int fd);

        String strerror(int errno);
    }

    private final String ifName;
    private final int ifIndex;
    private final int fd4;
    private final int fd6;
    private final AtomicLong packetsSent = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private volatile boolean closed;
    private boolean failing; // guarded by this

    private RawIpSender(String ifName, int ifIndex, int fd4, int fd6) {
        this.ifName = ifName;
        this.ifIndex = ifIndex;
        this.fd4 = fd4;
        this.fd6 = fd6;
    }

    /**
     * Opens an IPv4 and an IPv6 raw socket bound to {@code ifName}. IPv6 is optional: if the kernel refuses it
     * (IPv6 disabled) a warning is logged and IPv6 packets are refused at send time.
     *
     * @throws IOException when the IPv4 socket cannot be made or bound (no such interface, not root)
     */
    public static RawIpSender open(String ifName, int ifIndex) throws IOException {
        try {
            LinuxSockets.describe(0); // loads the JNI library now: a missing one fails here, not at each send
        } catch (LinkageError e) {
            throw new IOException("(" + ifName + ") raw IP sockets: " + e);
        }
        LibC c = libc();
        int fd4 = openSocket(c, AF_INET, ifName);
        int fd6;
        try {
            fd6 = openSocket(c, AF_INET6, ifName);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "({0}) no IPv6 raw socket, IPv6 unicast disabled: {1}", ifName,
                    e.getMessage());
            fd6 = -1;
        }
        return new RawIpSender(ifName, ifIndex, fd4, fd6);
    }

    private static int openSocket(LibC c, int family, String ifName) throws IOException {
        String what = "(" + ifName + ") raw IPv" + (family == AF_INET ? "4" : "6") + " socket";
        int fd = c.socket(family, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW);
        if (fd < 0) {
            throw new IOException(what + ": " + lastError(c));
        }
        try {
            bindToDevice(c, fd, ifName, what);
            int level = family == AF_INET ? IPPROTO_IP : IPPROTO_IPV6;
            int option = family == AF_INET ? IP_MULTICAST_LOOP : IPV6_MULTICAST_LOOP;
            if (c.setsockopt(fd, level, option, intValue(0), 4) != 0) {
                throw new IOException(what + ": cannot disable multicast loop: " + lastError(c));
            }
        } catch (IOException e) {
            c.close(fd);
            throw e;
        }
        return fd;
    }

    private static void bindToDevice(LibC c, int fd, String ifName, String what) throws IOException {
        byte[] name = Arrays.copyOf(ifName.getBytes(StandardCharsets.US_ASCII), ifName.length() + 1);
        if (c.setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, name.length) != 0) {
            throw new IOException(what + ": cannot bind to the interface: " + lastError(c));
        }
    }

    public String ifName() {
        return ifName;
    }

    public long packetsSent() {
        return packetsSent.get();
    }

    public long sendErrors() {
        return sendErrors.get();
    }

    /**
     * Sends one IP packet to the destination in its header, routed by the kernel out of this interface. Never
     * throws: returns false, counts and logs when it could not be sent.
     */
    public boolean send(byte[] packet) {
        return send(packet, 0);
    }

    /** {@link #send(byte[])} of the packet that starts at {@code offset} (an advert frame past its Ethernet header). */
    public synchronized boolean send(byte[] buffer, int offset) { // synchronized with close(): never a reused fd
        int length = buffer.length - offset;
        String failure = length <= 0 ? "empty packet" : null;
        int version = length <= 0 ? 0 : (buffer[offset] & 0xff) >>> 4;
        if (failure == null && closed) {
            failure = "sender closed";
        } else if (failure == null && version == 4 && length >= 20) {
            failure = sendTo(fd4, buffer, offset, sockaddrIn(buffer, offset));
        } else if (failure == null && version == 6 && length >= 40) {
            failure = fd6 < 0 ? "IPv6 is not available"
                    : sendTo(fd6, buffer, offset, sockaddrIn6(buffer, offset, ifIndex));
        } else if (failure == null) {
            failure = "not an IPv4/IPv6 packet (version " + version + ", " + length + " bytes)";
        }
        if (failure == null) {
            packetsSent.incrementAndGet();
            streakEnded();
            return true;
        }
        sendErrors.incrementAndGet();
        streakGoesOn(failure);
        return false;
    }

    /**
     * What sends {@code frame}'s IP packet (past its Ethernet header) to its destination from outside this class:
     * the event loop's kernel timer wait, for a unicast master's adverts. null when closed, for IPv6 without its
     * socket, for anything but an IPv4/IPv6 packet, or without the JNI library. A failed send there returns to
     * the loop, which sends through {@link #send(byte[], int)} (re-binding, counting and logging). The sockets
     * are only closed after the event loop has ended, so the descriptor stays ours while the wait uses it.
     */
    public LinuxSockets.FrameSender advertSender(byte[] frame) {
        int length = frame.length - 14;
        int version = length <= 0 ? 0 : (frame[14] & 0xff) >>> 4;
        try {
            if (closed) {
                return null;
            } else if (version == 4 && length >= 20) {
                return LinuxSockets.packetSender(fd4, sockaddrIn(frame, 14));
            } else if (version == 6 && length >= 40 && fd6 >= 0) {
                return LinuxSockets.packetSender(fd6, sockaddrIn6(frame, 14, ifIndex));
            }
        } catch (LinkageError e) {
            LOG.log(Level.DEBUG, "({0}) no JNI socket library: {1}", ifName, e.toString());
        }
        return null;
    }

    /** Counts a packet that went out through {@link #advertSender}'s sender. */
    public void countSent() {
        packetsSent.incrementAndGet();
        streakEnded();
    }

    /** null when sent, else why not. Re-binds once when the interface was re-created under the same name. */
    private String sendTo(int fd, byte[] buffer, int offset, byte[] address) {
        int length = buffer.length - offset;
        for (int attempt = 0; ; attempt++) {
            int sent = LinuxSockets.sendTo(fd, buffer, offset, length, address);
            if (sent == length) {
                return null;
            }
            if (sent >= 0) {
                return "sent " + sent + " of " + length + " bytes";
            }
            int errno = -sent;
            if (attempt > 0 || (errno != ENODEV && errno != ENXIO)) {
                return LinuxSockets.describe(errno) + " (errno " + errno + ")";
            }
            try {
                bindToDevice(libc(), fd, ifName, "(" + ifName + ") raw socket");
            } catch (IOException e) {
                return e.getMessage();
            }
        }
    }

    /*
     * The socket addresses are filled in byte by byte rather than through a ByteBuffer: this runs at every unicast
     * advert, and the JDK's buffer methods stay interpreted for minutes at one call a second.
     */

    /** struct sockaddr_in for the packet's destination (family in host order, port 0). */
    static byte[] sockaddrIn(byte[] packet, int offset) {
        byte[] a = new byte[16];
        putHost(a, 0, 2, AF_INET);
        System.arraycopy(packet, offset + 16, a, 4, 4);
        return a;
    }

    /** struct sockaddr_in6 for the packet's destination; the scope is the interface's index (link-local peers). */
    static byte[] sockaddrIn6(byte[] packet, int offset, int scopeId) {
        byte[] a = new byte[28];
        putHost(a, 0, 2, AF_INET6);
        System.arraycopy(packet, offset + 24, a, 8, 16);
        putHost(a, 24, 4, scopeId); // sin6_scope_id
        return a;
    }

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    /** {@code value}'s low {@code size} bytes at {@code at}, in the host's byte order. */
    private static void putHost(byte[] a, int at, int size, int value) {
        for (int i = 0; i < size; i++) {
            a[at + (LITTLE_ENDIAN ? i : size - 1 - i)] = (byte) (value >>> (8 * i));
        }
    }

    private synchronized void streakEnded() {
        if (failing) {
            failing = false;
            LOG.log(Level.INFO, "({0}) sending unicast packets works again", ifName);
        }
    }

    private synchronized void streakGoesOn(String why) {
        if (!failing) {
            failing = true;
            LOG.log(Level.WARNING, "({0}) cannot send IP packet: {1} (further failures are only counted)", ifName,
                    why);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        libc().close(fd4);
        if (fd6 >= 0) {
            libc().close(fd6);
        }
    }

    private static byte[] intValue(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
    }

    private static String lastError(LibC c) {
        int errno = jnr.ffi.Runtime.getRuntime(c).getLastError();
        return c.strerror(errno) + " (errno " + errno + ")";
    }

    private static LibC libc() {
        return Native.LIBC;
    }

    /** Loads libc on first use only (holder idiom), so merely loading this class costs nothing. */
    private static final class Native {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    }
}
