package keepalivedj.conf.model;

/**
 * {@code inet} or {@code inet6}, as the LVS keywords spell them ({@code ip_family}, fwmark group entries). Named for
 * the LVS side so it cannot clash with a VRRP-side type while the two are written in parallel.
 */
public enum LvsAddressFamily {
    INET, INET6
}
