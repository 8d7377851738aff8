package keepalivedj.healthcheck.bench;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import keepalivedj.conf.model.CheckerConnection;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.conf.model.CheckerTiming;
import keepalivedj.conf.model.ForwardingMethod;
import keepalivedj.conf.model.LvsConfig;
import keepalivedj.conf.model.RealServer;
import keepalivedj.conf.model.SchedulerFlags;
import keepalivedj.conf.model.VirtualServer;
import keepalivedj.healthcheck.HealthChecks;
import keepalivedj.healthcheck.SystemTicker;
import keepalivedj.healthcheck.check.Checkers;
import keepalivedj.healthcheck.check.TlsContexts;
import keepalivedj.healthcheck.io.CheckLoop;

/**
 * Benchmark harness (not a test): N real servers with TCP_CHECK at delay_loop D seconds (warmup D, so checks
 * spread), 1,000 real servers per virtual server, targets 127.0.1.{1..hosts}:{firstPort..} on loopback served by
 * {@link LoopbackListeners}. Runs the production {@link HealthChecks} on one {@link CheckLoop} and prints, every
 * 10 s, attempts/s, failures, the process CPU% (of one core) and RSS.
 *
 * <p>Usage: {@code TcpCheckBench n hosts firstPort delayLoopSeconds measureSeconds}
 */
public final class TcpCheckBench {
    private TcpCheckBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int hosts = Integer.parseInt(args[1]);
        int firstPort = Integer.parseInt(args[2]);
        long delayLoopMicros = Long.parseLong(args[3]) * 1_000_000;
        int measureSeconds = Integer.parseInt(args[4]);
        int portsPerHost = (n + hosts - 1) / hosts;

        CheckerTiming timing = new CheckerTiming(1, 1_000_000, delayLoopMicros, delayLoopMicros, false, false);
        CheckerConnection conn = new CheckerConnection(null, 0, null, 0, null, 5_000_000, 0);
        List<VirtualServer> vss = new ArrayList<>();
        List<RealServer> rss = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            InetAddress a = InetAddress.getByName("127.0.1." + (1 + i / portsPerHost));
            rss.add(new RealServer(a, firstPort + i % portsPerHost, 1, ForwardingMethod.NAT, 0, 0, false, false,
                    null, null, null, delayLoopMicros, 5_000_000, false, null, null, null, null,
                    List.of(new CheckerSpec.TcpCheck(timing, conn, null)), null));
            if (rss.size() == 1000 || i == n - 1) {
                vss.add(new VirtualServer(VirtualServer.Kind.ADDRESS, InetAddress.getByName("10.255.0." + (vss.size()
                        % 250 + 1)), 80 + vss.size() / 250, 0, null, null, VirtualServer.Protocol.TCP, "wlc",
                        SchedulerFlags.NONE, ForwardingMethod.NAT, 0, null, null, delayLoopMicros, 5_000_000, null,
                        null, null, false, false, false, false, 1, 0, null, null, 1, null, false, null, null, rss,
                        null));
                rss = new ArrayList<>();
            }
        }
        LvsConfig config = new LvsConfig(List.of(), vss, null);
        AtomicLong changeBatches = new AtomicLong();
        CheckLoop loop = new CheckLoop(new SystemTicker(), "healthcheck");
        HealthChecks[] hc = new HealthChecks[1];
        CountDownLatch started = new CountDownLatch(1);
        loop.execute(() -> {
            hc[0] = new HealthChecks(config, new Checkers(loop, TlsContexts.trustingEveryone(), null,
                    new SplittableRandom(1)), loop, new SplittableRandom(2), false, c -> changeBatches.incrementAndGet());
            hc[0].start();
            started.countDown();
        });
        started.await();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("%d real servers, %d checks scheduled, delay_loop %ds; warming up %ds%n", n,
                query(loop, () -> hc[0].scheduler().size()), delayLoopMicros / 1_000_000, delayLoopMicros / 1_000_000);
        Thread.sleep(delayLoopMicros / 1000 + 2000);
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        long att0 = query(loop, () -> hc[0].scheduler().attempts());
        long cpuStart = cpu0;
        long wallStart = wall0;
        long attStart = att0;
        for (int t = 10; t <= measureSeconds; t += 10) {
            Thread.sleep(10_000);
            long cpu1 = os.getProcessCpuTime();
            long wall1 = System.nanoTime();
            long att1 = query(loop, () -> hc[0].scheduler().attempts());
            System.out.printf("t=%3ds attempts/s=%7.0f cpu=%5.1f%% rss=%4d MiB failures=%s changes=%d%n", t,
                    (att1 - att0) * 1e9 / (wall1 - wall0), 100.0 * (cpu1 - cpu0) / (wall1 - wall0), rssMiB(),
                    query(loop, () -> hc[0].scheduler().failures()), changeBatches.get());
            cpu0 = cpu1;
            wall0 = wall1;
            att0 = att1;
        }
        System.out.printf("SUMMARY n=%d delay_loop=%ds over %ds: attempts/s=%.0f cpu=%.1f%% of one core "
                        + "(%.1f%% of %d cores) rss=%d MiB loop-errors=%d%n", n, delayLoopMicros / 1_000_000,
                measureSeconds, (att0 - attStart) * 1e9 / (wall0 - wallStart),
                100.0 * (cpu0 - cpuStart) / (wall0 - wallStart),
                100.0 * (cpu0 - cpuStart) / (wall0 - wallStart) / os.getAvailableProcessors(),
                os.getAvailableProcessors(), rssMiB(), loop.handlerErrors());
        System.exit(0);
    }

    private static <T> T query(CheckLoop loop, java.util.function.Supplier<T> q) throws Exception {
        java.util.concurrent.CompletableFuture<T> f = new java.util.concurrent.CompletableFuture<>();
        loop.execute(() -> f.complete(q.get()));
        return f.get();
    }

    private static long rssMiB() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
            }
        }
        return -1;
    }
}
