package keepalivedj.healthcheck.check;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import keepalivedj.healthcheck.Probe;

final class CheckerHarness {
    private CheckerHarness() {
    }

    /** Runs one attempt and waits (bounded only to keep a broken build from hanging) for its probe. */
    static Probe attempt(Checker c) throws Exception {
        CompletableFuture<Probe> f = new CompletableFuture<>();
        c.attempt(p -> {
            if (!f.complete(p)) {
                throw new AssertionError("probe delivered twice: " + p);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }
}
