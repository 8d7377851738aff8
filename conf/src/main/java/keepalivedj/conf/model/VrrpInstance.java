package keepalivedj.conf.model;

import java.net.InetAddress;
import java.util.List;
import keepalivedj.conf.Position;

/**
 * One {@code vrrp_instance NAME { ... }} as keepalived 2.2.7 would run it: defaults filled in and the
 * corrections of {@code vrrp_complete_instance} applied (keepalived.md a.3, d.4, d.7). It is a value: two
 * instances configured alike are equal, which is what reload compares. It holds no run-time state.
 *
 * @param interfaceName {@code interface}; null only for a unicast instance written without one
 * @param priority {@code priority} 1..255; 100 by default, 255 when {@code state MASTER} and none is written
 * @param advertIntMicros {@code advert_int}, 1 s by default; whole seconds for v2, centiseconds for v3
 * @param version {@code version}, else global {@code vrrp_version}; 3 for IPv6
 * @param ipv6 address family of the instance, decided by its first VIP (or source / peer address)
 * @param authentication null when none is in effect
 * @param unicastSrcIp {@code unicast_src_ip} / {@code mcast_src_ip} (same field in keepalived); null = primary
 *                     address of the interface
 * @param unicastTtl {@code unicast_ttl} of a unicast instance; 255 by default for IPv4; null for IPv6 where
 *                   the kernel's default hop limit applies, and for multicast instances
 * @param mcastDstIp {@code mcast_dst_ip}, else the global group for the family
 * @param virtualIpaddressesExcluded {@code virtual_ipaddress_excluded} plus VIPs that did not fit one advert
 * @param notifyDeleted {@code notify_deleted}: report DELETED (not FAULT) when the instance is removed
 * @param vmac null without {@code use_vmac}
 * @param garp effective GARP settings (instance keywords over globals; strict mode forces lower-prio to 0)
 * @param syncGroup name of the {@code vrrp_sync_group} this instance belongs to; null when none
 * @param lvsSyncDaemonInterface deprecated {@code lvs_sync_daemon_interface}; null when not written
 */
public record VrrpInstance(String name, VrrpState state, String interfaceName, int virtualRouterId, int priority,
                           long advertIntMicros, int version, boolean ipv6, boolean nopreempt,
                           long preemptDelayMicros, VrrpAuthentication authentication, InetAddress unicastSrcIp,
                           List<VrrpUnicastPeer> unicastPeers, Integer unicastTtl, boolean checkUnicastSrc,
                           boolean unicastFaultNoPeer, InetAddress mcastDstIp, boolean trackSrcIp,
                           List<VrrpAddress> virtualIpaddresses, List<VrrpAddress> virtualIpaddressesExcluded,
                           List<VrrpRoute> virtualRoutes, List<VrrpRule> virtualRules,
                           List<VrrpTrackRef> trackScripts, List<VrrpTrackRef> trackInterfaces,
                           List<VrrpTrackRef> trackFiles, List<VrrpTrackRef> trackProcesses,
                           List<VrrpTrackRef> trackBfds, VrrpNotifyScripts notifyScripts, boolean notifyDeleted,
                           boolean smtpAlert,
                           boolean notifyPriorityChanges, boolean promoteSecondaries, boolean accept,
                           boolean strictMode, boolean skipCheckAdvAddr, boolean dontTrackPrimary, VrrpVmac vmac,
                           VrrpGarpSettings garp, long garpExtraIfMicros, boolean lowerPrioNoAdvert,
                           boolean higherPrioSendAdvert, int downTimerAdverts, long kernelRxBufSize,
                           boolean linkbeatUsePolling, String lvsSyncDaemonInterface, String syncGroup,
                           Position position) {

    public VrrpInstance {
        unicastPeers = List.copyOf(unicastPeers);
        virtualIpaddresses = List.copyOf(virtualIpaddresses);
        virtualIpaddressesExcluded = List.copyOf(virtualIpaddressesExcluded);
        virtualRoutes = List.copyOf(virtualRoutes);
        virtualRules = List.copyOf(virtualRules);
        trackScripts = List.copyOf(trackScripts);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackFiles = List.copyOf(trackFiles);
        trackProcesses = List.copyOf(trackProcesses);
        trackBfds = List.copyOf(trackBfds);
    }

    public boolean unicast() {
        return !unicastPeers.isEmpty();
    }
}
