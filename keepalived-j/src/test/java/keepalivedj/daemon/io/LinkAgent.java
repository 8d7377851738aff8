package keepalivedj.daemon.io;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Stream;

import keepalivedj.healthcheck.io.LinuxSockets;

/**
 * A child JVM that drives the adapter inside one network namespace ({@code ip netns exec NS java ... LinkAgent}):
 * reads one command per line on stdin and answers one line on stdout. Test code only.
 */
public final class LinkAgent {
    private PcapLink link;
    private Thread readerThread;
    private LinkedBlockingQueue<ReceivedFrame> frames = new LinkedBlockingQueue<>();
    private RawIpSender raw;
    /** sendipon's senders, by interface (sendip and stampip share {@link #raw}, made for their first interface). */
    private final java.util.Map<String, RawIpSender> rawByInterface = new java.util.HashMap<>();
    private final List<MulticastMembership> joins = new ArrayList<>();
    private final CountDownLatch held = new CountDownLatch(1);

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        LinkAgent agent = new LinkAgent();
        out.println("ready");
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("exit")) {
                break;
            }
            String answer;
            try {
                answer = agent.handle(line.split(" ", 2)[0], line.contains(" ") ? line.split(" ", 2)[1] : "");
            } catch (Exception | Error e) {
                answer = "error " + e.toString().replace('\n', ' ');
            }
            out.println(answer);
        }
        agent.shutdown();
    }

    /** The agent's raw IP sender, opened on {@code ifName} at first use. */
    private RawIpSender raw(String ifName) throws java.io.IOException {
        if (raw == null) {
            raw = RawIpSender.open(ifName, NetworkInterface.getByName(ifName).getIndex());
        }
        return raw;
    }

    private String handle(String command, String rest) throws Exception {
        String[] a = rest.isEmpty() ? new String[0] : rest.split(" ");
        switch (command) {
            case "open": // open IF plain|failfirst|held|SNAPLEN FILTER... (held: the sink blocks until "release")
                return open(a[0], a[1], rest.split(" ", 3)[2]);
            case "close":
                return close();
            case "send":
                return "ok " + link.send(Frames.unhex(a[0]));
            case "sendbuf":
                return "ok " + link.send(ByteBuffer.wrap(Frames.unhex(a[0])));
            case "sendip": // sendip IF HEX
                return "ok " + raw(a[0]).send(Frames.unhex(a[1])) + " errors=" + raw.sendErrors();
            case "sendipon": { // sendipon IF HEX: like sendip, with a sender of that interface's own, kept
                RawIpSender r = rawByInterface.get(a[0]);
                if (r == null) {
                    r = RawIpSender.open(a[0], NetworkInterface.getByName(a[0]).getIndex());
                    rawByInterface.put(a[0], r);
                }
                return "ok " + r.send(Frames.unhex(a[1])) + " errors=" + r.sendErrors();
            }
            case "sendipwait": { // sendipwait IF N HEX: N copies of the IP packet from the event loop's timer wait
                byte[] ip = Frames.unhex(a[2]);
                byte[] frame = Frames.ether("00:00:00:00:00:00", "00:00:00:00:00:00", // as the frame cache holds it
                        (ip[0] & 0xf0) == 0x40 ? 0x0800 : 0x86dd, ip);
                int id = ((ip[4] & 0xff) << 8 | ip[5] & 0xff) - 1; // the wait sends ID + 1 first
                try (LinuxSockets.TimerWait wait = LinuxSockets.TimerWait.open()) {
                    long[] at = new long[Integer.parseInt(a[1])];
                    return "ok " + wait.await(System.nanoTime() / 1000 + 1000, raw(a[0]).advertSender(frame), frame,
                            frame.length, id, 10_000, Long.MAX_VALUE, at);
                }
            }
            case "stamp": // stamp N INTERVAL_US OFFSET HEX: sends N frames with System.nanoTime() at OFFSET
                return stamp(Integer.parseInt(a[0]), Long.parseLong(a[1]), Integer.parseInt(a[2]),
                        Frames.unhex(a[3]), f -> link.send(f));
            case "stampip": // stampip IF N INTERVAL_US OFFSET HEX: the same with IP packets through RawIpSender
                return stamp(Integer.parseInt(a[1]), Long.parseLong(a[2]), Integer.parseInt(a[3]),
                        Frames.unhex(a[4]), raw(a[0])::send);
            case "recv": // recv N TIMEOUT_MS: up to N frames, until TIMEOUT_MS passed
                return recv(Integer.parseInt(a[0]), Long.parseLong(a[1]));
            case "join": // join IF GROUP
                joins.add(MulticastMembership.join(NetworkInterface.getByName(a[0]), InetAddress.getByName(a[1])));
                return "ok";
            case "leave":
                for (MulticastMembership m : joins) {
                    m.close();
                }
                joins.clear();
                return "ok";
            case "waiting": // PcapLink.framesWaiting: frames in the kernel or in the receive thread's hands
                return "ok " + link.framesWaiting();
            case "release": // lets a held sink go on
                held.countDown();
                return "ok";
            case "status":
                return "ok receiving=" + link.isReceiving() + " packetSocket=" + link.sendsOnPacketSocket() + " "
                        + link.counters();
            case "facts":
                return "ok " + InterfaceFacts.read(a[0]);
            case "wakes": // the receive thread's voluntary context switches so far (each wake-up from libpcap is one)
                return "ok " + switches(findTask(readerThread.getName()))[0];
            case "idle": // idle SECONDS: CPU time and context switches of the receive thread while idle
                return idle(Long.parseLong(a[0]));
            default:
                return "error unknown command " + command;
        }
    }

    private String open(String ifName, String mode, String filter) throws Exception {
        boolean failFirst = mode.equals("failfirst");
        boolean hold = mode.equals("held");
        int snaplen = mode.matches("[0-9]+") ? Integer.parseInt(mode) : PcapLink.VRRP_SNAPLEN;
        LinkedBlockingQueue<ReceivedFrame> queue = new LinkedBlockingQueue<>();
        AtomicBoolean failed = new AtomicBoolean();
        FrameSink sink = f -> {
            if (failFirst && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("sink failure injected by the test");
            }
            if (hold) {
                try {
                    held.await(); // the receive thread stays here, as a starved one would stay elsewhere
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            queue.add(f);
        };
        String bpf = filter.equals("vrrp") ? PcapLink.VRRP_FILTER : filter;
        PcapLink.Spec spec = new PcapLink.Spec(ifName, bpf, snaplen, PcapLink.DEFAULT_BUFFER_BYTES);
        link = PcapLink.open(spec, sink, r -> {
            Thread t = new Thread(r, "pcap-rx-" + ifName);
            t.setDaemon(true);
            readerThread = t;
            return t;
        }, System::nanoTime);
        frames = queue;
        return "ok";
    }

    private String close() throws InterruptedException {
        long[] readerEnd = new long[1];
        Thread watcher = new Thread(() -> {
            try {
                readerThread.join();
                readerEnd[0] = System.nanoTime();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        watcher.start();
        while (watcher.getState() != Thread.State.WAITING // only time what happens after it is in join()
                && watcher.getState() != Thread.State.TERMINATED) { // (the reader may have stopped already)
            Thread.onSpinWait();
        }
        long start = System.nanoTime();
        link.close();
        long end = System.nanoTime();
        watcher.join(1000);
        return String.format("ok readerMillis=%.2f millis=%.2f alive=%b", (readerEnd[0] - start) / 1e6,
                (end - start) / 1e6, readerThread.isAlive());
    }

    private String stamp(int n, long intervalMicros, int offset, byte[] template, Predicate<byte[]> sender) {
        int failed = 0;
        long sendNanos = 0;
        for (int i = 0; i < n; i++) {
            byte[] f = template.clone();
            long t0 = System.nanoTime();
            ByteBuffer.wrap(f).putLong(offset, t0);
            if (!sender.test(f)) {
                failed++;
            }
            sendNanos += System.nanoTime() - t0;
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(intervalMicros));
        }
        return String.format("ok sent=%d failed=%d meanSendMicros=%.1f", n - failed, failed, sendNanos / 1e3 / n);
    }

    private String recv(int n, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        StringBuilder sb = new StringBuilder("frames");
        for (int i = 0; i < n; i++) {
            ReceivedFrame f = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (f == null) {
                break;
            }
            sb.append(' ').append(f.receivedNanos()).append(':').append(Frames.hex(f.frame()));
        }
        return sb.toString();
    }

    private String idle(long seconds) throws Exception {
        var mx = ManagementFactory.getThreadMXBean();
        Path task = findTask(readerThread.getName());
        long cpu0 = mx.getThreadCpuTime(readerThread.getId());
        long[] cs0 = switches(task);
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long cpu1 = mx.getThreadCpuTime(readerThread.getId());
        long[] cs1 = switches(task);
        return String.format("ok cpuMicros=%d voluntary=%d involuntary=%d alive=%b", (cpu1 - cpu0) / 1000,
                cs1[0] - cs0[0], cs1[1] - cs0[1], readerThread.isAlive());
    }

    /** The /proc/self/task/TID directory of the thread named {@code name} (comm is the name, cut to 15). */
    private static Path findTask(String name) throws Exception {
        String comm = name.length() > 15 ? name.substring(0, 15) : name;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                if (Files.readString(t.resolve("comm")).trim().equals(comm)) {
                    return t;
                }
            }
        }
        throw new IllegalStateException("no task named " + comm);
    }

    private static long[] switches(Path task) throws Exception {
        long[] r = new long[2];
        for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                r[0] = Long.parseLong(line.split("\\s+")[1]);
            } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                r[1] = Long.parseLong(line.split("\\s+")[1]);
            }
        }
        return r;
    }

    private void shutdown() throws Exception {
        if (link != null) {
            link.close();
        }
        rawByInterface.values().forEach(RawIpSender::close);
        if (raw != null) {
            raw.close();
        }
        handle("leave", "");
    }
}
