package keepalivedj.daemon.it.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;

/**
 * Temporary directories for the daemons' scripts, FIFOs and output. createTempDirectory makes them owner-only; the
 * daemons run scripts as other users (script_user, nobody) and refuse scripts in paths others may write, so each
 * directory gets the permissions its use needs. The test deletes it with {@link #delete} when done.
 */
public final class Scratch {
    private Scratch() {
    }

    /** A directory everybody may read and enter, only root may write (rwxr-xr-x): scripts pass script security. */
    public static Path dir(String prefix) throws IOException {
        Path d = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        return d;
    }

    /** A directory anybody may write (rwxrwxrwx): output of scripts run as another user, or unsafe script paths. */
    public static Path sharedDir(String prefix) throws IOException {
        Path d = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx"));
        return d;
    }

    /** Deletes a directory and everything in it; nothing if it is gone already. */
    public static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        List<Path> all;
        try (var s = Files.walk(p)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path q : all) {
            Files.deleteIfExists(q);
        }
    }
}
