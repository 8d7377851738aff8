package keepalivedj.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every node configuration in {@code examples/} passes {@code -t} with exit 0, in keepalived-j and in
 * keepalived 2.2.7 alike, on a host that has the interfaces the files name and the example's scripts installed
 * where the files expect them (/etc/keepalived/scripts, root-owned, mode 755 — done in a private mount
 * namespace over a tmpfs, so the host's /etc is not touched).
 */
class ExamplesConfigTestIT {

    @Test
    void everyExamplePassesConfigTestInBothImplementations() throws Exception {
        Path examples = SharedFiles.repoRoot().resolve("examples");
        List<Path> confs;
        try (Stream<Path> s = Files.walk(examples)) {
            confs = s.filter(p -> p.toString().endsWith(".conf"))
                    .filter(p -> !p.getFileName().toString().equals("virtual-servers.conf"))
                    .sorted().collect(Collectors.toList());
        }
        assertEquals(8, confs.size(), "two nodes for each of the four examples: " + confs);
        Path launcher = SharedFiles.launcher();
        List<String> report = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try (Netns ns = Netns.create("kjex")) {
            ns.addVethPair("eth0", "p0");
            ns.addVethPair("eth1", "p1");
            for (Path conf : confs) {
                Path scripts = conf.getParent().resolve("scripts");
                for (String impl : List.of("keepalived", launcher.toString())) {
                    Netns.Result r = ns.exec(withScriptsInstalled(scripts, List.of(impl, "-t", "-f",
                            conf.toString())), 60);
                    String who = impl.equals("keepalived") ? "keepalived 2.2.7" : "keepalived-j";
                    report.add(String.format("%-40s %-17s exit %d", examples.relativize(conf), who, r.exitCode()));
                    if (r.exitCode() != 0) {
                        failures.add(who + " -t " + conf + " exited " + r.exitCode() + ":\n" + r.stderr());
                    }
                }
            }
        }
        report.forEach(System.out::println);
        assertEquals(List.of(), failures);
    }

    /** Runs the command in private mount and UTS namespaces with /etc/keepalived/scripts populated. */
    static List<String> withScriptsInstalled(Path scripts, List<String> command) {
        String setup = "mount -t tmpfs -o mode=755 tmpfs /etc/keepalived && mkdir -m 755 /etc/keepalived/scripts"
                + (Files.isDirectory(scripts) ? " && cp " + scripts + "/* /etc/keepalived/scripts/"
                + " && chmod 755 /etc/keepalived/scripts/*" : "")
                + " && hostname vm && exec \"$@\"";
        List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--uts", "sh", "-c", setup, "sh"));
        cmd.addAll(command);
        return cmd;
    }
}
