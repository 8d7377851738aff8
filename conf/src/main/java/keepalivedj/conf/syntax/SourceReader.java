package keepalivedj.conf.syntax;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import keepalivedj.conf.Diagnostic;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.HostEnvironment;

/**
 * The source stage of the configuration: the lines keepalived 2.2.7 would parse, from a top-level file and
 * everything it includes, after its preprocessing ({@code @ID} lines, {@code $NAME} parameters, {@code ~SEQ} and
 * {@code ~LST}). The result is what {@link TreeBuilder} takes. Every problem becomes a diagnostic; nothing here
 * throws for bad input.
 *
 * <p>Each {@link SourceLine}'s position is that of its first character; lines from included files carry the
 * position of the include line in {@code includedFrom}. See {@link Preprocessor} for the positions of lines that
 * expansion produced. A line's text is written for the {@link Lexer}: comments are gone, and a {@code #} or
 * {@code !} that keepalived reads literally (from {@code \#}, {@code ${_HASH}}, a parameter's value) is escaped.
 *
 * <p>Not done here: {@code include_check} in global_defs (keepalived lets it tighten later includes; here only the
 * include variants and {@code -e} do).
 */
public final class SourceReader {
    private SourceReader() {
    }

    /**
     * configId: the -i value, or null for {@code host.hostname()} up to the first '.'. allConfig: -e (every
     * include must match and be readable). random: what {@code ${_RANDOM}} draws from.
     */
    public record Options(String configId, boolean allConfig, HostEnvironment host, RandomGenerator random) {
    }

    /** Reads topFile and everything it includes, preprocessed, in order. Never throws for bad input. */
    public static List<SourceLine> read(Path topFile, Options options, Diagnostics diagnostics) {
        List<SourceLine> lines = new ArrayList<>();
        read(topFile, options, diagnostics, lines::add);
        return lines;
    }

    /** As {@link #read(Path, Options, Diagnostics)}, handing each line to {@code sink} as soon as it is ready. */
    public static void read(Path topFile, Options options, Diagnostics diagnostics, LineSink sink) {
        Preprocessor preprocessor = preprocessor(options, diagnostics, sink);
        new IncludeReader(options.allConfig(), diagnostics, preprocessor).readTop(topFile);
        preprocessor.finish();
    }

    /**
     * What {@code TreeBuilder.build(read(topFile, options, diagnostics), diagnostics)} gives, in one pass: each
     * line goes into the tree as soon as it is read, so a large configuration is never held as a list of lines.
     * The tree's own findings are kept apart and come after the reading stage's, as when the stages run one
     * after the other.
     */
    public static List<Node> readTree(Path topFile, Options options, Diagnostics diagnostics) {
        List<Node> nodes = new ArrayList<>();
        readTree(topFile, options, diagnostics, nodes::add);
        return nodes;
    }

    /**
     * As {@link #readTree(Path, Options, Diagnostics)}, handing each top-level node to {@code topLevel} as soon as
     * it is complete, in order.
     */
    public static void readTree(Path topFile, Options options, Diagnostics diagnostics, Consumer<Node> topLevel) {
        Diagnostics treeFindings = new Diagnostics();
        TreeBuilder tree = new TreeBuilder(treeFindings, topLevel);
        read(topFile, options, diagnostics, tree);
        tree.finish();
        appendAll(treeFindings, diagnostics);
    }

    /** As {@link #readTree(Path, Options, Diagnostics)} from in-memory text. */
    public static List<Node> readTree(String displayName, String text, Path baseDir, Options options,
                                      Diagnostics diagnostics) {
        List<Node> nodes = new ArrayList<>();
        Diagnostics treeFindings = new Diagnostics();
        TreeBuilder tree = new TreeBuilder(treeFindings, nodes::add);
        read(displayName, text, baseDir, options, diagnostics, tree);
        tree.finish();
        appendAll(treeFindings, diagnostics);
        return nodes;
    }

    private static void appendAll(Diagnostics from, Diagnostics to) {
        for (Diagnostic d : from.all()) {
            to.add(d);
        }
    }

    /** Same from in-memory text (for tests and stdin); includes resolve relative to baseDir. */
    public static List<SourceLine> read(String displayName, String text, Path baseDir, Options options,
                                        Diagnostics diagnostics) {
        List<SourceLine> lines = new ArrayList<>();
        read(displayName, text, baseDir, options, diagnostics, lines::add);
        return lines;
    }

    /** As {@link #read(String, String, Path, Options, Diagnostics)}, handing each line to {@code sink}. */
    public static void read(String displayName, String text, Path baseDir, Options options, Diagnostics diagnostics,
                            LineSink sink) {
        Preprocessor preprocessor = preprocessor(options, diagnostics, sink);
        new IncludeReader(options.allConfig(), diagnostics, preprocessor).readText(displayName, text, baseDir);
        preprocessor.finish();
    }

    private static Preprocessor preprocessor(Options options, Diagnostics diagnostics, LineSink sink) {
        String id = configId(options);
        RandomGenerator random = options.random() == null ? RandomGenerator.getDefault() : options.random();
        HostEnvironment host = options.host();
        Parameters parameters = new Parameters(id, name -> host == null ? Optional.empty() : host.env(name), random,
                diagnostics);
        return new Preprocessor(parameters, id, diagnostics, sink);
    }

    /** keepalived's config-id: -i, else the node name up to the first '.'. */
    static String configId(Options options) {
        if (options.configId() != null) {
            return options.configId();
        }
        String name = options.host() == null ? null : options.host().hostname();
        if (name == null) {
            return "";
        }
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
