package keepalivedj.vrrp.fsm;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import keepalivedj.vrrp.fsm.Action.Notify;
import keepalivedj.vrrp.fsm.Action.RemoveAddresses;
import keepalivedj.vrrp.fsm.Action.SendAdvert;
import keepalivedj.vrrp.fsm.Action.SendGratuitous;
import keepalivedj.vrrp.packet.Advertisement;
import keepalivedj.vrrp.packet.VrrpCodec;
import keepalivedj.vrrp.spec.InstanceSpec;
import keepalivedj.vrrp.spec.UnicastPeer;
import keepalivedj.vrrp.spec.VirtualAddress;

/**
 * Builds the actions one instance emits from its spec (what to send, where, to which addresses). Holds no
 * protocol state: the machine decides when; this decides what it looks like on the way out.
 */
final class Effects {
    private final InstanceSpec spec;
    private final Advertisement template;
    private final List<InetAddress> destinations;
    private final List<VirtualAddress> allAddresses;
    /**
     * The advert at each priority, made on first use: a master sends the same one every interval, and the
     * daemon keys its encoded-frame cache on the advert's identity.
     */
    private final Advertisement[] byPriority = new Advertisement[256];

    Effects(InstanceSpec spec) {
        this.spec = spec;
        List<InetAddress> addrs = spec.vips().stream().map(VirtualAddress::address).toList();
        this.template = spec.version() == 2
                ? Advertisement.v2(spec.vrid(), 0, spec.adverIntCs() / 100, spec.authPass(), addrs)
                : Advertisement.v3(spec.vrid(), 0, spec.adverIntCs(), addrs);
        this.destinations = spec.unicast()
                ? spec.unicastPeers().stream().map(UnicastPeer::address).toList()
                : List.of(spec.mcastGroup());
        List<VirtualAddress> all = new ArrayList<>(spec.vips());
        all.addAll(spec.excludedVips()); // GARPs cover excluded VIPs too
        this.allAddresses = List.copyOf(all);
    }

    /** An advert at {@code priority} to the group or each unicast peer (§d.5). */
    SendAdvert advert(int priority, boolean oldUnicastChecksum) {
        Advertisement a = byPriority[priority & 0xFF];
        if (a == null || a.priority() != priority) {
            a = template.withPriority(priority);
            byPriority[priority & 0xFF] = a;
        }
        return new SendAdvert(a, spec.sourceAddress(), destinations,
                spec.unicast() ? spec.unicastTtl() : 255, oldUnicastChecksum ? VrrpCodec.VRRP_IPV4_GROUP : null);
    }

    SendGratuitous gratuitous(int count) {
        return new SendGratuitous(spec.interfaceName(), allAddresses, count, spec.garp().intervalUs());
    }

    Notify notify(String state, int priority) {
        return new Notify("INSTANCE", spec.name(), state, priority);
    }

    RemoveAddresses removeAddresses(boolean force) {
        return new RemoveAddresses(spec.vips(), spec.excludedVips(), spec.routes(), spec.rules(), force);
    }

    Action.AddAddresses addAddresses() {
        return new Action.AddAddresses(spec.vips(), spec.excludedVips(), spec.routes(), spec.rules());
    }

    List<VirtualAddress> allAddresses() {
        return allAddresses;
    }
}
