package keepalivedj.daemon.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocketFactory;

/**
 * The only class in keepalived-j that speaks SMTP: sends {@link AlertMessage}s to {@code smtp_server} with
 * Jakarta Mail (Angus), on its own thread. {@link #send} returns at once; a server that is down, slow or refuses
 * costs one log line and a counter, never a delay to the caller (so never to a failover). Alerts wait in a short
 * queue; when it is full, further alerts are dropped and counted. It does not decide when to alert (the
 * per-instance {@code smtp_alert} flags are the caller's) and does not word the alerts ({@link AlertFormat}).
 *
 * <p>The mail is keepalived's: Date (keepalived's format, local time), From, Subject, {@code X-Mailer:
 * Keepalived}, To (all recipients, ", "-joined), and the body line. Jakarta Mail adds Message-ID, MIME-Version
 * and Content-Type/-Transfer-Encoding headers, which keepalived does not send.
 */
public final class SmtpAlerter implements AutoCloseable {
    static final int QUEUE = 64;
    private static final Logger LOG = System.getLogger("keepalivedj.daemon.mail");

    private final MailSettings settings;
    private final Clock clock;
    private final Session session;
    private final ThreadPoolExecutor sender;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    /** Alerts delivered to the server, refused or failed (connection, timeout, SMTP error), dropped unsent. */
    public record Stats(long sent, long failed, long dropped) {
    }

    /** Production: certificates checked against the JVM's default trust store. */
    public SmtpAlerter(MailSettings settings, Clock clock) {
        this(settings, clock, null);
    }

    /**
     * @param tlsSockets the factory for the STARTTLS upgrade, or null for the JVM default (tests pass one that
     *                   trusts their own certificate; the server name is checked either way)
     */
    public SmtpAlerter(MailSettings settings, Clock clock, SSLSocketFactory tlsSockets) {
        this.settings = settings;
        this.clock = clock;
        this.session = Session.getInstance(properties(settings, tlsSockets));
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "smtp-alert");
            t.setDaemon(true);
            return t;
        });
    }

    static Properties properties(MailSettings s, SSLSocketFactory tlsSockets) {
        String ms = Long.toString(s.timeout().toMillis());
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", s.smtpHost());
        p.put("mail.smtp.port", Integer.toString(s.smtpPort()));
        p.put("mail.smtp.localhost", s.heloName()); // otherwise Jakarta Mail asks InetAddress.getLocalHost()
        p.put("mail.smtp.from", s.from());
        p.put("mail.smtp.connectiontimeout", ms);
        p.put("mail.smtp.timeout", ms);
        p.put("mail.smtp.writetimeout", ms);
        p.put("mail.smtp.auth", Boolean.toString(s.authUser() != null));
        if (s.startTls()) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
            p.put("mail.smtp.ssl.checkserveridentity", "true");
            if (tlsSockets != null) {
                p.put("mail.smtp.ssl.socketFactory", tlsSockets);
            }
        }
        return p;
    }

    /**
     * Queues one alert; returns at once. The future says whether the server accepted it (it never completes
     * exceptionally); callers normally ignore it.
     */
    public CompletableFuture<Boolean> send(AlertMessage message) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        if (settings.recipients().isEmpty()) {
            done.complete(false);
            return done;
        }
        try {
            sender.execute(() -> {
                if (closed) {
                    dropped.incrementAndGet();
                    done.complete(false);
                } else {
                    done.complete(deliver(message));
                }
            });
        } catch (RejectedExecutionException e) {
            dropped.incrementAndGet();
            LOG.log(Level.WARNING, "SMTP alert dropped ({0} alerts already waiting for {1}): {2}", QUEUE,
                    settings.server(), message.subject());
            done.complete(false);
        }
        return done;
    }

    public Stats stats() {
        return new Stats(sent.get(), failed.get(), dropped.get());
    }

    private boolean deliver(AlertMessage message) {
        try {
            MimeMessage m = compose(message, ZonedDateTime.now(clock));
            try (Transport t = session.getTransport("smtp")) {
                t.connect(settings.smtpHost(), settings.smtpPort(), settings.authUser(), settings.authPassword());
                LOG.log(Level.INFO, "Remote SMTP server {0} connected.", settings.server());
                t.sendMessage(m, m.getAllRecipients());
            }
            sent.incrementAndGet();
            LOG.log(Level.INFO, "SMTP alert successfully sent.");
            return true;
        } catch (MessagingException | RuntimeException e) {
            failed.incrementAndGet();
            LOG.log(Level.ERROR, "Error sending SMTP alert to {0}: {1} (alert was: {2})", settings.server(),
                    reason(e), message.subject());
            return false;
        }
    }

    MimeMessage compose(AlertMessage message, ZonedDateTime now) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setHeader("Date", AlertFormat.date(now));
        m.setFrom(new InternetAddress(settings.from(), false));
        m.setSubject(message.subject(), "us-ascii");
        m.setHeader("X-Mailer", "Keepalived");
        m.setRecipients(MimeMessage.RecipientType.TO, addresses());
        m.setText(AlertFormat.text(message), "us-ascii");
        m.saveChanges();
        return m;
    }

    private Address[] addresses() throws MessagingException {
        Address[] a = new Address[settings.recipients().size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = new InternetAddress(settings.recipients().get(i), false);
        }
        return a;
    }

    private static String reason(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
            sb.append(": ").append(c.getClass().getSimpleName()).append(' ').append(c.getMessage());
            e = c;
        }
        return sb.toString().replace('\n', ' ').trim();
    }

    /** Stops taking alerts and drops those still queued; one in progress ends within the timeout. */
    @Override
    public void close() {
        closed = true;
        sender.shutdown();
    }
}
