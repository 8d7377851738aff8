package keepalivedj.daemon.it.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import keepalivedj.daemon.it.Netns;

/**
 * The namespace lab of keepalived-baseline.md, owned by one test:
 *
 * <pre>
 *  switch ns: br0 (bridge, stp off, forward_delay 0, mcast_snooping 0)
 *    ├─ p-h1 ── veth ── eth0 @ h1 ns  10.99.0.1/24   fd99::1/64
 *    ├─ p-h2 ── veth ── eth0 @ h2 ns  10.99.0.2/24   fd99::2/64
 *    └─ p-c  ── veth ── eth0 @ c ns   10.99.0.200/24 fd99::200/64   (client)
 * </pre>
 *
 * Every namespace is named prefix + pid + counter ({@link Netns}); the veths are made from inside the switch
 * namespace, so nothing is ever created in, routed through or sent to the root namespace. {@link #close()} kills
 * every process the lab started (and anything else still running in its namespaces) and deletes the namespaces,
 * also after a failure half-way through setup.
 */
public final class VrrpLab implements AutoCloseable {
    public static final String SUBNET = "10.99.0.";
    private static final AtomicInteger LABS = new AtomicInteger();

    private final Path dir;
    private final List<Netns> namespaces = new ArrayList<>();
    private final List<Daemon> daemons = new ArrayList<>();
    private final List<AutoCloseable> helpers = new ArrayList<>();
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private Netns sw;

    private VrrpLab(Path dir) {
        this.dir = dir;
    }

    /** A lab with directors h1..hN (10.99.0.1..N) and a client c (10.99.0.200). */
    public static VrrpLab create(int directors) throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"),
                "vrrp-lab-" + ProcessHandle.current().pid() + "-" + LABS.incrementAndGet());
        deleteTree(dir);
        Files.createDirectories(dir);
        VrrpLab lab = new VrrpLab(dir);
        try {
            lab.sw = lab.namespace("klsw");
            lab.sw.ip("link", "add", "br0", "type", "bridge", "stp_state", "0", "forward_delay", "0",
                    "mcast_snooping", "0");
            lab.sw.ip("link", "set", "br0", "up");
            for (int i = 1; i <= directors; i++) {
                lab.addHost("h" + i, i);
            }
            lab.addHost("c", 200);
        } catch (IOException | InterruptedException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private Netns namespace(String prefix) throws IOException, InterruptedException {
        Netns ns = Netns.create(prefix);
        namespaces.add(ns);
        return ns;
    }

    private void addHost(String name, int n) throws IOException, InterruptedException {
        Netns ns = namespace("kl" + name);
        String port = "p-" + name;
        sw.ip("link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns.name());
        sw.ip("link", "set", port, "master", "br0");
        sw.ip("link", "set", port, "up");
        ns.ip("addr", "add", SUBNET + n + "/24", "dev", "eth0");
        ns.ip("addr", "add", "fd99::" + n + "/64", "dev", "eth0", "nodad");
        ns.ip("link", "set", "eth0", "up");
        String mac = Sh.run(List.of("ip", "netns", "exec", ns.name(), "cat", "/sys/class/net/eth0/address"))
                .stdout().trim();
        Path hdir = dir.resolve(name);
        Files.createDirectories(hdir);
        hosts.put(name, new Host(this, name, ns, port, SUBNET + n, "fd99::" + n, mac, hdir));
    }

    public Host host(String name) {
        Host h = hosts.get(name);
        if (h == null) {
            throw new IllegalArgumentException("no host " + name + " in " + hosts.keySet());
        }
        return h;
    }

    public Host client() {
        return host("c");
    }

    /** h1..hN, without the client. */
    public List<Host> directors() {
        return hosts.values().stream().filter(h -> !h.name().equals("c")).toList();
    }

    public Netns switchNs() {
        return sw;
    }

    public Path dir() {
        return dir;
    }

    void own(Daemon d) {
        daemons.add(d);
    }

    /** Starts a capture of VRRP and ARP on br0 (file in the lab directory). */
    public Capture capture(String name) throws IOException, InterruptedException {
        Capture c = Capture.start(sw.name(), "br0", dir.resolve(name + ".pcap"), "vrrp or arp");
        helpers.add(c);
        return c;
    }

    public AddressMonitor monitor(Host h) throws IOException, InterruptedException {
        AddressMonitor m = AddressMonitor.start(h.ns().name(), dir.resolve(h.name() + "-addr.txt"));
        helpers.add(m);
        return m;
    }

    /** The directors that hold vip on eth0 now. */
    public List<Host> holders(String vip) throws IOException, InterruptedException {
        List<Host> out = new ArrayList<>();
        for (Host h : directors()) {
            if (h.holds(vip)) {
                out.add(h);
            }
        }
        return out;
    }

    /** The names of the directors that hold vip on eth0 now, in host order. */
    public List<String> holderNames(String vip) throws IOException, InterruptedException {
        return holders(vip).stream().map(Host::name).toList();
    }

    /**
     * Waits until exactly the given hosts hold vip (one host for "exactly one VIP holder") and that stays so for
     * {@code stable}; fails with the holders, the daemons' states and their logs. Fails at once when a daemon that
     * nobody stopped has exited (a not-yet-working keepalived-j fails here with its own log).
     */
    public void awaitHolders(String vip, Set<Host> expected, Duration timeout, Duration stable)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long since = -1;
        List<Host> now = List.of();
        while (System.nanoTime() < deadline) {
            daemons.forEach(Daemon::assertRunning);
            now = holders(vip);
            if (Set.copyOf(now).equals(expected)) {
                if (since < 0) {
                    since = System.nanoTime();
                }
                if (System.nanoTime() - since >= stable.toNanos()) {
                    return;
                }
            } else {
                since = -1;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("after " + timeout.toMillis() + " ms " + vip + " is held by " + now + ", expected "
                + expected.stream().map(Host::name).sorted().toList() + "\n" + describeDaemons());
    }

    /** Exactly one holder, the given one. */
    public void awaitSoleHolder(String vip, Host expected, Duration timeout) throws IOException, InterruptedException {
        awaitHolders(vip, Set.of(expected), timeout, Duration.ofMillis(200));
    }

    /** The state of every daemon and the tail of its log (for assertion messages). */
    public String describeDaemons() {
        StringBuilder s = new StringBuilder();
        for (Host h : directors()) {
            if (h.hasDaemon()) {
                Daemon d = h.daemon();
                s.append("--- ").append(h.name()).append(": ").append(d).append(' ').append(d.status())
                        .append(", log ").append(d.log()).append(":\n").append(d.logTail(12)).append('\n');
            }
        }
        return s.toString();
    }

    /**
     * Sends raw Ethernet frames out of the host's eth0, gapMillis apart (see the other {@code inject}). Returns the
     * instant just before the child was started.
     */
    public long inject(Host from, List<byte[]> frames, long gapMillis) throws IOException, InterruptedException {
        return inject(from.ns(), "eth0", frames, gapMillis);
    }

    /**
     * Sends raw Ethernet frames out of {@code ifName} in {@code ns}, one of this lab's namespaces (a bridge port in
     * the switch namespace reaches its host without the bridge judging the frames), gapMillis apart, through a
     * child JVM running {@link FrameInjector} there: a namespace belongs to a thread, so this JVM cannot open a
     * packet socket in another one. Returns the instant just before the child was started.
     */
    public long inject(Netns ns, String ifName, List<byte[]> frames, long gapMillis)
            throws IOException, InterruptedException {
        if (!namespaces.contains(ns)) {
            throw new IllegalArgumentException(ns.name() + " is not one of this lab's namespaces");
        }
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(),
                ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                "-Dorg.pcap4j.core.pcapLibName=libpcap.so.0.8", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", FrameInjector.class.getName(), ifName,
                Long.toString(gapMillis)));
        frames.forEach(f -> cmd.add(HexFormat.of().formatHex(f)));
        long t = Sh.nowMicros();
        Netns.Result r = Netns.Result.of(cmd, 60);
        if (r.exitCode() != 0) {
            throw new IOException("frame injection on " + ifName + " in " + ns.name() + " failed (" + r.exitCode()
                    + "): " + r.stdout() + r.stderr());
        }
        return t;
    }

    @Override
    public void close() {
        for (int i = helpers.size() - 1; i >= 0; i--) {
            try {
                helpers.get(i).close();
            } catch (Exception e) {
                System.err.println("lab teardown: " + e);
            }
        }
        for (Daemon d : daemons) {
            d.close();
        }
        // Anything else still running inside the lab's namespaces was started by the lab too.
        for (Netns ns : namespaces) {
            Netns.Result r = Sh.tryRun(List.of("ip", "netns", "pids", ns.name()));
            for (String pid : r.stdout().split("\\s+")) {
                if (pid.matches("\\d+")) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            namespaces.get(i).close();
        }
        namespaces.clear();
        if (!Boolean.getBoolean("vrrplab.keep")) {
            deleteTree(dir);
        } else {
            System.err.println("lab files kept in " + dir);
        }
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(x);
            }
        } catch (IOException e) {
            System.err.println("cannot delete " + p + ": " + e);
        }
    }

    /** Sleeps; here so that scenarios read as a story. */
    public static void pause(Duration d) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(d.toNanos());
    }
}
