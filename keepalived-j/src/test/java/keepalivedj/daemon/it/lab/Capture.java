package keepalivedj.daemon.it.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import keepalivedj.daemon.it.Netns;

/**
 * {@code tcpdump -i br0 -n -U -s 256 -w FILE vrrp or arp} in the lab's switch namespace, as the baseline was
 * taken (plus --immediate-mode, so frames reach the file at once instead of a ring-buffer block later; the
 * kernel's time stamps are the same either way): the bridge is promiscuous, so every frame between the lab's
 * hosts is seen once, stamped with the same clock for every host. {@link #frames()} reads what has been written
 * so far (-U writes each packet at once).
 */
public final class Capture implements AutoCloseable {
    private static final long SETTLE_MILLIS = 50;

    private final Path file;
    private final Path err;
    private final Process process;

    private Capture(Path file, Path err, Process process) {
        this.file = file;
        this.err = err;
        this.process = process;
    }

    /** The filter for {@link #start(Netns)}: VRRP and ARP, plus VRRPv3 over IPv6 and ICMPv6 (NA). */
    public static final String VRRP_ARP_AND_IPV6 = "vrrp or arp or icmp6 or ip6 proto 112";

    /**
     * A capture on {@code br0} of a switch namespace that is not a {@link VrrpLab}'s (the daemon ITs' own
     * two-host labs), VRRP v2/v3 over IPv4 and IPv6, ARP and ICMPv6, to a temporary file. The caller closes it.
     */
    public static Capture start(Netns switchNs) throws IOException, InterruptedException {
        Path file = Files.createTempFile("kj-capture-", ".pcap");
        return start(switchNs.name(), "br0", file, VRRP_ARP_AND_IPV6);
    }

    static Capture start(String switchNs, String bridge, Path file, String filter)
            throws IOException, InterruptedException {
        Path err = file.resolveSibling(file.getFileName() + ".stderr");
        Process p = new ProcessBuilder("ip", "netns", "exec", switchNs, "tcpdump", "-i", bridge, "--immediate-mode",
                "-n", "-U", "-s", "256", "-w", file.toString(), filter)
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Capture c = new Capture(file, err, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.exists(err) && Files.readString(err).contains("listening on")) {
                return c;
            }
            if (!p.isAlive()) {
                throw new IOException("tcpdump exited (" + p.exitValue() + "): " + Files.readString(err));
            }
            Thread.sleep(20);
        }
        c.close();
        throw new IOException("tcpdump did not start listening on " + bridge + " within 10 s");
    }

    public Path file() {
        return file;
    }

    /** Every frame captured so far. */
    public List<WireFrame> frames() throws IOException {
        return Files.exists(file) ? PcapFile.read(file) : List.of();
    }

    /** Stops tcpdump (it flushes on SIGTERM) and returns every frame it captured. */
    public List<WireFrame> stop() throws IOException {
        close();
        return frames();
    }

    /** The VRRP adverts captured so far, in order. */
    public Adverts adverts() throws IOException {
        try {
            Thread.sleep(SETTLE_MILLIS); // let tcpdump write what the kernel handed it a moment ago
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Adverts(frames());
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: tcpdump flushes and exits
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
