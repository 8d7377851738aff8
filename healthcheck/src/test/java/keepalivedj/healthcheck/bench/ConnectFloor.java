package keepalivedj.healthcheck.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import keepalivedj.healthcheck.SystemTicker;
import keepalivedj.healthcheck.check.TcpChecker;
import keepalivedj.healthcheck.io.CheckLoop;
import keepalivedj.healthcheck.io.Target;

/**
 * Benchmark harness (not a test) for healthcheck/bench/connect-floor.sh: TCP_CHECK-shaped connect + close cycles at
 * a fixed rate against 127.0.1.{1..200}:port, so the cost of one check's socket work can be put beside the same
 * loop in C. {@code checkloop} runs the production {@link TcpChecker} on a {@link CheckLoop}; {@code nio} does the
 * same with the JDK's SocketChannel and Selector (what the checks used before), for reference. Prints the process's
 * CPU per completed attempt (user and total) over the measured window.
 *
 * <p>Usage: {@code ConnectFloor checkloop|nio rate port warmSeconds measureSeconds}
 */
public final class ConnectFloor {
    private ConnectFloor() {
    }

    private static long[] cpuTicks() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int rate = Integer.parseInt(args[1]);
        int port = Integer.parseInt(args[2]);
        long warm = Long.parseLong(args[3]) * 1_000_000_000L;
        long measure = Long.parseLong(args[4]) * 1_000_000_000L;
        InetSocketAddress[] to = new InetSocketAddress[200];
        for (int h = 0; h < to.length; h++) {
            to[h] = new InetSocketAddress(InetAddress.getByName("127.0.1." + (h + 1)), port);
        }
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long[] atStart = new long[3];
        if (mode.equals("checkloop")) {
            CheckLoop loop = new CheckLoop(new SystemTicker(), "connect-floor");
            TcpChecker[] checkers = new TcpChecker[to.length];
            for (int h = 0; h < to.length; h++) {
                checkers[h] = new TcpChecker(loop, new Target(to[h], null, 5_000_000_000L, 0));
            }
            long period = 1_000_000_000L / rate;
            long start = System.nanoTime();
            CountDownLatch end = new CountDownLatch(1);
            // one attempt every period, each started from the loop's own timers, as the check scheduler does
            Runnable[] tick = new Runnable[1];
            long[] n = {0};
            tick[0] = () -> {
                long now = System.nanoTime();
                if (now - start > warm + measure) {
                    end.countDown();
                    return;
                }
                checkers[(int) (n[0] % checkers.length)].attempt(p -> {
                    done.incrementAndGet();
                    if (!p.up()) {
                        failed.incrementAndGet();
                    }
                });
                n[0]++;
                loop.schedule(start + n[0] * period - now, tick[0]);
            };
            loop.execute(tick[0]);
            Thread.sleep(warm / 1_000_000);
            mark(atStart, done);
            end.await();
        } else {
            Selector sel = Selector.open();
            ArrayList<SelectableChannel> toClose = new ArrayList<>();
            ArrayList<SelectableChannel> closing = new ArrayList<>();
            long period = 1_000_000_000L / rate;
            long start = System.nanoTime();
            long next = start;
            int h = 0;
            boolean marked = false;
            while (true) {
                long now = System.nanoTime();
                if (!marked && now - start > warm) {
                    mark(atStart, done);
                    marked = true;
                }
                if (now - start > warm + measure) {
                    break;
                }
                while (next <= now) {
                    next += period;
                    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.INET);
                    ch.configureBlocking(false);
                    if (ch.connect(to[h])) {
                        ch.close();
                        done.incrementAndGet();
                    } else {
                        ch.register(sel, SelectionKey.OP_CONNECT);
                    }
                    h = (h + 1) % to.length;
                }
                ArrayList<SelectableChannel> t = toClose;
                toClose = closing;
                closing = t;
                if (closing.isEmpty()) {
                    sel.select(Math.max(1, (next - System.nanoTime()) / 1_000_000));
                } else {
                    sel.selectNow();
                }
                for (SelectableChannel c : closing) {
                    c.close();
                }
                closing.clear();
                for (SelectionKey key : sel.selectedKeys()) {
                    SocketChannel ch = (SocketChannel) key.channel();
                    try {
                        ch.finishConnect();
                    } catch (java.io.IOException e) {
                        failed.incrementAndGet();
                    }
                    key.cancel();
                    toClose.add(ch);
                    done.incrementAndGet();
                }
                sel.selectedKeys().clear();
            }
        }
        long[] cpu = cpuTicks();
        long n = done.get() - atStart[2];
        double user = (cpu[0] - atStart[0]) * 10_000.0 / n;
        double total = (cpu[0] + cpu[1] - atStart[0] - atStart[1]) * 10_000.0 / n;
        System.out.printf("%-10s attempts=%d failed=%d cpu=%.1f%% us/attempt=%.1f (user %.1f)%n", mode, n,
                failed.get(), (cpu[0] + cpu[1] - atStart[0] - atStart[1]) * 1e9 / measure, total, user);
    }

    private static void mark(long[] at, AtomicLong done) throws Exception {
        long[] c = cpuTicks();
        at[0] = c[0];
        at[1] = c[1];
        at[2] = done.get();
    }
}
