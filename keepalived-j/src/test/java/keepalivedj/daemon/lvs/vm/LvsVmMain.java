package keepalivedj.daemon.lvs.vm;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import keepalivedj.ipvs.vm.Sh;

/**
 * The LVS-NAT scenario end to end, run inside the IPVS test VM (as root, on a kernel with IPVS): client, director,
 * bridge, rs1, rs2 and sorry namespaces; busybox httpd on rs1, rs2 and the sorry server; the checker side of
 * keepalived-j ({@code bin/keepalived-j -n -l -D -C}, the launcher as shipped) in the director namespace, then
 * keepalived 2.2.7 ({@code keepalived -n -l -D -C}) with the same configuration; {@code ipvsadm -Ln} in the director after each step must be identical for both
 * (connection counters blanked). Prints {@code VMTEST<TAB>PASS|FAIL<TAB>name<TAB>detail} lines for LvsVmIT and
 * {@code VMINFO} lines (listings, timings). Everything it creates has a kj-lvs- name and is removed at the end.
 */
public final class LvsVmMain {
    static final String CL = "kj-lvs-cl", DIR = "kj-lvs-dir", BR = "kj-lvs-br", RS1 = "kj-lvs-rs1",
            RS2 = "kj-lvs-rs2", SORRY = "kj-lvs-sorry";
    static final String VIP = "10.71.1.1";
    /** delay_loop + retry x delay_before_retry + connect_timeout of the configuration, in ms. */
    static final long DETECT_BOUND_MS = 1000 + 1000 + 1000;
    /**
     * What the VM adds to an observation: every guest CPU runs on one emulated (TCG) host thread shared by the
     * daemon, this JVM, curl and each ipvsadm poll; keepalived-j's JVM is still compiling its code then.
     */
    static final long OBSERVE_SLACK_MS = 3000;

    private static final PrintStream OUT = System.out;
    private static final List<String> FAILED = new ArrayList<>();
    private static final Map<String, Process> SERVERS = new LinkedHashMap<>();
    private static Path work;
    /** keepalived-j/bin/keepalived-j: the daemon as shipped, run on the jar the build just made. */
    private static String launcher;

    private LvsVmMain() {
    }

    public static void main(String[] args) throws Exception {
        work = Path.of(args[0]).toAbsolutePath();
        launcher = Path.of(args[1]).toAbsolutePath().toString();
        Files.createDirectories(work);
        try {
            setUp();
            if ("init-notifies".equals(System.getenv("LVSVM_ONLY"))) { // one scenario, while working on it
                initNotifiesCompared();
            } else {
                Map<String, List<Step>> runs = new LinkedHashMap<>();
                for (boolean inhibit : new boolean[] {false, true}) {
                    // remove: default stop (a foreign service survives); inhibit: lvs_flush_on_stop (it does not)
                    String variant = inhibit ? "inhibit" : "remove";
                    Path fifoPath = Path.of("/tmp/kj-lvs-fifo-" + variant); // 9p cannot hold a FIFO
                    sh("rm -f " + fifoPath + " && mkfifo " + fifoPath);
                    Path conf = writeConf("scenario-" + variant + ".conf", (inhibit ? "    lvs_flush_on_stop\n" : "")
                            + "    lvs_notify_fifo " + fifoPath + "\n", natServer(inhibit, 1));
                    Map<String, List<String>> fifo = new LinkedHashMap<>();
                    Map<String, List<String>> mails = new LinkedHashMap<>();
                    for (String daemon : List.of("keepalived-j", "keepalived")) {
                        String name = daemon + "/" + variant;
                        List<Step> steps = check(name, () -> scenario(daemon, conf, inhibit, name));
                        runs.put(name, steps);
                        mails.put(daemon, mails(name));
                        fifo.put(daemon, fifoLines(name));
                    }
                    check("identical lvs_notify_fifo lines keepalived-j vs keepalived 2.2.7/" + variant, () -> {
                        List<String> a = new ArrayList<>(fifo.get("keepalived-j"));
                        List<String> b = new ArrayList<>(fifo.get("keepalived"));
                        if (a.isEmpty()) {
                            throw new AssertionError("keepalived-j wrote no FIFO line");
                        }
                        java.util.Collections.sort(a); // same race as the alerts when rs1 and rs2 stop together
                        java.util.Collections.sort(b);
                        if (!a.equals(b)) {
                            throw new AssertionError("keepalived-j: " + fifo.get("keepalived-j") + "\nkeepalived: "
                                    + fifo.get("keepalived"));
                        }
                        return null;
                    });
                    compare(variant, runs.get("keepalived-j/" + variant), runs.get("keepalived/" + variant));
                    check("identical SMTP alerts keepalived-j vs keepalived 2.2.7/" + variant, () -> {
                        if (mails.get("keepalived-j").isEmpty()) {
                            throw new AssertionError("keepalived-j sent no alert");
                        }
                        // as multisets: when rs1 and rs2 stop together, which check notices first is a race
                        List<String> a = new ArrayList<>(mails.get("keepalived-j"));
                        List<String> b = new ArrayList<>(mails.get("keepalived"));
                        java.util.Collections.sort(a);
                        java.util.Collections.sort(b);
                        if (!a.equals(b)) {
                            throw new AssertionError("keepalived-j: " + mails.get("keepalived-j") + "\nkeepalived: "
                                    + mails.get("keepalived"));
                        }
                        return null;
                    });
                }
                Map<String, List<Step>> reloads = new LinkedHashMap<>();
                for (String daemon : List.of("keepalived-j", "keepalived")) {
                    reloads.put(daemon, check(daemon + "/reload", () -> reload(daemon)));
                }
                compare("reload", reloads.get("keepalived-j"), reloads.get("keepalived"));
                Map<String, Map<String, List<String>>> fifoReloads = new LinkedHashMap<>();
                for (String daemon : List.of("keepalived-j", "keepalived")) {
                    fifoReloads.put(daemon, check(daemon + "/fifo-reload", () -> fifoReload(daemon)));
                }
                check("identical notify_fifo and lvs_notify_fifo through SIGHUP and SIGTERM keepalived-j vs keepalived "
                        + "2.2.7", () -> {
                    Map<String, List<String>> a = fifoReloads.get("keepalived-j");
                    Map<String, List<String>> b = fifoReloads.get("keepalived");
                    if (a == null || b == null) {
                        throw new AssertionError("a run failed, nothing to compare");
                    }
                    // the reference really closed and reopened both FIFOs and restarted both scripts on the reload
                    for (String f : List.of("notify_fifo", "lvs_notify_fifo")) {
                        if (b.get(f).stream().filter("EOF"::equals).count() != 3) {
                            throw new AssertionError("keepalived 2.2.7's " + f + " did not end 3 times: " + b.get(f));
                        }
                    }
                    if (!b.get("notify scripts").contains("quorum_up 81")
                            || !b.get("notify scripts").contains("quorum_down 82")
                            || !b.get("notify scripts").contains("notify_up 83")) {
                        throw new AssertionError("keepalived 2.2.7's notify scripts: " + b.get("notify scripts"));
                    }
                    if (b.get("fifo scripts").size() != 6) {
                        throw new AssertionError("keepalived 2.2.7 ran its fifo scripts: " + b.get("fifo scripts"));
                    }
                    if (!a.equals(b)) {
                        throw new AssertionError("keepalived-j: " + a + "\nkeepalived: " + b);
                    }
                    return null;
                });
                initNotifiesCompared();
                Map<String, List<Step>> structural = new LinkedHashMap<>();
                for (String daemon : List.of("keepalived-j", "keepalived")) {
                    structural.put(daemon, check(daemon + "/reload-structure, lvs_flush, -I",
                            () -> reloadStructure(daemon)));
                }
                compare("reload-structure, lvs_flush, -I", structural.get("keepalived-j"),
                        structural.get("keepalived"));
                check("identical IPVS error lines keepalived-j vs keepalived 2.2.7", () -> {
                    if (structureErrors.size() != 2) {
                        throw new AssertionError("a run failed, nothing to compare");
                    }
                    info("errors", "keepalived-j", structureErrors.get("keepalived-j"));
                    info("errors", "keepalived", structureErrors.get("keepalived"));
                    if (!structureErrors.get("keepalived-j").equals(structureErrors.get("keepalived"))) {
                        throw new AssertionError("keepalived-j: " + structureErrors.get("keepalived-j")
                                + "\nkeepalived: " + structureErrors.get("keepalived"));
                    }
                    return null;
                });
                haSuspend();
            }
        } catch (Throwable t) {
            fail("setup", t);
        } finally {
            tearDown();
        }
        OUT.println(FAILED.isEmpty() ? "all passed" : "failed: " + FAILED);
        OUT.flush();
        System.exit(FAILED.isEmpty() ? 0 : 1);
    }

    /** The init-notifies scenario with both daemons, compared. */
    private static void initNotifiesCompared() {
        Map<String, Map<String, List<String>>> inits = new LinkedHashMap<>();
        Map<String, List<Step>> initSteps = new LinkedHashMap<>();
        for (String daemon : List.of("keepalived-j", "keepalived")) {
            List<Step> steps = new ArrayList<>();
            inits.put(daemon, check(daemon + "/init-notifies", () -> initNotifies(daemon, steps)));
            initSteps.put(daemon, steps);
        }
        compare("init-notifies", inits.get("keepalived-j") == null ? null : initSteps.get("keepalived-j"),
                inits.get("keepalived") == null ? null : initSteps.get("keepalived"));
        check("identical rs_init_notifies, shared down check and stop lines keepalived-j vs keepalived 2.2.7",
                () -> {
            Map<String, List<String>> a = inits.get("keepalived-j");
            Map<String, List<String>> b = inits.get("keepalived");
            if (a == null || b == null) {
                throw new AssertionError("a run failed, nothing to compare");
            }
            // the reference did what the scenario is about: the new non-alpha real server on the check that
            // is down came up at the reload and went down on its own retries; every real server logged its
            // Shutting down line, the inhibited one as such
            for (String want : List.of("LINE RS [10.71.2.12]:tcp:80 [10.71.1.1]:tcp:85 UP",
                    "LINE RS [10.71.2.12]:tcp:80 [10.71.1.1]:tcp:85 DOWN",
                    "LINE RS [10.71.2.250]:tcp:80 [10.71.1.1]:tcp:80 UP")) {
                if (!b.get("lvs_notify_fifo").contains(want)) {
                    throw new AssertionError("keepalived 2.2.7 did not write " + want + ": " + b);
                }
            }
            if (!b.get("stop lines").contains(
                    "Shutting down (inhibited) service [10.71.2.12]:tcp:80 from VS [10.71.1.1]:tcp:80")) {
                throw new AssertionError("keepalived 2.2.7's stop lines: " + b.get("stop lines"));
            }
            if (!a.equals(b)) {
                throw new AssertionError("keepalived-j: " + a + "\nkeepalived: " + b);
            }
            return null;
        });
    }

    /** ha_suspend fed by VRRP: keepalived-j as n2, then keepalived 2.2.7 as n2, same activity lines. */
    private static void haSuspend() {
        HaSuspendVm ha = new HaSuspendVm(work, launcher);
        try {
            ha.setUp();
            Map<String, List<String>> lines = new LinkedHashMap<>();
            for (String kind : List.of("keepalived-j", "keepalived")) {
                lines.put(kind, check("ha_suspend: only the VIP holder checks/" + kind, () -> ha.run(kind)));
            }
            check("identical ha_suspend healthchecker lines keepalived-j vs keepalived 2.2.7", () -> {
                info("ha_suspend", "keepalived-j", String.join(" | ", String.valueOf(lines.get("keepalived-j"))));
                info("ha_suspend", "keepalived", String.join(" | ", String.valueOf(lines.get("keepalived"))));
                if (lines.get("keepalived-j") == null || lines.get("keepalived") == null
                        || lines.get("keepalived-j").isEmpty()) {
                    throw new AssertionError("a run failed, nothing to compare");
                }
                if (!lines.get("keepalived-j").equals(lines.get("keepalived"))) {
                    throw new AssertionError("keepalived-j: " + lines.get("keepalived-j") + "\nkeepalived: "
                            + lines.get("keepalived"));
                }
                return null;
            });
        } catch (Throwable t) {
            fail("ha_suspend setup", t);
        } finally {
            ha.tearDown();
        }
    }

    /** One observed step: its name, the listing, how long it took to reach (ms). */
    record Step(String name, String listing, long ms) {
    }

    interface Body<T> {
        T run() throws Exception;
    }

    private static <T> T check(String name, Body<T> body) {
        long t0 = System.nanoTime();
        try {
            T r = body.run();
            OUT.println("VMTEST\tPASS\t" + name + "\t" + (System.nanoTime() - t0) / 1_000_000 + " ms");
            OUT.flush();
            return r;
        } catch (Throwable t) {
            fail(name, t);
            return null;
        }
    }

    private static void fail(String name, Throwable t) {
        FAILED.add(name);
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        OUT.println("VMTEST\tFAIL\t" + name + "\t" + w.toString().replace("\n", "\\n").replace("\t", " "));
        OUT.flush();
    }

    private static void compare(String variant, List<Step> a, List<Step> b) {
        check("identical ipvsadm -Ln keepalived-j vs keepalived 2.2.7/" + variant, () -> {
            if (a == null || b == null) {
                throw new AssertionError("a run failed, nothing to compare");
            }
            if (a.size() != b.size()) {
                throw new AssertionError("steps differ: " + a + " vs " + b);
            }
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).listing().equals(b.get(i).listing())) {
                    throw new AssertionError("step " + a.get(i).name() + " differs:\nkeepalived-j:\n"
                            + a.get(i).listing() + "\nkeepalived:\n" + b.get(i).listing());
                }
            }
            return null;
        });
    }

    // ---- the scenario ------------------------------------------------------------------------------------------

    private static List<Step> scenario(String daemon, Path conf, boolean inhibit, String name) throws Exception {
        sh("ip netns exec " + DIR + " ipvsadm -C && ip netns exec " + DIR + " ipvsadm -A -t " + VIP + ":9999 -s rr");
        startHttp(RS1, "rs1");
        startHttp(RS2, "rs2");
        List<Step> steps = new ArrayList<>();
        Path fifoOut = work.resolve(name.replace('/', '-') + ".fifo.txt");
        Files.deleteIfExists(fifoOut);
        Process reader = Sh.spawn("cat /tmp/kj-lvs-fifo-" + (inhibit ? "inhibit" : "remove") + " >> "
                + fifoOut);
        FIFO_READERS.put(name, reader);
        Daemon d = Daemon.start(daemon, conf, name, "");
        try {
            long t0 = System.nanoTime();
            steps.add(step(name, "start", t0, l -> has(l, "10.71.2.11:80", 1) && has(l, "10.71.2.12:80", 1)));
            assertTraffic(Map.of("rs1", 2, "rs2", 2), 4);

            stopHttp(RS1);
            t0 = System.nanoTime();
            Step down = step(name, "rs1 stopped", t0, inhibit ? l -> has(l, "10.71.2.11:80", 0)
                    : l -> !l.contains("10.71.2.11:80") && has(l, "10.71.2.12:80", 1));
            steps.add(down);
            if (down.ms() > DETECT_BOUND_MS + OBSERVE_SLACK_MS) {
                throw new AssertionError("rs1 taken out after " + down.ms() + " ms, more than delay_loop + retry x "
                        + "delay_before_retry + connect_timeout = " + DETECT_BOUND_MS + " ms (+" + OBSERVE_SLACK_MS
                        + " ms polling slack)");
            }
            assertTraffic(Map.of("rs2", 4), 4);

            startHttp(RS1, "rs1");
            t0 = System.nanoTime();
            steps.add(step(name, "rs1 back", t0, l -> has(l, "10.71.2.11:80", 1) && has(l, "10.71.2.12:80", 1)));
            assertTraffic(Map.of("rs1", 2, "rs2", 2), 4);

            stopHttp(RS1);
            stopHttp(RS2);
            t0 = System.nanoTime();
            steps.add(step(name, "all stopped", t0, l -> has(l, "10.71.2.250:80", 1)
                    && (inhibit ? has(l, "10.71.2.11:80", 0) : !l.contains("10.71.2.11:80"))
                    && !l.contains("10.71.2.12:80")));
            assertTraffic(Map.of("sorry", 4), 4);

            startHttp(RS1, "rs1");
            startHttp(RS2, "rs2");
            t0 = System.nanoTime();
            steps.add(step(name, "all back", t0, l -> has(l, "10.71.2.11:80", 1) && has(l, "10.71.2.12:80", 1)
                    && !l.contains("10.71.2.250:80")));

            awaitMailQuiet(); // alerts still queued at stop are dropped, by keepalived too
            t0 = System.nanoTime();
            d.term();
            steps.add(new Step("stopped", listing(), (System.nanoTime() - t0) / 1_000_000));
            info(name, "stopped", steps.get(steps.size() - 1));
            List<String> left = steps.get(steps.size() - 1).listing().lines().filter(l -> l.startsWith("TCP"))
                    .map(String::trim).toList();
            List<String> want = inhibit ? List.of() : List.of("TCP  " + VIP + ":9999 rr");
            if (!left.equals(want)) {
                throw new AssertionError("after stop " + left + ", expected " + want + " ("
                        + (inhibit ? "lvs_flush_on_stop" : "only our own services deleted") + ")");
            }
        } finally {
            d.kill();
            stopHttp(RS1);
            stopHttp(RS2);
        }
        return steps;
    }

    /** Reload with one real server changed (rs2 weight 1 -> 3): only that destination changes. */
    private static List<Step> reload(String daemon) throws Exception {
        sh("ip netns exec " + DIR + " ipvsadm -C");
        startHttp(RS1, "rs1");
        startHttp(RS2, "rs2");
        Path conf = writeConf("reload-" + daemon + ".conf", "", natServer(false, 1));
        List<Step> steps = new ArrayList<>();
        String name = daemon + "/reload";
        Daemon d = Daemon.start(daemon, conf, name, "");
        try {
            long t0 = System.nanoTime();
            steps.add(step(name, "start", t0, l -> has(l, "10.71.2.11:80", 1) && has(l, "10.71.2.12:80", 1)));
            Thread.sleep(1500); // a few check rounds: nothing may change while all is well
            String quiet = listing();
            if (!quiet.equals(steps.get(0).listing())) {
                throw new AssertionError("listing changed with nothing happening:\n" + quiet);
            }
            int opsBefore = d.opLines().size();
            writeConf(conf.getFileName().toString(), "", natServer(false, 3));
            t0 = System.nanoTime();
            d.hup();
            steps.add(step(name, "after reload", t0, l -> has(l, "10.71.2.11:80", 1) && has(l, "10.71.2.12:80", 3)));
            if (daemon.equals("keepalived-j")) {
                long until = System.currentTimeMillis() + 20000;
                while (!d.log().contains("Reload complete") && System.currentTimeMillis() < until) {
                    Thread.sleep(100);
                }
                Thread.sleep(1500); // and checks after it send nothing either
                List<String> ops = d.opLines().subList(opsBefore, d.opLines().size());
                info(name, "ops sent by the reload", String.join(" | ", ops));
                List<String> want = List.of("SET_DEST TCP 10.71.1.1:80 -> 10.71.2.12:80 weight 3 DONE");
                if (!ops.equals(want)) {
                    throw new AssertionError("the reload sent " + ops + ", expected only " + want);
                }
            }
        } finally {
            d.term();
            d.kill();
            stopHttp(RS1);
            stopHttp(RS2);
        }
        return steps;
    }

    /** An operator's FIFO reader: OPEN, each LINE, EOF when the daemon's last descriptor closes, then again. */
    private static final String FIFO_READER = "f=$1; out=$2; while :; do exec 3<\"$f\" || exit 1; "
            + "echo OPEN >> \"$out\"; while IFS= read -r l <&3; do echo \"LINE $l\" >> \"$out\"; done; "
            + "echo EOF >> \"$out\"; exec 3<&-; [ -e \"$f.stop\" ] && exit 0; done";

    /**
     * notify_fifo and lvs_notify_fifo, each with its fifo script, through two SIGHUPs and a SIGTERM: the first
     * reload adds :81 (rs1, up at init) and :82 (the sorry host under an alpha check, down at init), the second
     * removes both and adds :83 (the same alpha check as :82's, so keepalived-j's shared check is already up: the
     * new real server must still start down and come up on a success), then rs2 stops. What a reader of each FIFO sees (OPEN, LINE, EOF, and MARK where the
     * signals were sent), what the fifo script runs recorded (per run, sorted: which starts first is a race) and
     * which notify_up/down and quorum_up/down scripts ran after each signal (sorted: they start concurrently).
     * keepalived 2.2.7's checker closes both FIFOs on reload (EOF), SIGTERMs both scripts, restarts them with the
     * FIFO path, reopens, writes the reload's lines to both (VS :81 UP with its quorum_up: the quorum gained at
     * init; for each removed virtual server its alive real servers' RS DOWN, then VS DOWN, with notify_down and
     * quorum_down), and at stop SIGTERMs the scripts and closes without a line.
     */
    private static Map<String, List<String>> fifoReload(String daemon) throws Exception {
        sh("ip netns exec " + DIR + " ipvsadm -C");
        startHttp(RS1, "rs1");
        startHttp(RS2, "rs2");
        String name = daemon + "/fifo-reload";
        String tag = name.replace('/', '-');
        Path script = Path.of("/tmp/kj-fifo-script.sh"); // not on 9p: the daemons check its permissions
        Path scriptLog = work.resolve(tag + ".scripts.txt");
        Files.deleteIfExists(scriptLog);
        Files.writeString(script, "#!/bin/sh\ntrap 'echo \"$$ TERM\" >> " + scriptLog + "; exit 0' TERM\n"
                + "echo \"$$ start $*\" >> " + scriptLog + "\nwhile :; do sleep 0.1 & wait $!; done\n");
        sh("chmod 755 " + script);
        Map<String, Path> events = new LinkedHashMap<>();
        List<Process> readers = new ArrayList<>();
        for (String f : List.of("notify_fifo", "lvs_notify_fifo")) {
            Path fifo = Path.of("/tmp/kj-" + f); // 9p cannot hold a FIFO
            Path out = work.resolve(tag + "." + f + ".events");
            Files.deleteIfExists(out);
            Files.createFile(out);
            sh("rm -f " + fifo + " " + fifo + ".stop && mkfifo -m 600 " + fifo);
            readers.add(new ProcessBuilder("bash", "-c", FIFO_READER, "reader", fifo.toString(), out.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            events.put(f, out);
        }
        Path notifyScript = Path.of("/tmp/kj-notify-script.sh");
        Path notifyLog = work.resolve(tag + ".notifies.txt");
        Files.deleteIfExists(notifyLog);
        Files.createFile(notifyLog);
        Files.writeString(notifyScript, "#!/bin/sh\necho \"$*\" >> " + notifyLog + "\n");
        sh("chmod 755 " + notifyScript);
        String globals = "    enable_script_security\n    script_user root\n    notify_fifo /tmp/kj-notify_fifo\n"
                + "    notify_fifo_script " + script + "\n    lvs_notify_fifo /tmp/kj-lvs_notify_fifo\n"
                + "    lvs_notify_fifo_script " + script + "\n";
        Path conf = writeConf(tag + ".conf", globals, natServer(false, 1));
        Daemon d = Daemon.start(daemon, conf, name, "");
        try {
            long t0 = System.nanoTime();
            step(name, "start", t0, l -> has(l, "10.71.2.11:80", 1) && has(l, "10.71.2.12:80", 1));
            awaitLog(d, "Activating healthchecker for service [10.71.2.12]:tcp:80", 1);
            Thread.sleep(1500);
            mark(events, notifyLog, "HUP add :81 :82");
            writeConf(tag + ".conf", globals, natServer(false, 1) + reloadedServer(81, "10.71.2.11", false, notifyScript)
                    + reloadedServer(82, "10.71.2.250", true, notifyScript));
            d.hup();
            awaitLog(d, "Reload complete", 1);
            t0 = System.nanoTime();
            step(name, "after adding :81 :82", t0, l -> l.contains(VIP + ":81") && has(l, "10.71.2.250:80", 1));
            Thread.sleep(1000);
            mark(events, notifyLog, "HUP remove :81 :82, add :83");
            writeConf(tag + ".conf", globals, natServer(false, 1)
                    + reloadedServer(83, "10.71.2.250", true, notifyScript));
            d.hup();
            awaitLog(d, "Reload complete", 2);
            t0 = System.nanoTime();
            step(name, "after removing :81 :82, adding :83", t0, l -> !l.contains(VIP + ":81")
                    && !l.contains(VIP + ":82") && l.contains(VIP + ":83") && has(l, "10.71.2.250:80", 1));
            Thread.sleep(1000);
            mark(events, notifyLog, "rs2 stop");
            stopHttp(RS2);
            t0 = System.nanoTime();
            step(name, "rs2 stopped", t0, l -> !l.contains("10.71.2.12:80"));
            Thread.sleep(1000);
            mark(events, notifyLog, "TERM");
            sh("touch /tmp/kj-notify_fifo.stop /tmp/kj-lvs_notify_fifo.stop");
            d.term();
        } finally {
            d.kill();
            stopHttp(RS1);
            stopHttp(RS2);
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Process r : readers) {
            if (!r.waitFor(5, TimeUnit.SECONDS)) {
                r.destroyForcibly();
            }
        }
        for (Map.Entry<String, Path> e : events.entrySet()) {
            out.put(e.getKey(), Files.readAllLines(e.getValue()));
            info(name, e.getKey(), String.join(" | ", out.get(e.getKey())));
        }
        Thread.sleep(500); // the scripts' trap lines
        Map<String, List<String>> runs = new LinkedHashMap<>();
        for (String l : Files.exists(scriptLog) ? Files.readAllLines(scriptLog) : List.<String>of()) {
            int sp = l.indexOf(' ');
            runs.computeIfAbsent(l.substring(0, sp), k -> new ArrayList<>()).add(l.substring(sp + 1));
        }
        out.put("fifo scripts", runs.values().stream().map(r -> String.join(", ", r)).sorted().toList());
        info(name, "fifo scripts", String.join(" | ", out.get("fifo scripts")));
        List<String> notifies = new ArrayList<>();
        List<String> segment = new ArrayList<>();
        for (String l : Files.readAllLines(notifyLog)) {
            if (l.startsWith("MARK ")) {
                java.util.Collections.sort(segment);
                notifies.addAll(segment);
                segment.clear();
                notifies.add(l);
            } else {
                segment.add(l);
            }
        }
        java.util.Collections.sort(segment);
        notifies.addAll(segment);
        out.put("notify scripts", notifies);
        info(name, "notify scripts", String.join(" | ", notifies));
        return out;
    }

    /**
     * rs_init_notifies, real servers new to a check that is already down, and the stop lines, with lvs_notify_fifo
     * and a notify script on every real and virtual server; rs2's server is not running, so .12 is down. At start
     * :80 has rs1 and .12 (inhibit_on_failure), :84 (omega) the sorry host under an alpha check. A reload adds the
     * sorry host (non-alpha: a check of its own) to :80, .12 to :84 (its check is down for :80) and a new :85 with
     * rs1, .12 and the sorry host (alpha, the check :84 runs). keepalived 2.2.7 sends RS UP at init for the non-alpha
     * real servers it adds, none for alpha ones; each .12 it adds by the reload comes up and goes down on its own
     * retries. At SIGTERM every real server logs "Shutting down [(inhibited) ]service ... from VS ...", and the omega
     * :84 sends RS DOWN, VS DOWN, notify_down and quorum_down. Returns the lvs_notify_fifo lines and notify script
     * runs per MARK segment (sorted within it: checks of different real servers finish in either order) and the
     * stop lines in order; {@code steps} gets the listings.
     */
    private static Map<String, List<String>> initNotifies(String daemon, List<Step> steps) throws Exception {
        sh("ip netns exec " + DIR + " ipvsadm -C");
        startHttp(RS1, "rs1");
        stopHttp(RS2);
        String name = daemon + "/init-notifies";
        String tag = name.replace('/', '-');
        Path fifo = Path.of("/tmp/kj-init-fifo"); // 9p cannot hold a FIFO
        Path events = work.resolve(tag + ".fifo.events");
        Files.deleteIfExists(events);
        Files.createFile(events);
        sh("rm -f " + fifo + " " + fifo + ".stop && mkfifo -m 600 " + fifo);
        Process reader = new ProcessBuilder("bash", "-c", FIFO_READER, "reader", fifo.toString(), events.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path notifyScript = Path.of("/tmp/kj-init-notify.sh");
        Path notifyLog = work.resolve(tag + ".notifies.txt");
        Files.deleteIfExists(notifyLog);
        Files.createFile(notifyLog);
        Files.writeString(notifyScript, "#!/bin/sh\necho \"$*\" >> " + notifyLog + "\n");
        sh("chmod 755 " + notifyScript);
        String globals = "    enable_script_security\n    script_user root\n    rs_init_notifies\n"
                + "    lvs_notify_fifo " + fifo + "\n";
        String rs1 = "10.71.2.11", rs2 = "10.71.2.12", other = "10.71.2.250";
        Path conf = writeConf(tag + ".conf", globals,
                notified(80, false, notifyScript, rs1, "", rs2, "inhibit")
                + notified(84, true, notifyScript, other, "alpha"));
        Daemon d = Daemon.start(daemon, conf, name, "");
        List<String> stopLines = new ArrayList<>();
        try {
            long t0 = System.nanoTime();
            steps.add(step(name, "start", t0, l -> at(l, 80, rs1, 1) && at(l, 80, rs2, 0) && at(l, 84, other, 1)));
            awaitLog(d, "Activating healthchecker for service [10.71.2.250]:tcp:80", 1);
            Thread.sleep(1500);
            markBoth(events, notifyLog, "HUP");
            writeConf(tag + ".conf", globals, notified(80, false, notifyScript, rs1, "", rs2, "inhibit", other, "")
                    + notified(84, true, notifyScript, other, "alpha", rs2, "")
                    + notified(85, false, notifyScript, rs1, "", rs2, "", other, "alpha"));
            d.hup();
            awaitLog(d, "Reload complete", 1);
            t0 = System.nanoTime();
            steps.add(step(name, "after the reload, .12 down again", t0, l -> at(l, 80, other, 1)
                    && at(l, 84, other, 1) && at(l, 84, rs2, null) && at(l, 85, rs1, 1) && at(l, 85, rs2, null)
                    && at(l, 85, other, 1)));
            Thread.sleep(1500);
            markBoth(events, notifyLog, "TERM");
            sh("touch " + fifo + ".stop");
            d.term();
            for (String l : d.log().split("\n")) {
                int i = l.indexOf("Shutting down ");
                if (i >= 0) {
                    stopLines.add(l.substring(i).trim());
                }
            }
        } finally {
            d.kill();
            startHttp(RS2, "rs2");
            if (!reader.waitFor(5, TimeUnit.SECONDS)) {
                reader.destroyForcibly();
            }
        }
        Thread.sleep(500); // the last notify scripts
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("lvs_notify_fifo", segments(Files.readAllLines(events).stream().filter(l -> l.startsWith("LINE ")
                || l.startsWith("MARK ")).toList()));
        out.put("notify scripts", segments(Files.readAllLines(notifyLog)));
        out.put("stop lines", stopLines);
        for (Map.Entry<String, List<String>> e : out.entrySet()) {
            info(name, e.getKey(), String.join(" | ", e.getValue()));
        }
        return out;
    }

    private static void markBoth(Path events, Path notifyLog, String what) throws IOException {
        for (Path out : List.of(events, notifyLog)) {
            Files.writeString(out, "MARK " + what + "\n", java.nio.file.StandardOpenOption.APPEND);
        }
    }

    /** The lines between MARK lines sorted, the MARK lines kept in place. */
    private static List<String> segments(List<String> lines) {
        List<String> out = new ArrayList<>();
        List<String> segment = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("MARK ")) {
                java.util.Collections.sort(segment);
                out.addAll(segment);
                segment.clear();
                out.add(l);
            } else {
                segment.add(l);
            }
        }
        java.util.Collections.sort(segment);
        out.addAll(segment);
        return out;
    }

    /**
     * VIP:port with quorum 1 and its quorum scripts, {@code omega} or not, and real servers on port 80 given as
     * address, options pairs ("alpha", "inhibit" or ""), each with notify scripts recording "event address port".
     */
    static String notified(int port, boolean omega, Path notifyScript, String... rsOptions) {
        String n = "\"" + notifyScript + " ";
        StringBuilder b = new StringBuilder("virtual_server " + VIP + " " + port + " {\n    delay_loop 1\n"
                + "    lb_algo rr\n    lb_kind NAT\n    protocol TCP\n    quorum 1\n" + (omega ? "    omega\n" : "")
                + "    quorum_up " + n + "quorum_up " + port + "\"\n    quorum_down " + n + "quorum_down " + port
                + "\"\n");
        for (int i = 0; i < rsOptions.length; i += 2) {
            String rs = rsOptions[i];
            String opt = rsOptions[i + 1];
            b.append("    real_server ").append(rs).append(" 80 {\n        weight 1\n")
                    .append(opt.equals("inhibit") ? "        inhibit_on_failure\n" : "")
                    .append("        notify_up ").append(n).append("notify_up ").append(rs).append(' ').append(port)
                    .append("\"\n        notify_down ").append(n).append("notify_down ").append(rs).append(' ')
                    .append(port).append("\"\n")
                    .append(opt.equals("alpha") ? CHECK.replace("            connect_timeout",
                            "            alpha\n            connect_timeout") : CHECK)
                    .append("    }\n");
        }
        return b.append("}\n").toString();
    }

    /** {@code rs}:80 has this weight under VIP:{@code port} in a listing (null: it is not there). */
    static boolean at(String listing, int port, String rs, Integer weight) {
        return java.util.Objects.equals(weight(listing, port, rs), weight);
    }

    /** The weight of {@code rs}:80 under VIP:{@code port} in a listing, null when it is not there. */
    static Integer weight(String listing, int port, String rs) {
        boolean in = false;
        for (String l : listing.split("\n")) {
            if (l.startsWith("TCP ")) {
                in = l.contains(" " + VIP + ":" + port + " ");
            } else if (in && l.trim().startsWith("-> " + rs + ":80 ")) {
                return Integer.valueOf(l.trim().split("\\s+")[3]);
            }
        }
        return null;
    }

    private static void mark(Map<String, Path> events, Path notifyLog, String what) throws IOException {
        for (Path out : List.of(events.get("notify_fifo"), events.get("lvs_notify_fifo"), notifyLog)) {
            Files.writeString(out, "MARK " + what + "\n", java.nio.file.StandardOpenOption.APPEND);
        }
    }

    /**
     * A virtual server a reload adds: VIP:port with one real server on port 80, quorum 1, every notify script
     * (the notify script records "event port"); with {@code alpha} its check starts down.
     */
    static String reloadedServer(int port, String rs, boolean alpha, Path notifyScript) {
        String n = "\"" + notifyScript + " ";
        return "virtual_server " + VIP + " " + port + " {\n    delay_loop 1\n    lb_algo rr\n    lb_kind NAT\n"
                + "    protocol TCP\n    quorum 1\n    quorum_up " + n + "quorum_up " + port + "\"\n    quorum_down " + n
                + "quorum_down " + port + "\"\n    real_server " + rs + " 80 {\n        weight 1\n        notify_up " + n
                + "notify_up " + port + "\"\n        notify_down " + n + "notify_down " + port + "\"\n"
                + (alpha ? CHECK.replace("            connect_timeout", "            alpha\n            connect_timeout")
                : CHECK) + "    }\n}\n";
    }

    private static void awaitLog(Daemon d, String text, int count) throws InterruptedException {
        long until = System.currentTimeMillis() + 30000;
        while (System.currentTimeMillis() < until) {
            if (d.log().split(java.util.regex.Pattern.quote(text), -1).length - 1 >= count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(d.kind + " did not log '" + text + "' within 30 s:\n" + d.log());
    }

    /**
     * Reload that removes a real server (rs2 from :80), adds one (the .250 host to :80), removes a virtual server
     * (:8080) and adds one (:8081), while rs1 on :80 stays: it must get no request. Started with lvs_flush (a
     * foreign service goes) and stopped with -I (everything stays).
     */
    private static List<Step> reloadStructure(String daemon) throws Exception {
        sh("ip netns exec " + DIR + " ipvsadm -C && ip netns exec " + DIR + " ipvsadm -A -t " + VIP + ":9999 -s rr");
        startHttp(RS1, "rs1");
        startHttp(RS2, "rs2");
        String name = daemon + "/reload-structure";
        Path conf = writeConf("structure-" + daemon + ".conf", "    lvs_flush\n",
                server(80, "rs1", 1, "rs2", 1) + server(8080, "rs1", 1) + REFUSED);
        List<Step> steps = new ArrayList<>();
        Daemon d = Daemon.start(daemon, conf, name, "-I");
        try {
            long t0 = System.nanoTime();
            steps.add(step(name, "start", t0, l -> !l.contains(":9999") && l.contains(VIP + ":8080")
                    && has(l, "10.71.2.11:80", 1) && has(l, "10.71.2.12:80", 1)));
            int opsBefore = d.opLines().size();
            String refusals = String.join(" | ", ipvsErrors(d.log()));
            info(name, "kernel refusals logged", refusals);
            if (!refusals.contains("IPVS cmd ") || !refusals.contains("8090")) {
                throw new AssertionError("no IPVS error logged for the service the kernel refuses: " + refusals);
            }
            writeConf(conf.getFileName().toString(), "    lvs_flush\n",
                    server(80, "rs1", 1, "sorry", 2) + server(8081, "rs2", 1) + REFUSED);
            t0 = System.nanoTime();
            d.hup();
            steps.add(step(name, "after reload", t0, l -> !l.contains(VIP + ":8080") && l.contains(VIP + ":8081")
                    && has(l, "10.71.2.250:80", 2) && l.lines().filter(x -> x.contains("10.71.2.12:80")).count() == 1));
            if (daemon.equals("keepalived-j")) {
                long until = System.currentTimeMillis() + 20000;
                while (!d.log().contains("Reload complete") && System.currentTimeMillis() < until) {
                    Thread.sleep(100);
                }
                Thread.sleep(1500);
                List<String> ops = d.opLines().subList(opsBefore, d.opLines().size());
                info(name, "ops sent by the reload", String.join(" | ", ops));
                List<String> want = List.of("DEL_SERVICE TCP 10.71.1.1:8080 DONE",
                        "DEL_DEST TCP 10.71.1.1:80 -> 10.71.2.12:80 DONE",
                        "NEW_DEST TCP 10.71.1.1:80 -> 10.71.2.250:80 weight 2 DONE",
                        "NEW_SERVICE TCP 10.71.1.1:8081 DONE",
                        "NEW_DEST TCP 10.71.1.1:8081 -> 10.71.2.12:80 weight 1 DONE");
                if (!ops.equals(want)) {
                    throw new AssertionError("the reload sent " + ops + ", expected " + want);
                }
            }
            t0 = System.nanoTime();
            d.term();
            steps.add(new Step("stopped with -I", listing(), (System.nanoTime() - t0) / 1_000_000));
            info(name, "stopped with -I", steps.get(steps.size() - 1));
            if (!steps.get(steps.size() - 1).listing().equals(steps.get(1).listing())) {
                throw new AssertionError("-I: IPVS changed at stop:\n" + steps.get(steps.size() - 1).listing());
            }
            if (daemon.equals("keepalived-j")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("IPVS requests sent \\d+, refused (\\d+)").matcher(d.log());
                if (!m.find() || Long.parseLong(m.group(1)) < 1) {
                    throw new AssertionError("the refused requests were not counted:\n" + d.log());
                }
                info(name, "counted", m.group());
            }
            structureErrors.put(daemon, ipvsErrors(d.log()));
        } finally {
            d.kill();
            stopHttp(RS1);
            stopHttp(RS2);
        }
        return steps;
    }

    /**
     * A destination the kernel refuses: lthreshold above uthreshold, which keepalived 2.2.7's parser lets through
     * and ip_vs_add_dest answers with ERANGE; both daemons must log it in keepalived's words and go on.
     */
    static final String REFUSED = "virtual_server " + VIP + " 8090 {\n    delay_loop 1\n    lb_algo rr\n"
            + "    lb_kind NAT\n    protocol TCP\n"
            + "    real_server 10.71.2.11 80 {\n        weight 1\n        uthreshold 5\n        lthreshold 10\n"
            + LvsVmMain.CHECK + "    }\n}\n";
    static final Map<String, List<String>> structureErrors = new LinkedHashMap<>();

    /** The distinct "IPVS cmd ..." lines of a log, from that text on. */
    static List<String> ipvsErrors(String log) {
        List<String> out = new ArrayList<>();
        for (String l : log.split("\n")) {
            int i = l.indexOf("IPVS cmd ");
            if (i >= 0 && !out.contains(l.substring(i).trim())) {
                out.add(l.substring(i).trim());
            }
        }
        return out;
    }

    private static Step step(String run, String name, long t0, Predicate<String> reached) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String l;
        while (true) {
            l = listing();
            if (reached.test(l)) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("step '" + name + "' not reached in 60 s; listing:\n" + l);
            }
            Thread.sleep(50);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Thread.sleep(300); // settled: read again so both daemons are compared at rest
        String again = listing();
        if (!reached.test(again)) {
            throw new AssertionError("step '" + name + "' did not hold:\n" + l + "\nthen\n" + again);
        }
        Step s = new Step(name, again, ms);
        info(run, name, s);
        return s;
    }

    static void info(String run, String what, Object o) {
        String text = o instanceof Step s ? s.ms() + " ms\\n" + s.listing().replace("\n", "\\n") : o.toString();
        OUT.println("VMINFO\t" + run + "\t" + what + "\t" + text);
        OUT.flush();
    }

    /** The destination line of {@code dest} has this weight. */
    private static boolean has(String listing, String dest, int weight) {
        return listing.lines().anyMatch(l -> l.trim().matches("-> " + java.util.regex.Pattern.quote(dest)
                + "\\s+\\S+\\s+" + weight + "\\s+.*"));
    }

    /** ipvsadm -Ln in the director with ActiveConn/InActConn blanked. */
    static String listing() {
        String raw = sh("ip netns exec " + DIR + " ipvsadm -Ln");
        StringBuilder b = new StringBuilder();
        for (String l : raw.split("\n")) {
            if (l.startsWith("  -> ") && !l.contains("RemoteAddress")) {
                String[] f = l.trim().split("\\s+");
                if (f.length >= 6) {
                    l = "  -> " + f[1] + " " + f[2] + " " + f[3] + " - -";
                }
            }
            b.append(l).append('\n');
        }
        return b.toString();
    }

    private static void assertTraffic(Map<String, Integer> want, int n) {
        Map<String, Integer> got = new java.util.TreeMap<>();
        for (int i = 0; i < n; i++) {
            Sh.Result r = Sh.exec(List.of("bash", "-c", "ip netns exec " + CL + " curl -s -m 3 http://" + VIP + "/"));
            got.merge(r.rc() == 0 ? r.out() : "curl rc " + r.rc(), 1, Integer::sum);
        }
        if (!got.equals(new java.util.TreeMap<>(want))) {
            throw new AssertionError("client traffic " + got + ", expected " + want + "; listing:\n" + listing());
        }
    }

    // ---- configuration -----------------------------------------------------------------------------------------

    static final String CHECK = "        HTTP_GET {\n            url {\n                path /\n"
            + "                status_code 200\n            }\n            connect_timeout 1\n            retry 1\n"
            + "            delay_before_retry 1\n        }\n";

    /** The seeds' LVS-NAT virtual server with short timers: rs1, rs2, sorry server. */
    static String natServer(boolean inhibit, int rs2Weight) {
        return "virtual_server " + VIP + " 80 {\n    delay_loop 1\n    lb_algo rr\n    lb_kind NAT\n"
                + "    protocol TCP\n    quorum 1\n    sorry_server 10.71.2.250 80\n\n"
                + "    real_server 10.71.2.11 80 {\n        weight 1\n" + (inhibit ? "        inhibit_on_failure\n" : "")
                + CHECK + "    }\n\n"
                + "    real_server 10.71.2.12 80 {\n        weight " + rs2Weight + "\n" + CHECK + "    }\n}\n";
    }

    /** A NAT virtual server on VIP:port with real servers given as host name, weight pairs. */
    static String server(int port, Object... rsWeights) {
        StringBuilder b = new StringBuilder("virtual_server " + VIP + " " + port + " {\n    delay_loop 1\n"
                + "    lb_algo rr\n    lb_kind NAT\n    protocol TCP\n");
        for (int i = 0; i < rsWeights.length; i += 2) {
            String host = (String) rsWeights[i];
            String addr = host.equals("rs1") ? "10.71.2.11" : host.equals("rs2") ? "10.71.2.12" : "10.71.2.250";
            b.append("    real_server ").append(addr).append(" 80 {\n        weight ").append(rsWeights[i + 1])
                    .append("\n").append(CHECK).append("    }\n");
        }
        return b.append("}\n").toString();
    }

    static Path writeConf(String file, String globals, String servers) throws IOException {
        String conf = "global_defs {\n    router_id kj-lvs-vm\n    notification_email {\n        ops@example.com\n"
                + "    }\n    notification_email_from kj@example.com\n    smtp_server " + MAIL_IP + " " + MAIL_PORT
                + "\n    smtp_connect_timeout 5\n" + globals + "}\n\n" + servers;
        Path p = work.resolve(file);
        Files.writeString(p, conf);
        return p;
    }

    // ---- mail --------------------------------------------------------------------------------------------------

    static final String MAIL_IP = "10.71.9.1";
    static final int MAIL_PORT = 2525;
    private static com.icegreen.greenmail.util.GreenMail mail;

    /** The subjects received since the last call, in order, once a second passed without a new one. */
    private static List<String> mails(String run) throws Exception {
        awaitMailQuiet();
        List<String> out = new ArrayList<>();
        for (jakarta.mail.internet.MimeMessage m : mail.getReceivedMessages()) {
            out.add(m.getSubject());
        }
        mail.purgeEmailFromAllMailboxes();
        info(run, "SMTP alerts", String.join(" | ", out));
        return out;
    }

    private static final Map<String, Process> FIFO_READERS = new LinkedHashMap<>();

    /** The lines the daemon of this run wrote to lvs_notify_fifo (its reader is stopped here). */
    private static List<String> fifoLines(String run) throws Exception {
        Process reader = FIFO_READERS.remove(run);
        if (reader != null) {
            if (!reader.waitFor(3, TimeUnit.SECONDS)) { // EOF when the daemon closed the FIFO
                reader.destroy();
                reader.waitFor(5, TimeUnit.SECONDS);
            }
        }
        Path out = work.resolve(run.replace('/', '-') + ".fifo.txt");
        List<String> lines = Files.exists(out) ? Files.readAllLines(out) : List.of();
        info(run, "lvs_notify_fifo", String.join(" | ", lines));
        return lines;
    }

    /** Waits until no alert arrived for 1.5 s (at most 15 s). */
    private static void awaitMailQuiet() throws Exception {
        int n = -1;
        long until = System.currentTimeMillis() + 15000;
        while (System.currentTimeMillis() < until) {
            int now = mail.getReceivedMessages().length;
            if (now == n) {
                break;
            }
            n = now;
            Thread.sleep(1500);
        }
    }

    // ---- daemons -----------------------------------------------------------------------------------------------

    /** keepalived-j or keepalived 2.2.7, checker side only ({@code -C}), in the director namespace. */
    static final class Daemon {
        final Process p;
        final Path out;
        final String kind;

        private Daemon(Process p, Path out, String kind) {
            this.p = p;
            this.out = out;
            this.kind = kind;
        }

        static Daemon start(String kind, Path conf, String name, String flags) throws IOException {
            String tag = name.replace('/', '-');
            Path out = work.resolve(tag + ".log");
            // both daemons get keepalived's own command line: checker side only, foreground, log to the console
            String cmd = (kind.equals("keepalived-j") ? launcher : "keepalived") + " -n -l -D -C " + flags + " -f "
                    + conf + " -p " + work.resolve(tag + ".pid") + " -r " + work.resolve(tag + "-vrrp.pid") + " -c "
                    + work.resolve(tag + "-checker.pid");
            Process p = new ProcessBuilder("bash", "-c", "exec ip netns exec " + DIR + " " + cmd)
                    .redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            return new Daemon(p, out, kind);
        }

        String log() {
            try {
                return Files.readString(out, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        List<String> opLines() {
            List<String> ops = new ArrayList<>();
            for (String l : log().split("\n")) {
                int i = l.indexOf("IPVS op: ");
                if (i >= 0) {
                    ops.add(l.substring(i + "IPVS op: ".length()));
                }
            }
            return ops;
        }

        void hup() {
            sh("kill -HUP " + p.pid());
        }

        void term() throws InterruptedException {
            if (p.isAlive()) {
                sh("kill -TERM " + p.pid());
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    throw new AssertionError(kind + " did not stop in 30 s");
                }
            }
        }

        void kill() {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sh("ip netns exec " + DIR + " ipvsadm -C");
        }
    }

    // ---- network -----------------------------------------------------------------------------------------------

    private static void setUp() {
        for (String n : List.of(CL, DIR, BR, RS1, RS2, SORRY)) {
            sh("ip netns add " + n + " && ip -n " + n + " link set lo up");
        }
        sh("ip -n " + BR + " link add br0 type bridge && ip -n " + BR + " link set br0 up");
        veth(CL, "eth0", DIR, "ext0");
        veth(DIR, "int0", BR, "p-dir");
        veth(RS1, "eth0", BR, "p-rs1");
        veth(RS2, "eth0", BR, "p-rs2");
        veth(SORRY, "eth0", BR, "p-sorry");
        for (String p : List.of("p-dir", "p-rs1", "p-rs2", "p-sorry")) {
            sh("ip -n " + BR + " link set " + p + " master br0");
        }
        sh("ip -n " + CL + " addr add 10.71.1.2/24 dev eth0");
        sh("ip -n " + DIR + " addr add " + VIP + "/24 dev ext0 && ip -n " + DIR + " addr add 10.71.2.1/24 dev int0");
        sh("ip netns exec " + DIR + " sysctl -qw net.ipv4.ip_forward=1");
        int i = 0;
        for (String[] rs : new String[][] {{RS1, "10.71.2.11"}, {RS2, "10.71.2.12"}, {SORRY, "10.71.2.250"}}) {
            sh("ip -n " + rs[0] + " addr add " + rs[1] + "/24 dev eth0 && ip -n " + rs[0]
                    + " route add default via 10.71.2.1");
            i++;
        }
        startHttp(SORRY, "sorry");
        // the mail server runs in this JVM, in the root namespace, reached from the director over its own veth
        sh("ip link add kj-lvs-mail type veth peer name mail0 netns " + DIR);
        sh("ip addr add " + MAIL_IP + "/24 dev kj-lvs-mail && ip link set kj-lvs-mail up");
        sh("ip -n " + DIR + " addr add 10.71.9.2/24 dev mail0 && ip -n " + DIR + " link set mail0 up");
        mail = new com.icegreen.greenmail.util.GreenMail(new com.icegreen.greenmail.util.ServerSetup(MAIL_PORT,
                MAIL_IP, com.icegreen.greenmail.util.ServerSetup.PROTOCOL_SMTP));
        mail.start();
    }

    private static void veth(String a, String ia, String b, String ib) {
        sh("ip link add " + ia + " netns " + a + " type veth peer name " + ib + " netns " + b);
        sh("ip -n " + a + " link set " + ia + " up && ip -n " + b + " link set " + ib + " up");
    }

    private static void startHttp(String ns, String body) {
        if (SERVERS.containsKey(ns)) {
            return;
        }
        String dir = work.resolve("www-" + ns).toString();
        sh("mkdir -p " + dir + " && printf '%s' " + body + " > " + dir + "/index.html");
        SERVERS.put(ns, Sh.spawn("ip netns exec " + ns + " busybox httpd -f -p 80 -h " + dir));
        String addr = ns.equals(RS1) ? "10.71.2.11" : ns.equals(RS2) ? "10.71.2.12" : "10.71.2.250";
        sh("for i in $(seq 1 100); do ip netns exec " + DIR + " curl -s -m 1 -o /dev/null http://" + addr
                + "/ && exit 0; sleep 0.1; done; exit 1");
    }

    private static void stopHttp(String ns) {
        Process p = SERVERS.remove(ns);
        if (p != null) {
            p.destroy();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void tearDown() {
        if (mail != null) {
            mail.stop();
        }
        Sh.exec(List.of("bash", "-c", "ip link del kj-lvs-mail"));
        for (String ns : new ArrayList<>(SERVERS.keySet())) {
            stopHttp(ns);
        }
        for (String n : List.of(CL, DIR, BR, RS1, RS2, SORRY)) {
            Sh.exec(List.of("bash", "-c", "ip netns del " + n));
        }
    }

    static String sh(String script) {
        Sh.Result r = Sh.exec(List.of("bash", "-c", script));
        if (r.rc() != 0) {
            throw new AssertionError("exited " + r.rc() + ": " + script + "\n" + r.out() + r.err());
        }
        return r.out();
    }
}
