package keepalivedj.daemon.vrrp;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import keepalivedj.conf.model.KeepalivedConfig;
import keepalivedj.daemon.notify.NotifyDispatcher;
import keepalivedj.vrrp.fsm.Timer;
import keepalivedj.vrrp.packet.Drop;
import keepalivedj.vrrp.rx.DropCounters;
import keepalivedj.vrrp.spec.InstanceSpec;
import keepalivedj.vrrp.spec.VirtualAddress;
import keepalivedj.vrrp.sync.SyncGroup;

/**
 * The SIGUSR1 ({@code keepalived.data}) and SIGUSR2 ({@code keepalived.stats}) texts, laid out like keepalived
 * 2.2.7's (whose format is not stable either): indented "Name = value" blocks per instance. The stats add every
 * {@link Drop} reason by name, which keepalived folds into a few groups.
 */
final class Dumps {
    private Dumps() {
    }

    static String data(KeepalivedConfig cfg, List<Instance> instances, Map<String, SyncGroup> groups) {
        StringBuilder b = new StringBuilder();
        b.append("------< Global definitions >------\n");
        b.append(" Router ID = ").append(cfg.globalDefs().routerId()).append('\n');
        b.append("------< VRRP Topology >------\n");
        for (Instance i : instances) {
            InstanceSpec s = i.spec;
            b.append(" VRRP Instance = ").append(s.name()).append('\n');
            b.append("   VRRP Version = ").append(s.version()).append('\n');
            b.append("   State = ").append(i.machine.state()).append('\n');
            b.append("   Wantstate = ").append(i.machine.wantState()).append('\n');
            b.append("   Interface = ").append(s.interfaceName()).append('\n');
            b.append("   Using src_ip = ").append(s.sourceAddress().getHostAddress()).append('\n');
            b.append("   Virtual Router ID = ").append(s.vrid()).append('\n');
            b.append("   Priority = ").append(s.priority()).append('\n');
            b.append("   Effective priority = ").append(i.machine.effectivePriority()).append('\n');
            b.append("   Advert interval = ").append(s.adverIntCs() * 10).append(" milli-sec\n");
            b.append("   Master advert interval = ").append(i.machine.masterAdverIntCs() * 10).append(" milli-sec\n");
            b.append("   Preempt = ").append(s.nopreempt() ? "disabled" : "enabled").append('\n');
            b.append("   Preempt delay = ").append(s.preemptDelayUs() / 1_000_000.0).append(" secs\n");
            b.append("   Authentication type = ").append(s.authType()).append('\n');
            if (s.unicast()) {
                b.append("   Unicast Peer = ");
                s.unicastPeers().forEach(p -> b.append(p.address().getHostAddress()).append(' '));
                b.append('\n');
            } else {
                b.append("   Multicast group = ").append(s.mcastGroup().getHostAddress()).append('\n');
            }
            b.append("   Gratuitous ARP delay = ").append(s.garp().masterDelayUs() / 1_000_000).append('\n');
            b.append("   Gratuitous ARP repeat = ").append(s.garp().masterRepeat()).append('\n');
            b.append("   Gratuitous ARP refresh = ").append(s.garp().masterRefreshUs() / 1_000_000).append('\n');
            b.append("   Gratuitous ARP lower priority repeat = ").append(s.garp().lowerPrioRepeat()).append('\n');
            if (i.group != null) {
                b.append("   Sync group = ").append(i.config.syncGroup()).append('\n');
            }
            b.append("   Virtual IP (").append(s.vips().size()).append("):\n");
            for (VirtualAddress v : s.vips()) {
                b.append("     ").append(text(v.address())).append('/').append(v.prefixLength()).append(" dev ")
                        .append(v.device() != null ? v.device() : s.interfaceName())
                        .append(v.options().isEmpty() ? "" : " " + v.options()).append('\n');
            }
            if (!s.excludedVips().isEmpty()) {
                b.append("   Virtual IP Excluded (").append(s.excludedVips().size()).append("):\n");
                for (VirtualAddress v : s.excludedVips()) {
                    b.append("     ").append(text(v.address())).append('/').append(v.prefixLength()).append('\n');
                }
            }
            if (!s.trackers().isEmpty()) {
                b.append("   Tracked objects = ").append(s.trackers().size()).append('\n');
                s.trackers().forEach(t -> b.append("     ").append(t.object().label()).append(" weight ").append(t.weight())
                        .append(t.reverse() ? " reverse" : "").append('\n'));
            }
            for (Timer t : Timer.values()) {
                long d = i.machine.deadline(t);
                if (d >= 0) {
                    b.append("   Timer ").append(t).append(" armed\n");
                }
            }
        }
        if (!groups.isEmpty()) {
            b.append("------< VRRP Sync groups >------\n");
            for (Map.Entry<String, SyncGroup> g : groups.entrySet()) {
                b.append(" VRRP Sync Group = ").append(g.getKey()).append(", ").append(g.getValue().state())
                        .append('\n');
            }
        }
        return b.toString();
    }

    static String stats(List<Instance> instances, Map<String, DropCounters> unattributed, Map<String, Long> unknownVrid,
                        NotifyDispatcher.Stats notify) {
        StringBuilder b = new StringBuilder();
        for (Instance i : instances) {
            DropCounters d = i.machine.drops();
            b.append("VRRP Instance: ").append(i.name()).append('\n');
            b.append("  Advertisements:\n");
            b.append("    Received: ").append(i.advertsReceived).append('\n');
            b.append("    Sent: ").append(i.advertsSent).append('\n');
            b.append("  Became master: ").append(i.becameMaster).append('\n');
            b.append("  Released master: ").append(i.releasedMaster).append('\n');
            b.append("  Packet Errors:\n");
            b.append("    Length: ").append(d.get(Drop.PACKET_LENGTH) + d.get(Drop.FRAME_TOO_SHORT)
                    + d.get(Drop.IP_LENGTH_MISMATCH) + d.get(Drop.VRRP_HEADER_TOO_SHORT)).append('\n');
            b.append("    TTL: ").append(d.get(Drop.BAD_TTL)).append('\n');
            b.append("    Invalid Type: ").append(d.get(Drop.INVALID_TYPE)).append('\n');
            b.append("    Advertisement Interval: ").append(d.get(Drop.INTERVAL_MISMATCH)).append('\n');
            b.append("    Address List: ").append(d.get(Drop.ADDRESS_COUNT) + d.get(Drop.VIP_NOT_PRESENT)).append('\n');
            b.append("  Authentication Errors:\n");
            b.append("    Invalid Type: ").append(d.get(Drop.INVALID_AUTH_TYPE)).append('\n');
            b.append("    Type Mismatch: ").append(d.get(Drop.AUTH_TYPE_MISMATCH)).append('\n');
            b.append("    Failure: ").append(d.get(Drop.AUTH_FAILURE)).append('\n');
            b.append("  Priority Zero:\n");
            b.append("    Received: ").append(i.priorityZeroReceived).append('\n');
            b.append("    Sent: ").append(i.priorityZeroSent).append('\n');
            b.append("  Gratuitous ARP/NA sent: ").append(i.gratuitousSent).append('\n');
            b.append("  Address errors: ").append(i.addressErrors).append('\n');
            b.append("  Master down held for unread frames: ").append(i.masterDownHeld).append('\n');
            b.append("  Drops by reason:\n");
            for (Drop r : Drop.values()) {
                b.append("    ").append(r.name()).append(": ").append(d.get(r)).append('\n');
            }
        }
        for (Map.Entry<String, DropCounters> e : unattributed.entrySet()) {
            b.append("Interface: ").append(e.getKey()).append('\n');
            b.append("  Frames for no configured VRID: ").append(unknownVrid.getOrDefault(e.getKey(), 0L)).append('\n');
            b.append("  Undecodable frames by reason:\n");
            for (Drop r : Drop.values()) {
                long n = e.getValue().get(r);
                if (n > 0) {
                    b.append("    ").append(r.name()).append(": ").append(n).append('\n');
                }
            }
        }
        b.append("Notify scripts: queued ").append(notify.queued()).append(", finished ").append(notify.finished())
                .append(", failed ").append(notify.failed()).append(", timed out ").append(notify.timedOut())
                .append('\n');
        return b.toString();
    }

    private static String text(InetAddress a) {
        return a.getHostAddress();
    }
}
