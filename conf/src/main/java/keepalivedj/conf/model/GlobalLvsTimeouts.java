package keepalivedj.conf.model;

import keepalivedj.conf.Position;

/** {@code lvs_timeouts [tcp S] [tcpfin S] [udp S]} in seconds; 0 leaves the kernel's value unchanged. */
public record GlobalLvsTimeouts(int tcpSeconds, int tcpfinSeconds, int udpSeconds, Position position) {
}
