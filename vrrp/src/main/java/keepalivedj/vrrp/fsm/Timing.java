package keepalivedj.vrrp.fsm;

/**
 * The VRRP timer formulas in µs, exactly as keepalived computes them (keepalived.md §d.1; RFC 3768 §6.1,
 * RFC 5798 §6.1). Integer arithmetic, truncating like keepalived's C.
 */
public final class Timing {
    private Timing() {
    }

    /** Skew_Time: v2 (256 - prio)/256 s; v3 (256 - prio) × Master_Adver_Interval / 256. */
    public static long skewTimeUs(int version, int priority, int masterAdverIntCs) {
        if (version == 2) {
            return (256L - priority) * 1_000_000L / 256;
        }
        return (256L - priority) * masterAdverIntCs * 625 / 16; // cs → µs is × 10 000, and 10 000/256 = 625/16
    }

    /** Master_Down_Interval = down_timer_adverts × Master_Adver_Interval + Skew_Time. */
    public static long masterDownIntervalUs(int version, int priority, int masterAdverIntCs, int downTimerAdverts) {
        return downTimerAdverts * masterAdverIntCs * 10_000L + skewTimeUs(version, priority, masterAdverIntCs);
    }

    /** keepalived's wait for a sync-group member held in BACKUP: adver_int plus the skew of priority 255. */
    public static long syncRetryUs(int version, int adverIntCs) {
        return adverIntCs * 10_000L + skewTimeUs(version, 255, adverIntCs);
    }
}
