package keepalivedj.conf.model;

import java.util.List;
import keepalivedj.conf.Position;

/**
 * A {@code virtual_server_group NAME { ... }} block: every address, address range and fwmark in it becomes its own
 * IPVS service for each virtual server that names the group. Groups with no valid entry are dropped by validation.
 */
public record VirtualServerGroup(String name, List<VirtualServerGroupEntry> entries, Position position) {

    public VirtualServerGroup {
        entries = List.copyOf(entries);
    }

    public boolean hasAddresses() {
        return entries.stream().anyMatch(e -> !e.isFwmark());
    }

    public boolean hasFwmarks() {
        return entries.stream().anyMatch(VirtualServerGroupEntry::isFwmark);
    }
}
