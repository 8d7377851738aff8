package keepalivedj.conf.model;

import java.net.InetAddress;
import java.util.List;
import keepalivedj.conf.Position;

/**
 * The effective {@code global_defs} (keepalived.md a.1), keepalived 2.2.7's defaults filled in, LVS-related
 * globals included. Settings keepalived-j accepts without acting on them are not fields (they produce a note).
 * {@code position} is the first {@code global_defs} line, null when the file has none.
 *
 * <p>Boxed {@code Boolean} is used only where keepalived distinguishes "unset" from false: the three
 * {@code smtp_alert*} defaults, which per-object settings fall back through in order.
 *
 * @param routerId {@code router_id}; default the host name
 * @param smtpServer {@code smtp_server} host or address, null when none
 * @param scriptUser {@code script_user}, else {@code keepalived_script} if that user exists, else {@code root};
 *                   null when {@code enable_script_security} is set and neither exists (keepalived then removes
 *                   vrrp_scripts that name no user)
 * @param vrrpGarp global {@code vrrp_garp_*} defaults for instances
 * @param lvsFlushOnStop null (no flush), "ALL" or "VS"
 * @param smtpAuthUser keepalived-j's {@code smtp_auth_user} (keepalived has no SMTP AUTH); null when unset, and
 *                     both it and {@code smtpAuthPassword} are null unless both were given
 * @param smtpAuthPassword keepalived-j's {@code smtp_auth_password}
 * @param smtpStartTls keepalived-j's {@code smtp_starttls}: STARTTLS required, no plain-text fall-back
 * @param fifoWriteVrrpStatesOnReload {@code fifo_write_vrrp_states_on_reload}: after a reload, the VRRP notify
 *                                    FIFOs get every sync group's and every non-MASTER instance's state again
 * @param rsInitNotifies {@code rs_init_notifies}: real servers put into IPVS at start (and new ones at a reload)
 *                       get notify_up, the FIFO line and an alert, as if they had just come up
 * @param notifyScriptTimeoutMicros keepalived-j's {@code notify_script_timeout}, the bound for each notify script
 *                                  (keepalived has none; STOP scripts keep keepalived's 1 s); default 60 s
 */
public record GlobalDefs(String routerId, List<String> notificationEmail, String notificationEmailFrom,
                         String smtpServer, int smtpServerPort, String smtpHeloName, long smtpConnectTimeoutMicros,
                         Boolean smtpAlert, Boolean smtpAlertVrrp, Boolean smtpAlertChecker, boolean noEmailFaults,
                         boolean noCheckerEmails, boolean checkerLogAllFailures, String scriptUser,
                         String scriptGroup, boolean enableScriptSecurity, ScriptCommand startupScript,
                         long startupScriptTimeoutMicros, ScriptCommand shutdownScript,
                         long shutdownScriptTimeoutMicros, InetAddress vrrpMcastGroup4, InetAddress vrrpMcastGroup6,
                         String defaultInterface, int vrrpVersion, boolean vrrpStrict, VrrpGarpSettings vrrpGarp,
                         long vrrpGarpIntervalMicros, long vrrpGnaIntervalMicros, long vrrpGarpExtraIfMicros,
                         boolean vrrpLowerPrioNoAdvert, boolean vrrpHigherPrioSendAdvert, int vrrpDownTimerAdverts,
                         boolean vrrpCheckUnicastSrc, boolean vrrpSkipCheckAdvAddr, long vrrpStartupDelayMicros,
                         GlobalNotifyFifo vrrpNotifyFifo, GlobalNotifyFifo notifyFifo,
                         GlobalNotifyFifo lvsNotifyFifo, boolean vrrpNotifyPriorityChanges,
                         boolean fifoWriteVrrpStatesOnReload, boolean rsInitNotifies,
                         GlobalLvsSyncDaemon lvsSyncDaemon, GlobalLvsTimeouts lvsTimeouts, boolean lvsFlush,
                         String lvsFlushOnStop, boolean dynamicInterfaces, boolean dynamicInterfacesAllowIfChanges,
                         String netNamespace, String instanceName, boolean usePidDir, boolean linkbeatUsePolling,
                         String vmacPrefix, boolean reloadCheckConfig, String reloadCheckConfigLogFile,
                         int childWaitTimeSeconds, String smtpAuthUser, String smtpAuthPassword,
                         boolean smtpStartTls, long notifyScriptTimeoutMicros, Position position) {

    public GlobalDefs {
        notificationEmail = List.copyOf(notificationEmail);
    }
}
