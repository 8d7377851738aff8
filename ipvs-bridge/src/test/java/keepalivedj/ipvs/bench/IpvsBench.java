package keepalivedj.ipvs.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import keepalivedj.ipvs.Forwarding;
import keepalivedj.ipvs.IpvsDestination;
import keepalivedj.ipvs.IpvsOp;
import keepalivedj.ipvs.IpvsOutcome;
import keepalivedj.ipvs.IpvsService;
import keepalivedj.ipvs.NetlinkIpvs;
import keepalivedj.ipvs.Protocol;

/**
 * Programs N services x D destinations through the bridge and, separately, through ipvsadm-restore, in the same
 * (VM) kernel, and prints both times and their ratio. Run by bench/ipvs-bench.sh inside the VM; one run each.
 */
public final class IpvsBench {
    private IpvsBench() {
    }

    public static void main(String[] args) throws Exception {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int dests = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        List<IpvsOp> ops = new ArrayList<>();
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i < services; i++) {
            String vip = "10.100." + (i >> 8) + "." + (i & 0xff);
            IpvsService s = IpvsService.of(Protocol.TCP, InetAddress.getByName(vip), 80, "wrr");
            ops.add(new IpvsOp.AddService(s));
            rules.append("-A -t ").append(vip).append(":80 -s wrr\n");
            for (int k = 0; k < dests; k++) {
                String rs = "10." + (200 + k) + "." + (i >> 8) + "." + (i & 0xff);
                ops.add(new IpvsOp.AddDestination(s,
                        IpvsDestination.of(InetAddress.getByName(rs), 8080, Forwarding.MASQ, k + 1)));
                rules.append("-a -t ").append(vip).append(":80 -r ").append(rs).append(":8080 -m -w ").append(k + 1)
                        .append('\n');
            }
        }
        Path file = Files.createTempFile("ipvs-bench", ".rules");
        Files.writeString(file, rules.toString(), StandardCharsets.US_ASCII);

        sh("ipvsadm -C");
        long t0 = System.nanoTime();
        sh("ipvsadm-restore < " + file);
        double restore = (System.nanoTime() - t0) / 1e9;
        String viaRestore = sh("ipvsadm -Sn | sort");
        sh("ipvsadm -C");

        long t1 = System.nanoTime();
        List<IpvsOutcome> out;
        double connect;
        try (NetlinkIpvs ipvs = NetlinkIpvs.open()) {
            connect = (System.nanoTime() - t1) / 1e9;
            out = ipvs.apply(ops);
        }
        double bridge = (System.nanoTime() - t1) / 1e9;
        long failed = out.stream().filter(o -> o.status() != IpvsOutcome.Status.DONE).count();
        String viaBridge = sh("ipvsadm -Sn | sort");
        sh("ipvsadm -C");
        boolean same = viaBridge.equals(viaRestore);
        // Where the bridge's time goes: building the same requests again, without the kernel (JIT now warm).
        long t2 = System.nanoTime();
        long bytes = 0;
        for (IpvsOp op : ops) {
            bytes += op.request(0x20).toBytes(5, 1, 0).length;
        }
        double encode = (System.nanoTime() - t2) / 1e9;

        System.out.printf("rules: %d services x %d destinations = %d commands%n", services, dests, ops.size());
        System.out.printf("| method | seconds | commands/s |%n|---|---|---|%n");
        System.out.printf("| keepalived-j bridge: open + apply, in a running JVM | %.2f | %.0f |%n", bridge,
                ops.size() / bridge);
        System.out.printf("| - of which open (first jnr-ffi binding, socket, family lookup; once per daemon) | %.2f | |%n",
                connect);
        System.out.printf("| - of which apply (%d commands, pipelined) | %.2f | %.0f |%n", ops.size(), bridge - connect,
                ops.size() / (bridge - connect));
        System.out.printf("| ipvsadm-restore | %.2f | %.0f |%n", restore, ops.size() / restore);
        System.out.printf("(of which Java encoding alone, measured separately afterwards: ~%.2f s for %d bytes)%n",
                encode, bytes);
        System.out.printf("ratio ipvsadm-restore / bridge = %.1fx (bridge %s)%n", restore / bridge,
                bridge <= restore ? "is faster" : "is SLOWER");
        System.out.printf("resulting tables identical (ipvsadm -Sn): %s; bridge commands not DONE: %d%n", same, failed);
        Files.delete(file);
        System.exit(same && failed == 0 ? 0 : 1);
    }

    private static String sh(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", script).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IOException("`" + script + "` exited " + p.exitValue());
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
