package keepalivedj.conf.model;

import keepalivedj.conf.Position;

/**
 * {@code vrrp_script NAME { ... }} (keepalived.md a.2, c.4). Only scripts with a {@code script} line are in the
 * model. {@code user U [G]} in the block is folded into {@code script}'s user and group.
 *
 * @param intervalMicros {@code interval}, 1 s by default
 * @param timeoutMicros {@code timeout}; equals the interval when not written
 * @param weight {@code weight} -253..253, 0 by default (0 = fault on failure)
 * @param rise {@code rise}, 1 by default; {@code fall} likewise
 */
public record VrrpScript(String name, ScriptCommand script, long intervalMicros, long timeoutMicros, int weight,
                         boolean weightReverse, int rise, int fall, boolean initFail, Position position) {
}
