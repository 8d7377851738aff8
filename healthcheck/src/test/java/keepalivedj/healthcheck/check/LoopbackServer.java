package keepalivedj.healthcheck.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/** A real TCP (or TLS) server on 127.0.0.1 whose behaviour per connection is a lambda; test scope only. */
final class LoopbackServer implements AutoCloseable {
    private final ServerSocket server;
    private final Thread acceptor;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> sniNames = new CopyOnWriteArrayList<>();

    interface Behaviour {
        void serve(Socket s, LoopbackServer server) throws Exception;
    }

    private LoopbackServer(ServerSocket server, Behaviour behaviour) {
        this.server = server;
        this.acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread t = new Thread(() -> {
                        try (s) {
                            behaviour.serve(s, this);
                        } catch (Exception e) {
                            // the client went away; that is often the point of the test
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static LoopbackServer plain(Behaviour b) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new LoopbackServer(ss, b);
    }

    static KeyStore selfSigned() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = LoopbackServer.class.getResourceAsStream("/selfsigned.p12")) {
            ks.load(in, "changeit".toCharArray());
        }
        return ks;
    }

    static LoopbackServer tls(Behaviour b) throws Exception {
        return tls(b, false);
    }

    /** With {@code clientAuth} the server demands a client certificate and trusts only the self-signed one. */
    static LoopbackServer tls(Behaviour b, boolean clientAuth) throws Exception {
        KeyStore ks = selfSigned();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("client", ks.getCertificate("server"));
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
        ss.setNeedClientAuth(clientAuth);
        ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new LoopbackServer(ss, b);
    }

    int port() {
        return server.getLocalPort();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
    }

    /** Reads the request head (up to the blank line) and records it. */
    String readRequest(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            String sofar = b.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
            if (sofar.endsWith("\r\n\r\n")) {
                requests.add(sofar);
                if (s instanceof javax.net.ssl.SSLSocket) {
                    javax.net.ssl.ExtendedSSLSession sess =
                            (javax.net.ssl.ExtendedSSLSession) ((javax.net.ssl.SSLSocket) s).getSession();
                    sess.getRequestedServerNames().forEach(n ->
                            sniNames.add(((javax.net.ssl.SNIHostName) n).getAsciiName()));
                }
                return sofar;
            }
        }
        throw new IOException("client closed before the end of the request");
    }

    static Behaviour respond(String raw) {
        return (s, srv) -> {
            srv.readRequest(s);
            s.getOutputStream().write(raw.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
        };
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
