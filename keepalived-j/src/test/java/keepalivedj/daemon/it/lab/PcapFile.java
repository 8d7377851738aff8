package keepalivedj.daemon.it.lab;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader for classic pcap files (what {@code tcpdump -w} writes): either byte order, microsecond or nanosecond
 * timestamps, Ethernet link type only. A record cut short at the end of the file (tcpdump still writing) is
 * ignored, so a capture can be read while it runs.
 */
public final class PcapFile {
    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;
    private static final int LINKTYPE_ETHERNET = 1;

    private PcapFile() {
    }

    public static List<WireFrame> read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    public static List<WireFrame> parse(byte[] bytes) throws IOException {
        List<WireFrame> frames = new ArrayList<>();
        if (bytes.length < 24) {
            return frames; // tcpdump has not written its header yet
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
            b.order(ByteOrder.BIG_ENDIAN);
            magic = b.getInt(0);
        }
        if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
            throw new IOException("not a classic pcap file (magic 0x" + Integer.toHexString(b.getInt(0)) + ")");
        }
        boolean nanos = magic == MAGIC_NANOS;
        int linkType = b.getInt(20);
        if (linkType != LINKTYPE_ETHERNET) {
            throw new IOException("pcap link type " + linkType + " (expected 1, Ethernet)");
        }
        int pos = 24;
        while (pos + 16 <= bytes.length) {
            long sec = Integer.toUnsignedLong(b.getInt(pos));
            long frac = Integer.toUnsignedLong(b.getInt(pos + 4));
            int caplen = b.getInt(pos + 8);
            int origlen = b.getInt(pos + 12);
            if (caplen < 0 || pos + 16 + caplen > bytes.length) {
                break; // partial record at the end of a file still being written
            }
            byte[] data = new byte[caplen];
            System.arraycopy(bytes, pos + 16, data, 0, caplen);
            long micros = sec * 1_000_000L + (nanos ? frac / 1000 : frac);
            frames.add(new WireFrame(micros, origlen, data));
            pos += 16 + caplen;
        }
        return frames;
    }
}
