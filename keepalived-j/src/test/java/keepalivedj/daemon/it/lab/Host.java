package keepalivedj.daemon.it.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import keepalivedj.daemon.it.Netns;

/**
 * One host of the lab: its own namespace with eth0 (IPv4 + IPv6) on a port of the lab's bridge. Starts and
 * stops daemons, breaks and heals its link, reads its addresses.
 */
public final class Host {
    private final VrrpLab lab;
    private final String name;
    private final Netns ns;
    private final String port;
    private final String ip4;
    private final String ip6;
    private final String mac;
    private final Path dir;
    private Daemon daemon;

    Host(VrrpLab lab, String name, Netns ns, String port, String ip4, String ip6, String mac, Path dir) {
        this.lab = lab;
        this.name = name;
        this.ns = ns;
        this.port = port;
        this.ip4 = ip4;
        this.ip6 = ip6;
        this.mac = mac;
        this.dir = dir;
    }

    public String name() {
        return name;
    }

    public Netns ns() {
        return ns;
    }

    public String ip4() {
        return ip4;
    }

    public String ip6() {
        return ip6;
    }

    public String mac() {
        return mac;
    }

    /** The bridge port in the switch namespace this host hangs on. */
    public String port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Writes the configuration and starts the daemon (any earlier one on this host must be gone). The log is
     * appended to across restarts.
     */
    public Daemon start(Implementation impl, KeepalivedConfig config) throws IOException {
        return start(impl, config.render());
    }

    public Daemon start(Implementation impl, String config) throws IOException {
        return prepare(impl, config).start();
    }

    /** Writes the configuration; the daemon's {@link Daemon#start()} runs it (e.g. once another host is ready). */
    public Daemon prepare(Implementation impl, String config) throws IOException {
        return prepare(impl, config, false);
    }

    /**
     * Like {@link #start}, but from the root namespace with {@code -s NS} and keepalived's default pid files, which
     * then live in {@code /run/keepalived/NS} (unique: NS is this lab's own namespace).
     */
    public Daemon startWithNamespaceOption(Implementation impl, KeepalivedConfig config) throws IOException {
        return prepare(impl, config.render(), true).start();
    }

    private Daemon prepare(Implementation impl, String config, boolean namespaceOption) throws IOException {
        if (daemon != null && daemon.isAlive()) {
            throw new IllegalStateException(name + " already runs " + daemon);
        }
        Files.writeString(config(), config);
        daemon = new Daemon(impl, this, namespaceOption);
        lab.own(daemon);
        return daemon;
    }

    /** Where the configuration is. */
    Path config() {
        return dir.resolve("keepalived.conf");
    }

    /** Where keepalived and keepalived-j put their default pid files when run with {@code -s} this host's netns. */
    public Path namespacePidDir() {
        return Path.of("/run/keepalived", ns.name());
    }

    public Daemon daemon() {
        if (daemon == null) {
            throw new IllegalStateException("nothing started on " + name);
        }
        return daemon;
    }

    public boolean hasDaemon() {
        return daemon != null;
    }

    /** SIGKILL the daemon (see {@link Daemon#crash()}); returns the instant before the first kill. */
    public long crash() {
        return daemon().crash();
    }

    /** SIGTERM the daemon and wait for it to exit; returns the instant before the signal. */
    public long stop() {
        return daemon().stop();
    }

    /** Link cut: the bridge port admin down, so eth0 loses carrier (keepalived goes FAULT). */
    public Span cut() throws IOException, InterruptedException {
        long t = Sh.nowMicros();
        lab.switchNs().ip("link", "set", port, "down");
        return new Span(t, Sh.nowMicros());
    }

    public Span uncut() throws IOException, InterruptedException {
        long t = Sh.nowMicros();
        lab.switchNs().ip("link", "set", port, "up");
        return new Span(t, Sh.nowMicros());
    }

    /** True partition: bridge port STP state "disabled", frames dropped both ways, carrier stays up. */
    public Span block() throws IOException, InterruptedException {
        long t = Sh.nowMicros();
        Sh.run(List.of("bridge", "-n", lab.switchNs().name(), "link", "set", "dev", port, "state", "0"));
        return new Span(t, Sh.nowMicros());
    }

    /** The bridge port forwarding again (STP state 3); the port forwards from some instant in the span. */
    public Span unblock() throws IOException, InterruptedException {
        long t = Sh.nowMicros();
        Sh.run(List.of("bridge", "-n", lab.switchNs().name(), "link", "set", "dev", port, "state", "3"));
        return new Span(t, Sh.nowMicros());
    }

    /** {@code ip addr del CIDR dev eth0} by hand. */
    public Span deleteAddress(String cidr) throws IOException, InterruptedException {
        long t = Sh.nowMicros();
        ns.ip("addr", "del", cidr, "dev", "eth0");
        return new Span(t, Sh.nowMicros());
    }

    /** A veth pair with both ends in this host (for track_interface), both up. */
    public void addLocalLink(String name, String peer) throws IOException, InterruptedException {
        ns.addVethPair(name, peer);
    }

    public Span linkDown(String ifName) throws IOException, InterruptedException {
        long t = Sh.nowMicros();
        ns.ip("link", "set", ifName, "down");
        return new Span(t, Sh.nowMicros());
    }

    public Span linkUp(String ifName) throws IOException, InterruptedException {
        long t = Sh.nowMicros();
        ns.ip("link", "set", ifName, "up");
        return new Span(t, Sh.nowMicros());
    }

    /** The IPv4 addresses on eth0 (without prefix length). */
    public List<String> ipv4Addresses() throws IOException, InterruptedException {
        Netns.Result r = Sh.run(List.of("ip", "-n", ns.name(), "-4", "-o", "addr", "show", "dev", "eth0"));
        List<String> out = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            String[] f = line.trim().split("\\s+");
            for (int i = 0; i + 1 < f.length; i++) {
                if (f[i].equals("inet")) {
                    out.add(f[i + 1].substring(0, f[i + 1].indexOf('/')));
                }
            }
        }
        return out;
    }

    public boolean holds(String vip) throws IOException, InterruptedException {
        return ipv4Addresses().contains(vip);
    }

    @Override
    public String toString() {
        return name;
    }
}
