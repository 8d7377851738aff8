package keepalivedj.ipvs;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An IPVS virtual service as the kernel keeps it: either protocol + address + port, or a firewall mark (then
 * protocol and address are null and port is 0), plus scheduler, flags and persistence. A value: it does not know
 * about netlink ({@link IpvsAttributes} maps it) nor about keepalived's configuration.
 *
 * @param netmask persistence granularity: for INET a mask in conventional form (0xffffff00 is 255.255.255.0),
 *                for INET6 a prefix length (1..128)
 * @param timeout persistence timeout in seconds (meaningful with {@link #F_PERSISTENT})
 * @param persistenceEngine "sip" or "" for none
 */
public record IpvsService(Family family, Protocol protocol, InetAddress address, int port, int fwmark,
                          String scheduler, int flags, int timeout, int netmask, String persistenceEngine) {
    public static final int F_PERSISTENT = 0x1, F_HASHED = 0x2, F_ONEPACKET = 0x4, F_SCHED1 = 0x8,
            F_SCHED2 = 0x10, F_SCHED3 = 0x20;
    /** sh-fallback / mh-fallback are SCHED1; sh-port / mh-port are SCHED2 (ip_vs.h). */
    public static final int F_SH_FALLBACK = F_SCHED1, F_SH_PORT = F_SCHED2, F_MH_FALLBACK = F_SCHED1,
            F_MH_PORT = F_SCHED2;

    public IpvsService {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(scheduler, "scheduler");
        persistenceEngine = persistenceEngine == null ? "" : persistenceEngine;
        if (fwmark != 0) {
            if (protocol != null || address != null || port != 0) {
                throw new IllegalArgumentException("a fwmark service has no protocol, address or port");
            }
        } else {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(address, "address");
            if (Family.of(address) != family) {
                throw new IllegalArgumentException(address + " is not an " + family + " address");
            }
            if (port < 0 || port > 0xffff) {
                throw new IllegalArgumentException("port " + port + " (expected: 0..65535)");
            }
        }
        if (family == Family.INET6 && (netmask < 1 || netmask > 128)) {
            throw new IllegalArgumentException("IPv6 persistence prefix " + netmask + " (expected: 1..128)");
        }
    }

    /** A service on protocol/address/port with this scheduler, no persistence. */
    public static IpvsService of(Protocol protocol, InetAddress address, int port, String scheduler) {
        Family f = Family.of(address);
        return new IpvsService(f, protocol, address, port, 0, scheduler, 0, 0, fullMask(f), "");
    }

    /** A firewall-mark service. */
    public static IpvsService fwmark(Family family, int mark, String scheduler) {
        if (mark == 0) {
            throw new IllegalArgumentException("fwmark 0 is not a fwmark service");
        }
        return new IpvsService(family, null, null, 0, mark, scheduler, 0, 0, fullMask(family), "");
    }

    static int fullMask(Family f) {
        return f == Family.INET ? 0xffffffff : 128;
    }

    public boolean isFwmark() {
        return fwmark != 0;
    }

    public IpvsService withScheduler(String s) {
        return new IpvsService(family, protocol, address, port, fwmark, s, flags, timeout, netmask, persistenceEngine);
    }

    /** Replaces the flags (F_*). */
    public IpvsService withFlags(int f) {
        return new IpvsService(family, protocol, address, port, fwmark, scheduler, f, timeout, netmask,
                persistenceEngine);
    }

    /** Persistent for this many seconds (sets {@link #F_PERSISTENT}, as keepalived does). */
    public IpvsService persistent(int seconds) {
        return new IpvsService(family, protocol, address, port, fwmark, scheduler, flags | F_PERSISTENT, seconds,
                netmask, persistenceEngine);
    }

    public IpvsService withNetmask(int mask) {
        return new IpvsService(family, protocol, address, port, fwmark, scheduler, flags, timeout, mask,
                persistenceEngine);
    }

    public IpvsService withPersistenceEngine(String pe) {
        return new IpvsService(family, protocol, address, port, fwmark, scheduler, flags, timeout, netmask, pe);
    }

    /** True if both name the same kernel service (fwmark, or protocol + address + port, and family). */
    public boolean sameKey(IpvsService o) {
        return family == o.family && fwmark == o.fwmark && protocol == o.protocol && port == o.port
                && Objects.equals(address, o.address);
    }

    /** "TCP 10.1.1.1:80", "UDP [2001:db8::1]:53", "FWM 7", "FWM 8 IPv6": how logs name this service. */
    @Override
    public String toString() {
        if (isFwmark()) {
            return "FWM " + Integer.toUnsignedString(fwmark) + (family == Family.INET6 ? " IPv6" : "");
        }
        return protocol + " " + IpvsListing.addressPort(address, port);
    }
}
