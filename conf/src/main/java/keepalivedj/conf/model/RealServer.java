package keepalivedj.conf.model;

import java.net.InetAddress;
import java.util.List;
import keepalivedj.conf.Position;

/**
 * A {@code real_server IP [PORT] { ... }} with every value effective: unset ones inherited from its virtual server
 * (forwarding method, alpha, inhibit_on_failure, timers, weight) and the port corrected as keepalived does (the VS
 * port for DR/TUN and for NAT without a port; 0 for fwmark services not using NAT). For a virtual_server group the
 * port is as written (keepalived only warns there); 0 then means "each group entry's port".
 *
 * @param lvsMethod              {@code lvs_method}, else the virtual server's
 * @param uthreshold             {@code uthreshold}: IPVS upper connection threshold, 0 = none
 * @param lthreshold             {@code lthreshold}: IPVS lower connection threshold, 0 = none
 * @param retry                  the real server's (or VS's) {@code retry}, or null when neither set one: each
 *                               checker then uses its own default, already filled in its {@link CheckerTiming}
 * @param delayBeforeRetryMicros likewise for {@code delay_before_retry}, null when unset
 * @param warmupMicros           likewise for {@code warmup}, null when unset
 * @param notifyUp               {@code notify_up}, or null
 * @param notifyDown             {@code notify_down}, or null
 * @param virtualhost            the real server's (not inherited) virtualhost for its HTTP checkers, or null
 * @param snmpName               {@code snmp_name}, or null
 */
public record RealServer(InetAddress address, int port, int weight, ForwardingMethod lvsMethod,
                         long uthreshold, long lthreshold, boolean inhibitOnFailure, boolean alpha,
                         Long retry, Long delayBeforeRetryMicros, Long warmupMicros, long delayLoopMicros,
                         long connectTimeoutMicros, boolean smtpAlert, String virtualhost, String snmpName,
                         ScriptCommand notifyUp,
                         ScriptCommand notifyDown, List<CheckerSpec> checkers, Position position) {

    public RealServer {
        checkers = List.copyOf(checkers);
    }
}
