package keepalivedj.daemon;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.conf.SystemHostEnvironment;

/**
 * This machine, plus the made-up interfaces a unit test's configuration names (every name with
 * {@code interfacePrefix}): keepalived drops an instance on a missing interface or on lo, and unit tests make none.
 * A test that needs the machine to look different in another way overrides that method.
 */
public class LabHost implements HostEnvironment {
    private final SystemHostEnvironment sys = new SystemHostEnvironment();
    private final String interfacePrefix;

    /** @param interfacePrefix null: only the machine's own interfaces */
    public LabHost(String interfacePrefix) {
        this.interfacePrefix = interfacePrefix;
    }

    @Override
    public boolean interfaceExists(String n) {
        return (interfacePrefix != null && n.startsWith(interfacePrefix)) || sys.interfaceExists(n);
    }

    @Override
    public OptionalInt userId(String u) {
        return sys.userId(u);
    }

    @Override
    public OptionalInt groupId(String g) {
        return sys.groupId(g);
    }

    @Override
    public OptionalInt primaryGroupOf(String u) {
        return sys.primaryGroupOf(u);
    }

    @Override
    public Optional<FileInfo> stat(Path p) {
        return sys.stat(p);
    }

    @Override
    public Optional<Path> findInPath(String n) {
        return sys.findInPath(n);
    }

    @Override
    public String hostname() {
        return "t";
    }

    @Override
    public Optional<String> env(String n) {
        return sys.env(n);
    }
}
