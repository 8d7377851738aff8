package keepalivedj.daemon.it.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Memory and CPU of a daemon's processes from /proc: VmRSS (status) and Pss (smaps_rollup) summed over the
 * processes; CPU time as the sum of /proc/PID/task/TID/schedstat (ns on CPU) over every thread, so a JVM's
 * threads count as well as keepalived's single thread. {@code threadCpu} keeps each thread's figure (keyed by
 * TID) for {@link #cpuNanosSince}.
 */
public record Footprint(long rssKiB, long pssKiB, long cpuNanos, int processes, int threads,
        Map<Long, Long> threadCpu) {

    /**
     * CPU time used between {@code earlier} and this reading, thread by thread: a thread that ended in between is
     * left out of both readings (the difference of the two sums would subtract its whole life's CPU time, which
     * made the figure too small, even negative, when a start-up thread such as a second JIT compiler thread
     * ended within the window); a thread that started in between counts in full.
     */
    public long cpuNanosSince(Footprint earlier) {
        long sum = 0;
        for (Map.Entry<Long, Long> t : threadCpu.entrySet()) {
            sum += t.getValue() - earlier.threadCpu.getOrDefault(t.getKey(), 0L);
        }
        return sum;
    }

    public static Footprint of(List<Long> pids) throws IOException {
        long rss = 0;
        long pss = 0;
        long cpu = 0;
        int threads = 0;
        Map<Long, Long> threadCpu = new HashMap<>();
        for (long pid : pids) {
            rss += field(Path.of("/proc/" + pid + "/status"), "VmRSS:");
            pss += field(Path.of("/proc/" + pid + "/smaps_rollup"), "Pss:");
            try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path t : tasks.toList()) {
                    try {
                        long ns = Long.parseLong(Files.readString(t.resolve("schedstat")).trim().split("\\s+")[0]);
                        cpu += ns;
                        threadCpu.put(Long.parseLong(t.getFileName().toString()), ns);
                        threads++;
                    } catch (IOException e) {
                        // thread exited meanwhile
                    }
                }
            }
        }
        return new Footprint(rss, pss, cpu, pids.size(), threads, Map.copyOf(threadCpu));
    }

    private static long field(Path file, String name) throws IOException {
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(name + " not in " + file);
    }
}
