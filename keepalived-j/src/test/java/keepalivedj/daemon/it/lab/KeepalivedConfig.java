package keepalivedj.daemon.it.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small keepalived.conf generator for the lab: global_defs with a router_id and any number of vrrp_instance
 * blocks. Only the keywords the scenarios need; the text is what both implementations read.
 */
public final class KeepalivedConfig {
    private final String routerId;
    private final List<Instance> instances = new ArrayList<>();

    public KeepalivedConfig(String routerId) {
        this.routerId = routerId;
    }

    public KeepalivedConfig add(Instance i) {
        instances.add(i);
        return this;
    }

    public List<Instance> instances() {
        return List.copyOf(instances);
    }

    public Instance first() {
        return instances.get(0);
    }

    public static Instance instance(String name) {
        return new Instance(name);
    }

    public String render() {
        StringBuilder s = new StringBuilder();
        s.append("global_defs {\n    router_id ").append(routerId).append("\n}\n");
        for (Instance i : instances) {
            i.render(s);
        }
        return s.toString();
    }

    /** One vrrp_instance; defaults: BACKUP, eth0, VRID 51, priority 100, v2, advert_int 1, no auth. */
    public static final class Instance {
        private final String name;
        private String state = "BACKUP";
        private String iface = "eth0";
        private int vrid = 51;
        private int priority = 100;
        private int version = 2;
        private int intervalCs = 100;
        private String authPass;
        private final List<String> vips = new ArrayList<>();
        private String unicastSrc;
        private final List<String> unicastPeers = new ArrayList<>();
        private boolean nopreempt;
        private final List<String> trackInterfaces = new ArrayList<>();

        private Instance(String name) {
            this.name = name;
        }

        public Instance state(String s) {
            state = s;
            return this;
        }

        public Instance iface(String s) {
            iface = s;
            return this;
        }

        public Instance vrid(int v) {
            vrid = v;
            return this;
        }

        public Instance priority(int p) {
            priority = p;
            return this;
        }

        /** VRRPv2 with advert_int in whole seconds. */
        public Instance v2(int seconds) {
            version = 2;
            intervalCs = seconds * 100;
            return this;
        }

        /** VRRPv3 with advert_int in centiseconds (10 = 0.1 s, 1 = 0.01 s). */
        public Instance v3(int centiseconds) {
            version = 3;
            intervalCs = centiseconds;
            return this;
        }

        public Instance authPass(String pass) {
            authPass = pass;
            return this;
        }

        public Instance vip(String cidr) {
            vips.add(cidr);
            return this;
        }

        public Instance unicast(String src, String... peers) {
            unicastSrc = src;
            unicastPeers.addAll(List.of(peers));
            return this;
        }

        public Instance nopreempt() {
            nopreempt = true;
            return this;
        }

        public Instance trackInterface(String ifName) {
            trackInterfaces.add(ifName);
            return this;
        }

        /** A copy of this instance with other values set by the caller (used for the peer's config). */
        public Instance copy(String newName) {
            Instance c = new Instance(newName);
            c.state = state;
            c.iface = iface;
            c.vrid = vrid;
            c.priority = priority;
            c.version = version;
            c.intervalCs = intervalCs;
            c.authPass = authPass;
            c.vips.addAll(vips);
            c.unicastSrc = unicastSrc;
            c.unicastPeers.addAll(unicastPeers);
            c.nopreempt = nopreempt;
            c.trackInterfaces.addAll(trackInterfaces);
            return c;
        }

        public String name() {
            return name;
        }

        public int vrid() {
            return vrid;
        }

        public int priority() {
            return priority;
        }

        public int version() {
            return version;
        }

        public int intervalCs() {
            return intervalCs;
        }

        public String authPass() {
            return authPass;
        }

        public List<String> vips() {
            return List.copyOf(vips);
        }

        /** The first VIP without its prefix length. */
        public String vip() {
            String v = vips.get(0);
            return v.contains("/") ? v.substring(0, v.indexOf('/')) : v;
        }

        public long masterDownMicros() {
            return Timing.masterDownMicros(version, intervalCs, priority);
        }

        public long skewMicros() {
            return Timing.skewMicros(version, intervalCs, priority);
        }

        public long intervalMicros() {
            return intervalCs * 10_000L;
        }

        private String interval() {
            if (version == 2) {
                return Integer.toString(intervalCs / 100);
            }
            return intervalCs % 100 == 0 ? Integer.toString(intervalCs / 100)
                    : String.format(Locale.ROOT, "%.2f", intervalCs / 100.0).replaceAll("0$", "");
        }

        void render(StringBuilder s) {
            s.append("vrrp_instance ").append(name).append(" {\n");
            s.append("    state ").append(state).append('\n');
            s.append("    interface ").append(iface).append('\n');
            s.append("    virtual_router_id ").append(vrid).append('\n');
            s.append("    priority ").append(priority).append('\n');
            s.append("    advert_int ").append(interval()).append('\n');
            s.append("    version ").append(version).append('\n');
            if (nopreempt) {
                s.append("    nopreempt\n");
            }
            if (authPass != null) {
                s.append("    authentication {\n        auth_type PASS\n        auth_pass ").append(authPass)
                        .append("\n    }\n");
            }
            if (unicastSrc != null) {
                s.append("    unicast_src_ip ").append(unicastSrc).append('\n');
                s.append("    unicast_peer {\n");
                unicastPeers.forEach(p -> s.append("        ").append(p).append('\n'));
                s.append("    }\n");
            }
            if (!trackInterfaces.isEmpty()) {
                s.append("    track_interface {\n");
                trackInterfaces.forEach(t -> s.append("        ").append(t).append('\n'));
                s.append("    }\n");
            }
            s.append("    virtual_ipaddress {\n");
            vips.forEach(v -> s.append("        ").append(v).append(" dev ").append(iface).append('\n'));
            s.append("    }\n}\n");
        }
    }
}
