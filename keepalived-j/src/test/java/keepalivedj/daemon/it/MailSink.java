package keepalivedj.daemon.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real SMTP server (GreenMail) in a child JVM started inside a test namespace with {@code ip netns exec}, so a
 * daemon in that namespace reaches it at the namespace's own 127.0.0.1 (the examples' {@code smtp_server
 * 127.0.0.1 25}) and nothing listens in the root namespace. Each received message is written to
 * {@code DIR/N.eml} as received; {@code DIR/ready} appears once the server listens. {@link #close()} ends the
 * child JVM with SIGTERM (SIGKILL after 5 s).
 */
public final class MailSink implements AutoCloseable {
    private final Process process;
    private final Path dir;

    private MailSink(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /** Starts the server on 127.0.0.1:{@code port} inside {@code ns}. */
    public static MailSink start(Netns ns, int port) throws IOException, InterruptedException {
        return start(ns, port, null, null);
    }

    /** As {@link #start(Netns, int)}, with an SMTP AUTH account (a wrong password is refused). */
    public static MailSink start(Netns ns, int port, String user, String password)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("kj-mail-" + ns.name() + "-");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), java, "-cp",
                System.getProperty("java.class.path"), MailSink.class.getName(), String.valueOf(port),
                dir.toString()));
        if (user != null) {
            cmd.addAll(List.of(user, password));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("sink.log").toFile()).start();
        MailSink sink = new MailSink(p, dir);
        long end = System.nanoTime() + 30_000_000_000L;
        while (!Files.exists(dir.resolve("ready"))) {
            if (!p.isAlive() || System.nanoTime() > end) {
                sink.close();
                throw new IOException("mail sink did not start: " + Files.readString(dir.resolve("sink.log")));
            }
            Thread.sleep(50);
        }
        return sink;
    }

    /** The messages received so far, each as its raw text (headers and body). */
    public List<String> messages() throws IOException {
        List<String> out = new ArrayList<>();
        for (int i = 0; Files.exists(dir.resolve(i + ".eml")); i++) {
            out.add(Files.readString(dir.resolve(i + ".eml")));
        }
        return out;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        if (args.length > 3) {
            mail.setUser(args[2] + "@example.com", args[2], args[3]);
        }
        mail.start();
        Files.createFile(dir.resolve("ready"));
        // getReceivedMessages() walks every mailbox, in no stable order: each message is written once, by content
        java.util.Set<String> seen = new java.util.HashSet<>();
        int written = 0;
        try {
            while (true) {
                for (MimeMessage m : mail.getReceivedMessages()) {
                    java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
                    m.writeTo(raw);
                    if (seen.add(raw.toString(java.nio.charset.StandardCharsets.ISO_8859_1))) {
                        Path tmp = dir.resolve(written + ".tmp");
                        try (OutputStream o = Files.newOutputStream(tmp)) {
                            raw.writeTo(o);
                        }
                        Files.move(tmp, dir.resolve(written + ".eml"));
                        written++;
                    }
                }
                Thread.sleep(100);
            }
        } finally {
            mail.stop();
        }
    }
}
