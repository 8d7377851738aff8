package keepalivedj.conf.bind;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import keepalivedj.conf.Diagnostic;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.conf.Position;
import keepalivedj.conf.Severity;
import keepalivedj.conf.model.GlobalDefs;
import keepalivedj.conf.model.VrrpConfig;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.SourceLine;
import keepalivedj.conf.syntax.TreeBuilder;

/** Test driver: text → lines → tree → VrrpSections, skipping top-level nodes the VRRP side does not know. */
record VrrpBinding(GlobalDefs globals, VrrpConfig config, Diagnostics diagnostics) {

    static VrrpBinding of(String text) {
        return of("k.conf", lines(text), ReferenceHost.INSTANCE);
    }

    static VrrpBinding of(String file, List<String> lines, HostEnvironment host) {
        List<SourceLine> src = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            src.add(new SourceLine(lines.get(i), new Position(file, i + 1, 1)));
        }
        Diagnostics d = new Diagnostics();
        List<Node> nodes = TreeBuilder.build(src, d);
        VrrpSections s = new VrrpSections(new BindContext(d), host);
        for (Node n : nodes) {
            if (s.knows(n.name())) {
                s.bind(n);
            }
        }
        VrrpConfig c = s.finish();
        return new VrrpBinding(s.globalDefs(), c, d);
    }

    static List<String> lines(String text) {
        return List.of(text.split("\n", -1));
    }

    /** Rendered diagnostics of at least WARNING class (WARNING, FATAL, SECURITY). */
    List<String> problems() {
        return diagnostics.all().stream().filter(x -> x.severity() != Severity.NOTE).map(Diagnostic::render)
                .collect(Collectors.toList());
    }

    List<String> all() {
        return diagnostics.all().stream().map(Diagnostic::render).collect(Collectors.toList());
    }
}
