package keepalivedj.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import keepalivedj.daemon.it.lab.Daemon;
import keepalivedj.daemon.it.lab.Implementation;
import keepalivedj.daemon.it.lab.Scratch;
import keepalivedj.daemon.it.lab.VrrpLab;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Script security in the running daemon (issue 5): with {@code enable_script_security}, a notify script and a
 * track script that live in a directory anyone may write to are refused with keepalived's "Unsafe permissions
 * found for script" and never run, while a secure notify script beside them in a root-only directory does run.
 * Run for keepalived 2.2.7 as well, so the expectation is keepalived's own behaviour.
 */
class ScriptSecurityDaemonIT {

    @ParameterizedTest
    @EnumSource(Implementation.class)
    void insecureNotifyAndTrackScriptsAreRefusedByTheRunningDaemon(Implementation kind) throws Exception {
        Path unsafe = Scratch.sharedDir("kj-unsafe-");
        Path safe = Scratch.dir("kj-safe-");
        try {
            Path ran = safe.resolve("ran.log");
            for (Path p : List.of(unsafe.resolve("notify.sh"), unsafe.resolve("check.sh"), safe.resolve("notify.sh"))) {
                Files.writeString(p, "#!/bin/sh\necho \"$0 $*\" >> " + ran + "\nexit 1\n");
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            String conf = "global_defs {\n    router_id sec\n    enable_script_security\n    script_user root\n}\n"
                    + "vrrp_script chk {\n    script \"" + unsafe.resolve("check.sh") + "\"\n    interval 1\n"
                    + "    weight -50\n}\n"
                    + "vrrp_instance VI_4 {\n    state MASTER\n    interface eth0\n    virtual_router_id 4\n"
                    + "    priority 100\n    advert_int 1\n"
                    + "    track_script {\n        chk\n    }\n"
                    + "    notify \"" + unsafe.resolve("notify.sh") + "\"\n"
                    + "    notify_master \"" + safe.resolve("notify.sh") + " ok\"\n"
                    + "    virtual_ipaddress {\n        10.99.0.104/24 dev eth0\n    }\n}\n";
            try (VrrpLab lab = VrrpLab.create(1);
                 Daemon h1 = lab.host("h1").start(kind, conf)) {
                h1.awaitLine("\\(VI_4\\) Entering MASTER STATE", 15_000);
                Thread.sleep(3_500); // three intervals of the track script, had it been kept
                String log = h1.logText();
                for (String s : List.of("notify.sh", "check.sh")) {
                    String path = unsafe.resolve(s).toString();
                    assertTrue(log.lines().anyMatch(l -> l.contains("Unsafe permissions found for script")
                            && l.contains(path)), kind + " refuses " + path + ":\n" + log);
                }
                assertEquals(List.of(safe.resolve("notify.sh") + " ok"), Files.readAllLines(ran),
                        kind + ": only the secure script ran");
                assertEquals(0, h1.count("Changing effective priority"), kind + ": the refused check has no effect");
            }
        } finally {
            Scratch.delete(unsafe);
            Scratch.delete(safe);
        }
    }
}
