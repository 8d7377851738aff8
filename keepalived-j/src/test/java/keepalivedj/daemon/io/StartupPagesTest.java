package keepalivedj.daemon.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupPagesTest {
    private static final int PAGES = 256;
    private static final int PAGE = 4096;

    @Test
    void candidatesAreFileMappingsThatCannotBeWritten() {
        List<String> maps = List.of(
                "7f0000000000-7f0000100000 r-xp 00000000 08:01 1234   /usr/lib/jvm/lib/server/libjvm.so",
                "7f0000100000-7f0000200000 r--p 00100000 08:01 1234   /usr/lib/jvm/lib/server/libjvm.so",
                "7f0000200000-7f0000300000 rw-p 00200000 08:01 99     /opt/kj/keepalived-j-daemon.jsa",
                "7f0000300000-7f0000400000 r--s 00000000 08:01 55     /usr/lib/jvm/lib/modules",
                "7f0000400000-7f0000500000 r--p 00000000 00:00 0 ",
                "7f0000500000-7f0000600000 rw-s 00000000 00:08 7      socket:[117715900]",
                "7ffd00000000-7ffd00002000 r-xp 00000000 00:00 0      [vdso]",
                "7f0000700000-7f0000800000 r-xp 00000000 08:01 56     /usr/lib/libold.so (deleted)",
                "7f0000800000-7f0000900000 rwxp 00000000 08:01 57     /usr/lib/libtext.so",
                // too small to be worth a call
                "7f0000900000-7f000093f000 r-xp 00000000 08:01 58     /usr/lib/libsmall.so",
                "7f0000a00000-7f0000a40000 r-xp 00000000 08:01 59     /usr/lib/libquarter.so",
                "not a mapping");
        assertEquals(List.of(
                new StartupPages.Mapping(0x7f0000000000L, 0x7f0000100000L, false, "/usr/lib/jvm/lib/server/libjvm.so"),
                new StartupPages.Mapping(0x7f0000100000L, 0x7f0000200000L, false, "/usr/lib/jvm/lib/server/libjvm.so"),
                new StartupPages.Mapping(0x7f0000300000L, 0x7f0000400000L, true, "/usr/lib/jvm/lib/modules"),
                new StartupPages.Mapping(0x7f0000a00000L, 0x7f0000a40000L, false, "/usr/lib/libquarter.so")),
                StartupPages.readOnlyFiles(maps));
    }

    @Test
    void aSingleAnonymousOrSwappedPageKeepsTheMapping() {
        long present = 1L << 63;
        long swapped = 1L << 62;
        long file = 1L << 61;
        long[] clean = {0, present | file | 0x1234, 0, present | file};
        assertTrue(StartupPages.unmodified(clean, clean.length));
        long[] copied = {present | file, present | 0x99, 0};
        assertFalse(StartupPages.unmodified(copied, copied.length));
        long[] inSwap = {present | file, swapped | 0x5};
        assertFalse(StartupPages.unmodified(inSwap, inSwap.length));
        assertTrue(StartupPages.unmodified(copied, 1), "only the first n entries count");
    }

    /**
     * In this JVM: a read-only file mapping that was read in full loses its resident pages and still reads the
     * same; a private writable mapping with a modified page keeps it (dropping that page would revert it to the
     * file's bytes).
     */
    @Test
    void dropsResidentCopiesAndKeepsModifiedPages(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pages.bin");
        byte[] content = new byte[PAGES * PAGE];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + (i >>> 12));
        }
        Files.write(file, content);
        Path privateFile = dir.resolve("private.bin");
        Files.write(privateFile, content);
        try (FileChannel ro = FileChannel.open(file, StandardOpenOption.READ);
             FileChannel rw = FileChannel.open(privateFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer shared = ro.map(FileChannel.MapMode.READ_ONLY, 0, content.length);
            MappedByteBuffer copy = rw.map(FileChannel.MapMode.PRIVATE, 0, content.length);
            long sum = 0;
            for (int p = 0; p < PAGES; p++) {
                sum += shared.get(p * PAGE);
                sum += copy.get(p * PAGE);
            }
            copy.put(5 * PAGE + 7, (byte) 0x5a); // copy-on-write: this page is now the process's own
            assertTrue(sum != Long.MIN_VALUE);
            assertEquals(PAGES * PAGE / 1024, resident(file), "every page read is resident");
            long privateBefore = resident(privateFile);
            // read-only mappings with copied pages (the libraries' relocated data after RELRO): pagemap must keep
            // them; dropping their copies would put the unrelocated bytes back
            Map<String, Long> copiedBefore = readOnlyWithCopies();
            assertFalse(copiedBefore.isEmpty(), "a JVM has relocated read-only data");

            StartupPages.Released r = StartupPages.release();

            assertNull(r.failure());
            assertTrue(r.mappings() > 0 && r.rssBeforeKiB() - r.rssAfterKiB() >= PAGES * PAGE / 1024, r.toString());
            assertEquals(0, resident(file), "the read-only mapping's pages were dropped");
            assertEquals(privateBefore, resident(privateFile), "the private writable mapping is left alone");
            assertEquals((byte) 0x5a, copy.get(5 * PAGE + 7), "the modified page keeps its change");
            assertEquals(copiedBefore, readOnlyWithCopies(), "copied pages of read-only mappings stay");
            for (int i = 0; i < content.length; i += 509) {
                assertEquals(content[i], shared.get(i), "byte " + i + " reads back from the file");
            }
            assertTrue(resident(file) > 0, "reading brought pages back");
        }
    }

    /**
     * Freed malloc chunks below one still in use stay resident (free() only gives back the top of an arena):
     * {@link StartupPages#trimHeap} returns them. 32 MiB of 32 KiB blocks (under the mmap threshold, so they come
     * from an arena), all freed but the last.
     */
    @Test
    void trimHeapGivesBackFreedChunksBelowAUsedOne() throws IOException {
        int blocks = 1024;
        long size = 32 * 1024;
        long[] peers = new long[blocks];
        for (int i = 0; i < blocks; i++) {
            peers[i] = com.sun.jna.Native.malloc(size);
            assertTrue(peers[i] != 0, "malloc failed");
            new com.sun.jna.Pointer(peers[i]).setMemory(0, size, (byte) 1); // resident now
        }
        try {
            for (int i = 0; i < blocks - 1; i++) {
                com.sun.jna.Native.free(peers[i]);
                peers[i] = 0;
            }
            long before = rssKiB();
            assertTrue(StartupPages.trimHeap(), "malloc_trim gave nothing back");
            long after = rssKiB();
            assertTrue(before - after >= 24 * 1024, "resident " + before + " -> " + after + " KiB");
        } finally {
            for (long p : peers) {
                if (p != 0) {
                    com.sun.jna.Native.free(p);
                }
            }
        }
    }

    private static long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        throw new AssertionError("no VmRSS");
    }

    /** Header line → Anonymous KiB of this process's non-writable file mappings that have copied pages. */
    private static Map<String, Long> readOnlyWithCopies() throws IOException {
        Map<String, Long> out = new TreeMap<>();
        String header = null;
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"), StandardCharsets.US_ASCII)) {
            String[] f = line.trim().split("\\s+");
            if (!f[0].endsWith(":")) { // a mapping's header; its fields follow as "Name: value" lines
                header = f.length >= 6 && f[5].startsWith("/") && f[1].charAt(1) == '-' ? line : null;
            } else if (header != null && line.startsWith("Anonymous:") && !"0".equals(f[1])) {
                out.put(header, Long.parseLong(f[1]));
            }
        }
        return out;
    }

    /** The resident KiB of this process's mapping of {@code file}. */
    private static long resident(Path file) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"), StandardCharsets.US_ASCII);
        String name = file.toRealPath().toString();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(" " + name)) {
                for (int j = i + 1; j < lines.size(); j++) {
                    if (lines.get(j).startsWith("Rss:")) {
                        return Long.parseLong(lines.get(j).trim().split("\\s+")[1]);
                    }
                }
            }
        }
        throw new AssertionError("no mapping of " + name);
    }
}
