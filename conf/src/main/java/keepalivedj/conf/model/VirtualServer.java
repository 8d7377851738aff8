package keepalivedj.conf.model;

import java.net.InetAddress;
import java.util.List;
import keepalivedj.conf.Position;

/**
 * A {@code virtual_server} block after keepalived 2.2.7's validation: defaults filled in (scheduler wlc, method
 * NAT, protocol UDP, delay_loop 60 s, connect_timeout 5 s, quorum 1, weight 1) and corrections applied. Its real
 * servers carry the values they inherit. Virtual servers keepalived drops (no real servers, unknown group) are not
 * in the model.
 *
 * @param address                  the VIP for {@link Kind#ADDRESS}, null otherwise
 * @param port                     the VIP port (0 = any, persistent services only); 0 for fwmark and group
 * @param fwmark                   the mark for {@link Kind#FWMARK}, 0 otherwise
 * @param group                    the group name for {@link Kind#GROUP}, null otherwise
 * @param family                   the address family keepalived settled on; null for a group whose real servers
 *                                 are all tunnelled (keepalived then serves each group entry in its own family)
 * @param protocol                 TCP, UDP or SCTP; null for fwmark services (keepalived ignores it there)
 * @param lvsSched                 {@code lvs_sched} / {@code lb_algo}: the IPVS scheduler name
 * @param lvsMethod                {@code lvs_method} / {@code lb_kind}: the default forwarding of its servers
 * @param persistenceTimeoutSeconds 0 for no persistence
 * @param persistenceGranularity   the netmask (IPv4 dotted) or prefix length (IPv6) as written, or null
 * @param persistenceEngine        e.g. "sip", or null
 * @param retry                    VS-level {@code retry}, null when unset (see {@link RealServer#retry()})
 * @param delayBeforeRetryMicros   VS-level {@code delay_before_retry}, null when unset
 * @param warmupMicros             VS-level {@code warmup}, null when unset
 * @param sorryServer              null when none
 * @param quorumUp                 {@code quorum_up}, or null
 * @param quorumDown               {@code quorum_down}, or null
 * @param virtualhost              the VS-level virtualhost, or null
 * @param snmpName                 {@code snmp_name}, or null
 */
public record VirtualServer(Kind kind, InetAddress address, int port, long fwmark, String group,
                            LvsAddressFamily family, Protocol protocol, String lvsSched, SchedulerFlags flags,
                            ForwardingMethod lvsMethod, long persistenceTimeoutSeconds,
                            String persistenceGranularity, String persistenceEngine, long delayLoopMicros,
                            long connectTimeoutMicros, Long retry, Long delayBeforeRetryMicros, Long warmupMicros,
                            boolean inhibitOnFailure, boolean alpha, boolean omega, boolean haSuspend, long quorum,
                            long hysteresis, ScriptCommand quorumUp, ScriptCommand quorumDown, int weight,
                            SorryServer sorryServer, boolean smtpAlert, String virtualhost, String snmpName,
                            List<RealServer> realServers, Position position) {

    public VirtualServer {
        realServers = List.copyOf(realServers);
    }

    /** How the service is named: {@code virtual_server IP PORT}, {@code fwmark N} or {@code group NAME}. */
    public enum Kind {
        ADDRESS, FWMARK, GROUP
    }

    /** {@code protocol TCP|UDP|SCTP}. */
    public enum Protocol {
        TCP, UDP, SCTP
    }
}
