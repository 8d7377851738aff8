package keepalivedj.healthcheck;

/** A monotonic clock in nanoseconds, passed in so that schedules can be tested with a fake one. */
public interface Ticker {
    long nanoTime();
}
