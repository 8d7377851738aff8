package keepalivedj.netlink;

import java.io.Closeable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * A netlink socket (AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC) and the only class that calls into libc for netlink.
 * It sends requests with NLM_F_REQUEST (and NLM_F_ACK unless they are dumps), numbers them, and collects the
 * replies that carry their sequence number until the ACK, the error or NLMSG_DONE. Replies that are malformed or
 * belong to no outstanding request are counted ({@link #malformedReplies}, {@link #strayReplies}). It does not
 * know any family: callers build {@link NlRequest}s and read {@link NlMessage}s. Not thread-safe: one owner.
 */
public final class NetlinkSocket implements Closeable {
    public static final int NETLINK_ROUTE = 0, NETLINK_GENERIC = 16;
    private static final int AF_NETLINK = 16, SOCK_RAW = 3, SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1, SO_SNDBUF = 7, SO_RCVBUF = 8, SO_RCVTIMEO = 20, SO_RCVBUFFORCE = 33;
    private static final int SOL_NETLINK = 270, NETLINK_ADD_MEMBERSHIP = 1, NETLINK_CAP_ACK = 10,
            NETLINK_EXT_ACK = 11;
    private static final int O_RDONLY = 0, O_CLOEXEC = 0x80000, CLONE_NEWNET = 0x40000000;
    private static final int MSG_PEEK = 0x2, MSG_TRUNC = 0x20;
    /**
     * The receive buffer to start with. The kernel sizes a dump's datagrams to the largest buffer recv has been
     * given (at most 32 KiB), so dumps come in pieces of this size; events are a page or two. A single message
     * larger than the buffer (a link with many VFs) is seen by peeking first, and the buffer grows to it. A direct
     * buffer is zeroed at allocation, so all of it is resident for the socket's life: the daemon holds three of
     * these sockets, and 128 KiB to receive into and 64 KiB to send from each were 0.5 MiB of its RSS.
     */
    private static final int RX_INITIAL = 16 << 10;
    /** A datagram larger than this is not taken in whole; it is dropped and counted as malformed. */
    private static final int RX_MAX = 1 << 20;
    /** Requests are packed into datagrams of this size; a single larger request gets a buffer of its own. */
    private static final int TX_SIZE = 16 << 10;
    private static final int WANTED_RCVBUF = 8 << 20;

    /** The libc calls this class needs, bound by jnr-ffi. */
    public interface LibC {
        int socket(int domain, int type, int protocol);

        int bind(int fd, @In byte[] addr, int len);

        int getsockname(int fd, @Out byte[] addr, int[] len);

        int setsockopt(int fd, int level, int name, @In byte[] value, int len);

        int getsockopt(int fd, int level, int name, @Out byte[] value, int[] len);

        @ssize_t long sendto(int fd, @In ByteBuffer buf, @size_t long len, int flags, @In byte[] addr, int addrLen);

        @ssize_t long recv(int fd, @Out ByteBuffer buf, @size_t long len, int flags);

        int close(int fd);

        int open(String path, int flags);

        int setns(int fd, int nstype);

        String strerror(int errnum);
    }

    private static final class Native {
        static final LibC C = LibraryLoader.create(LibC.class).load("c");
        static final jnr.ffi.Runtime RT = jnr.ffi.Runtime.getRuntime(C);
    }

    /** The replies to one request: its data messages, or the kernel's error. */
    public record Reply(List<NlMessage> messages, KernelErrorException error) {
        public boolean ok() {
            return error == null;
        }
    }

    private final int fd;
    private final int portId;
    private final int window;
    private ByteBuffer rx = ByteBuffer.allocateDirect(RX_INITIAL).order(ByteOrder.nativeOrder());
    private ByteBuffer tx = ByteBuffer.allocateDirect(TX_SIZE).order(ByteOrder.nativeOrder());
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong stray = new AtomicLong();
    private int nextSeq = 1;
    private boolean closed;

    private NetlinkSocket(int fd, int portId, int rcvbuf) {
        this.fd = fd;
        this.portId = portId;
        // The kernel handles a whole sendto before returning and queues every ACK on our socket; keep the number of
        // requests in flight small enough that their ACKs (about 1 KiB of buffer each) always fit.
        this.window = Math.max(1, Math.min(1024, rcvbuf / 2048));
    }

    /** Opens a socket of this netlink protocol in the caller's network namespace. */
    public static NetlinkSocket open(int protocol) throws NetlinkException {
        return open(protocol, 0);
    }

    /** Opens a socket bound to these legacy multicast groups (a bit mask, e.g. RTMGRP_LINK). */
    public static NetlinkSocket open(int protocol, int groups) throws NetlinkException {
        LibC c = Native.C;
        int fd = c.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw sysError("socket(AF_NETLINK, " + protocol + ")");
        }
        try {
            setInt(fd, SOL_NETLINK, NETLINK_EXT_ACK, 1, "NETLINK_EXT_ACK");
            setInt(fd, SOL_NETLINK, NETLINK_CAP_ACK, 1, "NETLINK_CAP_ACK");
            setInt(fd, SOL_SOCKET, SO_SNDBUF, 1 << 20, "SO_SNDBUF");
            if (c.setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, intBytes(WANTED_RCVBUF), 4) < 0) {
                setInt(fd, SOL_SOCKET, SO_RCVBUF, WANTED_RCVBUF, "SO_RCVBUF"); // capped by rmem_max without root
            }
            byte[] tv = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putLong(30).putLong(0).array();
            if (c.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv, 16) < 0) {
                throw sysError("setsockopt(SO_RCVTIMEO)");
            }
            byte[] sa = sockaddr(0, groups);
            if (c.bind(fd, sa, sa.length) < 0) {
                throw sysError("bind(AF_NETLINK)");
            }
            int[] len = {12};
            if (c.getsockname(fd, sa, len) < 0) {
                throw sysError("getsockname");
            }
            int pid = ByteBuffer.wrap(sa).order(ByteOrder.nativeOrder()).getInt(4);
            return new NetlinkSocket(fd, pid, getInt(fd, SOL_SOCKET, SO_RCVBUF));
        } catch (NetlinkException | RuntimeException e) {
            c.close(fd);
            throw e;
        }
    }

    /**
     * Opens a socket inside the network namespace of this file (e.g. /run/netns/NAME): the calling thread enters
     * it with setns, creates the socket (which stays bound to that namespace) and returns to its own.
     */
    public static NetlinkSocket openIn(Path netns, int protocol) throws NetlinkException {
        LibC c = Native.C;
        int self = c.open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
        if (self < 0) {
            throw sysError("open(/proc/thread-self/ns/net)");
        }
        try {
            int target = c.open(netns.toString(), O_RDONLY | O_CLOEXEC);
            if (target < 0) {
                throw sysError("open(" + netns + ")");
            }
            try {
                if (c.setns(target, CLONE_NEWNET) < 0) {
                    throw sysError("setns(" + netns + ")");
                }
            } finally {
                c.close(target);
            }
            try {
                return open(protocol);
            } finally {
                if (c.setns(self, CLONE_NEWNET) < 0) {
                    throw new IllegalStateException("cannot return to the original network namespace: "
                            + c.strerror(Native.RT.getLastError()));
                }
            }
        } finally {
            c.close(self);
        }
    }

    /** Joins a multicast group by number (NETLINK_ADD_MEMBERSHIP), for groups above 32 or genl families. */
    public void join(int group) throws NetlinkException {
        setInt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, group, "NETLINK_ADD_MEMBERSHIP");
    }

    /** The port id the kernel assigned (nl_pid of our bound address). */
    public int portId() {
        return portId;
    }

    /** Replies we could not parse since this socket was opened. */
    public long malformedReplies() {
        return malformed.get();
    }

    /** Replies that matched no outstanding request (wrong sequence number or port id). */
    public long strayReplies() {
        return stray.get();
    }

    /** Sends one request and waits for its replies; a kernel error is thrown as {@link KernelErrorException}. */
    public List<NlMessage> request(NlRequest request) throws NetlinkException {
        Reply r = requestAll(List.of(request)).get(0);
        if (r.error() != null) {
            throw r.error();
        }
        return r.messages();
    }

    /**
     * Sends many requests, packing several into each datagram, and returns one {@link Reply} per request in order.
     * Each request succeeds or fails on its own (the kernel keeps going after an error); I/O and format problems
     * abort the whole call.
     */
    public List<Reply> requestAll(List<NlRequest> requests) throws NetlinkException {
        ensureOpen();
        List<Reply> out = new ArrayList<>(requests.size());
        for (int from = 0; from < requests.size(); ) {
            int to = Math.min(requests.size(), from + window);
            int firstSeq = nextSeq;
            tx.clear();
            int n = from;
            boolean dump = isDump(requests.get(from));
            // Batches of several requests go without NLM_F_ACK: the kernel then answers only failures, and a
            // trailing NLMSG_NOOP with NLM_F_ACK (the barrier) tells us when it has handled them all. That turns
            // one ACK datagram (one recv) per request into one per batch. A lone request or a dump asks directly.
            boolean batched = !dump && to - from > 1;
            while (n < to) {
                NlRequest r = requests.get(n);
                if (tx.remaining() < NlAttrs.align4(r.length()) + BARRIER.length()) {
                    if (n > from) {
                        break;
                    }
                    tx = ByteBuffer.allocateDirect(NlAttrs.align4(r.length()) + BARRIER.length())
                            .order(ByteOrder.nativeOrder());
                }
                if (n > from && isDump(r)) {
                    break; // the kernel runs one dump per socket at a time: a dump goes alone
                }
                int ack = dump || batched ? 0 : NlMessage.NLM_F_ACK;
                append(r, NlMessage.NLM_F_REQUEST | ack);
                n++;
                if (dump) {
                    break;
                }
            }
            int barrierSeq = batched ? nextSeq : -1;
            if (batched) {
                append(BARRIER, NlMessage.NLM_F_REQUEST | NlMessage.NLM_F_ACK);
            }
            send(tx.position());
            out.addAll(collect(firstSeq, n - from, barrierSeq));
            from = n;
        }
        return out;
    }

    /** An empty control message; the kernel ACKs it after everything sent before it in the same datagram. */
    private static final NlRequest BARRIER = NlRequest.of(NlMessage.NLMSG_NOOP, 0);

    private static boolean isDump(NlRequest r) {
        return (r.flags() & NlMessage.NLM_F_DUMP) == NlMessage.NLM_F_DUMP;
    }

    private void append(NlRequest r, int flags) {
        int start = tx.position();
        r.encodeInto(tx, flags, nextSeq++, portId);
        tx.position(start + NlAttrs.align4(r.length()));
    }

    /**
     * Receives whatever the next datagram holds (for event sockets); blocks up to the receive timeout and returns an
     * empty list if nothing came. {@link NetlinkOverflowException} means messages were dropped.
     */
    public List<NlMessage> receive() throws NetlinkException {
        ensureOpen();
        try {
            return parse(recv());
        } catch (ReceiveTimeout e) {
            return List.of();
        }
    }

    /**
     * Makes a {@link #receive} blocked on another thread return (empty), so an event reader can block without a
     * timeout and still be stopped: an NLMSG_NOOP sent to this socket's own port. Callable from any thread (it
     * does not touch the request buffers). The kernel lets only CAP_NET_ADMIN send to a port; returns false if it
     * refused.
     */
    public boolean wakeReceiver() {
        if (closed) {
            return false;
        }
        ByteBuffer noop = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        noop.putInt(16).putShort((short) NlMessage.NLMSG_NOOP).putShort((short) 0).putInt(0).putInt(portId).flip();
        return sendToSelf(noop);
    }

    /** Sends {@code datagram} (a direct buffer, position to limit) to this socket's own port; needs CAP_NET_ADMIN. */
    boolean sendToSelf(ByteBuffer datagram) {
        byte[] self = sockaddr(portId, 0);
        int len = datagram.remaining();
        return Native.C.sendto(fd, datagram, len, 0, self, self.length) == len;
    }

    /**
     * How long a receive waits (SO_RCVTIMEO; zero: forever); requests fail after it, {@link #receive} returns
     * empty.
     */
    public void setReceiveTimeout(java.time.Duration d) throws NetlinkException {
        byte[] tv = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putLong(d.toSeconds())
                .putLong(d.toNanosPart() / 1000).array();
        if (Native.C.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv, 16) < 0) {
            throw sysError("setsockopt(SO_RCVTIMEO)");
        }
    }

    private static final class ReceiveTimeout extends NetlinkException {
        private static final long serialVersionUID = 1L;

        ReceiveTimeout() {
            super("no netlink reply within the receive timeout");
        }
    }

    /** Receives until the batch's replies are complete (see {@link PendingReplies}). */
    private List<Reply> collect(int firstSeq, int count, int barrierSeq) throws NetlinkException {
        PendingReplies p = new PendingReplies(firstSeq, count, barrierSeq, portId);
        try {
            while (!p.complete()) {
                for (NlMessage m : parse(recv())) {
                    p.offer(m);
                }
            }
            return p.replies();
        } finally {
            stray.addAndGet(p.stray());
            malformed.addAndGet(p.malformed());
        }
    }

    private List<NlMessage> parse(int len) throws MalformedMessageException {
        try {
            // Copy out: the messages outlive this datagram, and the next recv reuses rx.
            ByteBuffer copy = ByteBuffer.allocate(len);
            copy.put(rx.duplicate().position(0).limit(len)).flip();
            return NlMessage.parseAll(copy);
        } catch (MalformedMessageException e) {
            malformed.incrementAndGet();
            throw e;
        }
    }

    private void send(int len) throws NetlinkException {
        byte[] kernel = sockaddr(0, 0);
        long n;
        do {
            n = Native.C.sendto(fd, tx.duplicate().position(0), len, 0, kernel, kernel.length);
        } while (n < 0 && Native.RT.getLastError() == Errno.EINTR);
        if (n != len) {
            throw n < 0 ? sysError("sendto(netlink)") : new NetlinkException("short netlink send: " + n + " of " + len);
        }
    }

    /**
     * Takes the next datagram into {@link #rx} and returns its length. It is peeked at first (its whole length,
     * without taking it off the queue), so that the buffer can grow to a datagram larger than it: two system calls
     * per datagram, on a socket that carries a few per address change.
     */
    private int recv() throws NetlinkException {
        long n = recvInto(MSG_PEEK | MSG_TRUNC);
        if (n > rx.capacity() && n <= RX_MAX) {
            rx = ByteBuffer.allocateDirect((int) n + 4095 & ~4095).order(ByteOrder.nativeOrder());
        }
        n = recvInto(MSG_TRUNC);
        if (n > rx.capacity()) {
            malformed.incrementAndGet();
            throw new MalformedMessageException("netlink datagram of " + n + " bytes truncated to " + rx.capacity());
        }
        return (int) n;
    }

    private long recvInto(int flags) throws NetlinkException {
        long n;
        do {
            n = Native.C.recv(fd, rx.duplicate().position(0), rx.capacity(), flags);
        } while (n < 0 && Native.RT.getLastError() == Errno.EINTR);
        if (n < 0) {
            int err = Native.RT.getLastError();
            if (err == Errno.EAGAIN) {
                throw new ReceiveTimeout();
            }
            if (err == Errno.ENOBUFS) {
                throw new NetlinkOverflowException("netlink messages were lost: receive buffer overflow (ENOBUFS)");
            }
            throw sysError("recv(netlink)");
        }
        return n;
    }

    private void ensureOpen() throws NetlinkException {
        if (closed) {
            throw new NetlinkException("netlink socket is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Native.C.close(fd);
        }
    }

    private static byte[] sockaddr(int pid, int groups) {
        return ByteBuffer.allocate(12).order(ByteOrder.nativeOrder()).putShort((short) AF_NETLINK).putShort((short) 0)
                .putInt(pid).putInt(groups).array();
    }

    private static byte[] intBytes(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    private static void setInt(int fd, int level, int opt, int v, String name) throws NetlinkException {
        if (Native.C.setsockopt(fd, level, opt, intBytes(v), 4) < 0) {
            throw sysError("setsockopt(" + name + ")");
        }
    }

    private static int getInt(int fd, int level, int opt) throws NetlinkException {
        byte[] b = new byte[4];
        int[] len = {4};
        if (Native.C.getsockopt(fd, level, opt, b, len) < 0) {
            throw sysError("getsockopt(" + opt + ")");
        }
        return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getInt();
    }

    private static NetlinkException sysError(String call) {
        int errno = Native.RT.getLastError();
        return new NetlinkException(call + " failed: " + Native.C.strerror(errno) + " (errno " + errno + ")");
    }
}
