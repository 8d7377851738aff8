package keepalivedj.conf.model;

/**
 * The scheduling options every health checker has (check_api.c), as effective values: what the checker block set,
 * else what its real server (or virtual server) set, else the checker type's default.
 *
 * @param retry                   extra attempts before a failure counts (1; MISC_CHECK 0; DNS_CHECK 3)
 * @param delayBeforeRetryMicros  pause between those attempts (1 s; HTTP/SSL 3 s; DNS the delay loop)
 * @param warmupMicros            upper bound of the random delay before the first check (default the delay loop)
 * @param delayLoopMicros         interval between checks (60 s)
 * @param alpha                   the checker starts as failed until its first success
 * @param logAllFailures          log every failed attempt, not only state changes
 */
public record CheckerTiming(long retry, long delayBeforeRetryMicros, long warmupMicros, long delayLoopMicros,
                            boolean alpha, boolean logAllFailures) {
}
