package keepalivedj.conf.model;

import keepalivedj.conf.Position;

/**
 * One line of a {@code track_script}, {@code track_interface}, {@code track_file}, {@code track_process} or
 * {@code track_bfd} block: the tracked object's name and the effective weight (the one written on the line,
 * else the tracked object's own weight; 0 means "fault when failed"). {@code reverse} flips the sign of the
 * effect (keepalived.md c.4).
 */
public record VrrpTrackRef(String name, int weight, boolean reverse, Position position) {
}
