package keepalivedj.vrrp.packet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Minimal classic-pcap reader for the conformance captures; fails loudly when they are missing. */
public final class Pcap {
    /** One captured frame: its timestamp in µs since the epoch and its bytes. */
    public record Frame(int number, long timestampUs, byte[] data) {
    }

    private Pcap() {
    }

    /** {@code <repo>/../shared/conformance/pcaps}, from -Dkeepalivedj.root or by walking up from the working dir. */
    public static Path pcapDir() {
        String root = System.getProperty("keepalivedj.root");
        List<Path> tried = new ArrayList<>();
        if (root != null && !root.isBlank()) {
            Path p = Path.of(root).toAbsolutePath().resolve("../shared/conformance/pcaps").normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
            tried.add(p);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("../shared/conformance/pcaps").normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
            tried.add(p);
        }
        throw new AssertionError("golden captures not found; looked in " + tried
                + " (expected: ../shared/conformance/pcaps next to the repository)");
    }

    public static List<Frame> read(String name) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(pcapDir().resolve(name)));
        in.order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt();
        if (magic == 0xd4c3b2a1) {
            in.order(ByteOrder.BIG_ENDIAN);
        } else if (magic != 0xa1b2c3d4) {
            throw new IOException(name + ": not a classic µs pcap (magic " + Integer.toHexString(magic) + ")");
        }
        in.position(20);
        int linkType = in.getInt();
        if (linkType != 1) {
            throw new IOException(name + ": link type " + linkType + " (expected: 1, Ethernet)");
        }
        List<Frame> frames = new ArrayList<>();
        while (in.remaining() >= 16) {
            long sec = in.getInt() & 0xFFFF_FFFFL;
            long usec = in.getInt() & 0xFFFF_FFFFL;
            int incl = in.getInt();
            int orig = in.getInt();
            if (incl != orig) {
                throw new IOException(name + ": frame " + (frames.size() + 1) + " was truncated by the capture");
            }
            byte[] data = new byte[incl];
            in.get(data);
            frames.add(new Frame(frames.size() + 1, sec * 1_000_000 + usec, data));
        }
        return frames;
    }

    public static List<String> names() throws IOException {
        try (var s = Files.list(pcapDir())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pcap")).sorted().toList();
        }
    }
}
