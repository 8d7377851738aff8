package keepalivedj.conf.model;

import java.util.List;
import keepalivedj.conf.Position;

/**
 * {@code garp_group { garp_interval S; gna_interval S; interface IF | interfaces { IF... } }}: a GARP rate
 * limit shared by interfaces. Intervals are microseconds, 0 when not written.
 */
public record VrrpGarpGroup(long garpIntervalMicros, long gnaIntervalMicros, List<String> interfaces,
                            Position position) {

    public VrrpGarpGroup {
        interfaces = List.copyOf(interfaces);
    }
}
