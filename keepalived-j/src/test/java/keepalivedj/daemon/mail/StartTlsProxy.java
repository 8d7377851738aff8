package keepalivedj.daemon.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * GreenMail 2.1.13 has no STARTTLS, so this test server adds it in front of GreenMail's plain SMTP: it relays the
 * greeting and commands, advertises {@code STARTTLS} in the EHLO answer, answers STARTTLS itself, upgrades the
 * client connection to TLS with the test certificate, and from then on relays the decrypted stream to GreenMail.
 * It records the commands it saw in plain text and the TLS protocol negotiated.
 */
final class StartTlsProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int upstreamPort;
    private final SSLContext tls;
    private final boolean offerStartTls;
    final List<String> plaintextCommands = new CopyOnWriteArrayList<>();
    final List<String> tlsProtocols = new CopyOnWriteArrayList<>();
    final List<String> handshakeFailures = new CopyOnWriteArrayList<>();

    StartTlsProxy(int upstreamPort, SSLContext tls, boolean offerStartTls) throws IOException {
        this.listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        this.tls = tls;
        this.offerStartTls = offerStartTls;
        Thread t = new Thread(this::acceptLoop, "starttls-proxy");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread t = new Thread(() -> serve(client), "starttls-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (Socket up = new Socket(InetAddress.getLoopbackAddress(), upstreamPort); client) {
            InputStream cin = client.getInputStream();
            OutputStream cout = client.getOutputStream();
            InputStream uin = up.getInputStream();
            OutputStream uout = up.getOutputStream();
            relayReply(uin, cout, false);
            while (true) {
                String cmd = readLine(cin);
                if (cmd == null) {
                    return;
                }
                plaintextCommands.add(cmd);
                if (cmd.equalsIgnoreCase("STARTTLS") && offerStartTls) {
                    cout.write("220 2.0.0 Ready to start TLS\r\n".getBytes(StandardCharsets.US_ASCII));
                    cout.flush();
                    SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(client, "127.0.0.1",
                            client.getPort(), false);
                    s.setUseClientMode(false);
                    try {
                        s.startHandshake();
                    } catch (IOException e) {
                        handshakeFailures.add(e.toString());
                        return;
                    }
                    tlsProtocols.add(s.getSession().getProtocol());
                    pipeBothWays(s, up);
                    return;
                }
                uout.write((cmd + "\r\n").getBytes(StandardCharsets.US_ASCII));
                uout.flush();
                relayReply(uin, cout, offerStartTls && cmd.toUpperCase().startsWith("EHLO"));
            }
        } catch (IOException e) {
            // the client or GreenMail went away: the test asserts on what arrived
        }
    }

    /** Copies one (multi-line) SMTP reply; for EHLO, adds STARTTLS to the extensions. */
    private static void relayReply(InputStream in, OutputStream out, boolean addStartTls) throws IOException {
        while (true) {
            String line = readLine(in);
            if (line == null) {
                throw new IOException("upstream closed");
            }
            boolean last = line.length() < 4 || line.charAt(3) != '-';
            if (last && addStartTls) {
                out.write(("250-STARTTLS\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            if (last) {
                out.flush();
                return;
            }
        }
    }

    private static void pipeBothWays(Socket a, Socket b) throws IOException {
        Thread t = new Thread(() -> copy(b, a), "starttls-proxy-down");
        t.setDaemon(true);
        t.start();
        copy(a, b);
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException | UnsupportedOperationException e) {
            // connection over
        }
    }

    /** One CRLF-terminated line, read byte by byte so nothing past it (a TLS ClientHello) is consumed. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.US_ASCII);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
