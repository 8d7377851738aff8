package keepalivedj.conf.model;

import keepalivedj.conf.Position;

/**
 * {@code use_vmac [NAME] [MAC]} and its companions {@code vmac_xmit_base}, {@code use_vmac_addr}
 * (keepalived.md a.8). {@code name} is the configured name or keepalived's default {@code vrrp.<VRID>}; the
 * run-time clash handling (vrrp1.VRID, ...) is not decided here. {@code mac} is null for the default
 * 00:00:5e:00:01|02:VRID.
 */
public record VrrpVmac(String name, String mac, boolean xmitBase, boolean useVmacAddr, Position position) {
}
