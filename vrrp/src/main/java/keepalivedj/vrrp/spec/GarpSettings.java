package keepalivedj.vrrp.spec;

/**
 * Gratuitous ARP / unsolicited NA timing (keepalived.md §a.3, §a.9), all times in µs.
 * Defaults are keepalived's: 5 now and 5 again after 5 s on becoming master, the same for a master that hears
 * a lower priority (garp_lower_prio_* default to the master values), no refresh, no gap inside a burst.
 */
public record GarpSettings(long masterDelayUs, int masterRepeat, long masterRefreshUs, int masterRefreshRepeat,
                           long lowerPrioDelayUs, int lowerPrioRepeat, long intervalUs) {
    public static final GarpSettings DEFAULT = new GarpSettings(5_000_000, 5, 0, 1, 5_000_000, 5, 0);
}
