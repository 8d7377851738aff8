package keepalivedj.healthcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.conf.model.RealServer;
import keepalivedj.conf.model.ScriptCommand;
import keepalivedj.conf.model.VirtualServer;

/**
 * The real-server state machine of one virtual server, as keepalived 2.2.7's ipwrapper.c runs it (keepalived.md
 * §e.3): a real server is alive while every one of its checkers is up; going down removes it from IPVS (or sets
 * weight 0 with inhibit_on_failure), coming up adds it back; weights follow misc_dynamic; quorum is kept with
 * hysteresis and swaps the sorry server in and out. It is pure: checker verdicts in, {@link RsChange}s out; it runs
 * no check, reads no clock and performs no I/O. It tracks what it has put in IPVS so that every change it emits
 * is the difference between that and what should be there. Not thread-safe; one owner.
 */
public final class VirtualServerState {
    private final VirtualServer vs;
    private final List<Server> servers = new ArrayList<>();
    private final Sorry sorry;
    private boolean quorumUp;
    private boolean started;

    /** Runtime state of one real server. */
    private static final class Server {
        final RealServer config;
        final Destination dest;
        final boolean[] checkerUp;
        final Integer[] dynamicWeight;
        boolean alive;
        /** The weight it has in IPVS, null when not in IPVS. */
        Integer inPool;
        /** Dropped by a reload: no longer counts towards the quorum. */
        boolean removed;
        /** Carried over by a reload: keepalived's init_service_rs leaves it alone (no add, no init notify). */
        boolean reloaded;

        Server(RealServer config, boolean[] checkerUp, Integer[] dynamicWeight) {
            this.config = config;
            this.dest = Destination.of(config);
            this.checkerUp = checkerUp;
            this.dynamicWeight = dynamicWeight;
            this.alive = allUp(checkerUp);
        }

        /** The configured weight moved by every misc_dynamic adjustment (weight = status - 2), at least 0. */
        int weight() {
            long w = config.weight();
            for (Integer d : dynamicWeight) {
                if (d != null) {
                    w += d - config.weight();
                }
            }
            return (int) Math.max(0, Math.min(65535, w));
        }
    }

    private static final class Sorry {
        final Destination dest;
        final boolean inhibit;
        Integer inPool;

        Sorry(Destination dest, boolean inhibit) {
            this.dest = dest;
            this.inhibit = inhibit;
        }
    }

    /** A fresh virtual server: checkers start up, or failed when their timing says alpha. */
    public VirtualServerState(VirtualServer vs) {
        this(vs, List.of());
    }

    /**
     * A virtual server whose listed real servers carry their state over from a reload (keepalived.md §b.5):
     * every other real server starts as a fresh one.
     */
    public VirtualServerState(VirtualServer vs, List<Carried> carried) {
        this.vs = Objects.requireNonNull(vs, "vs");
        for (RealServer rs : vs.realServers()) {
            int n = rs.checkers().size();
            boolean[] up = new boolean[n];
            Integer[] dyn = new Integer[n];
            Carried c = find(carried, rs);
            for (int i = 0; i < n; i++) {
                up[i] = c != null ? c.checkerUp().get(i) : startsUp(rs.checkers().get(i), rs);
                dyn[i] = c != null ? c.dynamicWeight().get(i) : null;
            }
            Server s = new Server(rs, up, dyn);
            if (c != null) {
                s.inPool = c.inPool();
                s.reloaded = c.continued();
            }
            servers.add(s);
        }
        this.sorry = vs.sorryServer() == null ? null
                : new Sorry(Destination.of(vs.sorryServer()), vs.sorryServer().inhibit());
    }

    /**
     * What a real server brings through a reload: its checkers' states (same order as its checkers) and its
     * weight in IPVS (null when not there). {@code continued}: the virtual server listed it before the reload
     * (keepalived's rs->reloaded: init_service_rs leaves it alone); a real server new to its virtual server may
     * still take a state from a check that runs for another one, and gets its init add and rs_init_notifies.
     */
    public record Carried(RealServer realServer, List<Boolean> checkerUp, List<Integer> dynamicWeight,
                          Integer inPool, boolean continued) {
        public Carried {
            checkerUp = List.copyOf(checkerUp);
            dynamicWeight = java.util.Collections.unmodifiableList(new ArrayList<>(dynamicWeight));
        }
    }

    private static Carried find(List<Carried> carried, RealServer rs) {
        for (Carried c : carried) {
            if (c.realServer().equals(rs)) {
                return c;
            }
        }
        return null;
    }

    private static boolean startsUp(CheckerSpec spec, RealServer rs) {
        return !CheckKey.alpha(spec);
    }

    private static boolean allUp(boolean[] up) {
        for (boolean b : up) {
            if (!b) {
                return false;
            }
        }
        return true;
    }

    public VirtualServer virtualServer() {
        return vs;
    }

    public boolean quorumUp() {
        return quorumUp;
    }

    public boolean alive(int rsIndex) {
        return servers.get(rsIndex).alive;
    }

    /** The real server's weight in IPVS, null when it is not there. */
    public Integer weightInPool(int rsIndex) {
        return servers.get(rsIndex).inPool;
    }

    /** The sorry server's weight in IPVS, null when it is not there (or there is none). */
    public Integer sorryInPool() {
        return sorry == null ? null : sorry.inPool;
    }

    /** What {@link Carried} would say for this real server now. */
    public Carried carry(int rsIndex) {
        Server s = servers.get(rsIndex);
        List<Boolean> up = new ArrayList<>();
        for (boolean b : s.checkerUp) {
            up.add(b);
        }
        return new Carried(s.config, up, java.util.Arrays.asList(s.dynamicWeight.clone()), s.inPool, true);
    }

    /**
     * Before {@link #start}, on reload: the sorry server's weight in IPVS as the previous configuration left it
     * (null when it was not there), so that start() only emits the difference.
     */
    public void carrySorry(Integer inPool) {
        if (started) {
            throw new IllegalStateException("carrySorry after start()");
        }
        if (sorry != null) {
            sorry.inPool = inPool;
        }
    }

    /**
     * Startup of a virtual server new to the daemon, at start or added by a reload (init_service_vs /
     * init_service_rs): see {@link #start(boolean, Boolean)} with no previous quorum state.
     */
    public List<RsChange> start(boolean rsInitNotifies) {
        return start(rsInitNotifies, null);
    }

    /**
     * Startup (init_service_vs / init_service_rs): alive real servers (and inhibited ones, at weight 0) go into
     * IPVS, or the sorry server when quorum is down. With {@code rsInitNotifies} (global rs_init_notifies)
     * notify_up and FIFO lines are sent for alive servers. The quorum state starts from {@code previousQuorum}
     * (a virtual server continued by a reload; null for a new one, which starts down) and is then updated as
     * keepalived's update_quorum_state does at init: a new virtual server with its quorum gets "Gained quorum",
     * quorum_up and a {@code VS ... UP} FIFO line (seen in the IPVS VM against keepalived 2.2.7, at start and for a
     * virtual server a reload adds); one whose sorry server is not in yet gets "Starting with quorum down",
     * quorum_down and {@code VS ... DOWN}. A continued one keeps its state unless its quorum setting moved it.
     */
    public List<RsChange> start(boolean rsInitNotifies, Boolean previousQuorum) {
        if (started) {
            throw new IllegalStateException("invalid transition [started -> started]");
        }
        started = true;
        List<RsChange> out = new ArrayList<>();
        boolean was = previousQuorum != null && previousQuorum;
        long sum = weightSum();
        long threshold = vs.quorum() + (was ? -1L : 1L) * vs.hysteresis();
        boolean gained = !was && sum >= threshold;
        boolean lost = !gained && ((was && (sum == 0 || sum < threshold))
                || (!was && sorry != null && (sorry.inPool == null || sorry.inPool == 0)));
        quorumUp = gained || (was && !lost);
        for (Server s : servers) {
            sync(s, out);
            if (rsInitNotifies && s.alive && !s.reloaded) {
                notifyServer(s, true, "startup", out);
            }
        }
        String vsName = Names.virtualServer(vs);
        if (gained) {
            out.add(new RsChange.Log("Gained quorum " + vs.quorum() + "+" + vs.hysteresis() + "=" + threshold
                    + " <= " + sum + " for VS " + vsName));
        } else if (lost) {
            out.add(new RsChange.Log("Starting with quorum down " + vs.quorum() + "-" + vs.hysteresis() + "="
                    + threshold + " > " + sum + " for VS " + vsName));
        }
        syncSorry(out);
        if (lost && sorry != null) {
            // perform_quorum_state: logged even when no real server is alive to move
            out.add(new RsChange.Log("Removing alive servers from the pool for VS " + vsName));
        }
        if (gained || lost) {
            initQuorumNotifies(out);
        }
        return out;
    }

    /**
     * do_vs_notifies at init: the quorum script and the FIFO line. No SMTP alert: what keepalived 2.2.7 mails at
     * init has not been observed.
     */
    private void initQuorumNotifies(List<RsChange> out) {
        ScriptCommand script = quorumUp ? vs.quorumUp() : vs.quorumDown();
        if (script != null) {
            out.add(new RsChange.RunScript(script, quorumUp ? "quorum_up" : "quorum_down"));
        }
        out.add(new RsChange.FifoLine("VS " + Names.virtualServer(vs) + (quorumUp ? " UP" : " DOWN") + "\n"));
    }

    /**
     * A virtual server a reload removes (clear_service_vs, not stopping): "Removing Virtual Server", the sorry
     * server and every real server it put in IPVS deleted ("Removing service ... from VS"); each alive real server
     * gets notify_down and its {@code RS ... DOWN} line, then a virtual server that had its quorum gets quorum_down
     * and {@code VS ... DOWN}, omega or not (seen in the IPVS VM against keepalived 2.2.7). No SMTP alert: not
     * observed.
     */
    public List<RsChange> removedByReload() {
        List<RsChange> out = new ArrayList<>();
        String vsName = Names.virtualServer(vs);
        out.add(new RsChange.Log("Removing Virtual Server " + vsName));
        if (sorry != null && sorry.inPool != null) {
            out.add(new RsChange.RemoveDest(vs, sorry.dest));
            sorry.inPool = null;
        }
        for (Server s : servers) {
            removeServer(s, out);
        }
        if (quorumUp) {
            quorumUp = false;
            initQuorumNotifies(out);
        }
        return out;
    }

    /**
     * The real servers a reload drops from this (continued) virtual server (clear_diff_rs): each one "no longer
     * exist", then as {@link #removedByReload} does for it; then, as update_vs_notifies, quorum_down and
     * {@code VS ... DOWN} when what is left has lost the quorum. The continued state starts from the quorum state
     * this one had before (keepalived copies it first), so its init may say the quorum is down once more.
     */
    public List<RsChange> realServersRemovedByReload(VirtualServer next) {
        List<RsChange> out = new ArrayList<>();
        for (Server s : servers) {
            boolean kept = next.realServers().stream()
                    .anyMatch(n -> n.address().equals(s.config.address()) && n.port() == s.config.port());
            if (!kept) {
                out.add(new RsChange.Log("service " + Names.destination(vs, s.dest) + " no longer exist"));
                removeServer(s, out);
                s.removed = true;
            }
        }
        long sum = weightSum();
        if (quorumUp && (sum == 0 || sum < vs.quorum() - vs.hysteresis())) {
            quorumUp = false;
            initQuorumNotifies(out);
        }
        return out;
    }

    /** clear_service_rs: out of IPVS, and when it was alive, its down notifies. */
    private void removeServer(Server s, List<RsChange> out) {
        if (s.inPool == null) {
            return;
        }
        out.add(new RsChange.Log("Removing " + (s.config.inhibitOnFailure() && !s.alive ? "(inhibited) " : "")
                + "service " + Names.destination(vs, s.dest) + " from VS " + Names.virtualServer(vs)));
        out.add(new RsChange.RemoveDest(vs, s.dest));
        s.inPool = null;
        if (s.alive) {
            s.alive = false;
            ScriptCommand script = s.config.notifyDown();
            if (script != null) {
                out.add(new RsChange.RunScript(script, "notify_down"));
            }
            out.add(new RsChange.FifoLine("RS " + Names.destination(vs, s.dest) + " " + Names.virtualServer(vs)
                    + " DOWN\n"));
        }
    }

    /**
     * A checker of real server {@code rsIndex} (its {@code checkerIndex}-th in configuration order) changed its
     * verdict. Returns what to do; empty when the real server's state and weight stay as they were.
     */
    public List<RsChange> checkerChanged(int rsIndex, int checkerIndex, CheckerVerdict verdict) {
        if (!started) {
            throw new IllegalStateException("checker verdict before start()");
        }
        Server s = servers.get(rsIndex);
        boolean wasAlive = s.alive;
        int oldWeight = s.weight();
        s.checkerUp[checkerIndex] = verdict.up();
        s.dynamicWeight[checkerIndex] = verdict.up() ? verdict.dynamicWeight() : null;
        s.alive = allUp(s.checkerUp);
        List<RsChange> out = new ArrayList<>();
        String rsName = Names.destination(vs, s.dest);
        String vsName = Names.virtualServer(vs);
        if (s.alive != wasAlive) {
            String verb = s.alive ? (s.config.inhibitOnFailure() ? "Enabling" : "Adding")
                    : (s.config.inhibitOnFailure() ? "Disabling" : "Removing");
            out.add(new RsChange.Log(verb + " service " + rsName + (s.alive ? " to VS " : " from VS ") + vsName));
            sync(s, out);
            notifyServer(s, s.alive, verdict.cause().detail(), out);
            updateQuorum(out);
        } else if (s.alive && s.weight() != oldWeight) {
            out.add(new RsChange.Log("Changing weight from " + oldWeight + " to " + s.weight() + " for "
                    + rsName + " of VS " + vsName));
            sync(s, out);
            updateQuorum(out);
        }
        return out;
    }

    /**
     * Shutdown without -I and without lvs_flush_on_stop (clear_service_vs when stopping, keepalived.md §b.5): the
     * sorry server is deleted, then each real server in configuration order logs "Shutting down service ... from
     * VS ..." ("(inhibited) " when inhibit_on_failure holds it at weight 0), in IPVS or not, and is deleted when
     * it is there; with {@code omega} an alive one gets notify_down and its {@code RS ... DOWN} line, then the
     * virtual server quorum_down and {@code VS ... DOWN} whatever its quorum was (seen in the IPVS VM against
     * keepalived 2.2.7). No SMTP alert: the mailer closes with the daemon.
     */
    public List<RsChange> shutdown() {
        List<RsChange> out = new ArrayList<>();
        String vsName = Names.virtualServer(vs);
        if (sorry != null && sorry.inPool != null) {
            out.add(new RsChange.RemoveDest(vs, sorry.dest));
            sorry.inPool = null;
        }
        for (Server s : servers) {
            out.add(new RsChange.Log("Shutting down " + (s.config.inhibitOnFailure() && !s.alive ? "(inhibited) " : "")
                    + "service " + Names.destination(vs, s.dest) + " from VS " + vsName));
            if (s.inPool == null) {
                continue; // a server the sorry server displaced is not in IPVS: keepalived sends it no notify
            }
            out.add(new RsChange.RemoveDest(vs, s.dest));
            s.inPool = null;
            if (s.alive && vs.omega()) {
                if (s.config.notifyDown() != null) {
                    out.add(new RsChange.RunScript(s.config.notifyDown(), "notify_down"));
                }
                out.add(new RsChange.FifoLine("RS " + Names.destination(vs, s.dest) + " " + vsName + " DOWN\n"));
            }
            s.alive = false;
        }
        stoppingQuorumNotifies(out);
        return out;
    }

    /**
     * Shutdown with lvs_flush_on_stop (the daemon flushes IPVS itself): no real server line or notify; with
     * {@code omega} quorum_down and {@code VS ... DOWN} whatever the quorum was, as keepalived 2.2.7 does.
     */
    public List<RsChange> shutdownFlushed() {
        List<RsChange> out = new ArrayList<>();
        for (Server s : servers) {
            s.inPool = null;
            s.alive = false;
        }
        if (sorry != null) {
            sorry.inPool = null;
        }
        stoppingQuorumNotifies(out);
        return out;
    }

    /** update_vs_notifies when stopping: the quorum goes down; only omega virtual servers say so. */
    private void stoppingQuorumNotifies(List<RsChange> out) {
        quorumUp = false;
        if (!vs.omega()) {
            return;
        }
        if (vs.quorumDown() != null) {
            out.add(new RsChange.RunScript(vs.quorumDown(), "quorum_down"));
        }
        out.add(new RsChange.FifoLine("VS " + Names.virtualServer(vs) + " DOWN\n"));
    }

    private long weightSum() {
        long sum = 0;
        for (Server s : servers) {
            if (s.alive && !s.removed) {
                sum += s.weight();
            }
        }
        return sum;
    }

    /** update_quorum_state: gain at sum >= quorum + hysteresis, loss at sum == 0 or sum < quorum - hysteresis. */
    private void updateQuorum(List<RsChange> out) {
        long sum = weightSum();
        String vsName = Names.virtualServer(vs);
        if (!quorumUp && sum >= vs.quorum() + vs.hysteresis()) {
            quorumUp = true;
            out.add(new RsChange.Log("Gained quorum " + vs.quorum() + "+" + vs.hysteresis() + "=" + (vs.quorum()
                    + vs.hysteresis()) + " <= " + sum + " for VS " + vsName));
            if (sorry != null) {
                syncSorry(out);
                for (Server s : servers) {
                    sync(s, out);
                }
            }
            notifyQuorum(true, vs.quorumUp(), "quorum_up", out);
        } else if (quorumUp && (sum == 0 || sum < vs.quorum() - vs.hysteresis())) {
            quorumUp = false;
            out.add(new RsChange.Log("Lost quorum " + vs.quorum() + "-" + vs.hysteresis() + "=" + (vs.quorum()
                    - vs.hysteresis()) + " > " + sum + " for VS " + vsName));
            notifyQuorum(false, vs.quorumDown(), "quorum_down", out);
            if (sorry != null) {
                syncSorry(out);
                for (Server s : servers) {
                    sync(s, out);
                }
            }
        }
    }

    private void notifyQuorum(boolean up, ScriptCommand script, String event, List<RsChange> out) {
        if (script != null) {
            out.add(new RsChange.RunScript(script, event));
        }
        String vsName = Names.virtualServer(vs);
        out.add(new RsChange.FifoLine("VS " + vsName + (up ? " UP" : " DOWN") + "\n"));
        if (vs.smtpAlert()) {
            out.add(new RsChange.SmtpAlert("Virtualserver " + vsName + " - " + (up ? "UP" : "DOWN"),
                    up ? "=> Gained quorum <=" : "=> Lost quorum <="));
        }
    }

    private void notifyServer(Server s, boolean up, String why, List<RsChange> out) {
        ScriptCommand script = up ? s.config.notifyUp() : s.config.notifyDown();
        if (script != null) {
            out.add(new RsChange.RunScript(script, up ? "notify_up" : "notify_down"));
        }
        String rsName = Names.destination(vs, s.dest);
        String vsName = Names.virtualServer(vs);
        out.add(new RsChange.FifoLine("RS " + rsName + " " + vsName + (up ? " UP" : " DOWN") + "\n"));
        if (s.config.smtpAlert()) {
            out.add(new RsChange.SmtpAlert("Realserver " + rsName + " of virtual server " + vsName + " - "
                    + (up ? "UP" : "DOWN"), up ? "=> CHECK succeed on service <="
                    : "=> CHECK failed on service : " + why + " <="));
        }
    }

    /** The sorry server is active while quorum is down. */
    private boolean sorryActive() {
        return sorry != null && !quorumUp;
    }

    /**
     * Where the real server should be: in IPVS at its weight when alive and the sorry server is not active;
     * otherwise at weight 0 with inhibit_on_failure, else out.
     */
    private void sync(Server s, List<RsChange> out) {
        Integer want = s.alive && !sorryActive() ? Integer.valueOf(s.weight())
                : s.config.inhibitOnFailure() ? Integer.valueOf(0) : null;
        s.inPool = apply(s.dest, s.inPool, want, out);
    }

    /** The sorry server: weight 1 while active; otherwise weight 0 with sorry_server_inhibit, else out. */
    private void syncSorry(List<RsChange> out) {
        if (sorry == null) {
            return;
        }
        Integer want = sorryActive() ? Integer.valueOf(1) : sorry.inhibit && sorry.inPool != null ? 0 : null;
        if (sorryActive() && sorry.inPool == null) {
            out.add(new RsChange.Log("Adding sorry server " + Names.destination(vs, sorry.dest) + " to VS "
                    + Names.virtualServer(vs)));
        } else if (!sorryActive() && sorry.inPool != null && sorry.inPool != 0) {
            out.add(new RsChange.Log((sorry.inhibit ? "Disabling" : "Removing") + " sorry server "
                    + Names.destination(vs, sorry.dest) + " from VS " + Names.virtualServer(vs)));
        }
        sorry.inPool = apply(sorry.dest, sorry.inPool, want, out);
    }

    private Integer apply(Destination d, Integer have, Integer want, List<RsChange> out) {
        if (Objects.equals(have, want)) {
            return have;
        }
        if (want == null) {
            out.add(new RsChange.RemoveDest(vs, d));
        } else if (have == null) {
            out.add(new RsChange.AddDest(vs, d, want));
        } else {
            out.add(new RsChange.SetWeight(vs, d, want));
        }
        return want;
    }
}
