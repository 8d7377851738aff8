package keepalivedj.daemon;

import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import keepalivedj.conf.ConfigLoader;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.conf.SystemHostEnvironment;
import keepalivedj.conf.dump.ConfigDump;

/**
 * keepalived-j's entry point: keepalived 2.2.7's command line. {@code -t} checks a configuration and exits
 * with keepalived's codes, {@code -d} prints the effective configuration as YAML.
 */
public final class Main {
    static final String VERSION = "0.1.0";

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err, new SystemHostEnvironment());
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    static int run(String[] args, PrintStream out, PrintStream err, HostEnvironment host) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (Options.UsageException e) {
            err.println("keepalived-j: " + e.getMessage());
            err.print(Options.usage("keepalived-j"));
            return 1;
        }
        if (o.help()) {
            out.print(Options.usage("keepalived-j"));
            return 0;
        }
        if (o.version()) {
            out.println("keepalived-j " + VERSION + " (reads keepalived.conf as Keepalived v2.2.7 does)");
            return 0;
        }
        if (o.signum() != null) {
            Integer n = Options.signalNumber(o.signum());
            if (n == null) {
                err.println("Unknown sigfunc " + o.signum());
                return 1;
            }
            out.println(n);
            return 0;
        }
        if (o.configTest() || o.dumpConf()) {
            for (String opt : o.unimplemented()) {
                err.println("keepalived-j: option " + opt + " is accepted but not implemented yet");
            }
            return checkConfig(o, out, err, host);
        }
        return Daemon.run(o, err, host);
    }

    /** -t and -d: read, validate, report; -t's exit code is keepalived's (0, 4, 5, 6). */
    private static int checkConfig(Options o, PrintStream out, PrintStream err, HostEnvironment host) {
        ConfigLoader.Result result = ConfigLoader.load(Path.of(o.useFile()),
                new ConfigLoader.Options(o.configId(), o.allConfig()), host);
        PrintStream messages = err;
        if (o.configTestLogFile() != null) {
            try {
                messages = new PrintStream(new FileOutputStream(o.configTestLogFile(), true), true,
                        StandardCharsets.UTF_8);
            } catch (FileNotFoundException e) {
                err.println("keepalived-j: cannot write " + o.configTestLogFile() + ": " + e.getMessage()
                        + "; reporting on stderr");
            }
        }
        messages.print(result.diagnostics().render());
        messages.flush();
        if (messages != err) {
            messages.close();
        }
        if (o.dumpConf()) {
            out.print(ConfigDump.toYaml(result.config()));
        }
        return o.configTest() ? result.diagnostics().testExitCode() : 0;
    }
}
