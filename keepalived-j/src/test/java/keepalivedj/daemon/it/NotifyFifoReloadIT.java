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
 * What an operator's notify FIFO readers see through a SIGHUP and a SIGTERM, keepalived-j against keepalived 2.2.7
 * (keepalived.md §b.5, §c.3). One node, three instances (two in a sync group), {@code notify_fifo} with a
 * {@code notify_fifo_script} and {@code vrrp_notify_fifo}; every instance becomes MASTER; then a SIGHUP with a
 * configuration that moves {@code vrrp_notify_fifo} to another path and replaces VI_3 by VI_4; VI_4 becomes
 * MASTER; then SIGTERM. A reader per FIFO records each open, line and EOF and opens again after EOF, as a shell
 * {@code while} loop does; the fifo script records its start (with its arguments) and its SIGTERM.
 *
 * <p>keepalived 2.2.7's record is taken by running it here, never written down. Measured with it: a reload ends
 * every FIFO with EOF (the fifo script is sent SIGTERM first), the new configuration's FIFOs and script are then
 * opened and started, and the reload's lines (the removed VI_3's FAULT, the new VI_4's BACKUP) are written to the
 * new FIFOs; nothing is written on the old path after the reload; a stop sends SIGTERM to the script, writes the
 * STOP lines and ends with EOF.
 */
class NotifyFifoReloadIT {

    @Test
    void fifoReadersSeeWhatKeepalivedShowsThemThroughReloadAndStop() throws Exception {
        Path dir = Scratch.dir("kj-fifo-reload-");
        try {
            Path script = dir.resolve("fifo-script.sh");
            Path scriptLog = dir.resolve("fifo-script.log");
            // sleep in the background and wait: the shell runs its trap as soon as SIGTERM comes
            Files.writeString(script, "#!/bin/sh\ntrap 'echo \"$$ TERM\" >> " + scriptLog + "; exit 0' TERM\n"
                    + "echo \"$$ start $*\" >> " + scriptLog + "\nwhile :; do sleep 0.1 & wait $!; done\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

            Map<String, List<String>> ref = scenario(KEEPALIVED_227, dir, script, scriptLog);
            Map<String, List<String>> ours = scenario(KEEPALIVED_J, dir, script, scriptLog);
            ref.forEach((k, v) -> System.out.println("keepalived 2.2.7 " + k + ":\n  " + String.join("\n  ", v)));
            ours.forEach((k, v) -> System.out.println("keepalived-j " + k + ":\n  " + String.join("\n  ", v)));

            // the reference really went through a reload that closed and reopened (else equal records prove little)
            List<String> global = FifoEvents.perName(ref.get("g.fifo"));
            assertEquals(2, global.stream().filter(s -> s.endsWith(" EOF")).count(),
                    "keepalived 2.2.7 closed notify_fifo on reload and on stop: " + ref.get("g.fifo"));
            assertEquals(List.of("start " + dir.resolve("g.fifo") + ", TERM", "start " + dir.resolve("g.fifo") + ", TERM"),
                    ref.get("fifo script"), "keepalived 2.2.7's fifo script");
            assertTrue(ref.get("v2.fifo").contains("LINE INSTANCE \"VI_4\" BACKUP 100"),
                    "the reload's lines went to the new vrrp_notify_fifo: " + ref.get("v2.fifo"));

            // the stop writes every instance's STOP, then every group's (keepalived.md §b.5): compared in order
            for (String k : List.of("g.fifo", "v2.fifo")) {
                assertEquals(ref.get(k).stream().filter(l -> l.matches(".* STOP \\d+")).toList(),
                        ours.get(k).stream().filter(l -> l.matches(".* STOP \\d+")).toList(), "STOP lines of " + k);
            }
            for (String k : ref.keySet()) {
                assertEquals(k.equals("fifo script") ? ref.get(k) : FifoEvents.perName(ref.get(k)),
                        k.equals("fifo script") ? ours.get(k) : FifoEvents.perName(ours.get(k)), k);
            }
        } finally {
            Scratch.delete(dir);
        }
    }

    /** The events of each FIFO (by file name) and the fifo script's record. */
    private static Map<String, List<String>> scenario(Implementation kind, Path dir, Path script, Path scriptLog)
            throws Exception {
        Files.deleteIfExists(scriptLog);
        Path g = dir.resolve("g.fifo");
        Path v = dir.resolve("v.fifo");
        Path v2 = dir.resolve("v2.fifo");
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (VrrpLab lab = VrrpLab.create(1);
             FifoEvents gEvents = FifoEvents.make(g);
             FifoEvents vEvents = FifoEvents.make(v);
             FifoEvents v2Events = FifoEvents.make(v2);
             Daemon h1 = lab.host("h1").prepare(kind, config(g, script, v, "VI_3", 3))) {
            h1.start();
            for (String vi : List.of("VI_1", "VI_2", "VI_3")) {
                h1.awaitLine("\\(" + vi + "\\) Entering MASTER STATE", 20_000);
            }
            Thread.sleep(1_000);
            h1.writeConfig(config(g, script, v2, "VI_4", 4));
            h1.signal("HUP");
            h1.awaitLine("Reload complete", 10_000);
            h1.awaitLine("\\(VI_4\\) Entering MASTER STATE", 15_000);
            Thread.sleep(1_000);
            h1.signal("TERM");
            assertEquals(0, h1.awaitExit(15_000), "exit status after SIGTERM; log:\n" + h1.logText());
            out.put("g.fifo", gEvents.awaitEof(5_000));
            out.put("v.fifo", vEvents.awaitEof(5_000));
            out.put("v2.fifo", v2Events.awaitEof(5_000));
        }
        Thread.sleep(500); // the script's trap line
        // per run of the script, in start order: what it recorded (the old run's SIGTERM and the new run's start
        // race each other in keepalived, so the file's order between two runs means nothing)
        Map<String, List<String>> runs = new LinkedHashMap<>();
        for (String l : Files.exists(scriptLog) ? Files.readAllLines(scriptLog) : List.<String>of()) {
            int sp = l.indexOf(' ');
            runs.computeIfAbsent(l.substring(0, sp), k -> new ArrayList<>()).add(l.substring(sp + 1));
        }
        out.put("fifo script", runs.values().stream().map(r -> String.join(", ", r)).toList());
        return out;
    }

    private static String config(Path globalFifo, Path script, Path vrrpFifo, String third, int thirdVrid) {
        return "global_defs {\n    router_id h1\n    enable_script_security\n    script_user root\n"
                + "    notify_fifo " + globalFifo + "\n    notify_fifo_script " + script + "\n"
                + "    vrrp_notify_fifo " + vrrpFifo + "\n}\n"
                + "vrrp_sync_group G1 {\n    group {\n        VI_1\n        VI_2\n    }\n}\n"
                + instance("VI_1", 1, 150) + instance("VI_2", 2, 100) + instance(third, thirdVrid, 100);
    }

    private static String instance(String name, int vrid, int priority) {
        return "vrrp_instance " + name + " {\n    state BACKUP\n    interface eth0\n    virtual_router_id " + vrid
                + "\n    priority " + priority + "\n    advert_int 1\n"
                + "    virtual_ipaddress {\n        10.99.0." + (110 + vrid) + "/24 dev eth0\n    }\n}\n";
    }
}
