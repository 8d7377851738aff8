package keepalivedj.daemon.track;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import keepalivedj.conf.ConfigLoader;
import keepalivedj.conf.Diagnostics;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.conf.model.KeepalivedConfig;
import keepalivedj.conf.syntax.SourceReader;
import keepalivedj.daemon.LabHost;
import keepalivedj.daemon.log.DaemonLog;

/**
 * Benchmark (not a test; tools/bench/trackers-prepare-bench.sh): how long {@link Trackers#prepare} takes, which is
 * the time the VRRP loop was held at start-up and on every SIGHUP while it did this work itself (init_file, the
 * first read of every track_file, the first /proc scan). Each configuration is prepared and closed RUNS times after
 * WARM unmeasured rounds; prints a table of the median, 90th percentile and maximum.
 */
public final class TrackersBench {
    private TrackersBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path dir = Files.createTempDirectory("kj-trackers-bench-");
        try {
            Map<String, String> configs = new LinkedHashMap<>();
            configs.put("1 track_file", files(dir, 1, false));
            configs.put("10 track_files, init_file", files(dir, 10, true));
            configs.put("1 track_process (name)", process("sleep", false, 2));
            configs.put("1 track_process (full_command)", process("/bin/sleep 1000", true, 2));
            configs.put("10 track_files + 2 track_processes", files(dir, 10, true) + process("sleep", false, 2)
                    + process("/bin/sleep 1000", true, 3));
            DaemonLog log = new DaemonLog(new PrintStream(OutputStream.nullOutputStream()), null, 0);
            Trackers.Listener ignore = new Trackers.Listener() {
                @Override
                public void fileValue(Trackers from, String trackFile, long value) {
                }

                @Override
                public void processQuorum(Trackers from, String trackProcess, boolean up) {
                }
            };
            String[] procs = new java.io.File("/proc").list((d, n) -> n.matches("\\d+"));
            System.out.printf("Trackers.prepare (the loop's former share of start-up and SIGHUP), %d runs after %d"
                    + " warm-up, %d processes in /proc%n", runs, warm, procs == null ? 0 : procs.length);
            System.out.printf("%-36s %10s %10s %10s%n", "configuration", "median ms", "p90 ms", "max ms");
            int n = 0;
            for (Map.Entry<String, String> e : configs.entrySet()) {
                KeepalivedConfig cfg = load(dir.resolve("bench" + n++ + ".conf"), e.getValue());
                if (cfg == null || cfg.vrrp().instances().isEmpty()) {
                    throw new IllegalStateException("configuration '" + e.getKey() + "' did not load");
                }
                long[] ns = new long[runs];
                for (int k = -warm; k < runs; k++) {
                    long t0 = System.nanoTime();
                    Trackers t = Trackers.prepare(cfg, false, log, ignore);
                    long took = System.nanoTime() - t0;
                    t.close();
                    if (k >= 0) {
                        ns[k] = took;
                    }
                }
                Arrays.sort(ns);
                System.out.printf("%-36s %10.3f %10.3f %10.3f%n", e.getKey(), ns[runs / 2] / 1e6,
                        ns[(int) (runs * 0.9)] / 1e6, ns[runs - 1] / 1e6);
            }
        } finally {
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String files(Path dir, int count, boolean initFile) {
        StringBuilder b = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            String name = "tf" + k;
            names.add(name);
            b.append("track_file ").append(name).append(" {\n file ").append(dir.resolve(name))
                    .append(initFile ? "\n init_file " + k + " overwrite" : "").append("\n}\n");
        }
        b.append("vrrp_instance VI_F {\n interface kjb0\n virtual_router_id 1\n virtual_ipaddress {\n  10.0.0.1\n }\n"
                + " track_file {\n");
        names.forEach(n -> b.append("  ").append(n).append(" weight 1\n"));
        return b.append(" }\n}\n").toString();
    }

    private static String process(String process, boolean fullCommand, int vrid) {
        String name = fullCommand ? "tpfull" : "tpname";
        return "vrrp_track_process " + name + " {\n process " + process + "\n" + (fullCommand ? " full_command\n" : "")
                + "}\nvrrp_instance VI_" + name + " {\n interface kjb0\n virtual_router_id " + vrid + "\n"
                + " virtual_ipaddress {\n  10.0.0." + vrid + "\n }\n track_process {\n  " + name + "\n }\n}\n";
    }

    private static KeepalivedConfig load(Path file, String text) throws Exception {
        Files.writeString(file, text);
        HostEnvironment host = new LabHost("kjb");
        Diagnostics d = new Diagnostics();
        return ConfigLoader.bind(SourceReader.read(file, new SourceReader.Options("t", false, host,
                new SplittableRandom(1)), d), host, d).config();
    }
}
