package keepalivedj.daemon.io;

import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.PcapDirection;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.packet.namednumber.DataLinkType;

import keepalivedj.healthcheck.io.LinuxSockets;

/**
 * Whole Ethernet frames in and out of one interface through libpcap: the only class that imports pcap4j.
 * It does not decode frames, join multicast groups ({@link MulticastMembership}) or route unicast IP
 * ({@link RawIpSender}).
 *
 * <p>Receive: one thread per link, made by the caller's {@link ThreadFactory}, blocks in {@code pcap_next_ex}
 * (immediate mode, timeout 0: no wake-ups and no CPU while idle; direction IN: our own frames are not seen) and
 * hands each frame to a {@link FrameSink}.
 *
 * <p>Send: callable from any thread, on a second handle of the same interface that receives nothing (its filter
 * rejects every frame in the kernel): pcap4j guards each handle with a read-write lock that the blocked reader
 * holds all the time, and sending on that handle made every send take the lock's slow per-thread path. A frame
 * goes out as libpcap's {@code pcap_sendpacket} sends it on Linux, one {@code send(2)} on the send handle's
 * packet socket, but made by {@link LinuxSockets.FrameSender} in one JNI call rather than through pcap4j's
 * {@code sendPacket} (its lock, then JNA's generic dispatch copying the byte array in and out): that path was
 * about a tenth of an idle master's CPU (README, vrrp-bench, fourteenth session). {@code sendPacket} remains the
 * way out where the socket cannot be read (another pcap4j, no JNI library) and for a frame longer than
 * {@link LinuxSockets.FrameSender#MAX_FRAME}.
 *
 * <p>The receiving socket gets {@code PACKET_IGNORE_OUTGOING} (Linux 4.20+): frames this host sends, on the
 * other handle or a raw socket, then do not wake the reader only to be dropped by libpcap's
 * user-space direction check (a {@code inbound} filter would do it too, but libpcap filters the frames already in
 * the ring in user space after a filter change, where it cannot evaluate {@code inbound}: the first frame was
 * lost).
 * {@link #close()} wakes the reader with {@code pcap_breakloop}, waits for it to leave libpcap, then closes the
 * handle (closing first would block on the lock the reader holds). Runtime failures never throw: they are
 * logged once per failure streak and counted in {@link #counters()}.
 */
public final class PcapLink implements AutoCloseable {
    /**
     * VRRP over IPv4 and IPv6 (protocol 112), plus IPv4 VRRP inside an AH header ({@code auth_type AH}). IPv6
     * VRRP has no extension headers (keepalived sends none and AH is IPv4-only), so {@code ip6 proto} suffices;
     * {@code ip6 protochain} would loop, which the kernel's BPF refuses, and libpcap would then filter in
     * user space, copying every frame of the interface.
     */
    public static final String VRRP_FILTER =
            "ip proto 112 or (ip proto 51 and ip[(ip[0] & 0xf) << 2] = 112) or ip6 proto 112";
    /**
     * Enough for the largest VRRP frame: Ethernet 14 + VLAN tag 4 + IPv6 40 + VRRP 8 + 255 addresses × 16 = 4146.
     */
    public static final int VRRP_SNAPLEN = 4160;
    /** libpcap's ring buffer; its default is 2 MiB, far more than a few adverts a second need. */
    public static final int DEFAULT_BUFFER_BYTES = 256 * 1024;

    private static final int SOL_PACKET = 263;
    private static final int PACKET_IGNORE_OUTGOING = 23;
    private static final short POLLIN = 0x1;
    /** The send handle's filter: no frame is that short, so the kernel hands it nothing. */
    static final String RECEIVE_NOTHING = "less 1";
    /** The send handle's ring: it receives nothing, so libpcap's smallest sensible buffer. */
    private static final int SEND_HANDLE_BUFFER_BYTES = 32 * 1024;

    private static final System.Logger LOG = System.getLogger(PcapLink.class.getName());
    private static final long CLOSE_WAIT_MILLIS = 2000;
    private static final long MAX_BACKOFF_MILLIS = 1000;

    /**
     * What to open.
     *
     * @param ifName      the interface
     * @param filter      a libpcap filter expression ({@link #VRRP_FILTER} for the daemon)
     * @param snaplen     bytes kept per frame; longer frames are dropped and counted
     * @param bufferBytes libpcap's ring buffer
     */
    public record Spec(String ifName, String filter, int snaplen, int bufferBytes) {
        public Spec {
            Objects.requireNonNull(ifName, "ifName");
            Objects.requireNonNull(filter, "filter");
        }

        /** The daemon's link: {@link #VRRP_FILTER}, {@link #VRRP_SNAPLEN}, {@link #DEFAULT_BUFFER_BYTES}. */
        public static Spec vrrp(String ifName) {
            return new Spec(ifName, VRRP_FILTER, VRRP_SNAPLEN, DEFAULT_BUFFER_BYTES);
        }

        public Spec withFilter(String newFilter) {
            return new Spec(ifName, newFilter, snaplen, bufferBytes);
        }
    }

    private final Spec spec;
    private final int ifIndex;
    private final PcapHandle handle;
    /** The receiving handle's packet socket, -1 when it could not be read (see {@link #receiveFd}). */
    private final int receiveFd;
    /** The one {@code struct pollfd} {@link #framesWaiting} asks with. */
    private final com.sun.jna.Memory pollFd = new com.sun.jna.Memory(8);
    private final PcapHandle sendHandle;
    /** send(2) on {@link #sendHandle}'s socket; null: {@code sendPacket}. Guarded by this, with the handle. */
    private final LinuxSockets.FrameSender frameSender;
    private final FrameSink sink;
    private final LongSupplier nanos;
    private final LinkCounters counters = new LinkCounters();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread reader;
    private volatile boolean closed;
    /**
     * True from when libpcap has handed the receive thread a frame until the sink has it: libpcap gives the ring's
     * slot back to the kernel before it returns, so the socket alone no longer shows that frame.
     */
    private volatile boolean frameInHand;
    private volatile Thread closerThread;
    private boolean sendFailing; // guarded by this: one log line per streak of send failures

    private PcapLink(Spec spec, int ifIndex, PcapHandle handle, int receiveFd, PcapHandle sendHandle,
                     FrameSink sink, LongSupplier nanos, ThreadFactory threads) {
        this.spec = spec;
        this.ifIndex = ifIndex;
        this.handle = handle;
        this.receiveFd = receiveFd;
        this.sendHandle = sendHandle;
        this.frameSender = frameSender(sendHandle, spec.ifName());
        this.sink = sink;
        this.nanos = nanos;
        this.reader = threads.newThread(this::receiveLoop);
    }

    /**
     * Opens the interface, installs the filter and starts the receive thread.
     *
     * @param nanos monotonic clock for {@link ReceivedFrame#receivedNanos()} (the daemon's ticker)
     * @throws IOException when the interface does not exist, libpcap cannot open it, or the filter is invalid
     */
    public static PcapLink open(Spec spec, FrameSink sink, ThreadFactory threads, LongSupplier nanos)
            throws IOException {
        int ifIndex = indexOf(spec.ifName());
        if (ifIndex < 0) {
            throw new IOException("(" + spec.ifName() + ") cannot open for packet I/O: no such interface");
        }
        PcapHandle handle = openHandle(spec.ifName(), spec.snaplen(), spec.bufferBytes(), spec.filter());
        int receiveFd = socketOf(handle, spec.ifName());
        ignoreOutgoing(receiveFd, spec.ifName());
        PcapHandle sendHandle;
        try {
            sendHandle = openHandle(spec.ifName(), 64, SEND_HANDLE_BUFFER_BYTES, RECEIVE_NOTHING);
        } catch (IOException e) {
            handle.close();
            throw e;
        }
        PcapLink link = new PcapLink(spec, ifIndex, handle, receiveFd, sendHandle, sink, nanos, threads);
        link.reader.start();
        link.framesWaiting(); // binds poll now rather than when a takeover first asks
        return link;
    }

    private static PcapHandle openHandle(String ifName, int snaplen, int bufferBytes, String filter)
            throws IOException {
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(ifName)
                    .snaplen(snaplen)
                    .promiscuousMode(PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis(0)
                    .immediateMode(true)
                    .bufferSize(bufferBytes)
                    .direction(PcapDirection.IN)
                    .build();
        } catch (PcapNativeException | RuntimeException | LinkageError e) {
            throw new IOException("(" + ifName + ") cannot open for packet I/O: " + e.getMessage(), e);
        }
        try {
            handle.setFilter(filter, BpfCompileMode.OPTIMIZE);
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            handle.close();
            throw new IOException("(" + ifName + ") invalid capture filter '" + filter + "': "
                    + e.getMessage(), e);
        }
        return handle;
    }

    /**
     * A handle's packet socket. pcap4j does not expose it, so it is read with {@code pcap_fileno} on the handle's
     * {@code pcap_t}, a private field (read once, at open). -1 where that fails (another pcap4j): for the
     * receiving handle the socket options below are then not set and {@link #framesWaiting} answers false; the
     * send handle sends with {@code sendPacket}; nothing else changes.
     */
    private static int socketOf(PcapHandle handle, String ifName) {
        try {
            java.lang.reflect.Field f = PcapHandle.class.getDeclaredField("handle");
            f.setAccessible(true);
            com.sun.jna.Pointer pcap = (com.sun.jna.Pointer) f.get(handle);
            String lib = System.getProperty("org.pcap4j.core.pcapLibName", "pcap");
            return com.sun.jna.NativeLibrary.getInstance(lib).getFunction("pcap_fileno")
                    .invokeInt(new Object[] {pcap});
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.DEBUG, "({0}) no descriptor for a pcap handle: {1}", ifName, e.toString());
            return -1;
        }
    }

    /**
     * The send handle's socket as a {@link LinuxSockets.FrameSender}, or null (then {@code sendPacket}): when the
     * socket cannot be read, the JNI library cannot be loaded, or the link is not Ethernet (libpcap then opens a
     * cooked socket, on which it does not send either).
     */
    private static LinuxSockets.FrameSender frameSender(PcapHandle sendHandle, String ifName) {
        if (!DataLinkType.EN10MB.equals(sendHandle.getDlt())) {
            return null;
        }
        int fd = socketOf(sendHandle, ifName);
        if (fd < 0) {
            return null;
        }
        try {
            return LinuxSockets.frameSender(fd);
        } catch (LinkageError e) {
            LOG.log(Level.INFO, "({0}) frames go out through pcap4j''s sendPacket: {1}", ifName, e.toString());
            return null;
        }
    }

    /** Whether frames go out by {@code send(2)} on the send handle's socket rather than {@code sendPacket}. */
    public boolean sendsOnPacketSocket() {
        return frameSender != null;
    }

    /**
     * The send handle's socket, for the event loop's kernel timer wait, which sends a master's adverts on it
     * itself (and reports each with {@link #countSent}); null when frames do not go out that way or the link is
     * closed. Only for the thread that also closes the link (the loop), so the socket is never used after close.
     */
    public LinuxSockets.FrameSender frameSender() {
        return closed ? null : frameSender;
    }

    /** Counts a frame sent on {@link #frameSender} outside {@link #send}. */
    public void countSent() {
        counters.framesSent.incrementAndGet();
    }

    /**
     * Sets {@code PACKET_IGNORE_OUTGOING} on the receiving socket. Where that fails (a kernel before 4.20)
     * libpcap's direction check still drops our own frames, only after waking the reader: logged at debug.
     */
    private static void ignoreOutgoing(int fd, String ifName) {
        if (fd < 0) {
            return;
        }
        try {
            com.sun.jna.Memory one = new com.sun.jna.Memory(4);
            one.setInt(0, 1);
            int r = com.sun.jna.NativeLibrary.getInstance("c").getFunction("setsockopt")
                    .invokeInt(new Object[] {fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, one, 4});
            if (r != 0) {
                LOG.log(Level.DEBUG, "({0}) PACKET_IGNORE_OUTGOING not set (fd {1}, result {2})", ifName, fd, r);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.DEBUG, "({0}) PACKET_IGNORE_OUTGOING not set: {1}", ifName, e.toString());
        }
    }

    /**
     * Whether frames that passed the filter wait in the kernel, not yet taken by the receive thread (a
     * {@code poll} of the receiving socket that does not block), or the receive thread holds one it has not yet
     * handed to the sink. A starved receive thread is the case this answers: the VRRP loop asks before it acts
     * on an expired Master_Down_Timer, so that an advert that arrived in time is read first. False when closed,
     * when the receive thread has ended (nothing would read them), when the socket is unknown, or when the poll
     * fails.
     */
    public boolean framesWaiting() {
        if (closed || receiveFd < 0 || !reader.isAlive()) {
            return false;
        }
        if (frameInHand) {
            return true;
        }
        synchronized (pollFd) {
            try {
                pollFd.setInt(0, receiveFd); // struct pollfd { int fd; short events; short revents; }
                pollFd.setShort(4, POLLIN);
                pollFd.setShort(6, (short) 0);
                return LibC.poll(pollFd, 1, 0) > 0 && (pollFd.getShort(6) & POLLIN) != 0;
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        }
    }

    /**
     * libc's poll, bound directly (a plain native method, not JNA's reflective call): it is called at the moment a
     * backup decides to take over, where a millisecond counts.
     */
    private static final class LibC {
        static {
            com.sun.jna.Native.register(com.sun.jna.Platform.C_LIBRARY_NAME);
        }

        static native int poll(com.sun.jna.Pointer fds, int nfds, int timeoutMillis);
    }

    public String ifName() {
        return spec.ifName();
    }

    public LinkCounters.Snapshot counters() {
        return counters.snapshot();
    }

    /** Whether the receive thread is still running (false after close, or once the interface is gone). */
    public boolean isReceiving() {
        return reader.isAlive();
    }

    /**
     * Sends one whole Ethernet frame (VRRP advert, gratuitous ARP, unsolicited NA, anything) as it is. Never
     * throws: returns false, counts and logs when it could not be sent.
     */
    public boolean send(byte[] frame) {
        return send(frame, frame.length);
    }

    /** Sends the remaining bytes of {@code frame} without moving its position. */
    public boolean send(ByteBuffer frame) {
        byte[] bytes = new byte[frame.remaining()];
        frame.duplicate().get(bytes);
        return send(bytes, bytes.length);
    }

    /**
     * Under the link's lock, which {@link #close} holds while it closes the send handle: a descriptor number is
     * never used after libpcap closed it (by then it may be another file's).
     */
    private synchronized boolean send(byte[] frame, int length) {
        String failure;
        if (closed) {
            failure = "link closed";
        } else if (length < 14) {
            failure = "frame of " + length + " bytes is shorter than an Ethernet header";
        } else {
            failure = transmit(frame, length);
        }
        if (failure == null) {
            counters.framesSent.incrementAndGet();
            if (sendFailing) {
                sendFailing = false;
                LOG.log(Level.INFO, "({0}) sending frames works again", spec.ifName());
            }
            return true;
        }
        counters.sendErrors.incrementAndGet();
        if (!sendFailing) {
            sendFailing = true;
            LOG.log(Level.WARNING, "({0}) cannot send frame: {1} (further failures are only counted)",
                    spec.ifName(), failure);
        }
        return false;
    }

    /** Hands the frame to the kernel: null, or why it could not be sent. */
    private String transmit(byte[] frame, int length) {
        if (frameSender != null && length <= LinuxSockets.FrameSender.MAX_FRAME) {
            int sent = frameSender.send(frame, length);
            return sent == length ? null
                    : sent < 0 ? "send: " + LinuxSockets.describe(-sent) : "send: " + sent + " of " + length + " bytes";
        }
        try {
            sendHandle.sendPacket(frame, length);
            return null;
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            return e.getMessage();
        }
    }

    private void receiveLoop() {
        long backoffMillis = 0;
        while (!closed) {
            byte[] frame;
            try {
                frame = handle.getNextRawPacketEx();
            } catch (EOFException | TimeoutException e) {
                continue; // EOF: pcap_breakloop, from close(); timeout: cannot happen with timeout 0
            } catch (PcapNativeException | NotOpenException | RuntimeException e) {
                if (closed) {
                    break;
                }
                counters.receiveErrors.incrementAndGet();
                if (indexOf(spec.ifName()) != ifIndex) {
                    LOG.log(Level.ERROR, "({0}) receive stopped: interface is gone ({1})", spec.ifName(),
                            e.getMessage());
                    break;
                }
                backoffMillis = Math.min(MAX_BACKOFF_MILLIS, Math.max(10, backoffMillis * 2));
                LOG.log(Level.WARNING, "({0}) receive error: {1} (retrying in {2} ms)", spec.ifName(),
                        e.getMessage(), backoffMillis);
                awaitClosing(backoffMillis);
                continue;
            }
            backoffMillis = 0;
            frameInHand = true;
            try {
                deliver(frame, nanos.getAsLong());
            } finally {
                frameInHand = false;
            }
        }
        if (closerThread == reader) {
            handle.close(); // close() was called from the sink, on this thread, and left the handle to us
        }
    }

    private void deliver(byte[] frame, long receivedNanos) {
        Integer original = handle.getOriginalLength();
        if (original != null && original > frame.length) {
            counters.framesTruncated.incrementAndGet();
            return;
        }
        counters.framesReceived.incrementAndGet();
        try {
            sink.accept(new ReceivedFrame(spec.ifName(), frame, receivedNanos));
        } catch (RuntimeException e) {
            if (counters.sinkErrors.incrementAndGet() == 1) {
                LOG.log(Level.ERROR, "(" + spec.ifName() + ") frame consumer failed (frame dropped; further"
                        + " failures are only counted)", e);
            }
        }
    }

    private void awaitClosing(long millis) {
        try {
            closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the receive thread and closes the handle; idempotent. The reader leaves libpcap within a millisecond
     * or so; pcap_close then takes about 20 ms. If the reader has not stopped within two seconds the handle is
     * left open (and logged) rather than risk a deadlock. Called from the sink, it only flags the reader, which
     * closes the handle itself once the sink returns.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closerThread = Thread.currentThread();
            sendHandle.close(); // under the lock a send holds; later sends see closed and count as failures
        }
        closing.countDown();
        if (Thread.currentThread() == reader) {
            return; // closed from the sink: the loop ends after it returns and closes the handle itself
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        boolean interrupted = false;
        while (reader.isAlive() && System.nanoTime() < deadline) {
            try {
                handle.breakLoop(); // repeated: a break that lands between two reads is consumed harmlessly
                reader.join(50);
            } catch (NotOpenException e) {
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (reader.isAlive()) {
            LOG.log(Level.ERROR, "({0}) receive thread did not stop; leaving its pcap handle open", spec.ifName());
        } else {
            handle.close(); // measured ~20 ms, all inside pcap_close (the kernel releasing the packet socket)
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The interface's index, or -1 when there is no such interface (in this network namespace). */
    private static int indexOf(String ifName) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(ifName);
            return nif == null ? -1 : nif.getIndex();
        } catch (SocketException e) {
            return -1;
        }
    }
}
