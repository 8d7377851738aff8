package keepalivedj.healthcheck;

/** The real monotonic clock: the one place in healthcheck that reads {@link System#nanoTime()}. */
public final class SystemTicker implements Ticker {
    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
