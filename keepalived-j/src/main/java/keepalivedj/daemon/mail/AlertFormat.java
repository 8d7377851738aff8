package keepalivedj.daemon.mail;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import keepalivedj.daemon.notify.NotifyState;

/**
 * keepalived 2.2.7's alert texts (smtp.c, vrrp_notify.c; the strings are those in the 2.2.7 binary): subjects
 * {@code [router_id] VRRP Instance NAME - Entering MASTER state}, {@code [router_id] VRRP Group NAME - ...},
 * {@code [router_id] Realserver RS of virtual server VS - UP|DOWN}, {@code [router_id] Virtualserver VS - ...},
 * and their one-line bodies. Pure: no I/O, the time is a parameter. Sending is {@link SmtpAlerter}'s.
 */
public final class AlertFormat {
    /** keepalived's strftime {@code "%a, %d %b %Y %H:%M:%S %z"} in local time. */
    static final DateTimeFormatter RFC822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

    private AlertFormat() {
    }

    /** A vrrp_instance alert (vrrp_smtp_notifier). */
    public static AlertMessage instance(String routerId, String name, NotifyState state) {
        String body;
        switch (state) {
            case MASTER:
                body = "=> VRRP Instance is now owning VRRP VIPs <=";
                break;
            case BACKUP:
            case FAULT:
                body = "=> VRRP Instance is no longer owning VRRP VIPs <=";
                break;
            default:
                body = "=> VRRP Instance stopping <=";
                break;
        }
        return new AlertMessage("[" + routerId + "] VRRP Instance " + name + " - " + what(state), body);
    }

    /** A vrrp_sync_group alert (vrrp_sync_smtp_notifier). */
    public static AlertMessage group(String routerId, String name, NotifyState state) {
        String body = state == NotifyState.STOP ? "=> All VRRP group instances are now stopping <="
                : "=> All VRRP group instances are now in " + state.name() + " state <=";
        return new AlertMessage("[" + routerId + "] VRRP Group " + name + " - " + what(state), body);
    }

    /** A real server alert: {@code rs} and {@code vs} already in keepalived's {@code [ip]:proto:port} form. */
    public static AlertMessage realServer(String routerId, String rs, String vs, boolean up, String body) {
        return new AlertMessage("[" + routerId + "] Realserver " + rs + " of virtual server " + vs + " - "
                + (up ? "UP" : "DOWN"), body);
    }

    /** A virtual server alert ({@code what} is e.g. "UP" or "DOWN"). */
    public static AlertMessage virtualServer(String routerId, String vs, String what, String body) {
        return new AlertMessage("[" + routerId + "] Virtualserver " + vs + " - " + what, body);
    }

    private static String what(NotifyState state) {
        return state == NotifyState.STOP ? "Stopping" : "Entering " + state.name() + " state";
    }

    /** The Date: header value as keepalived writes it. */
    public static String date(ZonedDateTime when) {
        return RFC822.format(when);
    }

    /** The To: header as keepalived builds it: the recipients joined by ", ". */
    public static String toHeader(List<String> recipients) {
        return String.join(", ", recipients);
    }

    /** The message text after the headers, as keepalived sends it (its body line ends in CRLF). */
    public static String text(AlertMessage m) {
        return m.body() + "\r\n";
    }
}
