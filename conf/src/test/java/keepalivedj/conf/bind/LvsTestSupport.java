package keepalivedj.conf.bind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import keepalivedj.conf.Diagnostic;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.conf.Position;
import keepalivedj.conf.Severity;
import keepalivedj.conf.model.LvsConfig;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.SourceLine;
import keepalivedj.conf.syntax.TreeBuilder;

/** Reads LVS text the way the top-level binder will: lines → tree → LvsSections, other top-level nodes skipped. */
final class LvsTestSupport {
    private LvsTestSupport() {
    }

    /**
     * The host EXPECTED.tsv was produced on: interfaces eth0..eth3 and eth0.1, hostname vm, users root and nobody,
     * no keepalived_script user, nothing on disk.
     */
    record ReferenceHost(Set<String> interfaces, Map<String, Integer> users, Map<String, Integer> groups)
            implements HostEnvironment {

        static ReferenceHost create() {
            return new ReferenceHost(Set.of("lo", "eth0", "eth1", "eth2", "eth3", "eth0.1"),
                    Map.of("root", 0, "nobody", 65534), Map.of("root", 0, "nogroup", 65534));
        }

        @Override
        public boolean interfaceExists(String name) {
            return interfaces.contains(name);
        }

        @Override
        public OptionalInt userId(String user) {
            Integer id = users.get(user);
            return id == null ? OptionalInt.empty() : OptionalInt.of(id);
        }

        @Override
        public OptionalInt groupId(String group) {
            Integer id = groups.get(group);
            return id == null ? OptionalInt.empty() : OptionalInt.of(id);
        }

        @Override
        public OptionalInt primaryGroupOf(String user) {
            return userId(user);
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
        public String hostname() {
            return "vm";
        }

        @Override
        public Optional<String> env(String name) {
            return Optional.empty();
        }
    }

    record Result(LvsConfig config, Diagnostics diagnostics) {
        List<Diagnostic> problems() {
            List<Diagnostic> out = new ArrayList<>();
            for (Diagnostic d : diagnostics.all()) {
                if (d.severity() != Severity.NOTE) {
                    out.add(d);
                }
            }
            return out;
        }

        /** Rendered non-NOTE diagnostics, one per line. */
        String rendered() {
            StringBuilder sb = new StringBuilder();
            for (Diagnostic d : problems()) {
                sb.append(d.render()).append('\n');
            }
            return sb.toString();
        }
    }

    static List<SourceLine> lines(String file, String text) {
        List<SourceLine> out = new ArrayList<>();
        String[] ls = text.split("\n", -1);
        for (int i = 0; i < ls.length; i++) {
            out.add(new SourceLine(ls[i], new Position(file, i + 1, 1)));
        }
        return out;
    }

    static Result bind(String file, String text, LvsDefaults defaults) {
        Diagnostics d = new Diagnostics();
        List<Node> nodes = TreeBuilder.build(lines(file, text), d);
        LvsSections lvs = new LvsSections(new BindContext(d), ReferenceHost.create());
        for (Node n : nodes) {
            if (lvs.knows(n.name())) {
                lvs.bind(n);
            }
        }
        return new Result(lvs.finish(defaults), d);
    }

    static Result bind(String text) {
        return bind("k.conf", text, LvsDefaults.KEEPALIVED);
    }
}
