package keepalivedj.daemon.vrrp;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import keepalivedj.conf.model.VrrpAddress;
import keepalivedj.conf.model.VrrpAuthentication;
import keepalivedj.conf.model.VrrpGarpSettings;
import keepalivedj.conf.model.VrrpInstance;
import keepalivedj.conf.model.VrrpRoute;
import keepalivedj.conf.model.VrrpRule;
import keepalivedj.conf.model.VrrpSyncGroup;
import keepalivedj.conf.model.VrrpTrackRef;
import keepalivedj.conf.model.VrrpUnicastPeer;
import keepalivedj.vrrp.spec.AuthType;
import keepalivedj.vrrp.spec.GarpSettings;
import keepalivedj.vrrp.spec.InstanceSpec;
import keepalivedj.vrrp.spec.Tracked;
import keepalivedj.vrrp.spec.TrackedObject;
import keepalivedj.vrrp.spec.UnicastPeer;
import keepalivedj.vrrp.spec.VirtualAddress;
import keepalivedj.vrrp.spec.VirtualRoute;
import keepalivedj.vrrp.spec.VirtualRule;

/**
 * Maps a configured {@code vrrp_instance} (already defaulted and corrected by the config layer) onto the
 * {@link InstanceSpec} the protocol machine runs. The one fact the configuration cannot give is the source
 * address when neither unicast_src_ip nor mcast_src_ip is written: the interface's primary IPv4 address, or
 * its link-local IPv6 address, which the caller reads from the interface.
 *
 * <p>Trackers are named by kind ({@code script:NAME}, {@code interface:NAME}, {@code file:NAME},
 * {@code process:NAME}, {@code bfd:NAME}) so that a script and an interface of the same name stay apart; the
 * instance's own interface is tracked with weight 0 unless {@code dont_track_primary} is set (keepalived.md
 * §a.2).
 */
public final class InstanceSpecs {
    private InstanceSpecs() {
    }

    public static InstanceSpec from(VrrpInstance i, InetAddress interfaceSource) {
        return from(i, interfaceSource, name -> true);
    }

    /**
     * As {@link #from(VrrpInstance, InetAddress)}, leaving out the track_script entries whose vrrp_script
     * {@code scriptUsable} rejects: keepalived removes a vrrp_script it cannot run (not found, not executable,
     * insecure) from every instance's tracking, so it has no effect at all (keepalived.md §c.2, §c.5).
     */
    public static InstanceSpec from(VrrpInstance i, InetAddress interfaceSource,
                                    java.util.function.Predicate<String> scriptUsable) {
        return from(i, interfaceSource, scriptUsable, null);
    }

    /**
     * As above for a member of {@code group} (null: none): the group's track_interface / track_script /
     * track_file / track_process lines are tracked by every member as if written in it (keepalived.md §a.6).
     */
    public static InstanceSpec from(VrrpInstance i, InetAddress interfaceSource,
                                    java.util.function.Predicate<String> scriptUsable, VrrpSyncGroup group) {
        InetAddress source = i.unicastSrcIp() != null ? i.unicastSrcIp() : interfaceSource;
        if (source == null) {
            throw new IllegalArgumentException("(" + i.name() + ") no source address: interface "
                    + i.interfaceName() + " has no " + (i.ipv6() ? "link-local IPv6" : "IPv4") + " address");
        }
        InstanceSpec.Builder b = InstanceSpec.builder(i.name(), i.virtualRouterId(), source)
                .interfaceName(i.interfaceName())
                .version(i.version())
                .priority(i.priority())
                .wantMaster(i.state() == keepalivedj.conf.model.VrrpState.MASTER)
                .adverIntCs((int) (i.advertIntMicros() / 10_000L))
                .nopreempt(i.nopreempt())
                .preemptDelayUs(i.preemptDelayMicros())
                .vips(addresses(i.virtualIpaddresses()))
                .excludedVips(addresses(i.virtualIpaddressesExcluded()))
                .routes(routes(i.virtualRoutes()))
                .rules(rules(i.virtualRules()))
                .unicastPeers(peers(i.unicastPeers()))
                .garp(garp(i.garp()))
                .downTimerAdverts(i.downTimerAdverts())
                .lowerPrioNoAdvert(i.lowerPrioNoAdvert())
                .higherPrioSendAdvert(i.higherPrioSendAdvert())
                .skipCheckAdvAddr(i.skipCheckAdvAddr())
                .checkUnicastSrc(i.checkUnicastSrc())
                .notifyPriorityChanges(i.notifyPriorityChanges())
                .trackers(trackers(i, scriptUsable, group));
        if (i.mcastDstIp() != null) {
            b.mcastGroup(i.mcastDstIp());
        }
        if (i.unicastTtl() != null) {
            b.unicastTtl(i.unicastTtl());
        }
        VrrpAuthentication auth = i.authentication();
        if (auth != null) {
            byte[] pass = auth.password() == null ? null : auth.password().getBytes(StandardCharsets.ISO_8859_1);
            b.auth(auth.type() == VrrpAuthentication.Type.AH ? AuthType.AH : AuthType.PASS,
                    pass == null ? null : Arrays.copyOf(pass, Math.min(8, pass.length)));
        }
        return b.build();
    }

    static List<VirtualAddress> addresses(List<VrrpAddress> list) {
        List<VirtualAddress> out = new ArrayList<>(list.size());
        for (VrrpAddress a : list) {
            out.add(new VirtualAddress(a.address(), a.prefixLength(), a.dev(), options(a)));
        }
        return out;
    }

    /** The entry's options in keepalived's syntax, for logs and for the address layer to re-read if it must. */
    static String options(VrrpAddress a) {
        StringBuilder sb = new StringBuilder();
        if (a.broadcast() != null) {
            sb.append(" brd ").append(a.broadcast().getHostAddress());
        }
        if (a.scope() != 0) {
            sb.append(" scope ").append(a.scope());
        }
        if (a.label() != null) {
            sb.append(" label ").append(a.label());
        }
        if (a.peer() != null) {
            sb.append(" peer ").append(a.peer().getHostAddress()).append('/').append(a.peerPrefixLength());
        }
        if (a.noTrack()) {
            sb.append(" no_track");
        }
        return sb.toString().trim();
    }

    static List<VirtualRoute> routes(List<VrrpRoute> list) {
        List<VirtualRoute> out = new ArrayList<>(list.size());
        for (VrrpRoute r : list) {
            out.add(new VirtualRoute(routeText(r)));
        }
        return out;
    }

    static List<VirtualRule> rules(List<VrrpRule> list) {
        List<VirtualRule> out = new ArrayList<>(list.size());
        for (VrrpRule r : list) {
            out.add(new VirtualRule(ruleText(r)));
        }
        return out;
    }

    /** The route in {@code ip route} words, its identity for the protocol core and in logs. */
    static String routeText(VrrpRoute r) {
        StringBuilder sb = new StringBuilder();
        if (r.type() != null && !r.type().equals("unicast")) {
            sb.append(r.type()).append(' ');
        }
        sb.append(r.destination() == null ? "default" : r.destination().getHostAddress() + "/" + r.prefixLength());
        if (r.preferredSource() != null) {
            sb.append(" src ").append(r.preferredSource().getHostAddress());
        }
        if (r.via() != null) {
            sb.append(" via ").append(r.via().getHostAddress());
        }
        if (r.dev() != null) {
            sb.append(" dev ").append(r.dev());
        }
        if (r.table() != 0 && r.table() != 254) {
            sb.append(" table ").append(r.table());
        }
        if (r.metric() != null) {
            sb.append(" metric ").append(r.metric());
        }
        return sb.toString();
    }

    /** The rule in {@code ip rule} words. */
    static String ruleText(VrrpRule r) {
        StringBuilder sb = new StringBuilder();
        if (r.not()) {
            sb.append("not ");
        }
        sb.append("from ").append(r.from() == null ? "all" : r.from().getHostAddress() + "/" + r.fromPrefixLength());
        if (r.to() != null) {
            sb.append(" to ").append(r.to().getHostAddress()).append('/').append(r.toPrefixLength());
        }
        if (r.fwmark() != null) {
            sb.append(" fwmark ").append(r.fwmark());
        }
        if (r.table() != null) {
            sb.append(" table ").append(r.table());
        }
        sb.append(" preference ").append(r.preference());
        return sb.toString();
    }

    static List<UnicastPeer> peers(List<VrrpUnicastPeer> list) {
        List<UnicastPeer> out = new ArrayList<>(list.size());
        for (VrrpUnicastPeer p : list) {
            out.add(new UnicastPeer(p.address(), p.minTtl(), p.maxTtl()));
        }
        return out;
    }

    static GarpSettings garp(VrrpGarpSettings g) {
        return new GarpSettings(g.masterDelayMicros(), g.masterRepeat(), g.masterRefreshMicros(),
                g.masterRefreshRepeat(), g.lowerPrioDelayMicros(), g.lowerPrioRepeat(), 0);
    }

    static List<TrackedObject> trackers(VrrpInstance i, java.util.function.Predicate<String> scriptUsable,
                                        VrrpSyncGroup group) {
        List<TrackedObject> out = new ArrayList<>();
        if (!i.dontTrackPrimary() && i.interfaceName() != null) {
            out.add(TrackedObject.of(new Tracked.Interface(i.interfaceName()), 0));
        }
        add(out, Tracked.Script::new, i.trackScripts().stream().filter(r -> scriptUsable.test(r.name())).toList());
        add(out, Tracked.Interface::new, i.trackInterfaces());
        add(out, Tracked.File::new, i.trackFiles());
        add(out, Tracked.Process::new, i.trackProcesses());
        add(out, Tracked.Bfd::new, i.trackBfds());
        if (group != null) {
            add(out, Tracked.Script::new,
                    group.trackScripts().stream().filter(r -> scriptUsable.test(r.name())).toList());
            add(out, Tracked.Interface::new, group.trackInterfaces());
            add(out, Tracked.File::new, group.trackFiles());
            add(out, Tracked.Process::new, group.trackProcesses());
            add(out, Tracked.Bfd::new, group.trackBfds());
        }
        return out;
    }

    /**
     * Adds each tracker once. An object the instance already tracks keeps its place; a later (sync group) line
     * gives it its weight unless the instance tracks it unweighted, as keepalived's add_obj_to_track_file does.
     */
    private static void add(List<TrackedObject> out, java.util.function.Function<String, Tracked> kind,
                            List<VrrpTrackRef> refs) {
        for (VrrpTrackRef r : refs) {
            TrackedObject t = new TrackedObject(kind.apply(r.name()), r.weight(), r.reverse());
            int at = -1;
            for (int k = 0; k < out.size(); k++) {
                if (out.get(k).object().equals(t.object())) {
                    at = k;
                }
            }
            if (at < 0) {
                out.add(t);
            } else if (out.get(at).weight() != 0) {
                out.set(at, t);
            }
        }
    }
}
