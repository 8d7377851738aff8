package keepalivedj.healthcheck.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import keepalivedj.healthcheck.Failure;
import keepalivedj.healthcheck.Probe;
import keepalivedj.healthcheck.Timers;

/**
 * One TCP connection of one check attempt, non-blocking on the {@link CheckLoop}: connect (with bindto), optional
 * TLS through an {@link SSLEngine}, then the {@link Dialogue} until it gives a {@link Probe}. connect_timeout
 * bounds the connection and then each wait for the peer, as keepalived's per-read timeouts do. It ends exactly
 * once: the socket is closed and {@code done} gets the probe, on the loop thread. It does not judge the protocol;
 * the dialogue does.
 */
public final class TcpExchange implements CheckLoop.Handler, Dialogue.Output, Runnable {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final CheckLoop loop;
    private final Target target;
    private final SSLEngine engine;
    private final Dialogue dialogue;
    private final Consumer<Probe> done;
    private final LinuxSockets sockets;
    /** The socket, -1 before it exists and after it is closed. */
    private int fd = -1;
    private Timers.Cancellable timeout;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer appIn;
    private boolean connected;
    private boolean opened;
    private boolean eof;
    private boolean finished;

    private TcpExchange(CheckLoop loop, Target target, SSLEngine engine, Dialogue dialogue, Consumer<Probe> done) {
        this.loop = loop;
        this.target = target;
        this.engine = engine;
        this.dialogue = dialogue;
        this.done = done;
        this.sockets = loop.sockets();
        // buffers are allocated on first use: a TCP_CHECK never needs any, which matters at 8,000 checks/s
        this.netIn = EMPTY;
        this.netOut = EMPTY;
        this.appIn = EMPTY;
    }

    private void allocateBuffers() {
        if (netIn.capacity() > 0) {
            return;
        }
        int packet = engine == null ? 4096 : engine.getSession().getPacketBufferSize();
        netIn = ByteBuffer.allocate(packet);
        netOut = ByteBuffer.allocate(engine == null ? 512 : packet);
        appIn = engine == null ? netIn : ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    /**
     * Starts an exchange; call on the loop thread (or it is handed to it).
     *
     * @param engine a client-mode engine for SSL_GET, or null for plain TCP
     */
    public static void start(CheckLoop loop, Target target, SSLEngine engine, Dialogue dialogue,
                             Consumer<Probe> done) {
        TcpExchange x = new TcpExchange(loop, target, engine, dialogue, done);
        if (loop.inLoop()) {
            x.begin();
        } else {
            loop.execute(x::begin);
        }
    }

    private void begin() {
        java.net.InetSocketAddress remote = target.remote();
        if (remote.isUnresolved()) {
            finish(Probe.failed(Failure.CONNECT_FAILED, "connect: unresolved address " + remote.getHostString()));
            return;
        }
        // an AF_INET socket for an IPv4 server, non-blocking from its creation, as keepalived's
        fd = sockets.tcpSocket(remote.getAddress());
        if (fd < 0) {
            int errno = -fd;
            fd = -1;
            finish(Probe.failed(Failure.LOCAL_ERROR, "socket: " + LinuxSockets.describe(errno)));
            return;
        }
        String refused = sockets.prepare(fd, target);
        if (refused != null) {
            finish(Probe.failed(Failure.LOCAL_ERROR, refused));
            return;
        }
        int r = sockets.connect(fd, target);
        if (r < 0 && r != -LinuxSockets.EINPROGRESS) {
            finish(Probe.failed(Failure.CONNECT_FAILED, "connect: " + LinuxSockets.describe(-r)));
            return;
        }
        int reg = loop.register(fd, r == 0 ? LinuxSockets.EPOLLIN : LinuxSockets.EPOLLOUT, this);
        if (reg < 0) {
            finish(Probe.failed(Failure.LOCAL_ERROR, "epoll: " + LinuxSockets.describe(-reg)));
            return;
        }
        armTimeout();
        if (r == 0) {
            try {
                connected();
            } catch (IOException e) {
                finish(Probe.failed(e instanceof SSLException ? Failure.TLS : Failure.LOCAL_ERROR, e.getMessage()));
            }
        }
    }

    private void armTimeout() {
        if (timeout != null) {
            timeout.cancel();
        }
        timeout = loop.schedule(target.timeoutNanos(), this);
    }

    /**
     * The exchange's timer (connect_timeout) fired. The exchange is its own timer task: a method reference here
     * costs, under the daemon's C1-only JIT, a method-handle call and a native allocation per check.
     */
    @Override
    public void run() {
        if (!connected) {
            finish(Probe.failed(Failure.CONNECT_TIMEOUT, "connection timed out"));
        } else if (!opened) {
            finish(Probe.failed(Failure.READ_TIMEOUT, "timed out during TLS handshake"));
        } else {
            finish(Probe.failed(Failure.READ_TIMEOUT, "timed out waiting for the server"));
        }
    }

    @Override
    public void ready(int events) {
        if (finished) {
            return;
        }
        try {
            if (!connected) {
                // writable: connected. An error or hang-up: SO_ERROR says why (keepalived asks SO_ERROR every
                // time; the kernel sets EPOLLERR whenever it has one to give, so the call is saved when it has not)
                int err = (events & (LinuxSockets.EPOLLERR | LinuxSockets.EPOLLHUP)) != 0 ? sockets.socketError(fd) : 0;
                if (err != 0) {
                    finish(Probe.failed(Failure.CONNECT_FAILED, "connect: " + LinuxSockets.describe(Math.abs(err))));
                    return;
                }
                connected();
                return;
            }
            if ((events & LinuxSockets.EPOLLOUT) != 0) {
                flush();
            }
            if ((events & (LinuxSockets.EPOLLIN | LinuxSockets.EPOLLERR | LinuxSockets.EPOLLHUP)) != 0) {
                read();
            }
            if (!finished) {
                pump();
            }
        } catch (SSLException e) {
            finish(Probe.failed(Failure.TLS, "TLS: " + e.getMessage()));
        } catch (IOException e) {
            finish(Probe.failed(Failure.LOCAL_ERROR, e.getMessage()));
        }
    }

    private void connected() throws IOException {
        connected = true;
        if (engine != null) {
            allocateBuffers();
            engine.beginHandshake();
        }
        pump();
        if (!finished) {
            // the wait for the peer starts now; a TCP_CHECK has already ended, so it never schedules this timer
            // (each schedule is a heap insert, and a cancelled one stays in the heap until its time)
            armTimeout();
        }
    }

    private void read() throws IOException {
        allocateBuffers();
        if (!netIn.hasRemaining()) {
            netIn = grow(netIn, netIn.capacity() * 2);
        }
        int n = sockets.receive(fd, netIn);
        if (n == -LinuxSockets.EAGAIN || n == -LinuxSockets.EINTR) {
            return;
        }
        if (n < 0) {
            finish(Probe.failed(Failure.RESET, "read: " + LinuxSockets.describe(-n)));
        } else if (n == 0) {
            eof = true;
        } else {
            armTimeout();
        }
    }

    /** Drives TLS, hands plain bytes to the dialogue, flushes, and decides what to wait for next. */
    private void pump() throws IOException {
        if (engine == null) {
            if (!opened) {
                opened = true;
                if (deliver(dialogue.opened(this))) {
                    return;
                }
            }
        } else if (handshakeAndUnwrap()) {
            return;
        }
        if (opened && appIn.position() > 0) {
            appIn.flip();
            Probe p = dialogue.received(appIn, this);
            appIn.compact();
            if (deliver(p)) {
                return;
            }
        }
        flush();
        if (eof) {
            deliver(opened ? dialogue.closed()
                    : Probe.failed(Failure.TLS, "connection closed during TLS handshake"));
            return;
        }
        loop.interest(fd, LinuxSockets.EPOLLIN | (netOut.position() > 0 ? LinuxSockets.EPOLLOUT : 0));
    }

    /** Returns true when the exchange has ended. */
    private boolean handshakeAndUnwrap() throws IOException {
        boolean progress = true;
        while (progress && !finished) {
            progress = false;
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK:
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                    progress = true;
                    break;
                case NEED_WRAP:
                    progress = wrap(EMPTY);
                    break;
                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN:
                    progress = unwrap();
                    break;
                default:
                    if (!opened) {
                        opened = true;
                        if (deliver(dialogue.opened(this))) {
                            return true;
                        }
                        progress = true;
                    } else {
                        progress = unwrap();
                    }
            }
        }
        return finished;
    }

    private boolean unwrap() throws SSLException {
        netIn.flip();
        try {
            if (!netIn.hasRemaining()
                    && engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_UNWRAP_AGAIN) {
                return false;
            }
            SSLEngineResult r = engine.unwrap(netIn, appIn);
            switch (r.getStatus()) {
                case BUFFER_OVERFLOW:
                    appIn = grow(appIn, appIn.capacity() + engine.getSession().getApplicationBufferSize());
                    return true;
                case BUFFER_UNDERFLOW:
                    return false;
                case CLOSED:
                    eof = true;
                    return false;
                default:
                    return r.bytesConsumed() > 0 || r.bytesProduced() > 0;
            }
        } finally {
            netIn.compact();
        }
    }

    private boolean wrap(ByteBuffer app) throws IOException {
        SSLEngineResult r = engine.wrap(app, netOut);
        switch (r.getStatus()) {
            case BUFFER_OVERFLOW:
                netOut = grow(netOut, netOut.capacity() + engine.getSession().getPacketBufferSize());
                return true;
            case CLOSED:
                eof = true;
                return false;
            default:
                return r.bytesConsumed() > 0 || r.bytesProduced() > 0;
        }
    }

    @Override
    public void write(ByteBuffer bytes) {
        allocateBuffers();
        try {
            if (engine == null) {
                if (netOut.remaining() < bytes.remaining()) {
                    netOut = grow(netOut, netOut.position() + bytes.remaining());
                }
                netOut.put(bytes);
            } else {
                while (bytes.hasRemaining() && !eof) {
                    wrap(bytes);
                }
            }
            flush();
        } catch (IOException e) {
            finish(Probe.failed(e instanceof SSLException ? Failure.TLS : Failure.RESET, "write: " + e.getMessage()));
        }
    }

    private void flush() throws IOException {
        if (finished || netOut.capacity() == 0 || netOut.position() == 0) {
            return;
        }
        netOut.flip();
        int n;
        try {
            n = sockets.send(fd, netOut);
        } finally {
            netOut.compact();
        }
        if (n < 0 && n != -LinuxSockets.EAGAIN && n != -LinuxSockets.EINTR) {
            finish(Probe.failed(Failure.RESET, "write: " + LinuxSockets.describe(-n)));
        }
    }

    private static ByteBuffer grow(ByteBuffer b, int capacity) {
        ByteBuffer n = ByteBuffer.allocate(Math.max(capacity, b.capacity()));
        b.flip();
        n.put(b);
        return n;
    }

    /** Ends the exchange if {@code p} is a probe; returns whether it has ended. */
    private boolean deliver(Probe p) {
        if (p != null) {
            finish(p);
        }
        return finished;
    }

    private void finish(Probe p) {
        if (finished) {
            return;
        }
        finished = true;
        if (timeout != null) {
            timeout.cancel();
        }
        if (fd >= 0) {
            loop.close(fd); // ends its registration too, if it got that far
            fd = -1;
        }
        done.accept(p);
    }
}
