package keepalivedj.daemon.it;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An operator's FIFO reader ({@code while true; do while read l; do ...; done < fifo; done}): the test makes the
 * FIFO, and a shell opens it, records {@code OPEN}, each {@code LINE ...}, and {@code EOF} when the daemon's last
 * descriptor closes, then opens it again. What a reload or a stop does to a reader is in that record.
 *
 * <p>A reader only sees EOF if it runs between the daemon's close and its next open of the FIFO (keepalived's
 * gap on reload is the time it takes to read the configuration: 2.2 ms median, 4.3 ms max in
 * tools/bench/hup-fifo-bench.sh). On this shared two-core machine a
 * reader thread of the test JVM sometimes missed it, so the reader is a shell at real-time priority
 * ({@code chrt -f}): it runs as soon as the kernel wakes it.
 */
final class FifoEvents implements AutoCloseable {
    private static final String READER = String.join("\n",
            "f=$1; out=$2; stop=$3",
            "while :; do",
            "  exec 3<\"$f\" || { echo \"ERROR open\" >> \"$out\"; exit 1; }",
            "  [ -e \"$stop\" ] && exit 0",
            "  echo OPEN >> \"$out\"",
            "  while IFS= read -r l <&3; do echo \"LINE $l\" >> \"$out\"; done",
            "  echo EOF >> \"$out\"",
            "  exec 3<&-",
            "done");
    private final Path path;
    private final Path out;
    private final Path stop;
    private final Process reader;

    private FifoEvents(Path path, Path out, Path stop, Process reader) {
        this.path = path;
        this.out = out;
        this.stop = stop;
        this.reader = reader;
    }

    static FifoEvents make(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", "-m", "0600", path.toString()).redirectErrorStream(true).start();
        if (p.waitFor() != 0) {
            throw new IOException("mkfifo " + path + ": " + new String(p.getInputStream().readAllBytes()));
        }
        Path out = path.resolveSibling(path.getFileName() + ".events");
        Path stop = path.resolveSibling(path.getFileName() + ".stop");
        Files.deleteIfExists(out);
        Files.deleteIfExists(stop);
        Files.createFile(out);
        Process r = new ProcessBuilder("chrt", "-f", "20", "/bin/bash", "-c", READER, "fifo-events", path.toString(),
                out.toString(), stop.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return new FifoEvents(path, out, stop, r);
    }

    List<String> events() {
        try {
            return Files.readAllLines(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of("ERROR " + e);
        }
    }
    /** Adds {@code MARK what} to the record (the reader appends too; each append is one write). */
    void mark(String what) throws IOException {
        Files.writeString(out, "MARK " + what + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Waits (up to {@code millis}) until the last event is EOF: the daemon has closed its FIFO. */
    List<String> awaitEof(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            List<String> e = events();
            if (!e.isEmpty() && e.get(e.size() - 1).equals("EOF")) {
                return e;
            }
            Thread.sleep(20);
        }
        return events();
    }

    /**
     * Each open of the FIFO as it was read: the lines of each instance and group, in order. Different
     * instances' lines of one moment are not compared by their interleaving (keepalived writes a group's line
     * before or after its members' depending on the path), only per name; opens and EOFs are compared exactly.
     */
    static List<String> perName(List<String> events) {
        List<String> out = new ArrayList<>();
        Map<String, List<String>> open = null;
        for (String e : events) {
            if (e.equals("OPEN")) {
                open = new TreeMap<>();
            } else if (e.startsWith("LINE ") && open != null) {
                String[] f = e.substring(5).split(" ");
                open.computeIfAbsent(f[0] + " " + f[1], k -> new ArrayList<>()).add(f[2] + " " + f[3]);
            } else if (e.equals("EOF") && open != null) {
                out.add("OPEN " + open + " EOF");
                open = null;
            } else {
                out.add(e);
            }
        }
        if (open != null) {
            out.add("OPEN " + open + " (still open)");
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        Files.writeString(stop, "");
        if (reader.isAlive()) {
            // a reader waiting in open() for the next writer: open and close the FIFO ourselves to let it go
            try (FileChannel c = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                c.size();
            }
            try {
                if (!reader.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) {
                    reader.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reader.destroyForcibly();
            }
        }
        Files.deleteIfExists(path);
        Files.deleteIfExists(out);
        Files.deleteIfExists(stop);
    }
}
