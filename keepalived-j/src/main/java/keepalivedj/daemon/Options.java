package keepalivedj.daemon;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * keepalived 2.2.7's command line (keepalived.md §b.1), parsed the way getopt_long parses it: short options
 * may be bundled ({@code -lDn}), an option's argument may be attached ({@code -f/x}) or the next word
 * ({@code -f /x}), long options take {@code --opt=value} or {@code --opt value}, and options whose argument is
 * optional ({@code -t}, {@code -M}) take it only when attached. Every option keepalived has is accepted;
 * {@link #unimplemented()} lists the ones given that keepalived-j does not act on yet, so the caller can say so.
 */
public final class Options {

    /** An option: its short letter (0 for long-only), long name, and how it takes an argument. */
    enum Spec {
        USE_FILE('f', "use-file", Arg.REQUIRED, true),
        VRRP('P', "vrrp", Arg.NONE, true),
        CHECK('C', "check", Arg.NONE, true),
        NO_BFD('B', "no_bfd", Arg.NONE, false),
        ALL((char) 0, "all", Arg.NONE, false),
        LOG_CONSOLE('l', "log-console", Arg.NONE, true),
        LOG_DETAIL('D', "log-detail", Arg.NONE, true),
        LOG_FACILITY('S', "log-facility", Arg.REQUIRED, true),
        NO_SYSLOG('G', "no-syslog", Arg.NONE, true),
        LOG_FILE('g', "log-file", Arg.OPTIONAL, false),
        FLUSH_LOG_FILE((char) 0, "flush-log-file", Arg.NONE, false),
        UMASK('u', "umask", Arg.REQUIRED, false),
        RELEASE_VIPS('X', "release-vips", Arg.NONE, false),
        DONT_RELEASE_VRRP('V', "dont-release-vrrp", Arg.NONE, true),
        DONT_RELEASE_IPVS('I', "dont-release-ipvs", Arg.NONE, true),
        DONT_RESPAWN('R', "dont-respawn", Arg.NONE, false),
        DONT_FORK('n', "dont-fork", Arg.NONE, true),
        DUMP_CONF('d', "dump-conf", Arg.NONE, true),
        PID('p', "pid", Arg.REQUIRED, true),
        VRRP_PID('r', "vrrp_pid", Arg.REQUIRED, true),
        CHECKERS_PID('c', "checkers_pid", Arg.REQUIRED, true),
        BFD_PID('b', "bfd_pid", Arg.REQUIRED, true),
        ADDRESS_MONITORING('a', "address-monitoring", Arg.NONE, true),
        SNMP('x', "snmp", Arg.NONE, false),
        SNMP_AGENT_SOCKET('A', "snmp-agent-socket", Arg.REQUIRED, false),
        NAMESPACE('s', "namespace", Arg.REQUIRED, true),
        CORE_DUMP('m', "core-dump", Arg.NONE, false),
        CORE_DUMP_PATTERN('M', "core-dump-pattern", Arg.OPTIONAL, false),
        ALL_CONFIG('e', "all-config", Arg.NONE, true),
        CONFIG_ID('i', "config-id", Arg.REQUIRED, true),
        SIGNUM((char) 0, "signum", Arg.REQUIRED, true),
        CONFIG_TEST('t', "config-test", Arg.OPTIONAL, true),
        GENHASH('T', "genhash", Arg.NONE, false),
        VERSION('v', "version", Arg.NONE, true),
        HELP('h', "help", Arg.NONE, true);

        final char letter;
        final String longName;
        final Arg arg;
        final boolean implemented;

        Spec(char letter, String longName, Arg arg, boolean implemented) {
            this.letter = letter;
            this.longName = longName;
            this.arg = arg;
            this.implemented = implemented;
        }

        String display() {
            return letter != 0 ? "-" + letter + " (--" + longName + ")" : "--" + longName;
        }
    }

    enum Arg { NONE, REQUIRED, OPTIONAL }

    /** A command line keepalived would refuse; the message is what to print. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    public static final String DEFAULT_CONFIG = "/etc/keepalived/keepalived.conf";

    String useFile = DEFAULT_CONFIG;
    boolean configTest;
    String configTestLogFile;
    boolean dumpConf;
    String configId;
    boolean allConfig;
    boolean version;
    boolean help;
    String signum;
    int logDetail;
    /** -p / -r / -c as given; null means keepalived's default ({@link #runDir()}). */
    String pidFile;
    String vrrpPidFile;
    String checkersPidFile;
    String logFacility;
    String namespace;
    final Set<Spec> given = new LinkedHashSet<>();
    final List<String> values = new ArrayList<>();

    public String useFile() {
        return useFile;
    }

    public boolean configTest() {
        return configTest;
    }

    /** {@code -t=FILE}: where -t writes its messages; null means stderr. */
    public String configTestLogFile() {
        return configTestLogFile;
    }

    public boolean dumpConf() {
        return dumpConf;
    }

    /** {@code -i}; null when not given (the hostname up to the first '.' applies). */
    public String configId() {
        return configId;
    }

    public boolean allConfig() {
        return allConfig;
    }

    public boolean version() {
        return version;
    }

    public boolean help() {
        return help;
    }

    public String signum() {
        return signum;
    }

    /**
     * Where the default pid files go: {@code /run}, or {@code /run/keepalived/NAME} with {@code -s NAME} (what
     * keepalived 2.2.7 shows outside its private mount namespace, measured with {@code keepalived -s}).
     */
    public String runDir() {
        return namespace == null ? "/run" : "/run/keepalived/" + namespace;
    }

    /** {@code -p}: the parent's pid file. */
    public String pidFile() {
        return pidFile != null ? pidFile : runDir() + "/keepalived.pid";
    }

    /** {@code -r}: the VRRP process's pid file (keepalived-j is one process: it writes its own pid there too). */
    public String vrrpPidFile() {
        return vrrpPidFile != null ? vrrpPidFile : runDir() + "/vrrp.pid";
    }

    /** {@code -c}: the checker process's pid file (written when the checker side runs). */
    public String checkersPidFile() {
        return checkersPidFile != null ? checkersPidFile : runDir() + "/checkers.pid";
    }

    /** {@code -I}: leave IPVS as it is at stop. */
    public boolean dontReleaseIpvs() {
        return given.contains(Spec.DONT_RELEASE_IPVS);
    }

    /** {@code -S}: 0..7 or local0..7 / user / daemon; null for LOG_DAEMON. */
    public String logFacility() {
        return logFacility;
    }

    /** {@code -s NAME}: network namespace to run in, or null. */
    public String namespace() {
        return namespace;
    }

    public int logDetail() {
        return logDetail;
    }

    public boolean logConsole() {
        return given.contains(Spec.LOG_CONSOLE);
    }

    public boolean noSyslog() {
        return given.contains(Spec.NO_SYSLOG);
    }

    public boolean dontReleaseVrrp() {
        return given.contains(Spec.DONT_RELEASE_VRRP);
    }

    public boolean dontFork() {
        return given.contains(Spec.DONT_FORK);
    }

    public boolean addressMonitoring() {
        return given.contains(Spec.ADDRESS_MONITORING);
    }

    public boolean vrrpOnly() {
        return given.contains(Spec.VRRP);
    }

    public boolean checkersOnly() {
        return given.contains(Spec.CHECK);
    }

    /** Options given on this command line that keepalived-j accepts but does not act on yet. */
    public List<String> unimplemented() {
        List<String> out = new ArrayList<>();
        for (Spec s : given) {
            if (!s.implemented) {
                out.add(s.display());
            }
        }
        return Collections.unmodifiableList(out);
    }

    public static Options parse(String[] args) throws UsageException {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--") && a.length() > 2) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                Spec s = byLong(name);
                if (s.arg == Arg.NONE && value != null) {
                    throw new UsageException("option '--" + s.longName + "' doesn't allow an argument");
                }
                if (s.arg == Arg.REQUIRED && value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("option '--" + s.longName + "' requires an argument");
                    }
                    value = args[++i];
                }
                o.apply(s, value);
            } else if (a.startsWith("-") && a.length() > 1) {
                for (int j = 1; j < a.length(); j++) {
                    Spec s = byLetter(a.charAt(j));
                    String value = null;
                    if (s.arg != Arg.NONE) {
                        if (j + 1 < a.length()) {
                            value = a.substring(j + 1);
                        } else if (s.arg == Arg.REQUIRED) {
                            if (i + 1 >= args.length) {
                                throw new UsageException("option requires an argument -- '" + s.letter + "'");
                            }
                            value = args[++i];
                        }
                        o.apply(s, value);
                        break;
                    }
                    o.apply(s, null);
                }
            } else {
                throw new UsageException("unexpected argument '" + a + "'");
            }
        }
        return o;
    }

    private void apply(Spec s, String value) {
        given.add(s);
        switch (s) {
            case USE_FILE:
                useFile = value;
                break;
            case CONFIG_TEST:
                configTest = true;
                configTestLogFile = value;
                break;
            case DUMP_CONF:
                dumpConf = true;
                break;
            case CONFIG_ID:
                configId = value;
                break;
            case ALL_CONFIG:
                allConfig = true;
                break;
            case VERSION:
                version = true;
                break;
            case HELP:
                help = true;
                break;
            case SIGNUM:
                signum = value;
                break;
            case LOG_DETAIL:
                logDetail++;
                break;
            case PID:
                pidFile = value;
                break;
            case VRRP_PID:
                vrrpPidFile = value;
                break;
            case CHECKERS_PID:
                checkersPidFile = value;
                break;
            case LOG_FACILITY:
                logFacility = value;
                break;
            case NAMESPACE:
                namespace = value;
                break;
            default:
                if (value != null) {
                    values.add(value);
                }
                break;
        }
    }

    private static Spec byLong(String name) throws UsageException {
        Spec prefixMatch = null;
        int prefixMatches = 0;
        for (Spec s : Spec.values()) {
            if (s.longName.equals(name)) {
                return s;
            }
            if (s.longName.startsWith(name)) {
                prefixMatch = s;
                prefixMatches++;
            }
        }
        // getopt_long accepts unambiguous abbreviations.
        if (prefixMatches == 1) {
            return prefixMatch;
        }
        if (prefixMatches > 1) {
            throw new UsageException("option '--" + name + "' is ambiguous");
        }
        throw new UsageException("unrecognized option '--" + name + "'");
    }

    private static Spec byLetter(char c) throws UsageException {
        for (Spec s : Spec.values()) {
            if (s.letter == c) {
                return s;
            }
        }
        throw new UsageException("invalid option -- '" + c + "'");
    }

    /** keepalived --signum: the signal numbers an operator's scripts can send (x86-64 Linux values). */
    static Integer signalNumber(String name) {
        switch (name) {
            case "STOP":
                return 15;
            case "RELOAD":
                return 1;
            case "DATA":
                return 10;
            case "STATS":
                return 12;
            case "STATS_CLEAR":
                return 63;
            case "JSON":
                return 36;
            default:
                return null;
        }
    }

    static String usage(String prog) {
        return String.join("\n",
                "Usage: " + prog + " [OPTION...]",
                "  -f, --use-file=FILE          Use the specified configuration file",
                "  -P, --vrrp                   Only run with VRRP subsystem",
                "  -C, --check                  Only run with Health-checker subsystem",
                "  -B, --no_bfd                 Don't run BFD subsystem",
                "      --all                    Force all child processes to run, even if have no configuration",
                "  -l, --log-console            Log messages to local console",
                "  -D, --log-detail             Detailed log messages",
                "  -S, --log-facility=[0-7]     Set syslog facility to LOG_LOCAL[0-7]",
                "  -G, --no-syslog              Don't log via syslog",
                "  -u, --umask=MASK             umask for file creation (in numeric form)",
                "  -X, --release-vips           Drop VIP on transition from signal.",
                "  -V, --dont-release-vrrp      Don't remove VRRP VIPs and VROUTEs on daemon stop",
                "  -I, --dont-release-ipvs      Don't remove IPVS topology on daemon stop",
                "  -R, --dont-respawn           Don't respawn child processes",
                "  -n, --dont-fork              Don't fork the daemon process",
                "  -d, --dump-conf              Dump the configuration data (as YAML)",
                "  -p, --pid=FILE               Use specified pidfile for parent process",
                "  -r, --vrrp_pid=FILE          Use specified pidfile for VRRP child process",
                "  -c, --checkers_pid=FILE      Use specified pidfile for checkers child process",
                "  -a, --address-monitoring     Report all address additions/deletions notified via netlink",
                "  -x, --snmp                   Enable SNMP subsystem",
                "  -A, --snmp-agent-socket=FILE Use the specified socket for master agent",
                "  -s, --namespace=NAME         Run in network namespace NAME (overrides config)",
                "  -m, --core-dump              Produce core dump if terminate abnormally",
                "  -M, --core-dump-pattern=PATN Also set /proc/sys/kernel/core_pattern to PATN",
                "  -e, --all-config             Error if any configuration file missing",
                "  -i, --config-id id           Skip any configuration lines beginning '@' that don't match id",
                "                                or any lines beginning @^ that do match.",
                "      --signum=SIGFUNC         Return signal number for STOP, RELOAD, DATA, STATS, STATS_CLEAR, JSON",
                "  -t, --config-test[=LOG_FILE] Check the configuration for obvious errors, output to",
                "                                stderr by default",
                "  -T, --genhash                Enter genhash utilities mode",
                "  -v, --version                Display the version number",
                "  -h, --help                   Display this help message",
                "",
                "keepalived-j ipvs [--netns NAME] list [-n] [--timeout|--daemon] | info",
                "                               Show the kernel's IPVS table as ipvsadm -Ln prints it",
                "");
    }
}
