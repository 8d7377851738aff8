package keepalivedj.vrrp.fsm;

import java.net.InetAddress;
import java.util.List;
import keepalivedj.vrrp.packet.Advertisement;
import keepalivedj.vrrp.spec.VirtualAddress;
import keepalivedj.vrrp.spec.VirtualRoute;
import keepalivedj.vrrp.spec.VirtualRule;

/** What the runtime must do, as data, in the order given. Nothing here needs protocol knowledge to carry out. */
public sealed interface Action {
    /**
     * Send {@code advert} from {@code source} to each destination (the multicast group, or each unicast peer),
     * with this TTL/hop limit; encode with {@code VrrpCodec}. {@code checksumDestination} is the address to put
     * in the v3/IPv4 pseudo-header (null: each real destination; 224.0.0.18 for pre-1.3.6 unicast peers).
     */
    record SendAdvert(Advertisement advert, InetAddress source, List<InetAddress> destinations, int ttl,
                      InetAddress checksumDestination) implements Action {
    }

    /** Install VIPs, then excluded VIPs, routes, rules (keepalived.md §d.4). */
    record AddAddresses(List<VirtualAddress> vips, List<VirtualAddress> excludedVips, List<VirtualRoute> routes,
                        List<VirtualRule> rules) implements Action {
    }

    /** Remove rules, routes, VIPs and excluded VIPs; {@code force} at start-up removes leftovers of a previous run. */
    record RemoveAddresses(List<VirtualAddress> vips, List<VirtualAddress> excludedVips, List<VirtualRoute> routes,
                           List<VirtualRule> rules, boolean force) implements Action {
    }

    /** A burst of {@code count} gratuitous ARPs (IPv4) / unsolicited NAs (IPv6) per address, {@code intervalUs} apart. */
    record SendGratuitous(String interfaceName, List<VirtualAddress> addresses, int count, long intervalUs)
            implements Action {
    }

    /** Run notify scripts / write the FIFO: {@code INSTANCE "name" STATE priority} (keepalived.md §c.1, §c.3). */
    record Notify(String kind, String name, String state, int priority) implements Action {
    }

    /** Arm (or re-arm) a timer to fire at the absolute time {@code atUs}. */
    record ArmTimer(Timer timer, long atUs) implements Action {
    }

    record CancelTimer(Timer timer) implements Action {
    }

    /** A log line in keepalived's wording, ready to print. */
    record Log(String text) implements Action {
    }

    /** The instance changed state, and why (for logs, stats and the simulation's "no transition without cause"). */
    record Transition(State from, State to, String cause) implements Action {
    }
}
