package keepalivedj.conf.model;

import keepalivedj.conf.Position;

/** One line of {@code linkbeat_interfaces { IF [MII|ETHTOOL|IOCTL] }}; mode is ETHTOOL when not written. */
public record LinkbeatInterface(String name, String mode, Position position) {
}
