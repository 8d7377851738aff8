package keepalivedj.vrrp.spec;

/** One virtual_routes entry (keepalived.md §a.5), kept as its `ip route` text: only the route layer parses it. */
public record VirtualRoute(String spec) {
}
