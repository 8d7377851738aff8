package keepalivedj.daemon.io;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import keepalivedj.daemon.it.Netns;

/** The test's side of a {@link LinkAgent} child JVM running inside a namespace; {@link #close()} ends it. */
final class Agent implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Writer stdin;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final File stderr;

    private Agent(String name, Process process, File stderr) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("error stdout: " + e);
            }
        }, "agent-out-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    static Agent start(Netns ns) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(),
                System.getProperty("java.home") + "/bin/java", "-Xmx64m", "-XX:+UseSerialGC",
                "-Dorg.pcap4j.core.pcapLibName=" + System.getProperty("org.pcap4j.core.pcapLibName",
                        "libpcap.so.0.8"),
                "-cp", System.getProperty("java.class.path"), LinkAgent.class.getName()));
        File err = File.createTempFile("pcap-agent-" + ns.name(), ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err).start();
        Agent agent = new Agent(ns.name(), p, err);
        try {
            agent.expect("ready", 30_000);
        } catch (IOException | RuntimeException | AssertionError e) {
            agent.close();
            throw e;
        }
        return agent;
    }

    /** Sends one command and returns its one-line answer; fails the test on "error ..." or silence. */
    String call(String command, long timeoutMillis) throws IOException {
        stdin.write(command + "\n");
        stdin.flush();
        String answer = next(timeoutMillis, command);
        if (answer.startsWith("error")) {
            throw new AssertionError(name + ": " + abbreviate(command) + " -> " + answer + stderrText());
        }
        return answer;
    }

    /** Sends a command that must fail and returns its "error ..." answer. */
    String callExpectingError(String command) throws IOException {
        stdin.write(command + "\n");
        stdin.flush();
        String answer = next(15_000, command);
        if (!answer.startsWith("error")) {
            throw new AssertionError(name + ": " + abbreviate(command) + " should have failed, got " + answer);
        }
        return answer;
    }

    String call(String command) throws IOException {
        return call(command, 15_000);
    }

    private void expect(String line, long timeoutMillis) throws IOException {
        String got = next(timeoutMillis, "(start)");
        if (!got.equals(line)) {
            throw new AssertionError(name + ": expected " + line + ", got " + got + stderrText());
        }
    }

    private String next(long timeoutMillis, String command) throws IOException {
        try {
            String line = lines.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError(name + ": no answer to " + abbreviate(command) + " within "
                        + timeoutMillis + " ms" + stderrText());
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    String stderrText() {
        try {
            String text = Files.readString(stderr.toPath());
            return text.isBlank() ? "" : "\n--- agent stderr ---\n" + text;
        } catch (IOException e) {
            return "";
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    @Override
    public void close() {
        try {
            stdin.write("exit\n");
            stdin.flush();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stderr.delete();
    }
}
