package keepalivedj.daemon.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import keepalivedj.conf.Position;
import keepalivedj.conf.model.ScriptCommand;

/** Writes small shell scripts for tests and waits for files they write. */
public final class TestScripts {
    private TestScripts() {
    }

    /** A world-readable/executable script (so that nobody can run it) with the given body after a shebang. */
    public static Path script(Path dir, String name, String body) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /** A directory anyone may write to, for output of scripts run as nobody. */
    public static Path sharedDir(Path parent, String name) throws IOException {
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path d = Files.createDirectories(parent.resolve(name));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx"));
        return d;
    }

    public static ScriptCommand command(String... argv) {
        return new ScriptCommand(String.join(" ", argv), List.of(argv), null, null,
                new Position("keepalived.conf", 1, 1));
    }

    /** Waits for a file's complete content (polling: the writer is another process, nothing to latch on). */
    public static Optional<String> awaitFile(Path file, Duration max) throws IOException, InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(file)) {
                String s = Files.readString(file);
                if (s.endsWith("\n")) {
                    return Optional.of(s);
                }
            }
            Thread.sleep(10);
        }
        return Optional.empty();
    }

    /** Waits for a process to be gone (or a zombie not yet reaped by init). */
    public static boolean awaitGone(long pid, Duration max) throws IOException, InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            Path stat = Path.of("/proc", Long.toString(pid), "stat");
            if (!Files.exists(stat)) {
                return true;
            }
            try {
                String s = Files.readString(stat);
                if (s.substring(s.lastIndexOf(')') + 2).startsWith("Z")) {
                    return true;
                }
            } catch (IOException e) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }
}
