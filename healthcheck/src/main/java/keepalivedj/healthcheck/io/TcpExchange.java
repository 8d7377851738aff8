package keepalivedj.healthcheck.io;

import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import keepalivedj.healthcheck.Failure;
import keepalivedj.healthcheck.Probe;
import keepalivedj.healthcheck.Timers;

/**
 * One TCP connection of one check attempt, non-blocking on the {@link NioLoop}: connect (with bindto), optional
 * TLS through an {@link SSLEngine}, then the {@link Dialogue} until it gives a {@link Probe}. connect_timeout
 * bounds the connection and then each wait for the peer, as keepalived's per-read timeouts do. It ends exactly
 * once: the socket is closed and {@code done} gets the probe, on the loop thread. It does not judge the protocol;
 * the dialogue does.
 */
public final class TcpExchange implements NioLoop.Handler, Dialogue.Output {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final NioLoop loop;
    private final Target target;
    private final SSLEngine engine;
    private final Dialogue dialogue;
    private final Consumer<Probe> done;
    private SocketChannel channel;
    private SelectionKey key;
    private Timers.Cancellable timeout;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer appIn;
    private boolean connected;
    private boolean opened;
    private boolean eof;
    private boolean finished;

    private TcpExchange(NioLoop loop, Target target, SSLEngine engine, Dialogue dialogue, Consumer<Probe> done) {
        this.loop = loop;
        this.target = target;
        this.engine = engine;
        this.dialogue = dialogue;
        this.done = done;
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
    public static void start(NioLoop loop, Target target, SSLEngine engine, Dialogue dialogue,
                             Consumer<Probe> done) {
        TcpExchange x = new TcpExchange(loop, target, engine, dialogue, done);
        if (loop.inLoop()) {
            x.begin();
        } else {
            loop.execute(x::begin);
        }
    }

    private void begin() {
        try {
            // an AF_INET socket for an IPv4 server: SocketChannel.open() would make a dual-stack AF_INET6 one,
            // whose connects to v4-mapped addresses cost the kernel more at thousands of checks a second
            java.net.InetAddress remote = target.remote().getAddress();
            channel = remote == null ? SocketChannel.open()
                    : SocketChannel.open(remote instanceof java.net.Inet6Address ? java.net.StandardProtocolFamily.INET6
                    : java.net.StandardProtocolFamily.INET);
            channel.configureBlocking(false);
            if (target.bind() != null) {
                channel.bind(target.bind());
            }
        } catch (IOException e) {
            finish(Probe.failed(Failure.LOCAL_ERROR, "socket: " + e.getMessage()));
            return;
        }
        try {
            boolean now = channel.connect(target.remote());
            key = loop.register(channel, now ? 0 : SelectionKey.OP_CONNECT, this);
            armTimeout();
            if (now) {
                connected();
            }
        } catch (IOException e) {
            finish(Probe.failed(Failure.CONNECT_FAILED, "connect: " + e.getMessage()));
        }
    }

    private void armTimeout() {
        if (timeout != null) {
            timeout.cancel();
        }
        timeout = loop.schedule(target.timeoutNanos(), this::timedOut);
    }

    private void timedOut() {
        if (!connected) {
            finish(Probe.failed(Failure.CONNECT_TIMEOUT, "connection timed out"));
        } else if (!opened) {
            finish(Probe.failed(Failure.READ_TIMEOUT, "timed out during TLS handshake"));
        } else {
            finish(Probe.failed(Failure.READ_TIMEOUT, "timed out waiting for the server"));
        }
    }

    @Override
    public void ready(SelectionKey k) {
        if (finished) {
            return;
        }
        try {
            if (!connected) {
                if (!k.isConnectable()) {
                    return;
                }
                try {
                    if (!channel.finishConnect()) {
                        return;
                    }
                } catch (IOException e) {
                    finish(Probe.failed(Failure.CONNECT_FAILED, "connect: " + e.getMessage()));
                    return;
                }
                connected();
                return;
            }
            if (k.isWritable()) {
                flush();
            }
            if (k.isReadable()) {
                read();
            }
            if (!finished) {
                pump();
            }
        } catch (SSLException e) {
            finish(Probe.failed(Failure.TLS, "TLS: " + e.getMessage()));
        } catch (IOException e) {
            finish(Probe.failed(isReset(e) ? Failure.RESET : Failure.LOCAL_ERROR, e.getMessage()));
        }
    }

    private static boolean isReset(IOException e) {
        String m = e.getMessage();
        return e instanceof SocketException || (m != null && (m.contains("reset") || m.contains("Broken pipe")));
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
        int n;
        try {
            n = channel.read(netIn);
        } catch (IOException e) {
            finish(Probe.failed(Failure.RESET, "read: " + e.getMessage()));
            return;
        }
        if (n < 0) {
            eof = true;
        } else if (n > 0) {
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
        key.interestOps(SelectionKey.OP_READ | (netOut.position() > 0 ? SelectionKey.OP_WRITE : 0));
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
        try {
            channel.write(netOut);
        } finally {
            netOut.compact();
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
        try {
            if (key != null) {
                loop.cancelAndClose(key);
            } else if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing a socket we are done with; nothing to report
        }
        done.accept(p);
    }
}
