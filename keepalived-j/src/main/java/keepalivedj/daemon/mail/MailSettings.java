package keepalivedj.daemon.mail;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What SMTP alerts need from global_defs. The first seven are keepalived 2.2.7's keywords; the last three are
 * keepalived-j's additions (keepalived cannot authenticate or use TLS: its issues #161, #343).
 *
 * @param routerId       {@code router_id}, the {@code [..]} prefix of every subject
 * @param recipients     {@code notification_email { ... }}; alerts are only sent when non-empty
 * @param from           {@code notification_email_from} (MAIL FROM and the From: header)
 * @param smtpHost       {@code smtp_server} address or name
 * @param smtpPort       {@code smtp_server}'s optional port, 25 by default
 * @param heloName       {@code smtp_helo_name}, the EHLO/HELO name
 * @param timeout        {@code smtp_connect_timeout} (default 30 s): bounds the connection and every read and
 *                       write, as keepalived uses it for both
 * @param authUser       {@code smtp_auth_user} (new): SMTP AUTH user name, null for no AUTH
 * @param authPassword   {@code smtp_auth_password} (new): its password
 * @param startTls       {@code smtp_starttls} (new): upgrade with STARTTLS and refuse to send if the server does
 *                       not offer it (no silent fall-back to plain text); the certificate is verified against the
 *                       JVM's trust store and the server name
 */
public record MailSettings(String routerId, List<String> recipients, String from, String smtpHost, int smtpPort,
                           String heloName, Duration timeout, String authUser, String authPassword,
                           boolean startTls) {

    public static final int DEFAULT_PORT = 25;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public MailSettings {
        Objects.requireNonNull(routerId, "routerId");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(smtpHost, "smtpHost");
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(timeout, "timeout");
        if (smtpPort < 1 || smtpPort > 65535) {
            throw new IllegalArgumentException("smtp port out of range: " + smtpPort);
        }
        if ((authUser == null) != (authPassword == null)) {
            throw new IllegalArgumentException("smtp_auth_user and smtp_auth_password go together");
        }
    }

    /** keepalived's settings: no AUTH, no TLS. */
    public static MailSettings plain(String routerId, List<String> recipients, String from, String smtpHost,
                                     int smtpPort, String heloName, Duration timeout) {
        return new MailSettings(routerId, recipients, from, smtpHost, smtpPort, heloName, timeout, null, null, false);
    }

    public MailSettings withAuth(String user, String password) {
        return new MailSettings(routerId, recipients, from, smtpHost, smtpPort, heloName, timeout, user, password,
                startTls);
    }

    public MailSettings withStartTls(boolean on) {
        return new MailSettings(routerId, recipients, from, smtpHost, smtpPort, heloName, timeout, authUser,
                authPassword, on);
    }

    /** {@code [host]:port}, as keepalived names the server in its log lines. */
    public String server() {
        return "[" + smtpHost + "]:" + smtpPort;
    }

    @Override
    public String toString() {
        return "MailSettings[" + routerId + ", to " + recipients + ", from " + from + ", via " + server()
                + (authUser != null ? ", auth " + authUser : "") + (startTls ? ", starttls" : "") + "]";
    }
}
