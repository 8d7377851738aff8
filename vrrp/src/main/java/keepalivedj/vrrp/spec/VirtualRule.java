package keepalivedj.vrrp.spec;

/** One virtual_rules entry (keepalived.md §a.5), kept as its `ip rule` text: only the rule layer parses it. */
public record VirtualRule(String spec) {
}
