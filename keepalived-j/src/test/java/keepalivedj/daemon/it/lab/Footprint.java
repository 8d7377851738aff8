package keepalivedj.daemon.it.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Memory and CPU of a daemon's processes from /proc: VmRSS (status) and Pss (smaps_rollup) summed over the
 * processes; CPU time as the sum of /proc/PID/task/TID/schedstat (ns on CPU) over every thread, so a JVM's
 * threads count as well as keepalived's single thread.
 */
public record Footprint(long rssKiB, long pssKiB, long cpuNanos, int processes, int threads) {

    public static Footprint of(List<Long> pids) throws IOException {
        long rss = 0;
        long pss = 0;
        long cpu = 0;
        int threads = 0;
        for (long pid : pids) {
            rss += field(Path.of("/proc/" + pid + "/status"), "VmRSS:");
            pss += field(Path.of("/proc/" + pid + "/smaps_rollup"), "Pss:");
            try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path t : tasks.toList()) {
                    try {
                        cpu += Long.parseLong(Files.readString(t.resolve("schedstat")).trim().split("\\s+")[0]);
                        threads++;
                    } catch (IOException e) {
                        // thread exited meanwhile
                    }
                }
            }
        }
        return new Footprint(rss, pss, cpu, pids.size(), threads);
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
