package keepalivedj.daemon.io;

import com.sun.jna.Function;
import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives back the memory that start-up (or a reload) touched and a running daemon no longer uses, once it has
 * settled: the native heap is trimmed, and file pages the process maps but no longer needs leave its resident set.
 *
 * <p>Why: reading the configuration, linking classes and JIT-compiling the hot paths touch most of libjvm's code
 * and of the class-data archive, and the kernel maps a touched page together with its neighbours (fault-around,
 * whole large folios). Those pages stay resident for the life of the process although an idle daemon runs a
 * small part of them: about 29 MB of the 50 MB an idle daemon with 100 instances held were such pages. Dropped,
 * only what runs afterwards comes back, on first use, as a minor fault from the page cache (nothing is read from
 * disk while the file stays cached). Memory pressure would end in the same place; this does it while the daemon
 * is quiet instead of when the host is short of memory.
 *
 * <p>Only a mapping whose resident pages are all exact copies of its file is touched: backed by a file, not
 * writable, and, when private, without a single anonymous (copied-on-write) page, as /proc/self/pagemap shows
 * page by page ({@link #unmodified}). For such a mapping MADV_DONTNEED changes nothing the process can see; for any
 * other it would throw data away. /proc/self/maps and pagemap instead of smaps: smaps walks the page tables of
 * every mapping, the Java heap's included, and its thousands of lines took several ms to read and parse.
 *
 * <p>The one class that makes these calls. They go through JNA's generic call, which pcap4j has already linked at
 * start-up: binding a jnr-ffi interface of their own took about 35 ms of CPU, more than the release itself.
 */
public final class StartupPages {
    private static final int MADV_DONTNEED = 4;
    /** pagemap entry bits (Documentation/admin-guide/mm/pagemap.rst). */
    private static final long PRESENT = 1L << 63;
    private static final long SWAPPED = 1L << 62;
    private static final long FILE_OR_SHARED = 1L << 61;
    /**
     * Mappings smaller than this are left alone: of an idle daemon's 122 read-only file mappings, the 20 of at
     * least 256 KiB held 27.1 of the 29.3 MB, and each mapping costs a pagemap read and a call.
     */
    static final long LEAST_BYTES = 256 * 1024;
    /** pagemap entries read at a time (one per page). */
    private static final int CHUNK = 4096;

    /** What {@link #release} did, and the resident set before and after (KiB, from /proc/self/status). */
    public record Released(int mappings, long rssBeforeKiB, long rssAfterKiB, boolean heapTrimmed, String failure,
                           long micros, long cpuMicros) {
    }

    /** A mapping of /proc/self/maps: [start, end), shared or private, and its file. */
    public record Mapping(long start, long end, boolean shared, String path) {
    }

    private StartupPages() {
    }

    /**
     * Trims the native heap and drops the resident pages of every file mapping that holds only unmodified copies
     * of its file. A mapping that cannot be advised is reported in {@code failure} and the rest still go.
     */
    public static Released release() throws IOException {
        long t0 = System.nanoTime();
        long cpu0 = threadCpuNanos();
        long rss0 = rssKiB();
        boolean trimmed = trimHeap();
        NativeLibrary libc = NativeLibrary.getInstance("c");
        List<Mapping> candidates = readOnlyFiles(Files.readAllLines(Path.of("/proc/self/maps"),
                StandardCharsets.US_ASCII));
        Function madvise = libc.getFunction("madvise", Function.THROW_LAST_ERROR);
        // pagemap has one entry per page of the running kernel (64 KiB on some arm64 kernels): a wrong size would
        // read another range's entries and could pass a mapping with copied pages
        long page = libc.getFunction("getpagesize").invokeInt(new Object[0]);
        int done = 0;
        String failure = null;
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK * 8).order(ByteOrder.nativeOrder());
        long[] entries = new long[CHUNK];
        try (FileChannel pagemap = FileChannel.open(Path.of("/proc/self/pagemap"), StandardOpenOption.READ)) {
            for (Mapping m : candidates) {
                // a shared mapping has no private copies: its pages are the page cache's
                if (!m.shared() && !unmodified(pagemap, m, page, buffer, entries)) {
                    continue;
                }
                try {
                    madvise.invokeInt(new Object[] {new Pointer(m.start()), m.end() - m.start(), MADV_DONTNEED});
                    done++;
                } catch (LastErrorException e) {
                    if (failure == null) {
                        failure = m.path() + ": " + e.getMessage();
                    }
                }
            }
        }
        return new Released(done, rss0, rssKiB(), trimmed, failure, (System.nanoTime() - t0) / 1000,
                cpu0 < 0 ? -1 : (threadCpuNanos() - cpu0) / 1000);
    }

    /**
     * Gives the native heap's free pages back ({@code malloc_trim(0)}): what the JVM's own trimmer would do,
     * without its thread (see the launcher). True when memory went back, false when there was none to give.
     */
    public static boolean trimHeap() {
        return NativeLibrary.getInstance("c").getFunction("malloc_trim").invokeInt(new Object[] {0L}) == 1;
    }

    /** Whether every page of {@code m} that is in memory or swap is a file page (read from pagemap). */
    private static boolean unmodified(FileChannel pagemap, Mapping m, long page, ByteBuffer buffer,
                                      long[] entries) throws IOException {
        if (page <= 0) {
            return false;
        }
        long pages = (m.end() - m.start()) / page;
        for (long done = 0; done < pages; ) {
            int n = (int) Math.min(CHUNK, pages - done);
            buffer.clear().limit(n * 8);
            long at = (m.start() / page + done) * 8;
            while (buffer.hasRemaining()) {
                if (pagemap.read(buffer, at + buffer.position()) < 0) {
                    return false;
                }
            }
            buffer.flip();
            buffer.asLongBuffer().get(entries, 0, n);
            if (!unmodified(entries, n)) {
                return false;
            }
            done += n;
        }
        return true;
    }

    /**
     * Whether the first {@code n} pagemap entries show only file pages: none present without the file bit (an
     * anonymous copy made by a write, a relocation, or a writable start), none swapped out (only anonymous pages
     * go to swap).
     */
    static boolean unmodified(long[] entries, int n) {
        for (int i = 0; i < n; i++) {
            long e = entries[i];
            if ((e & SWAPPED) != 0 || ((e & PRESENT) != 0 && (e & FILE_OR_SHARED) == 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The mappings of a /proc/PID/maps listing that are backed by a file (inode, absolute path, not deleted), not
     * writable, so no page of theirs can be modified from now on, and at least {@link #LEAST_BYTES}. Parsed by hand: whatever runs over it gets
     * JIT-compiled into code the daemon would keep for nothing.
     */
    static List<Mapping> readOnlyFiles(List<String> maps) {
        List<Mapping> out = new ArrayList<>();
        for (String line : maps) {
            Mapping m = readOnlyFile(line);
            if (m != null && m.end() - m.start() >= LEAST_BYTES) {
                out.add(m);
            }
        }
        return out;
    }

    /** "start-end perms offset dev inode path" when backed by a file and not writable; null otherwise. */
    private static Mapping readOnlyFile(String line) {
        int dash = line.indexOf('-');
        int perms = next(line, 0);
        int offset = next(line, perms);
        int dev = next(line, offset);
        int inode = next(line, dev);
        int path = next(line, inode);
        if (dash < 1 || perms < dash || path >= line.length() || line.charAt(perms + 1) != '-'
                || line.charAt(path) != '/' || (line.charAt(inode) == '0' && line.charAt(inode + 1) == ' ')
                || line.endsWith(" (deleted)")) {
            return null;
        }
        try {
            return new Mapping(Long.parseUnsignedLong(line, 0, dash, 16),
                    Long.parseUnsignedLong(line, dash + 1, perms - 1, 16), line.charAt(perms + 3) == 's',
                    line.substring(path));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The start of the field after the one at {@code from} (fields are separated by spaces). */
    private static int next(String line, int from) {
        int i = line.indexOf(' ', from);
        if (i < 0) {
            return line.length();
        }
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** VmRSS from /proc/self/status, -1 when unknown. */
    private static long rssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6, line.length() - 3).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return -1;
    }

    /** This thread's time on CPU (the first field of its schedstat), -1 when unknown. */
    private static long threadCpuNanos() {
        try {
            String s = Files.readString(Path.of("/proc/thread-self/schedstat"), StandardCharsets.US_ASCII);
            return Long.parseLong(s, 0, s.indexOf(' '), 10);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
