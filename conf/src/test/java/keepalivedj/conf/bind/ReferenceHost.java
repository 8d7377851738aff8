package keepalivedj.conf.bind;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import keepalivedj.conf.HostEnvironment;

/**
 * The host the conformance corpus was recorded on (shared/conformance/keepalived-samples/README.md):
 * interfaces eth0..eth3 and eth0.1, hostname vm, users root and nobody (no keepalived_script user), no files.
 */
record ReferenceHost(Set<String> interfaces, String hostname) implements HostEnvironment {

    static final ReferenceHost INSTANCE = new ReferenceHost(Set.of("lo", "eth0", "eth1", "eth2", "eth3", "eth0.1"), "vm");

    @Override
    public boolean interfaceExists(String name) {
        return interfaces.contains(name);
    }

    @Override
    public OptionalInt userId(String user) {
        // a Debian 12 base system: root and nobody; deliberately no keepalived_script
        return "root".equals(user) ? OptionalInt.of(0) : "nobody".equals(user) ? OptionalInt.of(65534)
                : OptionalInt.empty();
    }

    @Override
    public OptionalInt groupId(String group) {
        return "root".equals(group) ? OptionalInt.of(0) : "nogroup".equals(group) ? OptionalInt.of(65534)
                : OptionalInt.empty();
    }

    @Override
    public OptionalInt primaryGroupOf(String user) {
        return "nobody".equals(user) ? OptionalInt.of(65534) : userId(user);
    }

    @Override
    public Optional<FileInfo> stat(Path path) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> findInPath(String name) {
        return Optional.empty();
    }

    @Override
    public Optional<String> env(String name) {
        return Optional.empty();
    }
}
