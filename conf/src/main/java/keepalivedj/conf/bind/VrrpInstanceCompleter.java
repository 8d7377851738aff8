package keepalivedj.conf.bind;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.conf.Position;
import keepalivedj.conf.Severity;
import keepalivedj.conf.model.GlobalDefs;
import keepalivedj.conf.model.VrrpAddress;
import keepalivedj.conf.model.VrrpAuthentication;
import keepalivedj.conf.model.VrrpGarpSettings;
import keepalivedj.conf.model.VrrpInstance;
import keepalivedj.conf.model.VrrpState;
import keepalivedj.conf.model.VrrpVmac;

/**
 * Completes one instance as keepalived 2.2's {@code vrrp_complete_instance} does: fills defaults from the
 * globals, derives priority from state and state from priority, applies the strict-mode, authentication,
 * preemption and advert-interval corrections with keepalived's messages and checks the interface on the host;
 * trackers are {@link VrrpInstanceTrackers}'. Every correction is a WARNING at the instance's position
 * (keepalived gives none). Cross-instance checks (duplicate VRIDs, sync groups) are {@link VrrpCompletion}'s.
 */
final class VrrpInstanceCompleter {
    private final BindContext ctx;
    private final HostEnvironment host;
    private final GlobalDefs globals;
    private final VrrpInstanceTrackers trackers;
    private boolean badInterfaceReported;

    VrrpInstanceCompleter(BindContext ctx, HostEnvironment host, GlobalDefs globals, VrrpInstanceTrackers trackers) {
        this.ctx = ctx;
        this.host = host;
        this.globals = globals;
        this.trackers = trackers;
    }

    /** One instance on its way from "as written" to "effective"; each step below settles some fields. */
    private static final class Draft {
        final VrrpInstanceKeywords.Builder b;
        final String p;
        boolean strict;
        boolean ipv6;
        int version;
        int priority;
        VrrpState state;
        VrrpAuthentication auth;
        String ifname;
        final List<VrrpAddress> vips = new ArrayList<>();
        final List<VrrpAddress> evips = new ArrayList<>();
        boolean nopreempt;
        long preemptDelay;
        boolean accept;
        VrrpGarpSettings garp;
        boolean lowerPrioNoAdvert;
        boolean higherPrioSendAdvert;
        int downTimerAdverts;

        Draft(VrrpInstanceKeywords.Builder b) {
            this.b = b;
            this.p = "(" + b.name + ") ";
        }
    }

    private void error(Position at, String message) {
        ctx.report(Severity.WARNING, at, message, null, null, null);
    }

    /**
     * The effective instance, or null when keepalived would not run it (reported). {@code group} is the sync
     * group it belongs to, null for none.
     */
    VrrpInstance complete(VrrpInstanceKeywords.Builder b, VrrpSyncGroupKeywords.Builder group) {
        Draft d = new Draft(b);
        if (!versionAndVips(d)) {
            return null;
        }
        stateAndPriority(d);
        authentication(d);
        if (!interfaceAndUnicast(d)) {
            return null;
        }
        addresses(d);
        preemption(d);
        strictDefaults(d);
        long advert = advertInterval(b, d.version, d.p);
        VrrpVmac vmac = vmac(b, d.strict, d.p);
        boolean promote = b.promoteSecondaries;
        if (promote && vmac != null) {
            error(b.position, d.p + "promote_secondaries is automatically set for vmacs - ignoring");
            promote = false;
        }
        boolean smtpAlert = b.smtpAlert != null ? b.smtpAlert
                : globals.smtpAlertVrrp() != null ? globals.smtpAlertVrrp()
                : globals.smtpAlert() != null ? globals.smtpAlert() : false;
        boolean notifyPrio = b.notifyPriorityChanges != null ? b.notifyPriorityChanges
                : group != null && group.notifyPriorityChanges != null ? group.notifyPriorityChanges
                : globals.vrrpNotifyPriorityChanges();
        boolean sync = group != null && !group.syncGroupTrackingWeight;
        VrrpInstanceTrackers.Resolved t = trackers.resolve(b, d.ifname, sync, d.priority == 255);
        boolean checkUnicastSrc = b.checkUnicastSrc != null ? b.checkUnicastSrc : globals.vrrpCheckUnicastSrc();
        boolean skipCheck = b.skipCheckAdvAddr != null ? b.skipCheckAdvAddr : globals.vrrpSkipCheckAdvAddr();
        return new VrrpInstance(b.name, d.state, d.ifname, b.vrid, d.priority, advert, d.version, d.ipv6,
                d.nopreempt, d.preemptDelay, d.auth, b.srcIp, b.peers, unicastTtl(d), checkUnicastSrc,
                b.unicastFaultNoPeer, mcastDst(d), b.trackSrcIp, d.vips, d.evips, b.routes, b.rules, t.scripts(),
                t.interfaces(), t.files(), t.processes(), t.bfds(), b.notify.build(), b.notifyDeleted, smtpAlert,
                notifyPrio, promote,
                d.accept, d.strict, skipCheck, b.dontTrackPrimary, vmac, d.garp,
                b.garpExtraIfMicros != 0 ? b.garpExtraIfMicros : globals.vrrpGarpExtraIfMicros(),
                d.lowerPrioNoAdvert, d.higherPrioSendAdvert, d.downTimerAdverts, b.kernelRxBufSize,
                b.linkbeatUsePolling || globals.linkbeatUsePolling(), b.lvsSyncDaemonInterface,
                group == null ? null : group.name, b.position);
    }

    /** Family, version, VIP presence and VRID; false when the instance is dropped. */
    private boolean versionAndVips(Draft d) {
        VrrpInstanceKeywords.Builder b = d.b;
        d.strict = b.strictMode != null ? b.strictMode : globals.vrrpStrict();
        d.ipv6 = b.ipv6 != null && b.ipv6;
        if (d.ipv6) {
            if (b.version != null && b.version == 2) {
                error(b.position, d.p + "cannot use IPv6 with VRRP version 2; setting version 3");
            }
            d.version = 3;
        } else {
            d.version = b.version != null ? b.version : globals.vrrpVersion();
        }
        if (b.vips.isEmpty()) {
            if (d.version == 3 || d.strict) {
                error(b.position, d.p + "No VIP specified; at least one is required");
                return false;
            }
            error(b.position, d.p + "No VIP specified; at least one is sensible");
        }
        if (b.vrid == null) {
            error(b.position, d.p + "the virtual router id must be set");
            return false;
        }
        return true;
    }

    /** Priority from state (MASTER without priority = 255), state from priority, strict's owner rule. */
    private void stateAndPriority(Draft d) {
        VrrpInstanceKeywords.Builder b = d.b;
        d.priority = b.priority != null ? b.priority : b.state == VrrpState.MASTER ? 255 : 100;
        if (b.state == null) {
            d.state = d.priority == 255 ? VrrpState.MASTER : VrrpState.BACKUP;
        } else {
            d.state = b.state;
            if (d.strict && (d.state == VrrpState.MASTER) != (d.priority == 255)) {
                error(b.position, d.p + "State MASTER must match being address owner");
                d.state = d.priority == 255 ? VrrpState.MASTER : VrrpState.BACKUP;
            }
        }
    }

    private void authentication(Draft d) {
        VrrpInstanceKeywords.Builder b = d.b;
        if (b.authType == null) {
            return;
        }
        Position at = b.authPosition;
        if (d.strict) {
            error(at, d.p + "Strict mode does not support authentication. Ignoring.");
        } else if (d.version == 3) {
            error(at, d.p + "VRRP version 3 does not support authentication. Ignoring.");
        } else if (b.authPass == null || b.authPass.isEmpty()) {
            error(at, d.p + "Authentication specified but no password given. Ignoring");
        } else if (d.ipv6 && b.authType == VrrpAuthentication.Type.AH) {
            error(at, d.p + "Cannot use AH authentication with IPv6. ignoring");
        } else {
            if (b.authType == VrrpAuthentication.Type.AH && d.state == VrrpState.MASTER && d.priority != 255) {
                // keepalived needs an advert to learn the AH sequence number before taking over
                error(at, d.p + "Initial state master is incompatible with AH authentication - clearing");
                d.state = VrrpState.BACKUP;
            }
            d.auth = new VrrpAuthentication(b.authType, b.authPass, at);
        }
    }

    /** Strict unicast, interface-less unicast and the interface on the host; false when dropped. */
    private boolean interfaceAndUnicast(Draft d) {
        VrrpInstanceKeywords.Builder b = d.b;
        if (d.strict && !b.peers.isEmpty()) {
            error(b.position, d.p + "Unicast peers are not supported in strict mode");
            return false;
        }
        if (b.interfaceToken != null && b.interfaceToken.text().equals("lo")) {
            error(b.interfaceToken.position(), d.p + "cannot use a loopback interface (lo) for vrrp - ignoring");
            b.interfaceToken = null;
        }
        if (b.interfaceToken == null) {
            if (b.srcIp == null) {
                error(b.position, d.p + ": Unicast instances must have unicast_src_ip or interface");
                return false;
            }
            if (d.ipv6 && b.srcIp.isLinkLocalAddress()) {
                error(b.position, d.p + "Non link-local address required if interface omitted");
                return false;
            }
        }
        d.ifname = interfaceName(b);
        if (b.peers.isEmpty() && b.unicastKeywordSeen && !b.unicastFaultNoPeer) {
            // keepalived only logs this (keepalived.md a.3): multicast is kept for backward compatibility
            ctx.note(b.position, d.p + "unicast configured but no unicast peers - using multicast");
        }
        return true;
    }

    /** VIPs on the instance's interface; the first IPv6 VIP link-local; what does not fit an advert to eVIPs. */
    private void addresses(Draft d) {
        VrrpInstanceKeywords.Builder b = d.b;
        if (d.ipv6 && b.peers.isEmpty() && !b.vips.isEmpty() && !b.vips.get(0).address().isLinkLocalAddress()) {
            if (d.strict) {
                error(b.vips.get(0).position(), d.p + "the first IPv6 VIP address must be link local");
            } else {
                ctx.note(b.vips.get(0).position(), d.p + "the first IPv6 VIP address should be link local");
            }
        }
        int max = maxAddresses(d.ipv6, d.version, d.auth);
        for (VrrpAddress a : b.vips) {
            (d.vips.size() < max ? d.vips : d.evips).add(fillDev(a, d.ifname));
        }
        if (b.vips.size() > max) {
            error(b.position, d.p + "Number of VIPs (" + b.vips.size() + ") exceeds maximum/space available in "
                    + "packet (max " + max + " addresses) - excess moved to eVIPs");
        }
        for (VrrpAddress a : b.evips) {
            d.evips.add(fillDev(a, d.ifname));
        }
    }

    /** nopreempt and preempt_delay against the owner, state MASTER and strict mode (keepalived.md d.4). */
    private void preemption(Draft d) {
        Position at = d.b.position;
        d.nopreempt = d.b.nopreempt;
        d.preemptDelay = d.b.preemptDelayMicros;
        if (d.priority == 255 && d.nopreempt) {
            error(at, d.p + "nopreempt is incompatible with priority 255. resetting nopreempt");
            d.nopreempt = false;
        }
        if (d.state == VrrpState.MASTER) {
            if (d.nopreempt) {
                error(at, d.p + "Warning - nopreempt will not work with initial state MASTER - clearing");
                d.nopreempt = false;
            }
            if (d.preemptDelay != 0) {
                error(at, d.p + "Warning - preempt delay will not work with initial state MASTER - clearing");
                d.preemptDelay = 0;
            }
        }
        if (d.preemptDelay != 0 && d.strict) {
            error(at, d.p + "preempt_delay is incompatible with strict mode - resetting");
            d.preemptDelay = 0;
        }
        if (d.preemptDelay != 0 && d.nopreempt) {
            error(at, d.p + "preempt_delay is incompatible with nopreempt mode - resetting");
            d.preemptDelay = 0;
        }
    }

    /** accept, GARP and advert behaviour: their defaults and strict mode's forced values (keepalived.md d.7). */
    private void strictDefaults(Draft d) {
        VrrpInstanceKeywords.Builder b = d.b;
        Position at = b.position;
        d.accept = b.accept != null ? b.accept : d.priority == 255 || !d.strict;
        if (d.accept && d.priority != 255 && d.strict && d.version == 2) {
            error(at, d.p + "warning - accept mode for VRRP version 2 does not comply with RFC3768 - resetting");
            d.accept = false;
        }
        d.garp = garp(b, d.strict, d.p);
        d.lowerPrioNoAdvert = b.lowerPrioNoAdvert != null ? b.lowerPrioNoAdvert
                : d.strict || globals.vrrpLowerPrioNoAdvert();
        if (d.strict && !d.lowerPrioNoAdvert) {
            error(at, d.p + "Strict mode requires no lower priority advert. resetting");
            d.lowerPrioNoAdvert = true;
        }
        d.higherPrioSendAdvert = b.higherPrioSendAdvert != null ? b.higherPrioSendAdvert
                : !d.strict && globals.vrrpHigherPrioSendAdvert();
        if (d.strict && d.higherPrioSendAdvert) {
            error(at, d.p + "strict mode requires higher_prio_send_advert to be clear. resetting");
            d.higherPrioSendAdvert = false;
        }
        d.downTimerAdverts = b.downTimerAdverts != null ? b.downTimerAdverts : globals.vrrpDownTimerAdverts();
        if (d.strict && d.downTimerAdverts != 3) {
            error(at, d.p + "Strict mode requires down_timer_adverts to be 3 - resetting");
            d.downTimerAdverts = 3;
        }
    }

    /** unicast_ttl applies to unicast only: 255 by default for IPv4, the kernel's default for IPv6 (null). */
    private Integer unicastTtl(Draft d) {
        VrrpInstanceKeywords.Builder b = d.b;
        if (b.peers.isEmpty()) {
            if (b.unicastTtl != null) {
                error(b.position, d.p + ": Cannot use unicast_ttl without unicast peers - resetting");
            }
            return null;
        }
        return b.unicastTtl != null ? b.unicastTtl : d.ipv6 ? null : Integer.valueOf(255);
    }

    private InetAddress mcastDst(Draft d) {
        InetAddress group = d.ipv6 ? globals.vrrpMcastGroup6() : globals.vrrpMcastGroup4();
        InetAddress written = d.b.mcastDstIp;
        if (written == null) {
            return group;
        }
        if ((written.getAddress().length == 16) != d.ipv6) {
            error(d.b.position, d.p + "mcast_dst_ip family does not match the instance - using the default group");
            return group;
        }
        return written;
    }

    /** The instance's interface, checked on the host; null for an interface-less unicast instance. */
    private String interfaceName(VrrpInstanceKeywords.Builder b) {
        if (b.interfaceToken == null) {
            return null;
        }
        String ifname = b.interfaceToken.text();
        Position at = b.interfaceToken.position();
        checkInterface(ifname, at, "WARNING - interface " + ifname + " for vrrp_instance " + b.name
                + " doesn't exist");
        return ifname;
    }

    /** keepalived reports a general error and CONFIG_BAD_IF: a WARNING, and (once) the FATAL class. */
    void checkInterface(String ifname, Position at, String message) {
        if (host.interfaceExists(ifname)) {
            return;
        }
        if (globals.dynamicInterfaces()) {
            ctx.note(at, message + " (dynamic_interfaces: it may appear later)");
            return;
        }
        ctx.report(Severity.WARNING, at, message, ifname, "an interface of this host", null);
        if (!badInterfaceReported) {
            badInterfaceReported = true;
            ctx.report(Severity.FATAL, at, "Non-existent interface specified in configuration", ifname, null,
                    "keepalived would not start VRRP");
        }
    }

    /** Addresses without {@code dev} go on the instance's interface (the VMAC, if any, is a run-time choice). */
    private static VrrpAddress fillDev(VrrpAddress a, String ifname) {
        return a.dev() == null ? a.withDev(ifname) : a;
    }

    /** VIPs that fit one advert on a 1500-byte MTU link, at most 255 (keepalived's vrrp_complete_instance). */
    private static int maxAddresses(boolean ipv6, int version, VrrpAuthentication auth) {
        int mtu = 1500;
        int max;
        if (ipv6) {
            max = (mtu - 14 - 40 - 8) / 16;
        } else {
            int hdr = 14 + 20 + 8 + (version == 2 ? 8 : 0);
            if (version == 2 && auth != null && auth.type() == VrrpAuthentication.Type.AH) {
                hdr += 24;
            }
            max = (mtu - hdr) / 4;
        }
        return Math.min(max, 255);
    }

    private VrrpGarpSettings garp(VrrpInstanceKeywords.Builder b, boolean strict, String p) {
        VrrpGarpSettings g = globals.vrrpGarp();
        int lowerRepeat;
        long lowerDelay;
        if (b.garpLowerPrioRepeat == null) {
            lowerRepeat = strict ? 0 : g.lowerPrioRepeat();
        } else if (strict && b.garpLowerPrioRepeat != 0) {
            error(b.position, p + "Strict mode requires no repeat garps. resetting");
            lowerRepeat = 0;
        } else {
            lowerRepeat = b.garpLowerPrioRepeat;
        }
        if (b.garpLowerPrioDelayMicros == null) {
            lowerDelay = strict ? 0 : g.lowerPrioDelayMicros();
        } else if (strict && b.garpLowerPrioDelayMicros != 0) {
            error(b.position, p + "Strict mode requires no repeat garp delay. resetting");
            lowerDelay = 0;
        } else {
            lowerDelay = b.garpLowerPrioDelayMicros;
        }
        return new VrrpGarpSettings(
                b.garpMasterDelayMicros != null ? b.garpMasterDelayMicros : g.masterDelayMicros(),
                b.garpMasterRepeat != null ? b.garpMasterRepeat : g.masterRepeat(),
                b.garpMasterRefreshMicros != null ? b.garpMasterRefreshMicros : g.masterRefreshMicros(),
                b.garpMasterRefreshRepeat != null ? b.garpMasterRefreshRepeat : g.masterRefreshRepeat(),
                lowerDelay, lowerRepeat);
    }

    private long advertInterval(VrrpInstanceKeywords.Builder b, int version, String p) {
        Position at = b.advertPosition != null ? b.advertPosition : b.position;
        long us = b.advertIntMicros != null ? b.advertIntMicros : 1_000_000L;
        if (version == 2) {
            if (us >= 256_000_000L) {
                error(at, p + "VRRPv2 advertisement interval " + fmt2(us)
                        + "s is out of range. Must be less than 256s. Setting to 255s");
                return 255_000_000L;
            }
            if (us % 1_000_000L != 0) {
                error(at, p + "VRRPv2 advertisement interval " + fmt6(us) + "s must be an integer. rounding");
                long r = (us + 500_000L) / 1_000_000L * 1_000_000L;
                return r == 0 ? 1_000_000L : r;
            }
            return us;
        }
        if (us >= 40_960_000L) {
            error(at, p + "VRRPv3 advertisement interval " + fmt2(us)
                    + "s is out of range. Must be less than 40.96s. Setting to 40.95s");
            return 40_950_000L;
        }
        if (us % 10_000L != 0) {
            error(at, p + "VRRPv3 advertisement interval " + fmt6(us) + "s must be in units of 10ms - rounding");
            long r = (us + 5_000L) / 10_000L * 10_000L;
            return r == 0 ? 10_000L : r;
        }
        return us;
    }

    private static String fmt2(long us) {
        return String.format(Locale.ROOT, "%.2f", us / 1e6);
    }

    private static String fmt6(long us) {
        return String.format(Locale.ROOT, "%.6f", us / 1e6);
    }

    private VrrpVmac vmac(VrrpInstanceKeywords.Builder b, boolean strict, String p) {
        boolean xmitBase = b.vmacXmitBase;
        if (b.vmacPosition == null) {
            if (xmitBase) {
                error(b.position, p + "vmac_xmit_base is only valid with a vmac");
            }
            return null;
        }
        if (strict && xmitBase) {
            error(b.position, p + "xmit_base is incompatible with strict mode - resetting");
            xmitBase = false;
        }
        String mac = b.vmacMac;
        if (strict && mac != null) {
            error(b.vmacPosition, p + "A custom VMAC MAC address is not allowed in strict mode - resetting");
            mac = null;
        }
        if (mac != null && mac.split(":").length == 5) {
            mac = mac + String.format(Locale.ROOT, ":%02x", b.vrid); // keepalived.md a.8: 5 octets get the VRID
        }
        String name = b.vmacName != null ? b.vmacName : globals.vmacPrefix() + "." + b.vrid;
        return new VrrpVmac(name, mac, xmitBase, b.useVmacAddr, b.vmacPosition);
    }
}
