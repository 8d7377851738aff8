package keepalivedj.conf;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What validation needs to know about the machine the configuration is for: interfaces, users, files.
 * keepalived checks these at load time (a missing interface, a script that would run as root from a
 * world-writable directory), so {@code -t} answers differ between hosts; keeping them behind this interface
 * keeps the binder pure and lets tests state the host they assume. {@link ConfigLoader#load} asks it from its
 * reading and its binding thread at once, so an implementation must be safe to share between threads.
 */
public interface HostEnvironment {

    boolean interfaceExists(String name);

    /** The uid of a user name, as getpwnam would answer. */
    OptionalInt userId(String user);

    /** The gid of a group name, as getgrnam would answer. */
    OptionalInt groupId(String group);

    /** The primary gid of a user. */
    OptionalInt primaryGroupOf(String user);

    /** Ownership and mode of a path (not following a final symlink is not needed: keepalived uses realpath). */
    Optional<FileInfo> stat(Path path);

    /** The first executable {@code name} in $PATH, for commands written without a '/'. */
    Optional<Path> findInPath(String name);

    /** The node name up to the first '.', keepalived's default config-id for '@' lines. */
    String hostname();

    /** An environment variable, for ${_ENV NAME}. */
    Optional<String> env(String name);

    /** uid, gid and permission bits (st_mode & 07777) of a file, and whether it is a directory. */
    record FileInfo(int uid, int gid, int mode, boolean directory) {
        public boolean writableByGroup() {
            return (mode & 0020) != 0;
        }

        public boolean writableByOthers() {
            return (mode & 0002) != 0;
        }

        public boolean sticky() {
            return (mode & 01000) != 0;
        }

        public boolean executableBy(int uid, int gid) {
            if (uid == 0) {
                return (mode & 0111) != 0;
            }
            if (uid == this.uid) {
                return (mode & 0100) != 0;
            }
            if (gid == this.gid) {
                return (mode & 0010) != 0;
            }
            return (mode & 0001) != 0;
        }
    }
}
