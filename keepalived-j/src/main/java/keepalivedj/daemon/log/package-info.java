/**
 * The daemon's one log: keepalived's wording is produced elsewhere (the protocol machine's {@code Log} actions,
 * the daemon's own lines); {@link keepalivedj.daemon.log.DaemonLog} only decides where lines go: the console
 * ({@code -l}, stderr, keepalived's "Sat Nov 21 15:14:29 2026: " prefix) and/or syslog ({@code /dev/log},
 * ident {@code Keepalived_vrrp}, facility from {@code -S}, off with {@code -G}), through
 * {@link keepalivedj.daemon.log.Syslog}, the only class that talks to the syslog socket.
 */
package keepalivedj.daemon.log;
