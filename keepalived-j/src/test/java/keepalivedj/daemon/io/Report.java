package keepalivedj.daemon.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Measurements the tests report (never assert on): printed and appended to target/pcap-measurements.txt. */
final class Report {
    private Report() {
    }

    static void line(String text) {
        System.out.println("[pcap-measurement] " + text);
        try {
            Path file = Path.of("target", "pcap-measurements.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text + System.lineSeparator(), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("cannot write the measurement file: " + e);
        }
    }
}
