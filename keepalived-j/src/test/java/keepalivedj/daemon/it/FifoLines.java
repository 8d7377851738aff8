package keepalivedj.daemon.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines a daemon writes to its notify FIFO: the test makes the FIFO (so the daemon, keepalived or keepalived-j,
 * opens an existing one and leaves it in place) and a thread reads it until the daemon's last descriptor closes.
 */
final class FifoLines implements AutoCloseable {
    private final Path path;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private FifoLines(Path path) {
        this.path = path;
        this.reader = new Thread(() -> {
            // opening for reading waits for the daemon's O_RDWR open; EOF comes when the daemon has exited
            try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                String l;
                while ((l = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(l);
                    }
                }
            } catch (IOException e) {
                synchronized (lines) {
                    lines.add("(reading " + path + " failed: " + e + ")");
                }
            }
        }, "fifo-reader");
        reader.setDaemon(true);
    }

    static FifoLines make(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", "-m", "0600", path.toString()).redirectErrorStream(true).start();
        if (p.waitFor() != 0) {
            throw new IOException("mkfifo " + path + ": " + new String(p.getInputStream().readAllBytes()));
        }
        FifoLines f = new FifoLines(path);
        f.reader.start();
        return f;
    }

    /** The lines so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The lines once the daemon has closed the FIFO (waits up to {@code millis}). */
    List<String> awaitEnd(long millis) throws InterruptedException {
        reader.join(millis);
        return lines();
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(path);
    }
}
