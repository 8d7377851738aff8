package keepalivedj.vrrp.spec;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Everything one vrrp_instance's protocol machine needs, already validated and defaulted by the config layer
 * (keepalived.md §a.3). Immutable. Times are in µs, intervals in centiseconds (the VRRP units). Not the config
 * model: the daemon maps that onto this record.
 *
 * @param sourceAddress   mcast_src_ip / unicast_src_ip or the interface's primary (IPv6: link-local) address;
 *                        used as the IP source and for the equal-priority tie-break (§d.3)
 * @param mcastGroup      destination of multicast adverts (224.0.0.18 / ff02::12 unless mcast_dst_ip)
 * @param wantMaster      "state MASTER"; only takes effect at once together with priority 255 (§d.1)
 * @param adverIntCs      advert_int in centiseconds (v2: a multiple of 100)
 * @param authPass        auth_pass, at most 8 bytes, or null
 * @param notifyPriorityChanges notify_priority_changes: MASTER_PRIORITY / BACKUP_PRIORITY notifies (§c.3)
 */
public record InstanceSpec(String name, String interfaceName, int vrid, boolean ipv6, int version, int priority,
                           boolean wantMaster, int adverIntCs, boolean nopreempt, long preemptDelayUs,
                           AuthType authType, byte[] authPass, List<VirtualAddress> vips,
                           List<VirtualAddress> excludedVips, List<VirtualRoute> routes, List<VirtualRule> rules,
                           InetAddress sourceAddress, InetAddress mcastGroup, List<UnicastPeer> unicastPeers,
                           int unicastTtl, GarpSettings garp, int downTimerAdverts, boolean lowerPrioNoAdvert,
                           boolean higherPrioSendAdvert, boolean skipCheckAdvAddr, boolean checkUnicastSrc,
                           boolean oldUnicastChecksumNever, boolean notifyPriorityChanges,
                           List<TrackedObject> trackers) {
    public static final int PRIORITY_OWNER = 255;

    public InstanceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceAddress, "sourceAddress");
        Objects.requireNonNull(mcastGroup, "mcastGroup");
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("virtual_router_id " + vrid + " (expected: 1..255)");
        }
        if (priority < 1 || priority > 255) {
            throw new IllegalArgumentException("priority " + priority + " (expected: 1..255)");
        }
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("version " + version + " (expected: 2 or 3)");
        }
        if (version == 2 && (adverIntCs % 100 != 0 || adverIntCs < 100 || adverIntCs > 25500)) {
            throw new IllegalArgumentException("v2 advert_int " + adverIntCs + " cs (expected: whole seconds 1..255)");
        }
        if (version == 3 && (adverIntCs < 1 || adverIntCs > 4095)) {
            throw new IllegalArgumentException("v3 advert_int " + adverIntCs + " cs (expected: 1..4095)");
        }
        if (authPass != null && authPass.length > 8) {
            throw new IllegalArgumentException("auth_pass longer than 8 bytes");
        }
        if (downTimerAdverts < 3 || downTimerAdverts > 100) {
            throw new IllegalArgumentException("down_timer_adverts " + downTimerAdverts + " (expected: 3..100)");
        }
        authPass = authPass == null ? null : authPass.clone();
        vips = List.copyOf(vips);
        excludedVips = List.copyOf(excludedVips);
        routes = List.copyOf(routes);
        rules = List.copyOf(rules);
        unicastPeers = List.copyOf(unicastPeers);
        trackers = List.copyOf(trackers);
    }

    @Override
    public byte[] authPass() {
        return authPass == null ? null : authPass.clone();
    }

    public boolean unicast() {
        return !unicastPeers.isEmpty();
    }

    /** keepalived's address owner: priority 255 (RFC 5798 §6.1 "IPvX Address Owner"). */
    public boolean owner() {
        return priority == PRIORITY_OWNER;
    }

    /** The interval in µs, keepalived's timer unit. */
    public long adverIntUs() {
        return adverIntCs * 10_000L;
    }

    public static Builder builder(String name, int vrid, InetAddress sourceAddress) {
        return new Builder(name, vrid, sourceAddress);
    }

    /** Builder holding keepalived's defaults (priority 100, advert_int 1, version 2, preempt, 3 adverts). */
    public static final class Builder {
        private final String name;
        private final int vrid;
        private final InetAddress sourceAddress;
        private String interfaceName = "eth0";
        private int version = 2;
        private int priority = 100;
        private boolean wantMaster;
        private int adverIntCs = 100;
        private boolean nopreempt;
        private long preemptDelayUs;
        private AuthType authType = AuthType.NONE;
        private byte[] authPass;
        private List<VirtualAddress> vips = List.of();
        private List<VirtualAddress> excludedVips = List.of();
        private List<VirtualRoute> routes = List.of();
        private List<VirtualRule> rules = List.of();
        private InetAddress mcastGroup;
        private List<UnicastPeer> unicastPeers = List.of();
        private int unicastTtl = 255;
        private GarpSettings garp = GarpSettings.DEFAULT;
        private int downTimerAdverts = 3;
        private boolean lowerPrioNoAdvert;
        private boolean higherPrioSendAdvert;
        private boolean skipCheckAdvAddr;
        private boolean checkUnicastSrc;
        private boolean oldUnicastChecksumNever;
        private boolean notifyPriorityChanges;
        private List<TrackedObject> trackers = List.of();

        private Builder(String name, int vrid, InetAddress sourceAddress) {
            this.name = name;
            this.vrid = vrid;
            this.sourceAddress = sourceAddress;
        }

        public Builder interfaceName(String v) { interfaceName = v; return this; }
        public Builder version(int v) { version = v; return this; }
        public Builder priority(int v) { priority = v; return this; }
        public Builder wantMaster(boolean v) { wantMaster = v; return this; }
        public Builder adverIntCs(int v) { adverIntCs = v; return this; }
        public Builder nopreempt(boolean v) { nopreempt = v; return this; }
        public Builder preemptDelayUs(long v) { preemptDelayUs = v; return this; }
        public Builder auth(AuthType type, byte[] pass) { authType = type; authPass = pass; return this; }
        public Builder vips(List<VirtualAddress> v) { vips = v; return this; }
        public Builder excludedVips(List<VirtualAddress> v) { excludedVips = v; return this; }
        public Builder routes(List<VirtualRoute> v) { routes = v; return this; }
        public Builder rules(List<VirtualRule> v) { rules = v; return this; }
        public Builder mcastGroup(InetAddress v) { mcastGroup = v; return this; }
        public Builder unicastPeers(List<UnicastPeer> v) { unicastPeers = v; return this; }
        public Builder unicastTtl(int v) { unicastTtl = v; return this; }
        public Builder garp(GarpSettings v) { garp = v; return this; }
        public Builder downTimerAdverts(int v) { downTimerAdverts = v; return this; }
        public Builder lowerPrioNoAdvert(boolean v) { lowerPrioNoAdvert = v; return this; }
        public Builder higherPrioSendAdvert(boolean v) { higherPrioSendAdvert = v; return this; }
        public Builder skipCheckAdvAddr(boolean v) { skipCheckAdvAddr = v; return this; }
        public Builder checkUnicastSrc(boolean v) { checkUnicastSrc = v; return this; }
        public Builder oldUnicastChecksumNever(boolean v) { oldUnicastChecksumNever = v; return this; }
        public Builder notifyPriorityChanges(boolean v) { notifyPriorityChanges = v; return this; }
        public Builder trackers(List<TrackedObject> v) { trackers = v; return this; }

        public InstanceSpec build() {
            boolean v6 = sourceAddress.getAddress().length == 16;
            InetAddress group = mcastGroup != null ? mcastGroup
                    : v6 ? keepalivedj.vrrp.packet.VrrpCodec.VRRP_IPV6_GROUP
                    : keepalivedj.vrrp.packet.VrrpCodec.VRRP_IPV4_GROUP;
            return new InstanceSpec(name, interfaceName, vrid, v6, v6 ? 3 : version, priority, wantMaster,
                    adverIntCs, nopreempt, preemptDelayUs, authType, authPass, vips, excludedVips, routes, rules,
                    sourceAddress, group, unicastPeers, unicastTtl, garp, downTimerAdverts, lowerPrioNoAdvert,
                    higherPrioSendAdvert, skipCheckAdvAddr, checkUnicastSrc, oldUnicastChecksumNever,
                    notifyPriorityChanges, trackers);
        }
    }
}
