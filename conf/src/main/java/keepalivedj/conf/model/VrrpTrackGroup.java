package keepalivedj.conf.model;

import java.util.List;
import keepalivedj.conf.Position;

/** {@code track_group NAME { group { VI... } }}: instances that static addresses/routes/rules can name. */
public record VrrpTrackGroup(String name, List<String> members, Position position) {

    public VrrpTrackGroup {
        members = List.copyOf(members);
    }
}
