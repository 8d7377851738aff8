package keepalivedj.daemon.it.lab;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import keepalivedj.daemon.it.lab.KeepalivedConfig.Instance;

/**
 * The README's main command (tools/demo.sh): a director pair and a client in network namespaces, two daemons, the
 * VIP moving when the master is killed and coming back when it restarts, with the failover time from a capture.
 * Everything is removed at the end, also on Ctrl-C.
 *
 * <pre>Demo [--impl keepalived-j|keepalived]</pre>
 */
public final class Demo {
    private static final String VIP = "10.99.0.100";

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Implementation impl = Implementation.KEEPALIVED_J;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--impl")) {
                impl = Implementation.parse(args[++i]);
            } else {
                throw new IllegalArgumentException("usage: Demo [--impl keepalived-j|keepalived]");
            }
        }
        VrrpLab lab = VrrpLab.create(2);
        Thread cleanup = new Thread(() -> {
            say("cleaning up: stopping the daemons, deleting the namespaces");
            lab.close();
        });
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            story(lab, impl);
        } catch (AssertionError | Exception e) {
            System.out.println();
            System.out.println("demo failed: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0); // the shutdown hook cleans up
    }

    private static void story(VrrpLab lab, Implementation impl) throws Exception {
        Host h1 = lab.host("h1");
        Host h2 = lab.host("h2");
        Host c = lab.client();
        say("lab: bridge br0 in namespace " + lab.switchNs().name() + "; directors h1 " + h1.ip4() + " ("
                + h1.ns().name() + ") and h2 " + h2.ip4() + " (" + h2.ns().name() + "); client " + c.ip4() + " ("
                + c.ns().name() + ")");
        Instance base = KeepalivedConfig.instance("VI_51").vrid(51).v2(1).authPass("demo51").vip(VIP + "/24");
        Instance i1 = base.copy("VI_51").state("MASTER").priority(101);
        Instance i2 = base.copy("VI_51").state("BACKUP").priority(100);
        KeepalivedConfig c1 = new KeepalivedConfig("demo-h1").add(i1);
        System.out.println("\nh1's keepalived.conf (h2's says state BACKUP, priority 100):\n");
        c1.render().lines().forEach(l -> System.out.println("    " + l));
        System.out.println();
        Capture cap = lab.capture("demo");

        say("starting " + impl.display() + " on h1 (priority 101) and, once it is master, on h2 (priority 100)");
        long t1 = h1.start(impl, c1).startMicros();
        lab.awaitSoleHolder(VIP, h1, Duration.ofSeconds(20));
        say("h1 is MASTER and holds " + VIP + " (" + ms(Sh.nowMicros() - t1) + " after its start: it"
                + " starts as BACKUP and waits one master-down interval, " + ms(i1.masterDownMicros()) + ")");
        h2.start(impl, new KeepalivedConfig("demo-h2").add(i2));
        lab.awaitHolders(VIP, Set.of(h1), Duration.ofSeconds(20),
                Duration.ofMillis(i2.masterDownMicros() / 1000 + 500));
        say("h2 is BACKUP; VIP holders: " + lab.holders(VIP));
        ping(c, h1, h2);

        VrrpLab.pause(Duration.ofMillis(700));
        say("kill -9 " + impl.display() + " on h1 (a crash: no goodbye advert)");
        long kill = h1.crash();
        lab.awaitHolders(VIP, Set.of(h1, h2), Duration.ofSeconds(10), Duration.ofMillis(50));
        Adverts a = cap.adverts();
        WireFrame first = a.first(h2.ip4(), kill).orElseThrow();
        WireFrame last = a.last(h1.ip4(), first.micros()).orElseThrow();
        say("h2 took over: FAILOVER TIME " + ms(first.micros() - kill) + " from the kill to h2's first advert;"
                + " h1's last advert -> h2's first: " + ms(first.micros() - last.micros()) + " (protocol bound: 3 x"
                + " advert_int + skew = " + ms(i2.masterDownMicros()) + ")");
        say("h2 sent " + a.garps(VIP).stream().filter(f -> f.srcMac().equals(h2.mac()) && f.micros() >= kill).count()
                + " gratuitous ARPs so clients move to it (h1's kernel still has the address: nobody removed it)");
        ping(c, h1, h2);

        say("restarting " + impl.display() + " on h1: it clears the stale VIP and, having the higher priority,"
                + " preempts after its master-down interval");
        long restart = h1.start(impl, c1).startMicros();
        lab.awaitSoleHolder(VIP, h1, Duration.ofSeconds(20));
        WireFrame back = cap.adverts().first(h1.ip4(), restart).orElseThrow();
        say("h1 is MASTER again " + ms(back.micros() - restart) + " after its restart; VIP holders: "
                + lab.holders(VIP));
        ping(c, h1, h2);
        System.out.println();
    }

    /**
     * The client knocks on the VIP (a TCP connection to a closed port: the holder's kernel answers with a reset, no
     * ping binary needed) and shows whose MAC its ARP entry for the VIP points to.
     */
    private static void ping(Host c, Host h1, Host h2) throws Exception {
        var r = Sh.tryRun(List.of("ip", "netns", "exec", c.ns().name(), "timeout", "2", "bash", "-c",
                "exec 3<>/dev/tcp/" + VIP + "/7"));
        boolean answered = r.exitCode() == 0 || r.stderr().contains("refused");
        var n = Sh.tryRun(List.of("ip", "-n", c.ns().name(), "neigh", "show", VIP));
        String mac = n.stdout().contains("lladdr") ? n.stdout().split("lladdr ")[1].split(" ")[0] : "?";
        String who = mac.equals(h1.mac()) ? "h1" : mac.equals(h2.mac()) ? "h2" : mac;
        say("client -> " + VIP + ": " + (answered ? "answered" : "NO answer") + "; the client's ARP entry for it"
                + " points to " + who);
    }

    private static void say(String s) {
        System.out.printf("[%tT] %s%n", System.currentTimeMillis(), s);
    }

    private static String ms(long micros) {
        return String.format("%.1f ms", micros / 1000.0);
    }
}
