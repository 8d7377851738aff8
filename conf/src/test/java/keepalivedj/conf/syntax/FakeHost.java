package keepalivedj.conf.syntax;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import keepalivedj.conf.HostEnvironment;

/** A host with a name and an environment, and nothing else: all the source stage asks of a host. */
record FakeHost(String hostname, Map<String, String> environment) implements HostEnvironment {

    static FakeHost named(String hostname) {
        return new FakeHost(hostname, Map.of());
    }

    @Override
    public boolean interfaceExists(String name) {
        return false;
    }

    @Override
    public OptionalInt userId(String user) {
        return OptionalInt.empty();
    }

    @Override
    public OptionalInt groupId(String group) {
        return OptionalInt.empty();
    }

    @Override
    public OptionalInt primaryGroupOf(String user) {
        return OptionalInt.empty();
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
        return Optional.ofNullable(environment.get(name));
    }
}
