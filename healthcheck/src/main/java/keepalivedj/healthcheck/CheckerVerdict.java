package keepalivedj.healthcheck;

/**
 * A change in what one checker says about its real server: it went up or down, or (misc_dynamic) its weight
 * changed. Emitted by {@link CheckerCycle} only when something changed, after retries are spent.
 *
 * @param up            the checker's new state
 * @param dynamicWeight the weight a misc_dynamic checker asks for, null for the configured weight
 * @param cause         the probe that decided it
 */
public record CheckerVerdict(boolean up, Integer dynamicWeight, Probe cause) {
}
