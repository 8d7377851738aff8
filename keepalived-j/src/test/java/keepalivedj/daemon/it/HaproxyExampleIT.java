package keepalivedj.daemon.it;

import static keepalivedj.daemon.it.lab.Implementation.KEEPALIVED_J;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import keepalivedj.daemon.it.lab.Daemon;
import keepalivedj.daemon.it.lab.Scratch;
import keepalivedj.daemon.it.lab.VrrpLab;
import org.junit.jupiter.api.Test;

/**
 * Issue 5: the {@code examples/haproxy-pair} pair runs end to end under keepalived-j. The two node configurations
 * are the example files with only the addresses moved into the lab (10.50.0.11/12/100 → 10.99.0.1/2/100); their
 * tracking, notify, script security and mail settings are kept, including {@code smtp_server 127.0.0.1 25}.
 *
 * <p>Each node runs in its lab network namespace plus private mount, UTS and PID namespaces: the example's
 * scripts are installed under /etc/keepalived/scripts on a tmpfs, the host name is lb1/lb2, and a real process
 * named {@code haproxy} (a copy of sleep) runs beside the daemon, so {@code killall -0 haproxy} sees that
 * node's haproxy only. Each node has a real SMTP server (GreenMail, in a child JVM) on its own namespace's
 * 127.0.0.1:25. Killing lb1's haproxy must lower lb1's priority (fall 2 × interval 2), move the VIP to lb2, and
 * bring both kinds of mail: keepalived's smtp_alert and the example's notify-mail.sh.
 */
class HaproxyExampleIT {
    static final String VIP = "10.99.0.100";

    @Test
    void stoppingHaproxyMovesTheVipAndMailArrives() throws Exception {
        Path example = SharedFiles.repoRoot().resolve("examples/haproxy-pair");
        Path bin = Scratch.dir("kj-haproxy-");
        try {
            Path haproxy = bin.resolve("haproxy");
            Files.copy(Path.of("/bin/sleep"), haproxy);
            Files.setPosixFilePermissions(haproxy, PosixFilePermissions.fromString("rwxr-xr-x"));
            try (VrrpLab lab = VrrpLab.create(2);
                 MailSink mail1 = MailSink.start(lab.host("h1").ns(), 25);
                 MailSink mail2 = MailSink.start(lab.host("h2").ns(), 25);
                 Daemon lb1 = lab.host("h1").prepare(KEEPALIVED_J, node(example.resolve("lb1.conf")))
                         .wrappedBy(isolated(example.resolve("scripts"), haproxy, "lb1"));
                 Daemon lb2 = lab.host("h2").prepare(KEEPALIVED_J, node(example.resolve("lb2.conf")))
                         .wrappedBy(isolated(example.resolve("scripts"), haproxy, "lb2"))) {
                lb1.start();
                lb1.awaitLine("\\(VI_WEB\\) Entering MASTER STATE", 30_000);
                lb2.start(); // after lb1 is MASTER: no start-up race for who is first
                lb2.awaitLine("\\(VI_WEB\\) Entering BACKUP STATE", 30_000);
                VrrpDaemonIT.awaitHolder(lab, "h1", 5_000);
                Thread.sleep(5_000); // both checks have run several times; lb1 stays MASTER
                assertEquals(List.of("h1"), lab.holderNames(VIP));
                assertEquals(0, subjects(mail2, "is now MASTER|Entering MASTER").size(), "no MASTER mail on lb2 yet");

                int before1 = mail1.messages().size();
                int before2 = mail2.messages().size();
                ProcessHandle lb1Haproxy = haproxyOf(lb1);
                ProcessHandle lb2Haproxy = haproxyOf(lb2);
                lb1Haproxy.destroyForcibly();
                lb1.awaitLine("\\(VI_WEB\\) Changing effective priority from 101 to 81", 15_000);
                VrrpDaemonIT.awaitHolder(lab, "h2", 15_000);
                lb2.awaitLine("\\(VI_WEB\\) Entering MASTER STATE", 1_000);
                lb1.awaitLine("\\(VI_WEB\\) Entering BACKUP STATE", 1_000);
                assertTrue(lb2Haproxy.isAlive(), "lb2's haproxy untouched");

                List<String> want2 = List.of("Subject: [haproxy-lb2] VRRP Instance VI_WEB - Entering MASTER state",
                        "Subject: [lb2] INSTANCE VI_WEB is now MASTER");
                List<String> want1 = List.of("Subject: [haproxy-lb1] VRRP Instance VI_WEB - Entering BACKUP state",
                        "Subject: [lb1] INSTANCE VI_WEB is now BACKUP");
                awaitSubjects(mail2, before2, want2, 20_000); // only mail sent after the kill counts
                awaitSubjects(mail1, before1, want1, 20_000);
                String alert = mail2.messages().stream().filter(m -> m.contains(want2.get(0))).findFirst()
                        .orElseThrow();
                assertTrue(alert.contains("From: keepalived@haproxy-lb2.example.com"), alert);
                assertTrue(alert.contains("To: ops@example.com"), alert);
                assertTrue(alert.contains("=> VRRP Instance is now owning VRRP VIPs <="), alert);
                String notify = mail2.messages().stream().filter(m -> m.contains(want2.get(1))).findFirst()
                        .orElseThrow();
                assertTrue(notify.contains("INSTANCE VI_WEB on lb2 entered MASTER with priority 100"), notify);
                System.out.println("lb1 mail subjects: " + subjects(mail1, "."));
                System.out.println("lb2 mail subjects: " + subjects(mail2, "."));
            }
        } finally {
            Scratch.delete(bin);
        }
    }

    /** The example file with the lab's addresses; everything else as shipped. */
    static String node(Path exampleConf) throws java.io.IOException {
        return Files.readString(exampleConf).replace("10.50.0.11", "10.99.0.1").replace("10.50.0.12", "10.99.0.2")
                .replace("10.50.0.100", VIP);
    }

    /**
     * Private mount, UTS and PID namespaces: /etc/keepalived/scripts on a tmpfs with the example's scripts, the
     * host name, and {@code haproxy} started beside the daemon. sh stays PID 1 (it reaps what it started) and
     * {@code --kill-child} ends the whole PID namespace when the test kills unshare.
     */
    static UnaryOperator<List<String>> isolated(Path scripts, Path haproxy, String hostname) {
        return daemon -> {
            String setup = "mount -t tmpfs -o mode=755 tmpfs /etc/keepalived && mkdir -m 755 /etc/keepalived/scripts"
                    + " && cp " + scripts + "/* /etc/keepalived/scripts/ && chmod 755 /etc/keepalived/scripts/*"
                    + " && hostname " + hostname + " && { " + haproxy + " 100000 </dev/null >/dev/null 2>&1 & }"
                    + " && \"$@\"";
            List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--uts", "--pid", "--fork",
                    "--kill-child", "--mount-proc", "sh", "-c", setup, "sh"));
            cmd.addAll(daemon);
            return cmd;
        };
    }

    /** The node's haproxy, found among the wrapper's descendants (seen from the test's PID namespace). */
    static ProcessHandle haproxyOf(Daemon node) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            var found = node.process().descendants()
                    .filter(h -> h.info().command().map(c -> c.endsWith("/haproxy")).orElse(false)).toList();
            if (found.size() == 1) {
                return found.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no single haproxy process under " + node.process().pid());
    }

    static List<String> subjects(MailSink sink, String regex) throws java.io.IOException {
        return subjects(sink, 0, regex);
    }

    /** The Subject: lines matching {@code regex} of the messages received from the {@code from}-th on. */
    static List<String> subjects(MailSink sink, int from, String regex) throws java.io.IOException {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
        List<String> all = sink.messages();
        return all.subList(Math.min(from, all.size()), all.size()).stream().flatMap(String::lines)
                .filter(l -> l.startsWith("Subject: ")).filter(l -> p.matcher(l).find()).toList();
    }

    static void awaitSubjects(MailSink sink, List<String> wanted, long timeoutMillis) throws Exception {
        awaitSubjects(sink, 0, wanted, timeoutMillis);
    }

    static void awaitSubjects(MailSink sink, int from, List<String> wanted, long timeoutMillis) throws Exception {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!subjects(sink, from, ".").containsAll(wanted)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("mail " + wanted + " did not arrive within " + timeoutMillis
                        + " ms; got " + subjects(sink, from, "."));
            }
            Thread.sleep(100);
        }
    }
}
