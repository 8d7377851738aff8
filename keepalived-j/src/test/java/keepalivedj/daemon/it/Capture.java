package keepalivedj.daemon.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * tcpdump on the lab's bridge (inside the switch namespace) writing VRRP and ARP frames to a pcap file, read back
 * as {@link Frame}s with the kernel's capture timestamps. Started before the daemons, stopped before reading.
 * Immediate mode: without it libpcap hands frames over in blocks up to 1 s late, and a snapshot misses them.
 */
public final class Capture implements AutoCloseable {
    /** One captured frame: µs timestamp, Ethernet source, and what it is. */
    public record Frame(long timeUs, String srcMac, Kind kind, String srcIp, int vrid, int priority, int version,
                        String arpIp) {
    }

    public enum Kind { ADVERT, GARP, NA, OTHER }

    private final Process process;
    private final Path file;

    private Capture(Process process, Path file) {
        this.process = process;
        this.file = file;
    }

    public static Capture start(VrrpLab lab) throws IOException, InterruptedException {
        Path file = Files.createTempFile("kj-capture-", ".pcap");
        Path err = Files.createTempFile("kj-capture-", ".err");
        Process p = new ProcessBuilder("ip", "netns", "exec", lab.switchNs().name(), "tcpdump", "-i", "br0", "-n",
                "--immediate-mode", "-U", "-s", "256", "-w", file.toString(), "vrrp or arp or icmp6 or ip6 proto 112")
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long end = System.nanoTime() + 10_000_000_000L;
        while (!Files.readString(err).contains("listening on")) {
            if (!p.isAlive() || System.nanoTime() > end) {
                p.destroyForcibly();
                throw new IOException("tcpdump did not start: " + Files.readString(err));
            }
            Thread.sleep(10);
        }
        Files.deleteIfExists(err);
        return new Capture(p, file);
    }

    /** Stops tcpdump and parses what it wrote. */
    public List<Frame> stop() throws IOException, InterruptedException {
        close();
        return read(file);
    }

    /** What tcpdump has written so far (it writes each packet at once with -U). */
    public List<Frame> snapshot() throws IOException {
        return read(file);
    }

    static List<Frame> read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<Frame> out = new ArrayList<>();
        if (b.remaining() < 24) {
            return out;
        }
        int magic = b.getInt(0);
        boolean nanos = magic == 0xa1b23c4d;
        b.position(24);
        HexFormat hex = HexFormat.ofDelimiter(":");
        while (b.remaining() >= 16) {
            long sec = b.getInt() & 0xFFFFFFFFL;
            long frac = b.getInt() & 0xFFFFFFFFL;
            int incl = b.getInt();
            b.getInt();
            if (b.remaining() < incl) {
                break;
            }
            byte[] f = new byte[incl];
            b.get(f);
            long us = sec * 1_000_000 + (nanos ? frac / 1000 : frac);
            String src = hex.formatHex(f, 6, 12);
            int type = (f[12] & 0xFF) << 8 | (f[13] & 0xFF);
            if (type == 0x0800 && f.length >= 34 && (f[23] & 0xFF) == 112) {
                int v = 14 + (f[14] & 0x0F) * 4;
                out.add(new Frame(us, src, Kind.ADVERT, ip(f, 26), f[v + 1] & 0xFF, f[v + 2] & 0xFF,
                        (f[v] & 0xFF) >> 4, null));
            } else if (type == 0x86DD && f.length >= 62) {
                int nh = f[20] & 0xFF;
                String src6 = ip6(f, 22);
                if (nh == 112) {
                    out.add(new Frame(us, src, Kind.ADVERT, src6, f[55] & 0xFF, f[56] & 0xFF, (f[54] & 0xFF) >> 4,
                            null));
                } else if (nh == 58 && (f[54] & 0xFF) == 136 && f.length >= 78) {
                    out.add(new Frame(us, src, Kind.NA, src6, 0, 0, 0, ip6(f, 62)));
                } else {
                    out.add(new Frame(us, src, Kind.OTHER, src6, 0, 0, 0, null));
                }
            } else if (type == 0x0806 && f.length >= 42) {
                String sender = ip(f, 28);
                boolean gratuitous = sender.equals(ip(f, 38));
                out.add(new Frame(us, src, gratuitous ? Kind.GARP : Kind.OTHER, null, 0, 0, 0, sender));
            } else {
                out.add(new Frame(us, src, Kind.OTHER, null, 0, 0, 0, null));
            }
        }
        return out;
    }

    /** IPv6 text as InetAddress prints it (full form, lower case). */
    private static String ip6(byte[] f, int off) {
        try {
            return java.net.InetAddress.getByAddress(java.util.Arrays.copyOfRange(f, off, off + 16)).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ip(byte[] f, int off) {
        return (f[off] & 0xFF) + "." + (f[off + 1] & 0xFF) + "." + (f[off + 2] & 0xFF) + "." + (f[off + 3] & 0xFF);
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            process.destroy();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
    }

    public Path file() {
        return file;
    }
}
