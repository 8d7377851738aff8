package keepalivedj.daemon.it;

import static keepalivedj.daemon.it.lab.Implementation.KEEPALIVED_J;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import keepalivedj.daemon.it.lab.Daemon;
import keepalivedj.daemon.it.lab.VrrpLab;
import org.junit.jupiter.api.Test;

/**
 * keepalived-j's mail keywords reach the running daemon's SMTP client: a single node becomes MASTER with
 * {@code smtp_alert} and a real SMTP server (GreenMail, with an AUTH account) on its namespace's 127.0.0.1:2525.
 * With the right {@code smtp_auth_user}/{@code smtp_auth_password} the MASTER alert arrives; with a wrong password
 * the server refuses it; with {@code smtp_starttls} against this server, which offers no STARTTLS, nothing is
 * sent (no plain-text fall-back). The refusals are logged with keepalived's "Error sending SMTP alert" line.
 */
class MailKeywordsIT {
    static final String SUBJECT = "Subject: [mk] VRRP Instance VI_5 - Entering MASTER state";

    static String config(String mailExtra) {
        return "global_defs {\n    router_id mk\n    notification_email {\n        ops@example.com\n    }\n"
                + "    notification_email_from kj@example.com\n    smtp_server 127.0.0.1 2525\n"
                + "    smtp_connect_timeout 5\n" + mailExtra + "}\n"
                + "vrrp_instance VI_5 {\n    state MASTER\n    interface eth0\n    virtual_router_id 5\n"
                + "    priority 100\n    advert_int 1\n    smtp_alert\n"
                + "    virtual_ipaddress {\n        10.99.0.105/24 dev eth0\n    }\n}\n";
    }

    @Test
    void authAndStarttlsKeywordsReachTheDaemonsSmtpClient() throws Exception {
        assertEquals(List.of(SUBJECT), run("    smtp_auth_user alerts\n    smtp_auth_password s3cret\n", false),
                "right password: delivered");
        assertEquals(List.of(), run("    smtp_auth_user alerts\n    smtp_auth_password wrong\n", true),
                "wrong password: refused by the server");
        assertEquals(List.of(), run("    smtp_auth_user alerts\n    smtp_auth_password s3cret\n    smtp_starttls\n",
                true), "STARTTLS required but not offered: nothing sent");
    }

    /** Runs the node until MASTER and the alert's outcome; returns the MASTER subjects the server received. */
    private static List<String> run(String mailExtra, boolean expectError) throws Exception {
        try (VrrpLab lab = VrrpLab.create(1);
             MailSink sink = MailSink.start(lab.host("h1").ns(), 2525, "alerts", "s3cret");
             Daemon h1 = lab.host("h1").start(KEEPALIVED_J, config(mailExtra))) {
            h1.awaitLine("\\(VI_5\\) Entering MASTER STATE", 15_000);
            if (expectError) {
                h1.awaitLine("Error sending SMTP alert to \\[127\\.0\\.0\\.1\\]:2525", 15_000);
                Thread.sleep(1_000);
            } else {
                HaproxyExampleIT.awaitSubjects(sink, List.of(SUBJECT), 15_000);
            }
            return HaproxyExampleIT.subjects(sink, "Entering MASTER");
        }
    }
}
