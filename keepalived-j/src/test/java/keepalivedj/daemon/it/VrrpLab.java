package keepalivedj.daemon.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A switch namespace holding a bridge, and host namespaces each wired to it by a veth pair ({@code eth0} in the
 * host, {@code p-NAME} on the bridge), host {@code k} at 10.99.0.k/24. Everything lives in namespaces this lab
 * made; {@link #close()} deletes them all (and with them every veth and the bridge), even after a failure.
 */
public final class VrrpLab implements AutoCloseable {
    private final Netns sw;
    private final Map<String, Netns> hosts = new LinkedHashMap<>();

    private VrrpLab(Netns sw) {
        this.sw = sw;
    }

    /** A lab with hosts named h1..hN. */
    public static VrrpLab create(String prefix, int hostCount) throws IOException, InterruptedException {
        VrrpLab lab = new VrrpLab(Netns.create(prefix + "sw"));
        try {
            lab.sw.ip("link", "add", "br0", "type", "bridge", "stp_state", "0", "forward_delay", "0",
                    "mcast_snooping", "0");
            lab.sw.ip("link", "set", "br0", "up");
            for (int k = 1; k <= hostCount; k++) {
                String name = "h" + k;
                Netns h = Netns.create(prefix + name);
                lab.hosts.put(name, h);
                lab.sw.ip("link", "add", "p-" + name, "type", "veth", "peer", "name", "eth0", "netns", h.name());
                lab.sw.ip("link", "set", "p-" + name, "master", "br0", "up");
                h.ip("link", "set", "eth0", "up");
                h.ip("addr", "add", "10.99.0." + k + "/24", "dev", "eth0");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    public Netns host(String name) {
        return hosts.get(name);
    }

    public Netns switchNs() {
        return sw;
    }

    /** Carrier loss on the host: its bridge port goes admin-down, so its eth0 loses carrier (lab.sh cut). */
    public void cut(String host) throws IOException, InterruptedException {
        sw.ip("link", "set", "p-" + host, "down");
    }

    public void heal(String host) throws IOException, InterruptedException {
        sw.ip("link", "set", "p-" + host, "up");
    }

    /** Whether {@code address} is on the host's eth0 now. */
    public boolean holds(String host, String address) throws IOException, InterruptedException {
        Netns.Result r = Netns.Result.of(List.of("ip", "-n", hosts.get(host).name(), "-br", "addr", "show", "eth0"),
                10);
        return r.stdout().contains(" " + address + "/");
    }

    /** The hosts holding {@code address}, in host order. */
    public List<String> holders(String address) throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        for (String h : hosts.keySet()) {
            if (holds(h, address)) {
                out.add(h);
            }
        }
        return out;
    }

    /** The host's eth0 MAC address, lower case. */
    public String mac(String host) throws IOException, InterruptedException {
        Netns.Result r = hosts.get(host).exec(List.of("cat", "/sys/class/net/eth0/address"), 10);
        return r.stdout().trim().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void close() {
        for (Netns h : hosts.values()) {
            h.close();
        }
        sw.close();
    }
}
