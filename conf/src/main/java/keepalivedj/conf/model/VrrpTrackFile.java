package keepalivedj.conf.model;

import keepalivedj.conf.Position;

/**
 * {@code track_file NAME { file PATH; weight W [reverse]; init_file [VAL] [overwrite] }}.
 *
 * @param weight 1 by default
 * @param initFileValue value {@code init_file} writes, null when {@code init_file} is not given
 */
public record VrrpTrackFile(String name, String file, int weight, boolean weightReverse, Long initFileValue,
                            boolean initFileOverwrite, Position position) {
}
