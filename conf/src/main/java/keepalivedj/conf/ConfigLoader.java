package keepalivedj.conf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
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

    /**
     * Reads, binds and checks a configuration file. Top-level blocks are bound on a second thread as soon as the
     * reading thread has them, so a large configuration takes about the longer of the two instead of their sum;
     * the binding's findings still come after the reading's, as when the stages run one after the other.
     */
    public static Result load(Path file, Options options, HostEnvironment host) {
        Diagnostics diagnostics = new Diagnostics();
        Binding binding = new Binding(host);
        Thread binder = new Thread(binding, "keepalived-j config binding");
        binder.setDaemon(true);
        binder.start();
        try {
            SourceReader.readTree(file, new SourceReader.Options(options.configId(), options.allConfig(), host,
                    new SplittableRandom()), diagnostics, binding::bind);
        } finally {
            binding.end();
            joinUninterruptibly(binder);
        }
        if (binding.failure instanceof RuntimeException e) {
            throw e;
        }
        if (binding.failure instanceof Error e) {
            throw e;
        }
        if (binding.failure != null) {
            throw new IllegalStateException("configuration binding failed", binding.failure);
        }
        for (Diagnostic d : binding.findings.all()) {
            diagnostics.add(d);
        }
        return checkScripts(binding.config, host, diagnostics);
    }

    /** The stages after reading, for text that is already in memory. */
    public static Result bind(List<SourceLine> lines, HostEnvironment host, Diagnostics diagnostics) {
        return bindTree(TreeBuilder.build(lines, diagnostics), host, diagnostics);
    }

    private static Result bindTree(List<Node> nodes, HostEnvironment host, Diagnostics diagnostics) {
        return checkScripts(ConfigBinder.bind(nodes, host, diagnostics), host, diagnostics);
    }

    private static Result checkScripts(KeepalivedConfig config, HostEnvironment host, Diagnostics diagnostics) {
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

    /** The binding thread's side: top-level nodes in file order, then the end. */
    private static final class Binding implements Runnable {
        private static final Object END = new Object();
        private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private final HostEnvironment host;
        /** What binding found; read after the thread has ended. */
        final Diagnostics findings = new Diagnostics();
        KeepalivedConfig config;
        Throwable failure;

        Binding(HostEnvironment host) {
            this.host = host;
        }

        /** Reading thread: the next top-level node. */
        void bind(Node node) {
            queue.add(node);
        }

        /** Reading thread: no more nodes (also when reading failed). */
        void end() {
            queue.add(END);
        }

        @Override
        public void run() {
            try {
                ConfigBinder binder = new ConfigBinder(host, findings);
                for (Object o = queue.take(); o != END; o = queue.take()) {
                    binder.bind((Node) o);
                }
                config = binder.finish();
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
