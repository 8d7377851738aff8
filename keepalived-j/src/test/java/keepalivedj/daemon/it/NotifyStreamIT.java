package keepalivedj.daemon.it;

import static keepalivedj.daemon.it.lab.Implementation.KEEPALIVED_227;
import static keepalivedj.daemon.it.lab.Implementation.KEEPALIVED_J;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keepalivedj.daemon.it.lab.Daemon;
import keepalivedj.daemon.it.lab.Implementation;
import keepalivedj.daemon.it.lab.Scratch;
import keepalivedj.daemon.it.lab.VrrpLab;
import org.junit.jupiter.api.Test;

/**
 * Issue 5: the notify argument stream (uid, script, arguments, order) of keepalived-j equals keepalived 2.2.7's
 * for the same configuration and the same events: start → BACKUP, the peer dies → MASTER, carrier cut → FAULT,
 * heal → BACKUP → MASTER, SIGTERM → STOP. The scenario is run twice in fresh labs, once with keepalived 2.2.7 as
 * the node under test and once with keepalived-j; the peer is keepalived 2.2.7 both times. keepalived's stream is
 * recorded by running it here, never written down.
 *
 * <p>Every script appends {@code $(id -u) $0 $*} to one file. The scripts live at the same paths in both runs,
 * so the lines compare as they are. Normalisation: keepalived starts {@code notify_X} and {@code notify} of one
 * transition concurrently without waiting for either, so their relative order in the shared file is a race in
 * keepalived itself; the streams are therefore compared per script (the order of lines of each script, exact),
 * and the generic {@code notify} script's stream carries the complete state order.
 *
 * <p>The node also writes its notify FIFO ({@code notify_fifo}); keepalived-j's lines must be keepalived's, in
 * order.
 *
 * <p>The node also has {@code smtp_alert} with a real SMTP server (GreenMail, child JVM) on its namespace's
 * 127.0.0.1:2525; the subjects and first body lines of the alerts, in arrival order, must be keepalived's too.
 */
class NotifyStreamIT {

    @Test
    void notifyArgumentStreamEqualsKeepalived() throws Exception {
        Path dir = Scratch.dir("kj-notify-");
        Path out = Scratch.sharedDir("kj-notify-out-");
        try {
            Path stream = out.resolve("stream.log");
            for (String s : List.of("master", "backup", "fault", "stop", "all")) {
                Path p = dir.resolve(s + ".sh");
                Files.writeString(p, "#!/bin/sh\necho \"$(id -u) $0 $*\" >> " + stream + "\n");
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            String notify = "    notify_master \"" + dir + "/master.sh m1 'two words'\"\n"
                    + "    notify_backup \"" + dir + "/backup.sh b1\" nobody\n"
                    + "    notify_fault " + dir + "/fault.sh\n"
                    + "    notify_stop \"" + dir + "/stop.sh s1 s2\"\n"
                    + "    notify \"" + dir + "/all.sh g1\"\n";

            List<String> refAlerts = new ArrayList<>();
            List<String> ourAlerts = new ArrayList<>();
            List<String> refFifo = new ArrayList<>();
            List<String> ourFifo = new ArrayList<>();
            Path fifo = out.resolve("notify.fifo");
            List<String> reference = scenario(KEEPALIVED_227, notify, stream, refAlerts, fifo, refFifo);
            List<String> ours = scenario(KEEPALIVED_J, notify, stream, ourAlerts, fifo, ourFifo);
            System.out.println("keepalived 2.2.7 notify FIFO:\n  " + String.join("\n  ", refFifo));
            System.out.println("keepalived-j notify FIFO:\n  " + String.join("\n  ", ourFifo));
            System.out.println("keepalived 2.2.7 SMTP alerts:\n  " + String.join("\n  ", refAlerts));
            System.out.println("keepalived-j SMTP alerts:\n  " + String.join("\n  ", ourAlerts));
            System.out.println("keepalived 2.2.7 notify stream:\n  " + String.join("\n  ", reference));
            System.out.println("keepalived-j notify stream:\n  " + String.join("\n  ", ours));

            Map<String, List<String>> ref = perScript(reference);
            Map<String, List<String>> kj = perScript(ours);
            // the scenario really happened in the reference run (else an empty == empty comparison proves nothing)
            assertEquals(List.of("BACKUP", "MASTER", "FAULT", "BACKUP", "MASTER", "STOP"),
                    ref.getOrDefault(dir + "/all.sh", List.of()).stream().map(l -> l.split(" ")[5]).toList(),
                    "keepalived 2.2.7's own generic notify stream: " + reference);
            List<String> backups = ref.getOrDefault(dir + "/backup.sh", List.of());
            assertEquals(2, backups.size(), "notify_backup at start and after the fault: " + reference);
            assertTrue(backups.stream().allMatch(l -> l.startsWith("65534 ")), "notify_backup runs as nobody: "
                    + backups);
            for (String script : ref.keySet()) {
                assertEquals(ref.get(script), kj.getOrDefault(script, List.of()), "lines of " + script);
            }
            assertEquals(ref.keySet(), kj.keySet(), "the same scripts ran");

            // smtp_alert over the same events, received by a real SMTP server in h1's namespace: subject and body
            // of each alert in arrival order (the transitions are seconds apart, so the order is the events')
            for (String state : List.of("MASTER", "BACKUP", "FAULT")) {
                assertTrue(refAlerts.stream().anyMatch(a -> a.startsWith("[h1] VRRP Instance VI_7 - Entering " + state)),
                        "keepalived 2.2.7 sent a " + state + " alert: " + refAlerts);
            }
            assertEquals(refAlerts, ourAlerts, "SMTP alerts");

            // the notify FIFO over the same events: one line per event, in order (a single writer, no race)
            assertEquals(List.of("BACKUP", "MASTER", "FAULT", "BACKUP", "MASTER", "STOP"),
                    refFifo.stream().map(l -> l.split(" ")[2]).toList(), "keepalived 2.2.7's FIFO lines: " + refFifo);
            assertEquals(refFifo, ourFifo, "notify FIFO lines");
        } finally {
            Scratch.delete(dir);
            Scratch.delete(out);
        }
    }

    /** Runs the scenario with {@code kind} as h1 (priority 100) and keepalived 2.2.7 as the peer h2 (150). */
    private static List<String> scenario(Implementation kind, String notify, Path stream, List<String> alerts,
                                         Path fifoPath, List<String> fifo) throws Exception {
        Files.deleteIfExists(stream);
        Files.createFile(stream);
        Files.setPosixFilePermissions(stream, PosixFilePermissions.fromString("rw-rw-rw-")); // not the umask's
        String h1Conf = "global_defs {\n    router_id h1\n    enable_script_security\n    script_user root\n"
                + "    notification_email {\n        ops@example.com\n    }\n"
                + "    notification_email_from kj@example.com\n    smtp_server 127.0.0.1 2525\n"
                + "    notify_fifo " + fifoPath + "\n}\n"
                + instance("BACKUP", 100, notify + "    smtp_alert\n");
        String h2Conf = "global_defs {\n    router_id h2\n}\n" + instance("MASTER", 150, "");
        try (VrrpLab lab = VrrpLab.create(2);
             MailSink mail = MailSink.start(lab.host("h1").ns(), 2525);
             FifoLines fifoLines = FifoLines.make(fifoPath);
             Daemon h2 = lab.host("h2").start(KEEPALIVED_227, h2Conf);
             Daemon h1 = lab.host("h1").prepare(kind, h1Conf)) {
            h2.awaitLine("\\(VI_7\\) Entering MASTER STATE", 15_000);
            h1.start();
            h1.awaitLine("\\(VI_7\\) Entering BACKUP STATE", 20_000);
            Thread.sleep(2_500); // h1 stays BACKUP under h2's adverts
            h2.crash();
            h1.awaitLine("\\(VI_7\\) Entering MASTER STATE", 10_000);
            Thread.sleep(1_500);
            lab.host("h1").cut();
            h1.awaitLine("\\(VI_7\\) Entering FAULT STATE", 10_000);
            Thread.sleep(1_500);
            lab.host("h1").uncut();
            h1.awaitLines("\\(VI_7\\) Entering MASTER STATE", 2, 15_000);
            Thread.sleep(1_500);
            h1.signal("TERM");
            assertEquals(0, h1.awaitExit(15_000), "exit status after SIGTERM; log:\n" + h1.logText());
            Thread.sleep(1_500); // the STOP scripts outlive the daemon
            fifo.addAll(fifoLines.awaitEnd(5_000));
            for (String m : mail.messages()) {
                List<String> lines = m.lines().toList();
                int blank = lines.indexOf("");
                String subject = lines.stream().filter(l -> l.startsWith("Subject: ")).findFirst().orElse("Subject: ?");
                alerts.add(subject.substring("Subject: ".length()) + " | "
                        + lines.subList(blank + 1, lines.size()).stream().filter(l -> !l.isBlank()).findFirst()
                        .orElse(""));
            }
            return Files.readAllLines(stream);
        }
    }

    private static String instance(String state, int priority, String extra) {
        return "vrrp_instance VI_7 {\n    state " + state + "\n    interface eth0\n    virtual_router_id 7\n"
                + "    priority " + priority + "\n    advert_int 1\n" + extra
                + "    virtual_ipaddress {\n        10.99.0.107/24 dev eth0\n    }\n}\n";
    }

    /** The lines of each script ($0, the second word), in file order. */
    static Map<String, List<String>> perScript(List<String> lines) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String l : lines) {
            m.computeIfAbsent(l.split(" ")[1], k -> new ArrayList<>()).add(l);
        }
        return m;
    }
}
