package keepalivedj.daemon.it.lab;

import java.io.IOException;
import java.util.List;

import keepalivedj.daemon.it.Netns;

/** Runs short commands for the lab and fails loudly with their stderr. */
final class Sh {
    private Sh() {
    }

    static Netns.Result run(List<String> cmd) throws IOException, InterruptedException {
        Netns.Result r = Netns.Result.of(cmd, 20);
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (" + r.exitCode() + "): " + r.stderr().trim());
        }
        return r;
    }

    static Netns.Result tryRun(List<String> cmd) {
        try {
            return Netns.Result.of(cmd, 20);
        } catch (IOException e) {
            return new Netns.Result(-1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Netns.Result(-1, "", e.toString());
        }
    }

    /** Now, in µs since the epoch: the clock tcpdump and {@code ip -ts monitor} stamp with. */
    static long nowMicros() {
        java.time.Instant i = java.time.Instant.now();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }
}
