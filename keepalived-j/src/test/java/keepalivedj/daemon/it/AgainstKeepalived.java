package keepalivedj.daemon.it;

import static keepalivedj.daemon.it.lab.Implementation.KEEPALIVED_227;
import static keepalivedj.daemon.it.lab.Implementation.KEEPALIVED_J;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import keepalivedj.daemon.it.lab.Capture;
import keepalivedj.daemon.it.lab.Daemon;
import keepalivedj.daemon.it.lab.Host;
import keepalivedj.daemon.it.lab.Implementation;
import keepalivedj.daemon.it.lab.Scratch;
import keepalivedj.daemon.it.lab.VrrpLab;

/**
 * The frame of the tracker tests that hold keepalived-j to keepalived 2.2.7: the same steps on one lab host, first
 * with keepalived, then with keepalived-j, each in a fresh lab, with a scratch directory both use (the tracked
 * files, the notify FIFO). What each run advertised and wrote to the FIFO is printed and returned to be compared.
 */
final class AgainstKeepalived {
    private AgainstKeepalived() {
    }

    /** What one run did: h1's advertised priorities per VRID ({@link PriorityChanges}) and its notify FIFO lines. */
    record Run(Map<Integer, List<Integer>> priorities, List<String> fifo) {
    }

    record Runs(Run keepalived, Run keepalivedJ) {
    }

    /** The test's configuration of h1, after the frame's global_defs (router_id h1, the notify FIFO). */
    interface Config {
        /** Prepares the tracked files in {@code dir} and returns the rest of the configuration. */
        String write(Path dir) throws Exception;
    }

    /** The test's steps: start {@code h1} (on {@code host}) and act; the frame then stops it with SIGTERM. */
    interface Steps {
        void run(Host host, Daemon h1, Path dir) throws Exception;
    }

    static Runs compare(String name, Config config, Steps steps) throws Exception {
        Path dir = Scratch.dir("kj-" + name + "-");
        try {
            Run ref = run(KEEPALIVED_227, dir, config, steps);
            Run ours = run(KEEPALIVED_J, dir, config, steps);
            System.out.println("keepalived 2.2.7: adverts " + ref.priorities() + "\n  fifo " + ref.fifo());
            System.out.println("keepalived-j:     adverts " + ours.priorities() + "\n  fifo " + ours.fifo());
            return new Runs(ref, ours);
        } finally {
            Scratch.delete(dir);
        }
    }

    private static Run run(Implementation impl, Path dir, Config config, Steps steps) throws Exception {
        Path fifoPath = dir.resolve("notify.fifo");
        String conf = "global_defs {\n    router_id h1\n    notify_fifo " + fifoPath + "\n}\n" + config.write(dir);
        try (VrrpLab lab = VrrpLab.create(1); Capture cap = Capture.start(lab.switchNs());
             FifoLines lines = FifoLines.make(fifoPath)) {
            Host host = lab.host("h1");
            Daemon h1 = host.prepare(impl, conf);
            steps.run(host, h1, dir);
            h1.signal("TERM");
            assertEquals(0, h1.awaitExit(15_000), "exit status after SIGTERM; log:\n" + h1.logText());
            List<String> fifo = lines.awaitEnd(5_000);
            return new Run(PriorityChanges.of(cap.stop(), host.ip4()), fifo);
        }
    }
}
