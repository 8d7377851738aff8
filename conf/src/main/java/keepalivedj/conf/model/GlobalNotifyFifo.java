package keepalivedj.conf.model;

import keepalivedj.conf.Position;

/**
 * {@code vrrp_notify_fifo|notify_fifo|lvs_notify_fifo PATH [user [group]]} with its {@code *_fifo_script}
 * (keepalived.md c.3). {@code user}/{@code group} own the FIFO keepalived creates; null when not given.
 * {@code script} is null when no fifo script is configured.
 */
public record GlobalNotifyFifo(String path, String user, String group, ScriptCommand script, Position position) {
}
