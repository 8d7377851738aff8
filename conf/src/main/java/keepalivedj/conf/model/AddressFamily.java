package keepalivedj.conf.model;

/** {@code inet} or {@code inet6}, as keepalived's {@code ip_family} and fwmark group entries spell them. */
public enum AddressFamily {
    INET, INET6
}
