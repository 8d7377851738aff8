package keepalivedj.healthcheck.check;

import java.util.function.Consumer;
import keepalivedj.healthcheck.Probe;

/**
 * One kind of health check bound to one target: it performs a single attempt. Retries, delay_loop and state belong
 * to {@link keepalivedj.healthcheck.CheckerCycle}; this is only the I/O edge. An attempt never throws: every
 * outcome, bad network input included, arrives as a {@link Probe} on the loop thread, exactly once.
 */
public interface Checker {
    void attempt(Consumer<Probe> done);
}
