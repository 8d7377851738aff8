package keepalivedj.daemon.mail;

import java.util.Objects;

/** The subject line and the one-line body of one SMTP alert, already in keepalived's words. */
public record AlertMessage(String subject, String body) {
    public AlertMessage {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }
}
