package keepalivedj.conf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The real machine: interfaces from /sys/class/net (so the answer is the current network namespace's),
 * users and groups from /etc/passwd and /etc/group, files from the file system.
 */
public final class SystemHostEnvironment implements HostEnvironment {

    @Override
    public boolean interfaceExists(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            return false;
        }
        return Files.exists(Path.of("/sys/class/net", name));
    }

    @Override
    public OptionalInt userId(String user) {
        return field("/etc/passwd", user, 2);
    }

    @Override
    public OptionalInt groupId(String group) {
        return field("/etc/group", group, 2);
    }

    @Override
    public OptionalInt primaryGroupOf(String user) {
        return field("/etc/passwd", user, 3);
    }

    private static OptionalInt field(String file, String name, int index) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
        for (String line : lines) {
            String[] f = line.split(":", -1);
            if (f.length > index && f[0].equals(name)) {
                try {
                    return OptionalInt.of(Integer.parseInt(f[index]));
                } catch (NumberFormatException e) {
                    return OptionalInt.empty();
                }
            }
        }
        if (index == 2 && isNumber(name)) {
            try {
                return OptionalInt.of(Integer.parseInt(name));
            } catch (NumberFormatException e) {
                return OptionalInt.empty(); // beyond an int: no such group
            }
        }
        return OptionalInt.empty();
    }

    /** Whether a group name is a number (a loop: a stream here costs a -t run a class spun at run time). */
    private static boolean isNumber(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Optional<FileInfo> stat(Path path) {
        try {
            int uid = (Integer) Files.getAttribute(path, "unix:uid");
            int gid = (Integer) Files.getAttribute(path, "unix:gid");
            int mode = (Integer) Files.getAttribute(path, "unix:mode") & 07777;
            return Optional.of(new FileInfo(uid, gid, mode, Files.isDirectory(path)));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Path> findInPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        }
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static boolean isExecutable(Path p) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            return perms.contains(PosixFilePermission.OWNER_EXECUTE) || perms.contains(PosixFilePermission.GROUP_EXECUTE)
                    || perms.contains(PosixFilePermission.OTHERS_EXECUTE) || Files.isExecutable(p);
        } catch (IOException | UnsupportedOperationException e) {
            return Files.isExecutable(p);
        }
    }

    @Override
    public String hostname() {
        String name = null;
        try {
            name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException | RuntimeException e) {
            name = System.getenv("HOSTNAME");
        }
        if (name == null) {
            name = "localhost";
        }
        int dot = name.indexOf('.');
        return dot >= 0 ? name.substring(0, dot) : name;
    }

    @Override
    public Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name));
    }
}
