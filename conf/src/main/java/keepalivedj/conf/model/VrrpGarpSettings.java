package keepalivedj.conf.model;

/**
 * Gratuitous ARP / unsolicited NA timing of one instance, or the global defaults (keepalived.md a.9).
 * Delays are microseconds; 0 delay means no second burst, 0 refresh means no periodic refresh.
 */
public record VrrpGarpSettings(long masterDelayMicros, int masterRepeat, long masterRefreshMicros,
                               int masterRefreshRepeat, long lowerPrioDelayMicros, int lowerPrioRepeat) {

    /** keepalived 2.2.7's global defaults: delay 5 s, repeat 5, no refresh, refresh repeat 1. */
    public static final VrrpGarpSettings DEFAULTS = new VrrpGarpSettings(5_000_000L, 5, 0L, 1, 5_000_000L, 5);
}
