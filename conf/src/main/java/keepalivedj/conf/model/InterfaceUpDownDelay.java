package keepalivedj.conf.model;

import keepalivedj.conf.Position;

/** One line of {@code interface_up_down_delays { IF DOWN [UP] }}; up defaults to 0. */
public record InterfaceUpDownDelay(String name, long downDelayMicros, long upDelayMicros, Position position) {
}
