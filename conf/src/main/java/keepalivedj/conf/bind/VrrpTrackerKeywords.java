package keepalivedj.conf.bind;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import keepalivedj.conf.Position;
import keepalivedj.conf.model.BfdInstance;
import keepalivedj.conf.model.ScriptCommand;
import keepalivedj.conf.model.VrrpScript;
import keepalivedj.conf.model.VrrpTrackFile;
import keepalivedj.conf.model.VrrpTrackProcess;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * The keywords of the tracker blocks (keepalived.md a.2): {@code vrrp_script}, {@code track_file} (and its
 * deprecated synonym {@code vrrp_track_file}), {@code vrrp_track_process} and {@code bfd_instance}, each with
 * the builder it fills. Whether anything tracks them is checked by {@link VrrpInstanceCompleter}.
 */
public final class VrrpTrackerKeywords {
    private VrrpTrackerKeywords() {
    }

    static final long MAX_TIMER = GlobalDefsKeywords.MAX_TIMER;

    static final class Script {
        final String name;
        final Position position;
        ScriptCommand script;
        long intervalMicros = 1_000_000L;
        Long timeoutMicros;
        int weight;
        boolean weightReverse;
        int rise = 1;
        int fall = 1;
        boolean initFail;
        String user;
        String group;

        Script(String name, Position position) {
            this.name = name;
            this.position = position;
        }

        /** null when keepalived would remove it (no script). */
        VrrpScript build() {
            if (script == null) {
                return null;
            }
            ScriptCommand cmd = script;
            if (user != null && cmd.user() == null) {
                cmd = new ScriptCommand(cmd.text(), cmd.argv(), user, group, cmd.position());
            }
            return new VrrpScript(name, cmd, intervalMicros, timeoutMicros == null ? intervalMicros : timeoutMicros,
                    weight, weightReverse, rise, fall, initFail, position);
        }
    }

    static final class File {
        final String name;
        final Position position;
        String file;
        int weight = 1;
        boolean weightReverse;
        Long initFileValue;
        boolean initFileOverwrite;

        File(String name, Position position) {
            this.name = name;
            this.position = position;
        }

        VrrpTrackFile build() {
            return file == null ? null
                    : new VrrpTrackFile(name, file, weight, weightReverse, initFileValue, initFileOverwrite, position);
        }
    }

    static final class Process {
        final String name;
        final Position position;
        List<String> process;
        String paramMatch = "exact";
        int weight;
        boolean weightReverse;
        int quorum = 1;
        int quorumMax;
        long delayMicros;
        long terminateDelayMicros;
        long forkDelayMicros;
        boolean fullCommand;

        Process(String name, Position position) {
            this.name = name;
            this.position = position;
        }

        VrrpTrackProcess build() {
            return process == null ? null
                    : new VrrpTrackProcess(name, process, paramMatch, weight, weightReverse, quorum, quorumMax,
                    delayMicros, terminateDelayMicros, forkDelayMicros, fullCommand, position);
        }
    }

    static final class Bfd {
        final String name;
        final Position position;
        InetAddress neighborIp;
        InetAddress sourceIp;
        long minRxMicros = 10_000L;
        long minTxMicros = 10_000L;
        long idleTxMicros = 1_000_000L;
        int multiplier = 5;
        boolean passive;
        int ttl = 255;
        int maxHops;
        int weight;

        Bfd(String name, Position position) {
            this.name = name;
            this.position = position;
        }

        BfdInstance build() {
            return neighborIp == null ? null
                    : new BfdInstance(name, neighborIp, sourceIp, minRxMicros, minTxMicros, idleTxMicros, multiplier,
                    passive, ttl, maxHops, weight, position);
        }
    }

    static final KeywordTable<Script> SCRIPT = scriptTable();
    static final KeywordTable<File> FILE = fileTable();
    static final KeywordTable<Process> PROCESS = processTable();
    static final KeywordTable<Bfd> BFD = bfdTable();

    private static KeywordTable<Script> scriptTable() {
        KeywordTable<Script> t = new KeywordTable<>("vrrp_script");
        t.add("script", (n, b, c) -> Scripts.parse(n, 0, c).ifPresent(s -> b.script = s));
        t.add("interval", (n, b, c) -> c.micros(n, 0, 1_000L, MAX_TIMER, "using default 1")
                .ifPresent(v -> b.intervalMicros = v));
        t.add("timeout", (n, b, c) -> c.micros(n, 0, 1_000L, MAX_TIMER, "using the interval")
                .ifPresent(v -> b.timeoutMicros = v));
        t.add("weight", (n, b, c) -> {
            c.integer(n, 0, -253, 253, "using default 0").ifPresent(v -> b.weight = (int) v);
            b.weightReverse = reverse(n, c);
        });
        t.add("rise", (n, b, c) -> c.integer(n, 0, 1, Integer.MAX_VALUE, "using default 1")
                .ifPresent(v -> b.rise = (int) v));
        t.add("fall", (n, b, c) -> c.integer(n, 0, 1, Integer.MAX_VALUE, "using default 1")
                .ifPresent(v -> b.fall = (int) v));
        t.add("user", (n, b, c) -> c.string(n, 0, "user name", "ignoring it").ifPresent(u -> {
            b.user = u;
            b.group = n.arg(1) == null ? null : n.arg(1).text();
            c.extraWords(n, 2);
        }));
        t.add("init_fail", (n, b, c) -> b.initFail = true);
        return t;
    }

    private static boolean reverse(Node n, BindContext c) {
        Token r = n.arg(1);
        if (r == null) {
            return false;
        }
        if (r.text().equals("reverse")) {
            return true;
        }
        if (!r.text().equals("noreverse")) {
            c.warn(r.position(), n.name() + ": unknown option '" + r.text() + "'", r.text(), "reverse", "ignoring it");
        }
        return false;
    }

    private static KeywordTable<File> fileTable() {
        KeywordTable<File> t = new KeywordTable<>("track_file");
        t.add("file", (n, b, c) -> c.string(n, 0, "path", "ignoring it").ifPresent(v -> b.file = v));
        t.add("weight", (n, b, c) -> {
            c.integer(n, 0, -254, 254, "using default 1").ifPresent(v -> b.weight = (int) v);
            b.weightReverse = reverse(n, c);
        });
        t.add("init_file", (n, b, c) -> {
            b.initFileValue = 0L;
            for (Token a : n.args()) {
                if (a.text().equals("overwrite")) {
                    b.initFileOverwrite = true;
                } else {
                    c.integer(n, a, Integer.MIN_VALUE, Integer.MAX_VALUE, "writing 0")
                            .ifPresent(v -> b.initFileValue = v);
                }
            }
        });
        return t;
    }

    private static KeywordTable<Process> processTable() {
        KeywordTable<Process> t = new KeywordTable<>("vrrp_track_process");
        t.add("process", (n, b, c) -> c.required(n, 0, "process name", "ignoring it").ifPresent(v -> {
            List<String> argv = new ArrayList<>();
            for (Token a : n.args()) {
                argv.add(a.text());
            }
            b.process = argv;
        }));
        t.add("param_match", (n, b, c) -> c.string(n, 0, "initial or partial", "matching exactly").ifPresent(v -> {
            if (v.equals("initial") || v.equals("partial")) {
                b.paramMatch = v;
            } else {
                c.warn(n.arg(0).position(), "Unknown param_match '" + v + "'", v, "initial or partial",
                        "matching exactly");
            }
        }));
        t.add("weight", (n, b, c) -> {
            c.integer(n, 0, -254, 254, "using default 0").ifPresent(v -> b.weight = (int) v);
            b.weightReverse = reverse(n, c);
        });
        t.add("quorum", (n, b, c) -> c.integer(n, 0, 1, 65535, "using default 1").ifPresent(v -> b.quorum = (int) v));
        t.add("quorum_max", (n, b, c) -> c.integer(n, 0, 0, 65535, "unlimited")
                .ifPresent(v -> b.quorumMax = (int) v));
        t.add("delay", (n, b, c) -> c.micros(n, 0, 0, MAX_TIMER, "using 0").ifPresent(v -> b.delayMicros = v));
        t.add("terminate_delay", (n, b, c) -> c.micros(n, 0, 0, MAX_TIMER, "using 0")
                .ifPresent(v -> b.terminateDelayMicros = v));
        t.add("fork_delay", (n, b, c) -> c.micros(n, 0, 0, MAX_TIMER, "using 0").ifPresent(v -> b.forkDelayMicros = v));
        t.add("full_command", (n, b, c) -> b.fullCommand = true);
        return t;
    }

    private static KeywordTable<Bfd> bfdTable() {
        KeywordTable<Bfd> t = new KeywordTable<>("bfd_instance");
        t.add("neighbor_ip", (n, b, c) -> ip(n, c).ifPresent(a -> b.neighborIp = a));
        t.add("source_ip", (n, b, c) -> ip(n, c).ifPresent(a -> b.sourceIp = a));
        t.add("min_rx", (n, b, c) -> c.integer(n, 0, 1, 1000, "using default 10").ifPresent(v -> b.minRxMicros = v * 1000));
        t.add("min_tx", (n, b, c) -> c.integer(n, 0, 1, 1000, "using default 10").ifPresent(v -> b.minTxMicros = v * 1000));
        t.add("idle_tx", (n, b, c) -> c.integer(n, 0, 1, 1000, "using default 1000")
                .ifPresent(v -> b.idleTxMicros = v * 1000));
        t.add("multiplier", (n, b, c) -> c.integer(n, 0, 1, 255, "using default 5")
                .ifPresent(v -> b.multiplier = (int) v));
        t.add("passive", (n, b, c) -> b.passive = true);
        t.add(List.of("ttl", "hoplimit"), (n, b, c) -> c.integer(n, 0, 1, 255, "using default 255")
                .ifPresent(v -> b.ttl = (int) v));
        t.add("max_hops", (n, b, c) -> c.integer(n, 0, 0, 255, "using default 0").ifPresent(v -> b.maxHops = (int) v));
        t.add("weight", (n, b, c) -> c.integer(n, 0, -253, 253, "using default 0").ifPresent(v -> b.weight = (int) v));
        t.accepted("vrrp", "BFD is not run by keepalived-j");
        t.accepted("checker", "BFD is not run by keepalived-j");
        return t;
    }

    private static java.util.Optional<InetAddress> ip(Node n, BindContext c) {
        return c.required(n, 0, "address", "ignoring it").flatMap(t -> {
            InetAddress a = VrrpWords.ip(t.text());
            if (a == null) {
                c.warn(t.position(), n.name() + ": invalid address", t.text(), "an IP address", "ignoring it");
            }
            return java.util.Optional.ofNullable(a);
        });
    }
}
