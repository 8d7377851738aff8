package keepalivedj.daemon.it.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ip -ts -n NS monitor address}: every address added or deleted in a host, with its time stamp. */
public final class AddressMonitor implements AutoCloseable {
    private static final Pattern LINE = Pattern.compile(
            "^\\[(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+)\\] (Deleted )?\\d+: (\\S+)\\s+inet6? (\\S+)");

    /** An address event; {@code address} is as ip prints it (with prefix length). */
    public record Event(long micros, boolean added, String ifName, String address) {
        public String ip() {
            return address.contains("/") ? address.substring(0, address.indexOf('/')) : address;
        }
    }

    private final Path out;
    private final Process process;

    private AddressMonitor(Path out, Process process) {
        this.out = out;
        this.process = process;
    }

    static AddressMonitor start(String ns, Path out) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "-ts", "-n", ns, "monitor", "address").redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(150); // ip prints nothing when ready; its netlink socket is bound within a few ms
        if (!p.isAlive()) {
            throw new IOException("ip monitor address in " + ns + " exited with " + p.exitValue());
        }
        return new AddressMonitor(out, p);
    }

    public List<Event> events() throws IOException {
        List<Event> list = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                LocalDateTime t = LocalDateTime.parse(m.group(1));
                long micros = t.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli() * 1000
                        + t.getNano() / 1000 % 1000;
                list.add(new Event(micros, m.group(2) == null, m.group(3), m.group(4)));
            }
        }
        return list;
    }

    /** The first event for ip (added or deleted as asked) at or after the instant. */
    public java.util.Optional<Event> first(String ip, boolean added, long afterMicros) throws IOException {
        return events().stream().filter(e -> e.ip().equals(ip) && e.added() == added && e.micros() >= afterMicros)
                .findFirst();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
