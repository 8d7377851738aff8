package keepalivedj.healthcheck.io;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The one class that makes the health checks' system calls: sockets, epoll and an eventfd, each through one JNI
 * function of the module's own small C library (src/main/c/linux_sockets.c, built by gcc in the Maven build).
 * The daemon's VRRP links send their frames through it too ({@link FrameSender}). A TCP_CHECK is socket
 * (non-blocking at creation), connect, one epoll registration and close; the JDK's SocketChannel needed 11 calls
 * for the same, and a generic binding (JNA, before) spent more user time per call than the call's own work in the
 * IPVS VM. Calls return what the kernel does: a count, or minus errno; nothing
 * throws on the check path.
 *
 * <p>An instance owns native scratch memory (addresses, one I/O buffer, the epoll event array) and is used by the
 * one {@link CheckLoop} thread only; {@link #wake} alone may be called from any thread.
 */
public final class LinuxSockets {
    /** Where the library is, when not in the class path (the launcher's unpacked copy). */
    public static final String LIBRARY_PROPERTY = "keepalivedj.sockets.library";

    static {
        load();
    }

    /**
     * Loads libkjsockets: the file {@value #LIBRARY_PROPERTY} names, or the build's copy in the class path for this
     * architecture (a jar's copy is unpacked to a temporary file that is removed once it is mapped).
     */
    private static void load() {
        String named = System.getProperty(LIBRARY_PROPERTY);
        if (named != null) {
            System.load(named);
            return;
        }
        String resource = "native/" + System.getProperty("os.arch") + "/libkjsockets.so";
        URL url = LinuxSockets.class.getResource(resource);
        if (url == null || !System.getProperty("os.name").equals("Linux")) {
            throw new ExceptionInInitializerError("health-check sockets: no " + resource + " for "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                    + " in the class path (the healthcheck module's build compiles it with gcc)");
        }
        try {
            if (url.getProtocol().equals("file")) {
                System.load(Path.of(url.toURI()).toString());
                return;
            }
            Path copy = Files.createTempFile("libkjsockets", ".so");
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                System.load(copy.toString());
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (IOException | URISyntaxException e) {
            throw new ExceptionInInitializerError("health-check sockets: cannot load " + url + ": " + e);
        }
    }

    public static final int EPOLLIN = 0x001;
    public static final int EPOLLOUT = 0x004;
    public static final int EPOLLERR = 0x008;
    public static final int EPOLLHUP = 0x010;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EINPROGRESS = 115;
    public static final int ECONNREFUSED = 111;
    public static final int EMSGSIZE = 90;

    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    private static final int SO_ERROR = 4;
    static final int SO_BINDTODEVICE = 25;
    static final int SO_MARK = 36;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLL_CTL_MOD = 3;
    private static final int EPOLL_CLOEXEC = 0x80000;
    private static final int EFD_NONBLOCK = 0x800;
    private static final int EFD_CLOEXEC = 0x80000;
    /** struct epoll_event as the C library lays it out (packed on x86-64: 4 + 8 bytes). */
    static final int EVENT_SIZE = eventSize();
    private static final int EVENT_DATA = eventDataOffset();
    static final int MAX_EVENTS = 512;
    private static final int IO_BUFFER = 64 * 1024;

    private static native int socket(int domain, int type, int protocol);

    private static native int connect(int fd, long addr, int len);

    private static native int bind(int fd, long addr, int len);

    private static native int getsockopt(int fd, int level, int name, long value, long len);

    private static native int setsockopt(int fd, int level, int name, long value, int len);

    private static native int if_nametoindex(String name);

    private static native long send(int fd, long buf, long len, int flags);

    private static native int send_frame(int fd, byte[] frame, int len);

    private static native int send_to(int fd, byte[] packet, int offset, int len, byte[] sockaddr, int sockaddrLen);

    private static native int timer_wait_open(int[] fds);

    private static native int wake_fd(int efd);

    private static native int timer_wait(int ep, int tfd, int efd, long deadlineUs, int sendFd, byte[] frame, int len,
                                         int ipId, long intervalUs, long stopUs, long[] sentAtUs, int offset,
                                         byte[] to);

    private static native long recv(int fd, long buf, long len, int flags);

    private static native long write(int fd, long buf, long len);

    private static native long read(int fd, long buf, long len);

    private static native int close(int fd);

    private static native int epoll_create1(int flags);

    private static native int epoll_ctl(int epfd, int op, int fd, long event);

    private static native int epoll_wait(int epfd, long events, int max, int timeout);

    private static native int eventfd(int initval, int flags);

    private static native String strerror(int errno);

    /** A direct buffer's native address. */
    private static native long address(ByteBuffer direct);

    private static native int eventSize();

    private static native int eventDataOffset();

    private static final InetAddress ANY4;
    private static final InetAddress ANY6;

    static {
        try {
            ANY4 = InetAddress.getByAddress(new byte[4]);
            ANY6 = InetAddress.getByAddress(new byte[16]);
        } catch (java.net.UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ByteBuffer memory;
    private final long address;
    private final long events;
    private final long io;
    private final ByteBuffer ioView;
    private final ByteBuffer eventView;
    /** The scratch head (sockaddr, SO_ERROR, one event) as a buffer: plain memory writes, not a JNI call each. */
    private final ByteBuffer head;
    /** The eventfd's increment, apart from the scratch memory: any thread may wake the loop. */
    private final ByteBuffer wakeWord = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder()).putLong(0, 1);
    private final long wakeAddress = address(wakeWord);

    public LinuxSockets() {
        // [sockaddr 32][SO_ERROR value 4 + length 4][one epoll_event 16][events MAX_EVENTS][I/O buffer]
        memory = ByteBuffer.allocateDirect(32 + 8 + 16 + EVENT_SIZE * MAX_EVENTS + IO_BUFFER);
        address = address(memory);
        events = address + 56;
        io = events + (long) EVENT_SIZE * MAX_EVENTS;
        head = memory.slice(0, 56).order(ByteOrder.nativeOrder());
        eventView = memory.slice(56, EVENT_SIZE * MAX_EVENTS).order(ByteOrder.nativeOrder());
        ioView = memory.slice((int) (io - address), IO_BUFFER);
    }

    /** What errno means, as the C library words it ("Connection refused"). */
    public static String describe(int errno) {
        return strerror(errno);
    }

    /** A non-blocking, close-on-exec TCP socket of the address's family; fd or -errno. */
    public int tcpSocket(InetAddress remote) {
        return socket(family(remote), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    }

    /** A non-blocking, close-on-exec UDP socket of the address's family; fd or -errno. */
    public int udpSocket(InetAddress remote) {
        return socket(family(remote), SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    }

    private static int family(InetAddress a) {
        return a instanceof Inet6Address ? AF_INET6 : AF_INET;
    }

    /**
     * Connects; 0, or -errno (-EINPROGRESS: a TCP connect goes on; {@link #socketError} tells how it ended).
     * A link-local IPv6 address without a scope gets {@code scopeIndex}'s (0: none).
     */
    public int connect(int fd, InetSocketAddress to, int scopeIndex) {
        return connect(fd, address, sockaddr(to, to.getAddress() instanceof Inet6Address, scopeIndex));
    }

    /** Binds to a local address; a wildcard address (bind_port alone) is taken in the socket's family. */
    public int bind(int fd, InetSocketAddress local, boolean v6) {
        return bind(fd, address, sockaddr(local, v6, 0));
    }

    /** Sets SO_MARK (fwmark); 0 or -errno (it needs CAP_NET_ADMIN). */
    public int setMark(int fd, long mark) {
        head.putInt(32, (int) mark);
        return setsockopt(fd, SOL_SOCKET, SO_MARK, address + 32, 4);
    }

    /** Binds the socket to an interface (SO_BINDTODEVICE, bind_if); 0 or -errno. */
    public int bindToDevice(int fd, String ifName) {
        byte[] name = ifName.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (name.length > 15) {
            return -19; // ENODEV: no interface has a longer name (IFNAMSIZ)
        }
        for (int i = 0; i < 32; i += 8) {
            head.putLong(i, 0);
        }
        head.put(0, name);
        return setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, address, name.length + 1);
    }

    /** The index of an interface, 0 if there is none of that name. */
    public static int interfaceIndex(String ifName) {
        return if_nametoindex(ifName);
    }

    /** An int socket option's value, or -errno (for tests of what was set). */
    int intOption(int fd, int level, int name) {
        head.putInt(36, 4);
        int r = getsockopt(fd, level, name, address + 32, address + 36);
        return r < 0 ? r : head.getInt(32);
    }

    /**
     * Applies a target's socket options before its connect: fwmark (SO_MARK), bind_if (SO_BINDTODEVICE), then
     * bindto/bind_port. Returns null, or what failed and why ("bind_if eth9: No such device").
     */
    public String prepare(int fd, Target t) {
        int r;
        if (t.fwmark() != 0 && (r = setMark(fd, t.fwmark())) < 0) {
            return "fwmark " + t.fwmark() + ": " + describe(-r);
        }
        if (t.bindIf() != null && (r = bindToDevice(fd, t.bindIf())) < 0) {
            return "bind_if " + t.bindIf() + ": " + describe(-r);
        }
        if (t.bind() != null && (r = bind(fd, t.bind(), t.remote().getAddress() instanceof Inet6Address)) < 0) {
            return "bind " + t.bind() + ": " + describe(-r);
        }
        return null;
    }

    /** connect() to a target: a link-local IPv6 server without a scope takes bind_if's. */
    public int connect(int fd, Target t) {
        long[] sa = t.remoteSockaddr();
        if (sa == null) {
            // bind_if's index is looked up at each attempt: the interface may come and go
            return connect(fd, t.remote(), t.bindIf() == null ? 0 : interfaceIndex(t.bindIf()));
        }
        // word by word: a bulk put of 16 bytes takes the buffer's general copy path (visible in the profile)
        for (int i = 0; i < sa.length; i++) {
            head.putLong(i * 8, sa[i]);
        }
        return connect(fd, address, sa.length == 2 ? 16 : 28);
    }

    /** The pending error of a socket (how a non-blocking connect ended): 0 or an errno; -errno if the call failed. */
    public int socketError(int fd) {
        head.putInt(36, 4);
        int r = getsockopt(fd, SOL_SOCKET, SO_ERROR, address + 32, address + 36);
        return r < 0 ? r : head.getInt(32);
    }

    /** Sends what {@code src} has left (as much as the socket takes); bytes sent or -errno. Never raises SIGPIPE. */
    public int send(int fd, ByteBuffer src) {
        int n = Math.min(src.remaining(), IO_BUFFER);
        ioView.clear();
        ioView.put(ioView.position(), src, src.position(), n);
        int r = (int) send(fd, io, n, MSG_NOSIGNAL);
        if (r > 0) {
            src.position(src.position() + r);
        }
        return r;
    }

    /** Receives into {@code dst}; bytes read (0: the peer closed) or -errno (-EAGAIN: nothing yet). */
    public int receive(int fd, ByteBuffer dst) {
        int n = Math.min(dst.remaining(), IO_BUFFER);
        if (n == 0) {
            return 0;
        }
        int r = (int) recv(fd, io, n, 0);
        if (r > 0) {
            dst.put(dst.position(), ioView, 0, r);
            dst.position(dst.position() + r);
        }
        return r;
    }

    /** Closes a descriptor; closing also takes it out of every epoll set. */
    public void closeFd(int fd) {
        close(fd);
    }

    /** A close-on-exec epoll instance; fd or -errno. */
    public int epollCreate() {
        return epoll_create1(EPOLL_CLOEXEC);
    }

    /** Adds or changes a descriptor's interest; {@code data} comes back with its events. 0 or -errno. */
    public int epollSet(int epfd, int fd, int interest, long data, boolean add) {
        head.putInt(40, interest);
        head.putLong(40 + EVENT_DATA, data);
        return epoll_ctl(epfd, add ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, address + 40);
    }

    /** Waits up to timeoutMillis (-1: no limit) for events; their count or -errno. Read them with the accessors. */
    public int epollWait(int epfd, int timeoutMillis) {
        return epoll_wait(epfd, events, MAX_EVENTS, timeoutMillis);
    }

    public int eventMask(int i) {
        return eventView.getInt(i * EVENT_SIZE);
    }

    public long eventData(int i) {
        return eventView.getLong(i * EVENT_SIZE + EVENT_DATA);
    }

    /** A non-blocking, close-on-exec eventfd for waking the loop; fd or -errno. */
    public int eventFd() {
        return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    }

    /**
     * Whole frames out of a packet socket that someone else opened and bound (libpcap's, for a VRRP link): one
     * send(2) each, flags 0, as libpcap's {@code pcap_inject} does on Linux, in one JNI call that copies the frame
     * to the C stack, rather than JNA's generic dispatch copying the byte array into malloc'd memory and back.
     * The caller keeps the socket open while it sends.
     */
    public static FrameSender frameSender(int fd) {
        return new FrameSender(fd, 0, null);
    }

    /**
     * The IP packet of each frame (past its 14-byte Ethernet header) out of a raw IP socket that someone else
     * opened and bound, by sendto(2) to {@code sockaddr} (see {@link #sendTo}): a unicast advert, which the kernel
     * routes and frames. The caller keeps the socket open while it sends.
     */
    public static FrameSender packetSender(int fd, byte[] sockaddr) {
        return new FrameSender(fd, FrameSender.ETHERNET_HEADER, sockaddr.clone());
    }

    /**
     * sendto(2) of {@code packet[offset, offset + length)} to {@code sockaddr} (a struct sockaddr_in or
     * sockaddr_in6 as the C library lays it out), flags 0, in one JNI call that copies both to the C stack: bytes
     * sent, or -errno; -EMSGSIZE for a packet longer than {@link FrameSender#MAX_FRAME} or past the array. The raw
     * IP sockets of VRRP's unicast adverts send with it: through jnr-ffi's reflective binding that send made an
     * idle unicast master cost more than twice keepalived's CPU.
     */
    public static int sendTo(int fd, byte[] packet, int offset, int length, byte[] sockaddr) {
        if (offset < 0 || length < 0 || length > FrameSender.MAX_FRAME || length > packet.length - offset) {
            return -EMSGSIZE;
        }
        return send_to(fd, packet, offset, length, sockaddr, sockaddr.length);
    }

    /** See {@link #frameSender} and {@link #packetSender}. */
    public static final class FrameSender {
        /** The longest frame {@link #send} takes: a 9,000-byte jumbo payload and its headers (C: FRAME_MAX). */
        public static final int MAX_FRAME = 9216;
        private static final int ETHERNET_HEADER = 14;
        private final int fd;
        private final int offset; // 0: the whole frame; 14: its IP packet
        private final byte[] to; // null: send(2) on a packet socket; else sendto(2) to this address

        private FrameSender(int fd, int offset, byte[] to) {
            this.fd = fd;
            this.offset = offset;
            this.to = to;
        }

        /**
         * Sends {@code frame[0, length)} (a {@link #packetSender}: its IP packet): bytes sent, or -errno; -EMSGSIZE
         * when longer than {@link #MAX_FRAME}, or with no IP packet after the Ethernet header.
         */
        public int send(byte[] frame, int length) {
            if (length <= offset || length > MAX_FRAME || length > frame.length) {
                return -EMSGSIZE;
            }
            return to == null ? send_frame(fd, frame, length)
                    : send_to(fd, frame, offset, length - offset, to, to.length);
        }
    }

    /**
     * The VRRP event loop's sleep, as keepalived's scheduler sleeps: epoll on an eventfd (other threads wake it)
     * and a timerfd armed at the next deadline (absolute, CLOCK_MONOTONIC, the clock of {@link System#nanoTime}).
     * A deadline may be an Adver_Timer whose expiry would only send the same frame and re-arm one interval after it
     * fired: {@link #await} then sends it at each expiry without returning to Java, until something else is due or
     * the loop is woken. At one advert a second, returning to Java for each one was about a third of an idle
     * master's CPU time (tools/bench/jvm-floor.sh). Loop thread only, except {@link #wake}.
     */
    public static final class TimerWait implements java.io.Closeable {
        private final int epoll;
        private final int timer;
        private final int event;
        private volatile boolean closed;

        private TimerWait(int[] fds) {
            this.epoll = fds[0];
            this.timer = fds[1];
            this.event = fds[2];
        }

        /** A new epoll set with its timerfd and eventfd. */
        public static TimerWait open() throws IOException {
            int[] fds = new int[3];
            int r = timer_wait_open(fds);
            if (r < 0) {
                throw new IOException("cannot make the loop's timer: " + describe(-r));
            }
            return new TimerWait(fds);
        }

        /** Makes a sleeping (or the next) {@link #await} return. Any thread; never blocks. */
        public void wake() {
            if (!closed) {
                wake_fd(event);
            }
        }

        /**
         * Sleeps until {@code deadlineUs} ({@code System.nanoTime() / 1000}; negative: none) or {@link #wake}: 0, or
         * -errno. A wake-up seen together with the deadline wins.
         */
        public int await(long deadlineUs) {
            return timer_wait(epoll, timer, event, deadlineUs, -1, null, 0, 0, 0, 0, null, 0, null);
        }

        /**
         * Like {@link #await(long)}, but each time the deadline passes with nothing woken, sends
         * {@code frame[0, length)} as {@code sender} sends it (an IPv4 frame with Identification {@code ipId + 1},
         * {@code ipId + 2}..., its header checksum redone) and sleeps until one {@code intervalUs} after the
         * send, for as long as that comes before {@code stopUs} and {@code sentAtUs} has room. Returns how many
         * frames went out (their send times, in µs, in {@code sentAtUs}), or -errno if nothing did. 0 with the
         * deadline passed means a send failed: the caller sends (and reports) itself.
         */
        public int await(long deadlineUs, FrameSender sender, byte[] frame, int length, int ipId, long intervalUs,
                         long stopUs, long[] sentAtUs) {
            if (length < 14 || length <= sender.offset || length > FrameSender.MAX_FRAME || length > frame.length
                    || intervalUs <= 0) {
                return -EMSGSIZE;
            }
            return timer_wait(epoll, timer, event, deadlineUs, sender.fd, frame, length, ipId, intervalUs, stopUs,
                    sentAtUs, sender.offset, sender.to);
        }

        @Override
        public void close() {
            closed = true;
            LinuxSockets.close(event);
            LinuxSockets.close(timer);
            LinuxSockets.close(epoll);
        }
    }

    /** Makes the eventfd readable; any thread. */
    public void wake(int efd) {
        write(efd, wakeAddress, 8);
    }

    /** Empties the eventfd after a wake-up; loop thread. */
    public void drain(int efd) {
        read(efd, io, 8);
    }

    /** Writes the socket address into the scratch area; returns its length. */
    private int sockaddr(InetSocketAddress sa, boolean v6, int scopeIndex) {
        byte[] bytes = sockaddrBytes(sa, v6, scopeIndex);
        head.put(0, bytes);
        return bytes.length;
    }

    /**
     * A socket address as the kernel reads it (sockaddr_in, or sockaddr_in6 whose link-local address without a
     * scope takes {@code scopeIndex}); a wildcard address is taken in the family {@code v6} says.
     */
    static byte[] sockaddrBytes(InetSocketAddress sa, boolean v6, int scopeIndex) {
        InetAddress a = sa.getAddress();
        int port = sa.getPort();
        if ((a instanceof Inet6Address) != v6 && a.isAnyLocalAddress()) {
            a = v6 ? ANY6 : ANY4;
        }
        ByteBuffer b = ByteBuffer.allocate(a instanceof Inet4Address ? 16 : 28).order(ByteOrder.nativeOrder());
        b.put(2, (byte) (port >> 8));
        b.put(3, (byte) port);
        if (a instanceof Inet4Address) {
            b.putShort(0, (short) AF_INET);
            b.put(4, a.getAddress());
            return b.array();
        }
        Inet6Address in6 = (Inet6Address) a;
        b.putShort(0, (short) AF_INET6);
        b.put(8, in6.getAddress());
        int scope = in6.getScopeId();
        b.putInt(24, scope == 0 && in6.isLinkLocalAddress() ? scopeIndex : scope);
        return b.array();
    }

    /** {@link #sockaddrBytes} as the 8-byte words of the scratch area it is copied to (2 for IPv4, 4 for IPv6). */
    static long[] sockaddrWords(InetSocketAddress sa, boolean v6, int scopeIndex) {
        byte[] bytes = sockaddrBytes(sa, v6, scopeIndex);
        long[] words = new long[bytes.length == 16 ? 2 : 4];
        ByteBuffer padded = ByteBuffer.allocate(words.length * 8).order(ByteOrder.nativeOrder());
        padded.put(0, bytes);
        for (int i = 0; i < words.length; i++) {
            words[i] = padded.getLong(i * 8);
        }
        return words;
    }
}
