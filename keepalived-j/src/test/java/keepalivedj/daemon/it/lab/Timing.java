package keepalivedj.daemon.it.lab;

/**
 * The protocol's timers as keepalived 2.2.7 computes them (reference keepalived.md §d.1), in µs:
 * Skew_Time = (256 − prio)/256 s for v2, (256 − prio) × interval/256 for v3; Master_Down_Interval = 3 × interval
 * + Skew_Time.
 */
public final class Timing {
    private Timing() {
    }

    public static long skewMicros(int version, int intervalCs, int priority) {
        return version == 2 ? (256L - priority) * 1_000_000L / 256 : (256L - priority) * intervalCs * 10_000L / 256;
    }

    public static long masterDownMicros(int version, int intervalCs, int priority) {
        return 3L * intervalCs * 10_000L + skewMicros(version, intervalCs, priority);
    }

    public static String ms(long micros) {
        return String.format("%.1f ms", micros / 1000.0);
    }
}
