package keepalivedj.conf.model;

import java.net.InetAddress;
import keepalivedj.conf.Position;

/**
 * One entry of {@code virtual_ipaddress}, {@code virtual_ipaddress_excluded} or {@code static_ipaddress}, in
 * keepalived's {@code ip addr} syntax (keepalived.md a.4). {@code dev} is the effective interface: the one
 * written, else the instance's interface (static addresses: {@code default_interface}). It does not say which
 * interface or VMAC the address is finally put on at run time; that is the VRRP module's business.
 *
 * @param prefixLength /32 or /128 when not written
 * @param broadcast {@code brd}: null when no broadcast is set (keepalived sets none by default); {@code brd +}
 *                  and {@code brd -} are resolved to the address
 * @param scope numeric rtnetlink scope: 0 global, 200 site, 253 link, 254 host, 255 nowhere
 * @param label {@code label}, at most 15 characters; null when none
 * @param peer {@code peer} address, null when none; {@code peerPrefixLength} 0 when none
 * @param preferredLftSeconds IPv6 {@code preferred_lft}: {@link #FOREVER} or seconds; keepalived's default is 0
 *                            (deprecated) for /128 and forever otherwise. Always FOREVER for IPv4.
 */
public record VrrpAddress(InetAddress address, int prefixLength, InetAddress broadcast, String dev, int scope,
                          String label, InetAddress peer, int peerPrefixLength, boolean home, boolean noDad,
                          boolean mngTmpAddr, boolean noPrefixRoute, boolean autoJoin, boolean noTrack,
                          long preferredLftSeconds, boolean useVmac, Position position) {

    /** The kernel's INFINITY_LIFE_TIME. */
    public static final long FOREVER = 0xFFFFFFFFL;

    public boolean isIpv6() {
        return address instanceof java.net.Inet6Address;
    }

    /** The same address on another interface (used to fill in the instance's interface). */
    public VrrpAddress withDev(String newDev) {
        return new VrrpAddress(address, prefixLength, broadcast, newDev, scope, label, peer, peerPrefixLength, home,
                noDad, mngTmpAddr, noPrefixRoute, autoJoin, noTrack, preferredLftSeconds, useVmac, position);
    }
}
