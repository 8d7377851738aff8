package keepalivedj.daemon.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import keepalivedj.daemon.it.Netns;

/**
 * Namespaces, veths and agents a test class owns, torn down in reverse order by {@link #close()} even when
 * setup fails half-way. Every name is unique ({@link Netns}: prefix + pid + counter); nothing is made in, or
 * sent to, the root namespace.
 */
final class Lab implements AutoCloseable {
    private final List<AutoCloseable> owned = new ArrayList<>();

    /**
     * A namespace with lo up, IPv6 DAD off (so link-local addresses and MLD work at once) and IPv6 addresses kept
     * across link down/up (the default flushes them, which would break later tests after a link flap).
     */
    Netns namespace(String prefix) throws IOException, InterruptedException {
        Netns ns = Netns.create(prefix);
        owned.add(ns);
        sysctl(ns, "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0",
                "net.ipv6.conf.all.keep_addr_on_down=1", "net.ipv6.conf.default.keep_addr_on_down=1");
        return ns;
    }

    Agent agent(Netns ns) throws IOException {
        Agent a = Agent.start(ns);
        owned.add(a);
        return a;
    }

    /** A veth pair from {@code a}'s {@code nameA} to {@code b}'s {@code nameB}, both up. */
    static void veth(Netns a, String nameA, Netns b, String nameB) throws IOException, InterruptedException {
        a.ip("link", "add", nameA, "type", "veth", "peer", "name", nameB, "netns", b.name());
        a.ip("link", "set", nameA, "up");
        b.ip("link", "set", nameB, "up");
    }

    static void sysctl(Netns ns, String... settings) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sysctl", "-q", "-w"));
        cmd.addAll(List.of(settings));
        Netns.Result r = ns.exec(cmd, 10);
        if (r.exitCode() != 0) {
            throw new IOException("sysctl in " + ns.name() + " failed: " + r.stderr());
        }
    }

    /** {@code ip -n NS -br link show IF} → the MAC address. */
    static String mac(Netns ns, String ifName) throws IOException, InterruptedException {
        Netns.Result r = ns.exec(List.of("cat", "/sys/class/net/" + ifName + "/address"), 10);
        return r.stdout().trim();
    }

    /** Frames from an agent's {@code recv} answer: "frames NANOS:HEX NANOS:HEX ...". */
    static List<Received> frames(String answer) {
        if (!answer.startsWith("frames")) {
            throw new AssertionError("not a frames answer: " + answer);
        }
        List<Received> list = new ArrayList<>();
        for (String item : answer.substring("frames".length()).trim().split(" ")) {
            if (!item.isEmpty()) {
                String[] p = item.split(":");
                list.add(new Received(Long.parseLong(p[0]), Frames.unhex(p[1])));
            }
        }
        return list;
    }

    record Received(long nanos, byte[] frame) {
    }

    @Override
    public void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                System.err.println("teardown: " + e);
            }
        }
        owned.clear();
    }
}
