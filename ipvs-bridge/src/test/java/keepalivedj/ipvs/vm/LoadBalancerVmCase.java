package keepalivedj.ipvs.vm;

import static keepalivedj.ipvs.vm.IpvsClientVmCase.ip;
import static keepalivedj.ipvs.vm.Sh.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import keepalivedj.ipvs.Forwarding;
import keepalivedj.ipvs.IpvsDestination;
import keepalivedj.ipvs.IpvsService;
import keepalivedj.ipvs.NetlinkIpvs;
import keepalivedj.ipvs.Protocol;
import org.junit.jupiter.api.Test;

/**
 * End to end inside the VM: client, director and two real-server namespaces, each real server running an HTTP
 * server that answers its own name; the bridge that joins them lives in its own namespace. The director's rules are
 * programmed by keepalived-j's bridge (in the director's namespace, with setns). Everything a test creates has a
 * kj- name and is removed in finally.
 */
class LoadBalancerVmCase {
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> servers = new ArrayList<>();

    private void ns(String... names) {
        for (String n : names) {
            sh("ip netns add " + n);
            namespaces.add(n);
            sh("ip -n " + n + " link set lo up");
        }
    }

    /** A veth from namespace a (name ia) to namespace b (name ib), both up. */
    private static void veth(String a, String ia, String b, String ib) {
        sh("ip link add " + ia + " netns " + a + " type veth peer name " + ib + " netns " + b);
        sh("ip -n " + a + " link set " + ia + " up && ip -n " + b + " link set " + ib + " up");
    }

    private void httpServer(String netns, String name) {
        String dir = "/tmp/www-" + netns;
        sh("mkdir -p " + dir + " && printf '%s' " + name + " > " + dir + "/index.html");
        servers.add(Sh.spawn("ip netns exec " + netns + " busybox httpd -f -p 80 -h " + dir));
    }

    private static void waitForHttp(String netns, String url) {
        sh("for i in $(seq 1 100); do ip netns exec " + netns + " curl -s -m 1 -o /dev/null " + url
                + " && exit 0; sleep 0.1; done; exit 1");
    }

    private void teardown() {
        servers.forEach(p -> p.destroy());
        for (Process p : servers) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String n : namespaces) {
            Sh.try_("ip netns del " + n);
        }
    }

    /** n GETs from the client, each a new connection; the bodies in order. */
    private static List<String> requests(String client, String url, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(sh("ip netns exec " + client + " curl -s -m 5 " + url));
        }
        return out;
    }

    private static Map<String, Integer> count(List<String> bodies) {
        Map<String, Integer> m = new TreeMap<>();
        bodies.forEach(b -> m.merge(b, 1, Integer::sum));
        return m;
    }

    private static void assertAlternates(List<String> bodies) {
        for (int i = 1; i < bodies.size(); i++) {
            if (bodies.get(i).equals(bodies.get(i - 1))) {
                throw new AssertionError("rr did not alternate: " + bodies);
            }
        }
        assertEquals(Map.of("rs1", bodies.size() / 2, "rs2", bodies.size() / 2), count(bodies));
    }

    @Test
    void natRoundRobinAlternatesAndWeightedRoundRobinFollowsWeights() throws Exception {
        String cl = "kj-nat-cl", dir = "kj-nat-dir", br = "kj-nat-br", rs1 = "kj-nat-rs1", rs2 = "kj-nat-rs2";
        try {
            ns(cl, dir, br, rs1, rs2);
            sh("ip -n " + br + " link add br0 type bridge && ip -n " + br + " link set br0 up");
            veth(cl, "eth0", dir, "ext0");
            veth(dir, "int0", br, "p-dir");
            veth(rs1, "eth0", br, "p-rs1");
            veth(rs2, "eth0", br, "p-rs2");
            for (String p : List.of("p-dir", "p-rs1", "p-rs2")) {
                sh("ip -n " + br + " link set " + p + " master br0");
            }
            sh("ip -n " + cl + " addr add 10.61.1.2/24 dev eth0");
            sh("ip -n " + dir + " addr add 10.61.1.1/24 dev ext0 && ip -n " + dir + " addr add 10.61.2.1/24 dev int0");
            sh("ip netns exec " + dir + " sysctl -qw net.ipv4.ip_forward=1");
            sh("ip -n " + rs1 + " addr add 10.61.2.11/24 dev eth0 && ip -n " + rs1 + " route add default via 10.61.2.1");
            sh("ip -n " + rs2 + " addr add 10.61.2.12/24 dev eth0 && ip -n " + rs2 + " route add default via 10.61.2.1");
            httpServer(rs1, "rs1");
            httpServer(rs2, "rs2");
            waitForHttp(dir, "http://10.61.2.11/");
            waitForHttp(dir, "http://10.61.2.12/");

            IpvsService vip = IpvsService.of(Protocol.TCP, ip("10.61.1.1"), 80, "rr");
            IpvsDestination d1 = IpvsDestination.of(ip("10.61.2.11"), 80, Forwarding.MASQ, 1);
            IpvsDestination d2 = IpvsDestination.of(ip("10.61.2.12"), 80, Forwarding.MASQ, 1);
            try (NetlinkIpvs ipvs = NetlinkIpvs.openIn(Path.of("/run/netns/" + dir))) {
                ipvs.addService(vip);
                ipvs.addDestination(vip, d1);
                ipvs.addDestination(vip, d2);
                assertAlternates(requests(cl, "http://10.61.1.1/", 6));

                ipvs.editService(vip.withScheduler("wrr"));
                ipvs.editDestination(vip, d1.withWeight(3));
                assertEquals(Map.of("rs1", 6, "rs2", 2), count(requests(cl, "http://10.61.1.1/", 8)));
                // the director's table, seen by ipvsadm in its namespace, shows what we programmed
                assertEquals(true, sh("ip netns exec " + dir + " ipvsadm -Ln").contains(
                        "  -> 10.61.2.11:80                Masq    3"));
            }
        } finally {
            teardown();
        }
    }

    @Test
    void directRoutingAlternatesAndRepliesBypassTheDirector() throws Exception {
        String cl = "kj-dr-cl", dir = "kj-dr-dir", br = "kj-dr-br", rs1 = "kj-dr-rs1", rs2 = "kj-dr-rs2";
        String vipAddr = "10.62.0.100";
        try {
            ns(cl, dir, br, rs1, rs2);
            sh("ip -n " + br + " link add br0 type bridge && ip -n " + br + " link set br0 up");
            veth(cl, "eth0", br, "p-cl");
            veth(dir, "eth0", br, "p-dir");
            veth(rs1, "eth0", br, "p-rs1");
            veth(rs2, "eth0", br, "p-rs2");
            for (String p : List.of("p-cl", "p-dir", "p-rs1", "p-rs2")) {
                sh("ip -n " + br + " link set " + p + " master br0");
            }
            sh("ip -n " + cl + " addr add 10.62.0.2/24 dev eth0");
            sh("ip -n " + dir + " addr add 10.62.0.1/24 dev eth0 && ip -n " + dir + " addr add " + vipAddr
                    + "/32 dev eth0");
            int n = 11;
            for (String rs : List.of(rs1, rs2)) {
                sh("ip -n " + rs + " addr add 10.62.0." + n++ + "/24 dev eth0 && ip -n " + rs + " addr add " + vipAddr
                        + "/32 dev lo");
                sh("ip netns exec " + rs + " sysctl -qw net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2"
                        + " net.ipv4.conf.eth0.arp_ignore=1 net.ipv4.conf.eth0.arp_announce=2");
            }
            httpServer(rs1, "rs1");
            httpServer(rs2, "rs2");
            waitForHttp(cl, "http://10.62.0.11/");
            waitForHttp(cl, "http://10.62.0.12/");

            IpvsService vip = IpvsService.of(Protocol.TCP, ip(vipAddr), 80, "rr");
            try (NetlinkIpvs ipvs = NetlinkIpvs.openIn(Path.of("/run/netns/" + dir))) {
                ipvs.addService(vip);
                ipvs.addDestination(vip, IpvsDestination.of(ip("10.62.0.11"), 80, Forwarding.DROUTE, 1));
                ipvs.addDestination(vip, IpvsDestination.of(ip("10.62.0.12"), 80, Forwarding.DROUTE, 1));
                assertAlternates(requests(cl, "http://" + vipAddr + "/", 6));
                // In DR the replies go straight from the real servers to the client: the director sends nothing.
                // The kernel folds its per-CPU counters into the listed stats every 2 s (ip_vs_est): wait for it.
                String stats = sh("for i in $(seq 1 50); do s=$(ip netns exec " + dir + " ipvsadm -Ln --stats);"
                        + " echo \"$s\" | grep -qE '^TCP  " + vipAddr + ":80 +6 ' && break; sleep 0.2; done;"
                        + " echo \"$s\"");
                String line = stats.lines().filter(l -> l.startsWith("TCP  " + vipAddr + ":80")).findFirst()
                        .orElseThrow(() -> new AssertionError(stats));
                String[] f = line.trim().split("\\s+");
                assertEquals("6", f[2], stats);  // Conns
                assertEquals("0", f[4], stats);  // OutPkts
            }
        } finally {
            teardown();
        }
    }
}
