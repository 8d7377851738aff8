package keepalivedj.daemon.it.lab;

/**
 * When a lab command took effect, as closely as the test can know it: {@code startMicros} just before the command
 * was started, {@code endMicros} just after it returned (µs since the epoch, the capture's clock). The change
 * happened somewhere in between, and on a loaded machine starting a process ({@code ip}, {@code bridge}) alone can
 * take hundreds of ms: a protocol bound that counts from the change counts from {@code endMicros} when it limits
 * how late something may come, and from {@code startMicros} when it limits how early.
 */
public record Span(long startMicros, long endMicros) {
    /** How long the command took, µs. */
    public long micros() {
        return endMicros - startMicros;
    }
}
