package keepalivedj.conf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import keepalivedj.conf.bind.ConfigBinder;
import keepalivedj.conf.model.GlobalDefs;
import keepalivedj.conf.model.KeepalivedConfig;
import keepalivedj.conf.model.ScriptCommand;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.SourceLine;
import keepalivedj.conf.syntax.SourceReader;
import keepalivedj.conf.syntax.TreeBuilder;
import keepalivedj.conf.validate.ScriptSecurity;

/**
 * Reads a keepalived.conf through every stage — sources and includes, preprocessing, lexer, block tree, typed
 * records, validation, script security — and returns the model with everything that was found wrong.
 * Bad input never throws; it becomes diagnostics.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /** {@code configId}: the -i value, or null for the host name; {@code allConfig}: -e. */
    public record Options(String configId, boolean allConfig) {
    }

    /** The model, what each script may do, and the diagnostics, in the order found. */
    public record Result(KeepalivedConfig config, Map<ScriptCommand, ScriptSecurity.Verdict> scripts,
                         Diagnostics diagnostics) {
    }

    public static Result load(Path file, Options options, HostEnvironment host) {
        Diagnostics diagnostics = new Diagnostics();
        List<Node> nodes = SourceReader.readTree(file, new SourceReader.Options(options.configId(),
                options.allConfig(), host, new SplittableRandom()), diagnostics);
        return bindTree(nodes, host, diagnostics);
    }

    /** The stages after reading, for text that is already in memory. */
    public static Result bind(List<SourceLine> lines, HostEnvironment host, Diagnostics diagnostics) {
        return bindTree(TreeBuilder.build(lines, diagnostics), host, diagnostics);
    }

    private static Result bindTree(List<Node> nodes, HostEnvironment host, Diagnostics diagnostics) {
        KeepalivedConfig config = ConfigBinder.bind(nodes, host, diagnostics);
        List<ScriptSecurity.ScriptUse> uses = new ArrayList<>();
        for (KeepalivedConfig.NamedScript s : config.scripts()) {
            uses.add(new ScriptSecurity.ScriptUse(s.script(), s.vrrpScript()));
        }
        GlobalDefs g = config.globalDefs();
        Map<ScriptCommand, ScriptSecurity.Verdict> verdicts = ScriptSecurity.check(uses,
                new ScriptSecurity.Settings(g.scriptUser(), g.scriptGroup(), g.enableScriptSecurity()), host,
                diagnostics);
        return new Result(config, verdicts, diagnostics);
    }
}
