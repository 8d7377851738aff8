package keepalivedj.conf.model;

import keepalivedj.conf.Position;

/**
 * One line of {@code linkbeat_interfaces { IF [MII|ETHTOOL|IOCTL] }}: poll this interface's link state.
 * {@code mode} is null when not written (keepalived then picks the method itself).
 */
public record LinkbeatInterface(String name, String mode, Position position) {
}
