package keepalivedj.healthcheck;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.conf.model.CheckerTiming;
import keepalivedj.conf.model.LvsConfig;
import keepalivedj.conf.model.RealServer;
import keepalivedj.conf.model.VirtualServer;
import keepalivedj.healthcheck.check.Checker;
import keepalivedj.healthcheck.check.CheckerFactory;

/**
 * The health-check runtime of one LVS configuration: one {@link VirtualServerState} per virtual server, one
 * scheduled check per distinct {@link CheckKey} (a real server listed by several virtual servers with the same
 * checker is checked once, keepalived issue #2358; a virtual_server group has one checker per real server), and
 * the wiring from check verdicts to state changes. Every {@link RsChange} goes to the sink in order. It performs no
 * IPVS, script, FIFO or mail I/O. All methods must be called on the thread of its {@link Timers}.
 */
public final class HealthChecks {
    private final CheckerFactory factory;
    private final CheckScheduler scheduler;
    private final Consumer<List<RsChange>> sink;
    private boolean rsInitNotifies;
    private LvsConfig config;
    private final List<VirtualServerState> states = new ArrayList<>();
    private Map<CheckKey, List<Subscriber>> subscribers = new LinkedHashMap<>();
    private final Set<VirtualServer> suspended = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    private record Subscriber(VirtualServerState state, int rs, int checker) {
    }

    /**
     * Alpha checkers of real servers a reload brought in on a check that was already running and up for another
     * virtual server: keepalived gives the new real server a checker of its own, down until its first success, so
     * these wait for the shared check's next success (an up verdict would not come: the check already is up).
     */
    private final Map<CheckKey, List<Subscriber>> awaitingFirstSuccess = new LinkedHashMap<>();

    /**
     * Non-alpha checkers of real servers a reload brought in on a check that was already running and down for
     * another virtual server, with the failed attempts heard since: keepalived gives the new real server a checker
     * of its own, which starts up (the server goes into IPVS, with its rs_init_notifies) and fails only after its
     * own retries (seen in the IPVS VM against keepalived 2.2.7), so these go down after retry + 1 failed attempts
     * of the shared check, or stay up with it on a success.
     */
    private final Map<CheckKey, Map<Subscriber, Long>> awaitingFailure = new LinkedHashMap<>();

    /**
     * @param rsInitNotifies global rs_init_notifies
     * @param random         warmup draws
     */
    public HealthChecks(LvsConfig config, CheckerFactory factory, Timers timers, RandomGenerator random,
                        boolean rsInitNotifies, Consumer<List<RsChange>> sink) {
        this.config = Objects.requireNonNull(config, "config");
        this.factory = factory;
        this.sink = sink;
        this.rsInitNotifies = rsInitNotifies;
        this.scheduler = new CheckScheduler(timers, random, new CheckScheduler.Listener() {
            @Override
            public void verdict(CheckKey key, CheckerVerdict verdict) {
                HealthChecks.this.verdict(key, verdict);
            }

            @Override
            public void succeeded(CheckKey key, Probe probe) {
                firstSuccess(key, probe);
            }

            @Override
            public void failed(CheckKey key, Probe probe, long retryIt) {
                CheckerTiming t = CheckKey.timing(key.spec());
                if (t != null && t.logAllFailures()) {
                    emit(List.of(new RsChange.Log(checkName(key) + " failed (attempt " + (retryIt + 1) + " of "
                            + (t.retry() + 1) + "): " + probe.detail())));
                }
                ownFailure(key, probe);
            }
        });
    }

    public CheckScheduler scheduler() {
        return scheduler;
    }

    public List<VirtualServerState> states() {
        return List.copyOf(states);
    }

    /** Startup: puts the initial pool in IPVS (as changes) and starts the checks. */
    public void start() {
        for (VirtualServer vs : config.virtualServers()) {
            VirtualServerState st = new VirtualServerState(vs);
            states.add(st);
            emit(st.start(rsInitNotifies));
        }
        subscribers = subscribe(states);
        startNewChecks();
    }

    /**
     * ha_suspend: while a virtual server's address is not configured here its checks are skipped. A check shared
     * with another virtual server keeps running while any of them is not suspended.
     */
    public void setSuspended(VirtualServer vs, boolean isSuspended) {
        if (isSuspended && vs.haSuspend()) {
            suspended.add(vs);
        } else {
            suspended.remove(vs);
        }
        // asked before every attempt: with nothing suspended (nearly always) the scheduler has no question to ask
        scheduler.suspendWhen(suspended.isEmpty() ? null : this::isSuspended);
    }

    private boolean isSuspended(CheckKey key) {
        List<Subscriber> subs = subscribers.get(key);
        if (subs == null || subs.isEmpty()) {
            return false;
        }
        for (Subscriber s : subs) {
            if (!suspended.contains(s.state().virtualServer())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Shutdown: stops every check and returns what keepalived's clear_services does on stop without
     * lvs_flush_on_stop (keepalived.md §b.5): per virtual server, its destinations deleted with a "Shutting down
     * service" line per real server, and the omega notifies.
     */
    public List<RsChange> stop() {
        return stop(VirtualServerState::shutdown);
    }

    /** Shutdown with lvs_flush_on_stop: the daemon flushes; only the omega quorum notifies are returned. */
    public List<RsChange> stopFlushed() {
        return stop(VirtualServerState::shutdownFlushed);
    }

    /** Shutdown with -I: IPVS stays as it is and keepalived sends no notify at all. */
    public List<RsChange> stopKeepingIpvs() {
        stop(st -> List.of());
        return List.of();
    }

    private List<RsChange> stop(java.util.function.Function<VirtualServerState, List<RsChange>> shutdown) {
        for (CheckKey k : new ArrayList<>(subscribers.keySet())) {
            scheduler.remove(k);
        }
        List<RsChange> out = new ArrayList<>();
        for (VirtualServerState st : states) {
            out.addAll(shutdown.apply(st));
        }
        states.clear();
        subscribers = new LinkedHashMap<>();
        awaitingFirstSuccess.clear();
        awaitingFailure.clear();
        return out;
    }

    /**
     * Reload (keepalived.md §b.5): virtual servers are matched by what names their service; a real server keeps its
     * IPVS presence and takes its checkers' state from the check still running for the same key (so a failed one
     * is not re-added until it passes); unchanged checks keep running; removed ones stop; new ones start with
     * warmup. Removed virtual servers and real servers are deleted from IPVS, with the down notifies of those
     * that were alive and of a lost quorum; a new virtual server gets its init quorum notifies.
     */
    public void reload(LvsConfig next) {
        reload(next, rsInitNotifies);
    }

    /**
     * {@link #reload(LvsConfig)} with the new configuration's global rs_init_notifies: real servers the reload adds
     * alive get their up notifies with it, as at start (keepalived's init_service_rs runs for them).
     */
    public void reload(LvsConfig next, boolean rsInitNotifies) {
        this.rsInitNotifies = rsInitNotifies;
        List<VirtualServerState> fresh = new ArrayList<>();
        List<RsChange> out = new ArrayList<>();
        List<VirtualServerState> unmatched = new ArrayList<>(states);
        Map<VirtualServerState, VirtualServer> continued = new IdentityHashMap<>();
        Map<CheckKey, List<Subscriber>> waitedBefore = new LinkedHashMap<>(awaitingFirstSuccess);
        awaitingFirstSuccess.clear();
        Map<CheckKey, Map<Subscriber, Long>> failingBefore = new LinkedHashMap<>(awaitingFailure);
        awaitingFailure.clear();
        List<Boolean> previousQuorum = new ArrayList<>();
        for (VirtualServer vs : next.virtualServers()) {
            VirtualServerState old = ReloadPlan.matching(unmatched, vs);
            unmatched.remove(old);
            List<VirtualServerState.Carried> carried = new ArrayList<>();
            List<int[]> waiting = new ArrayList<>();
            List<long[]> failing = new ArrayList<>();
            for (int r = 0; r < vs.realServers().size(); r++) {
                VirtualServerState.Carried c = carry(old, vs.realServers().get(r), r, waitedBefore, waiting,
                        failingBefore, failing);
                carried.add(c);
            }
            VirtualServerState st = new VirtualServerState(vs, carried);
            for (int[] w : waiting) {
                RealServer rs = vs.realServers().get(w[0]);
                awaitingFirstSuccess.computeIfAbsent(CheckKey.of(rs, rs.checkers().get(w[1])), k -> new ArrayList<>())
                        .add(new Subscriber(st, w[0], w[1]));
            }
            for (long[] f : failing) {
                RealServer rs = vs.realServers().get((int) f[0]);
                awaitingFailure.computeIfAbsent(CheckKey.of(rs, rs.checkers().get((int) f[1])),
                        k -> new LinkedHashMap<>()).put(new Subscriber(st, (int) f[0], (int) f[1]), f[2]);
            }
            // keepalived copies the quorum state before dropping real servers from the old virtual server
            previousQuorum.add(old == null ? null : old.quorumUp());
            if (old != null) {
                st.carrySorry(ReloadPlan.sameSorry(old.virtualServer(), vs) ? old.sorryInPool() : null);
                continued.put(old, vs);
            }
            fresh.add(st);
        }
        // clear_diff_services: the old virtual servers in their order, each removed or diffed
        for (VirtualServerState old : states) {
            VirtualServer vs = continued.get(old);
            if (vs == null) {
                out.addAll(old.removedByReload());
            } else {
                out.addAll(old.realServersRemovedByReload(vs));
                out.addAll(ReloadPlan.removedSorry(old, vs));
            }
        }
        Map<CheckKey, List<Subscriber>> nextSubs = subscribe(fresh);
        for (CheckKey k : new ArrayList<>(subscribers.keySet())) {
            if (!nextSubs.containsKey(k)) {
                scheduler.remove(k);
            }
        }
        for (int i = 0; i < fresh.size(); i++) {
            // a continued virtual server keeps its quorum state; a new one starts down and may gain it at init
            out.addAll(fresh.get(i).start(rsInitNotifies, previousQuorum.get(i)));
        }
        states.clear();
        states.addAll(fresh);
        subscribers = nextSubs;
        config = next;
        suspended.clear();
        scheduler.suspendWhen(null);
        emit(out);
        startNewChecks();
    }

    /**
     * What real server {@code rs} (the {@code index}-th of its new virtual server) brings through the reload; its
     * alpha checkers that must wait for a success of their own go into {@code waiting} as {rs, checker}, its
     * non-alpha checkers that start up on a check that is down go into {@code failing} as {rs, checker, failed
     * attempts so far}.
     */
    private VirtualServerState.Carried carry(VirtualServerState old, RealServer rs, int index,
                                             Map<CheckKey, List<Subscriber>> waitedBefore, List<int[]> waiting,
                                             Map<CheckKey, Map<Subscriber, Long>> failingBefore,
                                             List<long[]> failing) {
        Integer inPool = null;
        int oldIndex = -1;
        if (old != null) {
            List<RealServer> olds = old.virtualServer().realServers();
            for (int i = 0; i < olds.size(); i++) {
                if (olds.get(i).address().equals(rs.address()) && olds.get(i).port() == rs.port()) {
                    inPool = old.weightInPool(i);
                    oldIndex = i;
                }
            }
        }
        List<Boolean> up = new ArrayList<>();
        List<Integer> dyn = new ArrayList<>();
        for (int k = 0; k < rs.checkers().size(); k++) {
            CheckerSpec spec = rs.checkers().get(k);
            CheckKey key = CheckKey.of(rs, spec);
            CheckerCycle c = scheduler.cycle(key);
            // check_new_rs_state: a real server new to its virtual server starts its alpha checkers down; one that
            // was still waiting for its first success keeps waiting (migrate_checkers: it has not run)
            boolean stillWaiting = oldIndex >= 0 && waitedBefore.getOrDefault(key, List.of())
                    .contains(new Subscriber(old, oldIndex, k));
            // a non-alpha checker new to a check that is down starts up and counts its own failures; one that was
            // still counting keeps its count (migrate_checkers keeps retry_it)
            Long failedSoFar = oldIndex < 0 ? Long.valueOf(0)
                    : failingBefore.getOrDefault(key, Map.of()).get(new Subscriber(old, oldIndex, k));
            boolean fresh = c == null || ((oldIndex < 0 || stillWaiting) && CheckKey.alpha(spec))
                    || (failedSoFar != null && !CheckKey.alpha(spec) && !c.up());
            if (c != null && fresh && c.up()) {
                waiting.add(new int[] {index, k});
            } else if (c != null && fresh && !CheckKey.alpha(spec)) {
                failing.add(new long[] {index, k, failedSoFar});
            }
            up.add(fresh ? !CheckKey.alpha(spec) : c.up());
            dyn.add(fresh ? null : c.dynamicWeight());
        }
        return new VirtualServerState.Carried(rs, up, dyn, inPool, oldIndex >= 0);
    }

    /**
     * A failed attempt of a check that non-alpha checkers joined while it was down: each of them fails on its
     * retry + 1-th, with the line its own checker would log.
     */
    private void ownFailure(CheckKey key, Probe probe) {
        if (awaitingFailure.isEmpty()) {
            return; // every failed attempt asks: a down server's checks fail every delay_loop
        }
        Map<Subscriber, Long> counting = awaitingFailure.get(key);
        if (counting == null) {
            return;
        }
        CheckerTiming t = CheckKey.timing(key.spec());
        List<Subscriber> subs = subscribers.get(key);
        List<Subscriber> failed = new ArrayList<>();
        for (Map.Entry<Subscriber, Long> e : counting.entrySet()) {
            e.setValue(e.getValue() + 1);
            if (e.getValue() > t.retry()) {
                failed.add(e.getKey());
            }
        }
        for (Subscriber s : failed) {
            counting.remove(s);
            if (subs != null && subs.contains(s)) {
                emit(List.of(new RsChange.Log(checkName(key) + " failed after " + t.retry() + " retries: "
                        + probe.detail())));
                emit(s.state().checkerChanged(s.rs(), s.checker(), new CheckerVerdict(false, null, probe)));
            }
        }
        if (counting.isEmpty()) {
            awaitingFailure.remove(key);
        }
    }

    /** The shared check's first success since an alpha checker joined it: that checker's own first success. */
    private void firstSuccess(CheckKey key, Probe probe) {
        // heard after every success: the key (a record of records) is hashed only when somebody waits
        if (!awaitingFailure.isEmpty()) {
            awaitingFailure.remove(key); // a success resets their retries; they are up, as the check now is
        }
        if (awaitingFirstSuccess.isEmpty()) {
            return;
        }
        List<Subscriber> waiting = awaitingFirstSuccess.remove(key);
        if (waiting == null) {
            return;
        }
        List<Subscriber> subs = subscribers.get(key);
        for (Subscriber s : waiting) {
            if (subs != null && subs.contains(s)) {
                emit(s.state().checkerChanged(s.rs(), s.checker(), new CheckerVerdict(true, probe.dynamicWeight(),
                        probe)));
            }
        }
    }

    private static Map<CheckKey, List<Subscriber>> subscribe(List<VirtualServerState> states) {
        Map<CheckKey, List<Subscriber>> subs = new LinkedHashMap<>();
        for (VirtualServerState st : states) {
            List<RealServer> rss = st.virtualServer().realServers();
            for (int r = 0; r < rss.size(); r++) {
                List<CheckerSpec> checkers = rss.get(r).checkers();
                for (int c = 0; c < checkers.size(); c++) {
                    subs.computeIfAbsent(CheckKey.of(rss.get(r), checkers.get(c)), k -> new ArrayList<>())
                            .add(new Subscriber(st, r, c));
                }
            }
        }
        return subs;
    }

    private void startNewChecks() {
        for (Map.Entry<CheckKey, List<Subscriber>> e : subscribers.entrySet()) {
            CheckKey key = e.getKey();
            CheckerTiming timing = CheckKey.timing(key.spec());
            if (timing == null || scheduler.contains(key)) {
                continue;
            }
            Subscriber first = e.getValue().get(0);
            RealServer rs = first.state().virtualServer().realServers().get(first.rs());
            Checker checker = factory.create(rs, rs.checkers().get(first.checker()));
            if (checker != null) {
                scheduler.add(key, timing, checker);
            }
        }
    }

    private void verdict(CheckKey key, CheckerVerdict v) {
        awaitingFirstSuccess.remove(key);
        List<Subscriber> subs = subscribers.get(key);
        if (subs == null) {
            return;
        }
        CheckerTiming t = CheckKey.timing(key.spec());
        emit(List.of(new RsChange.Log(v.up() ? checkName(key) + " succeeded: " + v.cause().detail()
                : checkName(key) + " failed after " + (t == null ? 0 : t.retry()) + " retries: "
                + v.cause().detail())));
        for (Subscriber s : subs) {
            emit(s.state().checkerChanged(s.rs(), s.checker(), v));
        }
    }

    /** "TCP_CHECK on service [ip]:port" (the service as the checker sees it; no protocol, it may serve several). */
    static String checkName(CheckKey key) {
        String type = key.spec() == null ? "check" : checkType(key.spec());
        return type + " on service [" + Names.address(key.address()) + "]:" + key.port();
    }

    private static String checkType(CheckerSpec spec) {
        if (spec instanceof CheckerSpec.HttpGet) {
            return "HTTP_GET";
        } else if (spec instanceof CheckerSpec.SslGet) {
            return "SSL_GET";
        } else if (spec instanceof CheckerSpec.TcpCheck) {
            return "TCP_CHECK";
        } else if (spec instanceof CheckerSpec.MiscCheck) {
            return "MISC_CHECK";
        } else if (spec instanceof CheckerSpec.SmtpCheck) {
            return "SMTP_CHECK";
        } else if (spec instanceof CheckerSpec.DnsCheck) {
            return "DNS_CHECK";
        }
        return spec.getClass().getSimpleName();
    }

    private void emit(List<RsChange> changes) {
        if (!changes.isEmpty()) {
            sink.accept(List.copyOf(changes));
        }
    }
}
