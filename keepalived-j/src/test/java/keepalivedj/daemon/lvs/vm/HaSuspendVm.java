package keepalivedj.daemon.lvs.vm;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import keepalivedj.ipvs.vm.Sh;

/**
 * ha_suspend fed by VRRP, inside the VM (the checker side needs IPVS): two nodes n1 (priority 150) and n2
 * (priority 100) on one bridge run VRRP and the checker side together; their virtual server is the VIP with
 * ha_suspend and one TCP_CHECK real server, a real listener in this JVM that counts connections by source. n2
 * starts alone and becomes master, then n1 (keepalived-j) preempts it and stops; the checks must follow the VIP:
 * only the node holding it connects. The same is run with keepalived 2.2.7 as n2, and n2's
 * "Activating/Deactivating/Suspending healthchecker" lines must be the same for both. Everything has a kj-ha-
 * name and is removed at the end.
 */
final class HaSuspendVm {
    static final String N1 = "kj-ha-n1", N2 = "kj-ha-n2", BR = "kj-ha-br";
    static final String VIP = "10.72.0.50", RS = "10.72.0.100";
    static final int PORT = 8080;
    /** After the VIP moved: an attempt already under way may still connect, then one delay_loop passes. */
    static final long SETTLE_MS = 3000;
    static final long WINDOW_MS = 5000;

    private final Path work;
    private final String launcher;
    private final Map<String, AtomicInteger> bySource = new ConcurrentHashMap<>();
    private ServerSocket listener;
    private Thread acceptor;

    HaSuspendVm(Path work, String launcher) {
        this.work = work;
        this.launcher = launcher;
    }

    void setUp() throws IOException {
        for (String n : List.of(N1, N2, BR)) {
            LvsVmMain.sh("ip netns add " + n + " && ip -n " + n + " link set lo up");
        }
        LvsVmMain.sh("ip -n " + BR + " link add br0 type bridge && ip -n " + BR + " link set br0 up");
        int i = 1;
        for (String n : List.of(N1, N2)) {
            LvsVmMain.sh("ip link add eth0 netns " + n + " type veth peer name p-n" + i + " netns " + BR
                    + " && ip -n " + n + " link set eth0 up && ip -n " + BR + " link set p-n" + i + " up master br0"
                    + " && ip -n " + n + " addr add 10.72.0." + i + "/24 dev eth0");
            i++;
        }
        // the real server is this JVM, in the VM's own namespace, on a veth into the bridge
        LvsVmMain.sh("ip link add kj-ha-rs type veth peer name p-rs netns " + BR + " && ip link set kj-ha-rs up"
                + " && ip -n " + BR + " link set p-rs up master br0 && ip addr add " + RS + "/24 dev kj-ha-rs");
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getByName(RS), PORT), 128);
        acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    bySource.computeIfAbsent(s.getInetAddress().getHostAddress(), k -> new AtomicInteger())
                            .incrementAndGet();
                } catch (IOException e) {
                    // closed at tear-down
                }
            }
        }, "ha-suspend-rs");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    void tearDown() {
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException ignored) {
            // nothing more to do
        }
        Sh.exec(List.of("bash", "-c", "ip link del kj-ha-rs"));
        for (String n : List.of(N1, N2, BR)) {
            Sh.exec(List.of("bash", "-c", "ip netns del " + n));
        }
    }

    /**
     * The scenario with {@code n2Kind} (keepalived-j or keepalived) as n2; n1 is keepalived-j. Returns n2's
     * healthchecker activity lines.
     */
    List<String> run(String n2Kind) throws Exception {
        Node n2 = Node.start(this, n2Kind, N2, 100, n2Kind + "-n2");
        Node n1 = null;
        String n2Log = "";
        try {
            awaitVip(N2);
            Thread.sleep(SETTLE_MS);
            expect("n2 master alone (" + n2Kind + ")", false, true);

            n1 = Node.start(this, "keepalived-j", N1, 150, n2Kind + "-n1");
            awaitVip(N1);
            awaitNoVip(N2);
            Thread.sleep(SETTLE_MS);
            expect("n1 preempted, n2 backup (" + n2Kind + ")", true, false);

            n1.term();
            awaitVip(N2);
            Thread.sleep(SETTLE_MS);
            expect("n1 stopped, n2 master again (" + n2Kind + ")", false, true);
            // what n2 logged until here: at its own stop the VIP goes too, and whether keepalived's checker child
            // still sees that before it exits is a race between its two processes
            n2Log = n2.log();
            n2.term();
        } finally {
            if (n1 != null) {
                n1.kill();
            }
            n2.kill();
        }
        List<String> lines = new ArrayList<>();
        for (String l : n2Log.split("\n")) {
            if (l.matches(".*(Activating|Deactivating|Suspending) healthchecker .*")) {
                lines.add(l.substring(l.indexOf(": ") + 2));
            }
        }
        return lines;
    }

    /** Counts connections over one window: the node holding the VIP connects, the other does not. */
    private void expect(String step, boolean n1Checks, boolean n2Checks) throws InterruptedException {
        bySource.clear();
        Thread.sleep(WINDOW_MS);
        int c1 = count("10.72.0.1"), c2 = count("10.72.0.2");
        LvsVmMain.info("ha_suspend", step, "connections in " + WINDOW_MS + " ms: n1=" + c1 + " n2=" + c2 + " "
                + bySource);
        if ((c1 > 0) != n1Checks || (c2 > 0) != n2Checks) {
            throw new AssertionError(step + ": connections n1=" + c1 + " n2=" + c2 + ", expected n1 "
                    + (n1Checks ? "checking" : "silent") + " and n2 " + (n2Checks ? "checking" : "silent"));
        }
    }

    private int count(String source) {
        AtomicInteger n = bySource.get(source);
        return n == null ? 0 : n.get();
    }

    private static boolean holdsVip(String ns) {
        return LvsVmMain.sh("ip -n " + ns + " -o addr show dev eth0").contains(" " + VIP + "/32");
    }

    private static void awaitVip(String ns) throws InterruptedException {
        await(ns + " holds " + VIP, () -> holdsVip(ns));
    }

    private static void awaitNoVip(String ns) throws InterruptedException {
        await(ns + " released " + VIP, () -> !holdsVip(ns));
    }

    private static void await(String what, java.util.function.BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(100);
        }
    }

    String conf(String routerId, int priority) {
        return "global_defs {\n    router_id " + routerId + "\n}\n\n"
                + "vrrp_instance VI_HA {\n    state BACKUP\n    interface eth0\n    virtual_router_id 72\n"
                + "    priority " + priority + "\n    advert_int 1\n    virtual_ipaddress {\n        " + VIP
                + "/32\n    }\n}\n\n"
                + "virtual_server " + VIP + " " + PORT + " {\n    delay_loop 1\n    lb_algo rr\n    lb_kind NAT\n"
                + "    protocol TCP\n    ha_suspend\n    real_server " + RS + " " + PORT + " {\n        TCP_CHECK {\n"
                + "            connect_timeout 1\n        }\n    }\n}\n";
    }

    /** One daemon, VRRP and checker side together, in its namespace. */
    static final class Node {
        final Process p;
        final Path out;

        private Node(Process p, Path out) {
            this.p = p;
            this.out = out;
        }

        static Node start(HaSuspendVm t, String kind, String ns, int priority, String tag) throws IOException {
            Path conf = t.work.resolve("ha-" + tag + ".conf");
            Files.writeString(conf, t.conf(tag, priority));
            Path out = t.work.resolve("ha-" + tag + ".log");
            String cmd = (kind.equals("keepalived-j") ? t.launcher : "keepalived") + " -n -l -D -f " + conf + " -p "
                    + t.work.resolve("ha-" + tag + ".pid") + " -r " + t.work.resolve("ha-" + tag + "-vrrp.pid")
                    + " -c " + t.work.resolve("ha-" + tag + "-checker.pid");
            Process p = new ProcessBuilder("bash", "-c", "exec ip netns exec " + ns + " " + cmd)
                    .redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            return new Node(p, out);
        }

        String log() {
            try {
                return Files.readString(out, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        void term() throws InterruptedException {
            if (p.isAlive()) {
                LvsVmMain.sh("kill -TERM " + p.pid());
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("did not stop in 30 s:\n" + log());
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
        }
    }
}
