package keepalivedj.daemon.it.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import keepalivedj.daemon.it.SharedFiles;

/**
 * Which daemon a lab host runs. Both get keepalived's own command line (keepalived-j is a drop-in):
 * {@code -n -l -D -G -P -f CONF -p -r -c -b} with per-host pid files, so several run side by side.
 */
public enum Implementation {
    /** Debian's /usr/sbin/keepalived 2.2.7: a parent and a VRRP child process. */
    KEEPALIVED_227("keepalived 2.2.7", "keepalived") {
        @Override
        String executable() {
            return "/usr/sbin/keepalived";
        }

        @Override
        void checkAvailable() {
            if (!Files.isExecutable(Path.of(executable()))) {
                throw new AssertionError("keepalived 2.2.7 is not installed (" + executable() + "): the test"
                        + " command installs it with apt-get install -y keepalived (tools/run-tests.sh)");
            }
        }
    },
    /** keepalived-j through its launcher (bin/keepalived-j): one JVM. */
    KEEPALIVED_J("keepalived-j", "keepalived-j") {
        @Override
        String executable() {
            return SharedFiles.launcher().toString();
        }

        @Override
        void checkAvailable() {
            Path launcher = SharedFiles.launcher();
            Path jar = launcher.getParent().resolveSibling("target").resolve("keepalived-j.jar");
            if (!Files.isReadable(jar)) {
                throw new AssertionError("keepalived-j is not built (" + jar + " missing): mvn -B -DskipTests package");
            }
        }
    };

    private final String display;
    private final String shortName;

    Implementation(String display, String shortName) {
        this.display = display;
        this.shortName = shortName;
    }

    abstract String executable();

    /** Throws an AssertionError naming what is missing. */
    abstract void checkAvailable();

    public String display() {
        return display;
    }

    public String shortName() {
        return shortName;
    }

    /** The command line for a host whose files live in dir. */
    List<String> command(Path conf, Path dir) {
        List<String> cmd = new ArrayList<>(List.of(executable(), "-n", "-l", "-D", "-G", "-P", "-f", conf.toString(),
                "-p", dir.resolve("keepalived.pid").toString(), "-r", dir.resolve("vrrp.pid").toString(),
                "-c", dir.resolve("checkers.pid").toString(), "-b", dir.resolve("bfd.pid").toString()));
        return cmd;
    }

    /** "keepalived" / "keepalived-j" (for the command line of the bench and demo). */
    public static Implementation parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "keepalived", "keepalived-2.2.7", "keepalived_227", "ka" -> KEEPALIVED_227;
            case "keepalived-j", "keepalived_j", "kj", "j" -> KEEPALIVED_J;
            default -> throw new IllegalArgumentException("unknown implementation '" + s
                    + "' (expected keepalived or keepalived-j)");
        };
    }
}
