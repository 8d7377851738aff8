package keepalivedj.conf.bind;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
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
 * the builder it fills, in keepalived 2.2's words. Whether anything tracks them is {@link VrrpCompletion}'s.
 */
public final class VrrpTrackerKeywords {
    private VrrpTrackerKeywords() {
    }

    static final long MAX_TIMER = GlobalDefsKeywords.MAX_TIMER;
    /** keepalived stores script timers as µs in an unsigned int: whole seconds up to UINT_MAX / 1000000. */
    static final long MAX_SCRIPT_SECONDS = 4294;

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
        boolean badUser;

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
        String paramMatch = "none";
        int weight;
        boolean weightReverse;
        int quorum = 1;
        int quorumMax = 65535;
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
                    terminateDelayMicros, forkDelayMicros, fullCommand, position);
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
        t.add("interval", (n, b, c) -> seconds(n, b, c, "interval").ifPresent(v -> b.intervalMicros = v));
        t.add("timeout", (n, b, c) -> seconds(n, b, c, "timeout").ifPresent(v -> b.timeoutMicros = v));
        t.add("weight", (n, b, c) -> {
            Token w = n.arg(0);
            Long v = w == null ? null : VrrpWords.number(w.text());
            if (v == null || v < -253 || v > 253) {
                c.warn(w == null ? n.position() : w.position(), "vrrp_script " + b.name + " weight "
                        + (w == null ? "" : w.text()) + " must be in [-253, 253]", w == null ? null : w.text(),
                        "[-253, 253]", "using 0");
                b.weight = 0;
            } else {
                b.weight = (int) (long) v;
            }
            b.weightReverse = reverse(n, c, "vrrp_script " + b.name);
        });
        t.add("rise", (n, b, c) -> b.rise = count(n, c, b.name, "rise"));
        t.add("fall", (n, b, c) -> b.fall = count(n, c, b.name, "fall"));
        t.add("user", (n, b, c) -> c.string(n, 0, "user name", "ignoring it").ifPresent(u -> {
            b.user = u;
            b.group = n.arg(1) == null ? null : n.arg(1).text();
            c.extraWords(n, 2);
        }));
        t.add("init_fail", (n, b, c) -> b.initFail = true);
        return t;
    }

    /** interval / timeout: whole seconds; 0 becomes 1 with keepalived's error. */
    private static OptionalLong seconds(Node n, Script b, BindContext c, String what) {
        Token a = n.arg(0);
        Long v = a == null ? null : VrrpWords.number(a.text());
        if (v == null || v < 0 || v > MAX_SCRIPT_SECONDS) {
            String msg = what.equals("interval")
                    ? "(" + b.name + "): vrrp script interval '" + (a == null ? "" : a.text())
                    + "' must be between 1 and " + MAX_SCRIPT_SECONDS + " - ignoring"
                    : "(" + b.name + "): vrrp script timeout '" + (a == null ? "" : a.text()) + "' invalid - ignoring";
            c.warn(a == null ? n.position() : a.position(), msg, a == null ? null : a.text(),
                    "whole seconds 1.." + MAX_SCRIPT_SECONDS, null);
            return OptionalLong.empty();
        }
        if (v == 0) {
            c.warn(a.position(), "(" + b.name + "): vrrp script " + what + " must be greater than 0, setting to 1",
                    a.text(), "at least 1", null);
            v = 1L;
        }
        return OptionalLong.of(v * 1_000_000L);
    }

    private static int count(Node n, BindContext c, String name, String what) {
        Token a = n.arg(0);
        Long v = a == null ? null : VrrpWords.number(a.text());
        if (v == null || v < 1 || v > Integer.MAX_VALUE) {
            c.warn(a == null ? n.position() : a.position(), "(" + name + "): vrrp script " + what + " value '"
                    + (a == null ? "" : a.text()) + "' invalid, defaulting to 1", a == null ? null : a.text(),
                    "1.." + Integer.MAX_VALUE, null);
            return 1;
        }
        return (int) (long) v;
    }

    private static boolean reverse(Node n, BindContext c, String who) {
        Token r = n.arg(1);
        if (r == null) {
            return false;
        }
        if (r.text().equals("reverse")) {
            return true;
        }
        c.warn(r.position(), who + " unknown weight option " + r.text(), r.text(), "reverse", "ignoring it");
        return false;
    }

    private static KeywordTable<File> fileTable() {
        KeywordTable<File> t = new KeywordTable<>("track_file");
        t.add("file", (n, b, c) -> c.string(n, 0, "path", "ignoring it").ifPresent(v -> b.file = v));
        t.add("weight", (n, b, c) -> {
            c.integer(n, 0, -254, 254, "using default 1").ifPresent(v -> b.weight = (int) v);
            b.weightReverse = reverse(n, c, "track_file " + b.name);
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
        t.add("process", VrrpTrackerKeywords::process);
        t.add("param_match", (n, b, c) -> {
            Token a = n.arg(0);
            if (a == null || a.text().equals("initial") || a.text().equals("partial")) {
                b.paramMatch = a == null ? "exact" : a.text();
                b.fullCommand = true;
            } else {
                c.warn(a.position(), "Invalid param_match type " + a.text() + " - ignoring", a.text(),
                        "initial or partial", null);
            }
        });
        t.add("weight", VrrpTrackerKeywords::processWeight);
        t.add("quorum", (n, b, c) -> {
            Token a = n.arg(0);
            Long v = a == null ? null : VrrpWords.number(a.text());
            if (v == null || v < 1 || v > 65535) {
                c.warn(a == null ? n.position() : a.position(), "Quorum (" + (a == null ? "" : a.text())
                        + ") for vrrp_track_process " + b.name + " must be between [1..65535] inclusive. Ignoring...",
                        a == null ? null : a.text(), "[1..65535]", null);
            } else if (v > b.quorumMax) {
                c.warn(a.position(), "Quorum is greater than quorum_max - ignoring", a.text(),
                        "at most " + b.quorumMax, null);
            } else {
                b.quorum = (int) (long) v;
            }
        });
        t.add("quorum_max", (n, b, c) -> {
            Token a = n.arg(0);
            Long v = a == null ? null : VrrpWords.number(a.text());
            if (v == null || v < 0 || v > 65535) {
                c.warn(a == null ? n.position() : a.position(), "quorum_max (" + (a == null ? "" : a.text())
                        + ") for vrrp_track_process " + b.name + " must be between [0..65535] inclusive. Ignoring...",
                        a == null ? null : a.text(), "[0..65535]", null);
            } else if ((v != 0 || b.quorum > 1) && v < b.quorum) {
                c.warn(a.position(), "quorum_max is less than quorum - ignoring", a.text(),
                        "at least " + b.quorum, null);
            } else {
                b.quorumMax = (int) (long) v;
                b.quorum = v == 0 ? 0 : Math.max(b.quorum, 1);
            }
        });
        t.add("delay", (n, b, c) -> delay(n, c, b, "").ifPresent(v -> {
            b.terminateDelayMicros = v;
            b.forkDelayMicros = v;
        }));
        t.add("terminate_delay", (n, b, c) -> delay(n, c, b, "terminate_").ifPresent(v -> b.terminateDelayMicros = v));
        t.add("fork_delay", (n, b, c) -> delay(n, c, b, "fork_").ifPresent(v -> b.forkDelayMicros = v));
        t.add("full_command", (n, b, c) -> b.fullCommand = true);
        return t;
    }

    private static void process(Node n, Process b, BindContext c) {
        if (b.process != null) {
            c.warn(n.position(), "Process already set for track process " + b.name + " - ignoring "
                    + (n.arg(0) == null ? "" : n.arg(0).text()), null, null, null);
            return;
        }
        if (c.required(n, 0, "process name", "ignoring it").isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>();
        for (Token a : n.args()) {
            argv.add(a.text());
        }
        b.process = argv;
        if (argv.size() > 1) { // parameters: match the full command line, exactly unless param_match says
            if (b.paramMatch.equals("none")) {
                b.paramMatch = "exact";
            }
            b.fullCommand = true;
        }
    }

    private static void processWeight(Node n, Process b, BindContext c) {
        Token a = n.arg(0);
        if (a == null) {
            c.warn(n.position(), "No weight specified for track process " + b.name + " - ignoring", null, "weight W",
                    null);
            return;
        }
        if (b.weight != 0) {
            c.warn(a.position(), "Weight already set for track process " + b.name + " - ignoring " + a.text(),
                    a.text(), null, null);
            return;
        }
        Long v = VrrpWords.number(a.text());
        if (v == null || v < -254 || v > 254) {
            c.warn(a.position(), "Weight (" + a.text() + ") for vrrp_track_process " + b.name
                    + " must be between [-254..254] inclusive. Ignoring...", a.text(), "[-254..254]", null);
            return;
        }
        b.weightReverse = reverse(n, c, "vrrp_track_process " + b.name);
        b.weight = (int) (long) v;
    }

    private static OptionalLong delay(Node n, BindContext c, Process b, String prefix) {
        Token a = n.arg(0);
        java.math.BigDecimal secs;
        try {
            secs = a == null ? null : new java.math.BigDecimal(a.text());
        } catch (NumberFormatException e) {
            secs = null;
        }
        long us = secs == null || secs.scale() > 6 ? -1 : secs.movePointRight(6).longValue();
        if (us < 1 || us > 3_600_000_000L) {
            c.warn(a == null ? n.position() : a.position(), prefix + "delay (" + (a == null ? "" : a.text())
                    + ") for vrrp_track_process " + b.name + " must be between [0.000001..3600] inclusive. Ignoring...",
                    a == null ? null : a.text(), "[0.000001..3600]", null);
            return OptionalLong.empty();
        }
        return OptionalLong.of(us);
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
