package keepalivedj.conf.bind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import keepalivedj.conf.HostEnvironment;
import keepalivedj.conf.Position;
import keepalivedj.conf.Severity;
import keepalivedj.conf.model.BfdInstance;
import keepalivedj.conf.model.GlobalDefs;
import keepalivedj.conf.model.VrrpAddress;
import keepalivedj.conf.model.VrrpAuthentication;
import keepalivedj.conf.model.VrrpGarpSettings;
import keepalivedj.conf.model.VrrpInstance;
import keepalivedj.conf.model.VrrpScript;
import keepalivedj.conf.model.VrrpState;
import keepalivedj.conf.model.VrrpTrackFile;
import keepalivedj.conf.model.VrrpTrackProcess;
import keepalivedj.conf.model.VrrpTrackRef;
import keepalivedj.conf.model.VrrpVmac;

/**
 * Completes one instance as keepalived 2.2.7's {@code vrrp_complete_instance} does: fills defaults from the
 * globals, derives priority from state and state from priority, applies the strict-mode, authentication,
 * preemption and advert-interval corrections with keepalived's messages, checks interfaces on the host and
 * resolves the trackers. Every correction is a WARNING at the instance's position (keepalived gives none).
 * Cross-instance checks (duplicate VRIDs, sync groups) are {@link VrrpSections}'s.
 */
final class VrrpInstanceCompleter {
    private final BindContext ctx;
    private final HostEnvironment host;
    private final GlobalDefs globals;
    private final Map<String, VrrpScript> scripts;
    private final Map<String, VrrpTrackFile> files;
    private final Map<String, VrrpTrackProcess> processes;
    private final Map<String, BfdInstance> bfds;
    private boolean badInterfaceReported;

    VrrpInstanceCompleter(BindContext ctx, HostEnvironment host, GlobalDefs globals, Map<String, VrrpScript> scripts,
                          Map<String, VrrpTrackFile> files, Map<String, VrrpTrackProcess> processes,
                          Map<String, BfdInstance> bfds) {
        this.ctx = ctx;
        this.host = host;
        this.globals = globals;
        this.scripts = scripts;
        this.files = files;
        this.processes = processes;
        this.bfds = bfds;
    }

    private void error(Position at, String message) {
        ctx.report(Severity.WARNING, at, message, null, null, null);
    }

    /**
     * The effective instance, or null when keepalived would not run it (reported). {@code group} is the sync
     * group it belongs to, null for none.
     */
    VrrpInstance complete(VrrpInstanceKeywords.Builder b, VrrpSyncGroupKeywords.Builder group) {
        String syncGroup = group == null ? null : group.name;
        boolean groupTrackingWeight = group != null && group.syncGroupTrackingWeight;
        String p = "(" + b.name + ") ";
        Position at = b.position;
        boolean strict = b.strictMode != null ? b.strictMode : globals.vrrpStrict();
        boolean ipv6 = b.ipv6 != null && b.ipv6;
        int version;
        if (ipv6) {
            if (b.version != null && b.version == 2) {
                error(at, p + "cannot use IPv6 with VRRP version 2; setting version 3");
            }
            version = 3;
        } else {
            version = b.version != null ? b.version : globals.vrrpVersion();
        }
        if (b.vips.isEmpty()) {
            if (version == 3 || strict) {
                error(at, p + "No VIP specified; at least one is required");
                return null;
            }
            error(at, p + "No VIP specified; at least one is sensible");
        }
        if (b.vrid == null) {
            error(at, p + "the virtual router id must be set");
            return null;
        }
        int priority = b.priority != null ? b.priority : b.state == VrrpState.MASTER ? 255 : 100;
        VrrpState state;
        if (b.state == null) {
            state = priority == 255 ? VrrpState.MASTER : VrrpState.BACKUP;
        } else {
            state = b.state;
            if (strict && (state == VrrpState.MASTER) != (priority == 255)) {
                error(at, p + "State MASTER must match being address owner");
                state = priority == 255 ? VrrpState.MASTER : VrrpState.BACKUP;
            }
        }
        VrrpAuthentication auth = null;
        if (b.authType != null) {
            if (strict) {
                error(b.authPosition, p + "Strict mode does not support authentication. Ignoring.");
            } else if (version == 3) {
                error(b.authPosition, p + "VRRP version 3 does not support authentication. Ignoring.");
            } else if (b.authPass == null || b.authPass.isEmpty()) {
                error(b.authPosition, p + "Authentication specified but no password given. Ignoring");
            } else if (ipv6 && b.authType == VrrpAuthentication.Type.AH) {
                error(b.authPosition, p + "Cannot use AH authentication with IPv6. ignoring");
            } else {
                if (b.authType == VrrpAuthentication.Type.AH && state == VrrpState.MASTER && priority != 255) {
                    error(b.authPosition, p + "Initial state master is incompatible with AH authentication - clearing");
                    state = VrrpState.BACKUP;
                }
                auth = new VrrpAuthentication(b.authType, b.authPass, b.authPosition);
            }
        }
        if (strict && !b.peers.isEmpty()) {
            error(at, p + "Unicast peers are not supported in strict mode");
            return null;
        }
        if (b.interfaceToken == null) {
            if (b.srcIp == null) {
                error(at, p + ": Unicast instances must have unicast_src_ip or interface");
                return null;
            }
            if (ipv6 && b.srcIp.isLinkLocalAddress()) {
                error(at, p + "Non link-local address required if interface omitted");
                return null;
            }
        }
        String ifname = interfaceName(b);
        if (b.peers.isEmpty() && b.unicastKeywordSeen && !b.unicastFaultNoPeer) {
            error(at, p + "unicast keywords given but no unicast peers - using multicast (deprecated)");
        }
        if (ipv6 && b.peers.isEmpty() && !b.vips.isEmpty() && !b.vips.get(0).address().isLinkLocalAddress()) {
            if (strict) {
                error(b.vips.get(0).position(), p + "the first IPv6 VIP address must be link local");
            } else {
                ctx.note(b.vips.get(0).position(), p + "the first IPv6 VIP address should be link local");
            }
        }
        List<VrrpAddress> vips = new ArrayList<>();
        List<VrrpAddress> evips = new ArrayList<>();
        int max = maxAddresses(ipv6, version, auth);
        for (VrrpAddress a : b.vips) {
            VrrpAddress filled = fillDev(a, ifname);
            if (filled != null) {
                (vips.size() < max ? vips : evips).add(filled);
            }
        }
        if (b.vips.size() > max) {
            error(at, p + "Number of VIPs (" + b.vips.size() + ") exceeds maximum/space available in packet (max "
                    + max + " addresses) - excess moved to eVIPs");
        }
        for (VrrpAddress a : b.evips) {
            VrrpAddress filled = fillDev(a, ifname);
            if (filled != null) {
                evips.add(filled);
            }
        }
        boolean nopreempt = b.nopreempt;
        long preemptDelay = b.preemptDelayMicros;
        if (priority == 255 && nopreempt) {
            error(at, p + "nopreempt is incompatible with priority 255. resetting nopreempt");
            nopreempt = false;
        }
        if (state == VrrpState.MASTER) {
            if (nopreempt) {
                error(at, p + "Warning - nopreempt will not work with initial state MASTER - clearing");
                nopreempt = false;
            }
            if (preemptDelay != 0) {
                error(at, p + "Warning - preempt delay will not work with initial state MASTER - clearing");
                preemptDelay = 0;
            }
        }
        if (preemptDelay != 0 && strict) {
            error(at, p + "preempt_delay is incompatible with strict mode - resetting");
            preemptDelay = 0;
        }
        if (preemptDelay != 0 && nopreempt) {
            error(at, p + "preempt_delay is incompatible with nopreempt mode - resetting");
            preemptDelay = 0;
        }
        boolean accept = b.accept != null ? b.accept : priority == 255 || !strict;
        if (accept && priority != 255 && strict && version == 2) {
            error(at, p + "warning - accept mode for VRRP version 2 does not comply with RFC3768 - resetting");
            accept = false;
        }
        VrrpGarpSettings garp = garp(b, strict, p);
        boolean lowerPrioNoAdvert = b.lowerPrioNoAdvert != null ? b.lowerPrioNoAdvert
                : strict || globals.vrrpLowerPrioNoAdvert();
        if (strict && !lowerPrioNoAdvert) {
            error(at, p + "Strict mode requires no lower priority advert. resetting");
            lowerPrioNoAdvert = true;
        }
        boolean higherPrioSendAdvert = b.higherPrioSendAdvert != null ? b.higherPrioSendAdvert
                : !strict && globals.vrrpHigherPrioSendAdvert();
        if (strict && higherPrioSendAdvert) {
            error(at, p + "strict mode requires higher_prio_send_advert to be clear. resetting");
            higherPrioSendAdvert = false;
        }
        int downTimerAdverts = b.downTimerAdverts != null ? b.downTimerAdverts : globals.vrrpDownTimerAdverts();
        if (strict && downTimerAdverts != 3) {
            error(at, p + "Strict mode requires down_timer_adverts to be 3 - resetting");
            downTimerAdverts = 3;
        }
        boolean smtpAlert = b.smtpAlert != null ? b.smtpAlert
                : globals.smtpAlertVrrp() != null ? globals.smtpAlertVrrp()
                : globals.smtpAlert() != null ? globals.smtpAlert() : false;
        boolean notifyPrio = b.notifyPriorityChanges != null ? b.notifyPriorityChanges
                : group != null && group.notifyPriorityChanges != null ? group.notifyPriorityChanges
                : globals.vrrpNotifyPriorityChanges();
        long advert = advertInterval(b, version, p);
        VrrpVmac vmac = vmac(b, strict, p);
        boolean promote = b.promoteSecondaries;
        if (promote && vmac != null) {
            error(at, p + "promote_secondaries is automatically set for vmacs - ignoring");
            promote = false;
        }
        boolean sync = syncGroup != null && !groupTrackingWeight;
        boolean owner = priority == 255;
        String why = sync ? "SYNC group" : "address owner";
        List<VrrpTrackRef> ifs = new ArrayList<>();
        for (VrrpTrackRefs.Raw r : b.trackInterfaces) {
            VrrpTrackRef t = trackInterface(r, ifname, p);
            if (t == null) {
                continue;
            }
            if ((sync || owner) && t.weight() != 0) {
                error(r.position(), p + "ignoring " + t.name() + " tracked interface " + (sync ? "weight " : "")
                        + "due to " + why);
                if (!sync) {
                    continue;
                }
                t = new VrrpTrackRef(t.name(), 0, false, t.position());
            }
            ifs.add(t);
        }
        List<VrrpTrackRef> trackScripts = new ArrayList<>();
        for (VrrpTrackRefs.Raw r : b.trackScripts) {
            VrrpScript s = scripts.get(r.name());
            if (s == null) {
                error(r.position(), p + "track script " + r.name() + " not found, ignoring");
                continue;
            }
            VrrpTrackRef t = resolve(r, s.weight(), s.weightReverse());
            if ((sync || owner) && t.weight() != 0) {
                error(r.position(), p + "ignoring tracked script " + t.name() + " with weights due to "
                        + (sync ? "SYNC group" : "address_owner"));
                continue;
            }
            trackScripts.add(t);
        }
        List<VrrpTrackRef> trackFiles = new ArrayList<>();
        for (VrrpTrackRefs.Raw r : b.trackFiles) {
            VrrpTrackFile f = files.get(r.name());
            if (f == null) {
                error(r.position(), p + "track file " + r.name() + " not found, ignoring");
                continue;
            }
            VrrpTrackRef t = resolve(r, f.weight(), f.weightReverse());
            if ((sync || owner) && t.weight() != 0) {
                String who = sync ? "SYNC group" : "address_owner";
                if (t.weight() == 1) {
                    error(r.position(), p + "ignoring weight from tracked file " + t.name() + " due to " + who
                            + " - specify weight 0");
                    t = new VrrpTrackRef(t.name(), 0, false, t.position());
                } else {
                    error(r.position(), p + "ignoring tracked file " + t.name() + " with weight " + t.weight()
                            + " due to " + who);
                    continue;
                }
            }
            trackFiles.add(t);
        }
        List<VrrpTrackRef> trackProcesses = new ArrayList<>();
        for (VrrpTrackRefs.Raw r : b.trackProcesses) {
            VrrpTrackProcess tp = processes.get(r.name());
            if (tp == null) {
                error(r.position(), p + "track process " + r.name() + " not found, ignoring");
                continue;
            }
            trackProcesses.add(resolve(r, tp.weight(), tp.weightReverse()));
        }
        List<VrrpTrackRef> trackBfds = new ArrayList<>();
        for (VrrpTrackRefs.Raw r : b.trackBfds) {
            BfdInstance bfd = bfds.get(r.name());
            if (bfd == null) {
                error(r.position(), p + "track bfd " + r.name() + " not found, ignoring");
                continue;
            }
            VrrpTrackRef t = resolve(r, bfd.weight(), false);
            if ((sync || owner) && t.weight() != 0) {
                error(r.position(), p + "ignoring tracked bfd " + t.name() + " with weight " + t.weight()
                        + " due to " + (sync ? "SYNC group" : "address_owner"));
                continue;
            }
            trackBfds.add(t);
        }
        boolean checkUnicastSrc = b.checkUnicastSrc != null ? b.checkUnicastSrc : globals.vrrpCheckUnicastSrc();
        boolean skipCheck = b.skipCheckAdvAddr != null ? b.skipCheckAdvAddr : globals.vrrpSkipCheckAdvAddr();
        java.net.InetAddress mcastDst = b.mcastDstIp != null ? b.mcastDstIp
                : ipv6 ? globals.vrrpMcastGroup6() : globals.vrrpMcastGroup4();
        if (b.mcastDstIp != null && (b.mcastDstIp.getAddress().length == 16) != ipv6) {
            error(at, p + "mcast_dst_ip family does not match the instance - using the default group");
            mcastDst = ipv6 ? globals.vrrpMcastGroup6() : globals.vrrpMcastGroup4();
        }
        return new VrrpInstance(b.name, state, ifname, b.vrid, priority, advert, version, ipv6, nopreempt,
                preemptDelay, auth, b.srcIp, b.peers, b.unicastTtl, checkUnicastSrc, b.unicastFaultNoPeer, mcastDst,
                b.trackSrcIp, vips, evips, b.routes, b.rules, trackScripts, ifs, trackFiles, trackProcesses,
                trackBfds, b.notify.build(), smtpAlert, notifyPrio, promote, accept, strict, skipCheck,
                b.dontTrackPrimary, vmac, garp, b.garpExtraIfMicros != 0 ? b.garpExtraIfMicros
                : globals.vrrpGarpExtraIfMicros(), lowerPrioNoAdvert, higherPrioSendAdvert, downTimerAdverts,
                b.kernelRxBufSize, b.linkbeatUsePolling || globals.linkbeatUsePolling(), b.lvsSyncDaemonInterface,
                syncGroup, b.position);
    }

    private static VrrpTrackRef resolve(VrrpTrackRefs.Raw r, int ownWeight, boolean ownReverse) {
        if (r.weight() != null) {
            return new VrrpTrackRef(r.name(), r.weight(), r.reverse(), r.position());
        }
        return new VrrpTrackRef(r.name(), ownWeight, r.reverse() || ownReverse, r.position());
    }

    /** The instance's interface, checked on the host; null for an interface-less unicast instance. */
    private String interfaceName(VrrpInstanceKeywords.Builder b) {
        if (b.interfaceToken == null) {
            return null;
        }
        String ifname = b.interfaceToken.text();
        Position at = b.interfaceToken.position();
        checkInterface(ifname, at, "WARNING - interface " + ifname + " for vrrp instance " + b.name
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

    private VrrpTrackRef trackInterface(VrrpTrackRefs.Raw r, String ifname, String p) {
        if (r.name().equals(ifname)) {
            error(r.position(), p + "Ignoring track_interface " + r.name() + " since own interface");
            return null;
        }
        if (!host.interfaceExists(r.name()) && !globals.dynamicInterfaces()) {
            error(r.position(), p + "tracked interface " + r.name() + " doesn't exist");
            return null;
        }
        return new VrrpTrackRef(r.name(), r.weight() == null ? 0 : r.weight(), r.reverse(), r.position());
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
        String name = b.vmacName != null ? b.vmacName : globals.vmacPrefix() + "." + b.vrid;
        return new VrrpVmac(name, mac, xmitBase, b.useVmacAddr, b.vmacPosition);
    }
}
