package keepalivedj.daemon.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import keepalivedj.conf.Position;
import keepalivedj.conf.model.ScriptCommand;
import keepalivedj.conf.validate.ScriptSecurity.Verdict;
import keepalivedj.daemon.exec.ScriptLaunch;
import org.junit.jupiter.api.Test;

class NotifyCommandsTest {
    private static final Duration T = Duration.ofSeconds(30);

    static Verdict ok(String... argv) {
        ScriptCommand c = new ScriptCommand(String.join(" ", argv), List.of(argv), null, null,
                new Position("keepalived.conf", 3, 5));
        return new Verdict(c, true, Path.of("/usr/local/bin").resolve(Path.of(argv[0]).getFileName()), 0, 0, null);
    }

    static Verdict refused(String... argv) {
        ScriptCommand c = new ScriptCommand(String.join(" ", argv), List.of(argv), null, null,
                new Position("keepalived.conf", 4, 5));
        return new Verdict(c, false, null, -1, -1, "unsafe permissions");
    }

    private static List<List<String>> argvs(List<ScriptLaunch> l) {
        return l.stream().map(ScriptLaunch::argv).collect(Collectors.toList());
    }

    @Test
    void anInstanceTransitionRunsNotifyStateWithItsArgsOnlyThenNotifyWithFourMore() {
        NotifyScripts s = new NotifyScripts(ok("master.sh", "a b", "c"), ok("backup.sh"), null, null,
                ok("notify.sh", "x"));
        List<ScriptLaunch> l = NotifyCommands.forInstance(s, "VI_1", NotifyState.MASTER, 150, T);
        assertEquals(List.of(
                List.of("/usr/local/bin/master.sh", "a b", "c"),
                List.of("/usr/local/bin/notify.sh", "x", "INSTANCE", "VI_1", "MASTER", "150")), argvs(l));
        assertEquals(T, l.get(0).timeout());
        assertEquals(T, l.get(1).timeout());
    }

    @Test
    void aGroupTransitionPassesGroupAndPriorityZero() {
        NotifyScripts s = new NotifyScripts(null, ok("gbackup.sh"), null, null, ok("gnotify.sh"));
        assertEquals(List.of(List.of("/usr/local/bin/gbackup.sh"),
                        List.of("/usr/local/bin/gnotify.sh", "GROUP", "G1", "BACKUP", "0")),
                argvs(NotifyCommands.forGroup(s, "G1", NotifyState.BACKUP, T)));
    }

    @Test
    void stopScriptsGetOneSecond() {
        NotifyScripts s = new NotifyScripts(null, null, null, ok("stop.sh"), ok("notify.sh"));
        List<ScriptLaunch> l = NotifyCommands.forInstance(s, "VI_1", NotifyState.STOP, 100, T);
        assertEquals(List.of(List.of("/usr/local/bin/stop.sh"),
                List.of("/usr/local/bin/notify.sh", "INSTANCE", "VI_1", "STOP", "100")), argvs(l));
        assertEquals(Duration.ofSeconds(1), l.get(0).timeout());
        assertEquals(Duration.ofSeconds(1), l.get(1).timeout());
    }

    @Test
    void faultWithOnlyTheGenericScriptAndRefusedScriptsAreLeftOut() {
        NotifyScripts s = new NotifyScripts(null, null, refused("fault.sh"), null, ok("notify.sh"));
        assertEquals(List.of(List.of("/usr/local/bin/notify.sh", "INSTANCE", "VI_2", "FAULT", "0")),
                argvs(NotifyCommands.forInstance(s, "VI_2", NotifyState.FAULT, 0, T)));
        assertEquals(List.of(), NotifyCommands.forInstance(NotifyScripts.none(), "VI_2", NotifyState.MASTER, 1, T));
    }

    @Test
    void theShellFormRunsThroughBinShWithQuotedArguments() {
        Verdict v = new Verdict(new ScriptCommand("</dev/tcp/127.0.0.1/80", List.of("</dev/tcp/127.0.0.1/80"),
                null, null, new Position("k.conf", 1, 1)), true, Path.of("/bin/sh"), 0, 0, null);
        NotifyScripts s = new NotifyScripts(null, null, null, null, v);
        assertEquals(List.of(List.of("/bin/sh", "-c", "</dev/tcp/127.0.0.1/80 'INSTANCE' 'it'\\''s' 'MASTER' '7'")),
                argvs(NotifyCommands.forInstance(s, "it's", NotifyState.MASTER, 7, T)));
    }
}
