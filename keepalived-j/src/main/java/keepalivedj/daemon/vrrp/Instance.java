package keepalivedj.daemon.vrrp;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import keepalivedj.conf.model.VrrpAddress;
import keepalivedj.conf.model.VrrpInstance;
import keepalivedj.conf.model.VrrpRoute;
import keepalivedj.conf.model.VrrpRule;
import keepalivedj.conf.validate.ScriptSecurity.Verdict;
import keepalivedj.daemon.notify.NotifyScripts;
import keepalivedj.vrrp.fsm.State;
import keepalivedj.vrrp.fsm.VrrpMachine;
import keepalivedj.vrrp.spec.InstanceSpec;
import keepalivedj.vrrp.sync.SyncGroup;

/**
 * One running vrrp_instance: its configuration, its protocol machine and what the daemon counts for it. Owned by
 * the event loop thread; nothing else touches it.
 */
final class Instance {
    VrrpInstance config;
    final InstanceSpec spec;
    final VrrpMachine machine;
    SyncGroup group;
    NotifyScripts scripts;
    Verdict rxLowerPriScript;
    boolean removed; // stopped or replaced by a reload: its pending timers must not fire
    State resumeFrom; // reload: the state of the instance this one replaces (null: a fresh start)
    boolean deleting; // removed from the configuration by a reload (notified FAULT / DELETED, not STOP)
    final AdvertFrames advertFrames = new AdvertFrames();
    /** The configured addresses by value, for scope/label/brd/no_track (the spec keeps only what the core needs). */
    final Map<InetAddress, VrrpAddress> addresses = new HashMap<>();
    /** The configured routes and rules by the text the spec carries (InstanceSpecs.routeText / ruleText). */
    final Map<String, VrrpRoute> routes = new HashMap<>();
    final Map<String, VrrpRule> rules = new HashMap<>();

    long advertsReceived;
    long advertsSent;
    long becameMaster;
    long releasedMaster;
    /** Master_Down_Timer expiries put off because frames waited unread (a starved receive thread). */
    long masterDownHeld;
    long priorityZeroReceived;
    long priorityZeroSent;
    long gratuitousSent;
    long addressErrors;

    Instance(VrrpInstance config, InstanceSpec spec) {
        this.config = config;
        this.spec = spec;
        this.machine = new VrrpMachine(spec);
        index(config);
    }

    void index(VrrpInstance c) {
        addresses.clear();
        for (VrrpAddress a : c.virtualIpaddresses()) {
            addresses.put(a.address(), a);
        }
        for (VrrpAddress a : c.virtualIpaddressesExcluded()) {
            addresses.put(a.address(), a);
        }
        routes.clear();
        rules.clear();
        for (VrrpRoute r : c.virtualRoutes()) {
            routes.put(InstanceSpecs.routeText(r), r);
        }
        for (VrrpRule r : c.virtualRules()) {
            rules.put(InstanceSpecs.ruleText(r), r);
        }
    }

    String name() {
        return spec.name();
    }

    /** keepalived's reload match (keepalived.md §b.5): VRID, family, configured interface, unicast or not. */
    record Key(int vrid, boolean ipv6, String interfaceName, boolean unicast) {
    }

    static Key key(VrrpInstance c) {
        return new Key(c.virtualRouterId(), c.ipv6(), c.interfaceName(), c.unicast());
    }

    Key key() {
        return key(config);
    }
}
