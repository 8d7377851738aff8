package keepalivedj.daemon.io;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What framing needs to know about an interface, read from the OS at one moment: MAC address and MTU from
 * {@code /sys/class/net/IF}, index and addresses from {@link NetworkInterface}. It does not follow changes
 * (read it again, or take addresses from rtnetlink once the daemon has it).
 *
 * @param name          interface name
 * @param index         ifindex
 * @param mac           the MAC address, lower-case {@code aa:bb:cc:dd:ee:ff}
 * @param mtu           the MTU
 * @param ipv4Primary   the primary IPv4 address (the first one the kernel lists), if any
 * @param ipv6LinkLocal the first IPv6 link-local address, if any
 */
public record InterfaceFacts(String name, int index, String mac, int mtu, Optional<Inet4Address> ipv4Primary,
                             Optional<Inet6Address> ipv6LinkLocal) {

    /** Reads the facts of {@code name} in the current network namespace. */
    public static InterfaceFacts read(String name) throws IOException {
        NetworkInterface nif = NetworkInterface.getByName(name);
        if (nif == null) {
            throw new IOException("(" + name + ") no such interface");
        }
        Path sys = Path.of("/sys/class/net", name);
        String mac;
        int mtu;
        try {
            mac = Files.readString(sys.resolve("address")).trim().toLowerCase(java.util.Locale.ROOT);
            mtu = Integer.parseInt(Files.readString(sys.resolve("mtu")).trim());
        } catch (NoSuchFileException e) {
            throw new IOException("(" + name + ") not in /sys/class/net (is /sys mounted for this namespace?)", e);
        }
        List<InetAddress> addresses = nif.inetAddresses().toList();
        return new InterfaceFacts(name, nif.getIndex(), mac, mtu, primaryIpv4(addresses), linkLocal(addresses));
    }

    /** The MAC address as 6 bytes. */
    public byte[] macBytes() {
        return HexFormat.ofDelimiter(":").parseHex(mac);
    }

    /**
     * On Linux the JDK lists an interface's addresses in the reverse of the kernel's order (it prepends each
     * entry of getifaddrs), and the kernel lists the primary IPv4 address first: so the primary is the last one.
     * InterfaceFactsTest pins this down with a secondary and a labelled address present.
     */
    private static Optional<Inet4Address> primaryIpv4(List<InetAddress> addresses) {
        Inet4Address primary = null;
        for (InetAddress a : addresses) {
            if (a instanceof Inet4Address v4) {
                primary = v4;
            }
        }
        return Optional.ofNullable(primary);
    }

    private static Optional<Inet6Address> linkLocal(List<InetAddress> addresses) {
        Inet6Address found = null;
        for (InetAddress a : addresses) {
            if (a instanceof Inet6Address v6 && v6.isLinkLocalAddress()) {
                found = v6; // last in the JDK's order is the kernel's first, as for IPv4
            }
        }
        return Optional.ofNullable(found);
    }
}
