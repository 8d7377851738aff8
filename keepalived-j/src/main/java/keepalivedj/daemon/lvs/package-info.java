/**
 * The checker side of the daemon (keepalived's checker process): {@link keepalivedj.daemon.lvs.LvsDaemon} runs the
 * {@code healthcheck} module's checks on one epoll loop (CheckLoop) and programs IPVS through {@code ipvs-bridge}.
 *
 * <ul>
 * <li>{@link keepalivedj.daemon.lvs.IpvsMapping}: pure model-to-kernel mapping (services per virtual server and per
 * virtual_server_group entry, destination port rules, forwarding, flags, persistence) and RsChange-to-IpvsOp.</li>
 * <li>{@link keepalivedj.daemon.lvs.MiscScripts}: MISC_CHECK through the daemon's ScriptRunner.</li>
 * <li>{@link keepalivedj.daemon.lvs.AddressWatch}: the addresses configured here (rtnetlink), for ha_suspend: a
 * virtual server with ha_suspend is checked only while its address is here, whoever added it (our VRRP side or
 * another process), as keepalived's checker process decides. Group and fwmark services are never suspended here
 * (keepalived clears ha_suspend for fwmarks; for groups its behaviour was not compared).</li>
 * </ul>
 *
 * <p>Differences from keepalived 2.2.7 (the resulting IPVS table is the same; LvsVmIT compares it):
 * <ul>
 * <li>Reload sends the difference between the table owned before and after ({@code IpvsPlan}): a removed virtual
 * server is one DEL_SERVICE (keepalived first deletes each of its real servers), a changed real-server threshold or
 * forwarding method is a SET_DEST.</li>
 * <li>Stop deletes the real servers of every virtual server, then every service (keepalived goes virtual server by
 * virtual server).</li>
 * <li>Requests of one change are pipelined on the netlink socket (keepalived waits for each ACK).</li>
 * <li>lvs_sync_daemon is not handled here (keepalived does it from the VRRP process); net_namespace_ipvs is
 * {@code Settings.netns}.</li>
 * <li>SMTP alerts still queued at stop are dropped, and the stop sends none (keepalived mails "=> Shutting down <="
 * for the alive real servers of an omega virtual server and for one with smtp_alert).</li>
 * <li>A check shared by several virtual servers runs once (issue #2358; keepalived runs one per real server of each
 * virtual server). What a reload adds to a check already running is made to behave as keepalived's new checker of
 * its own would: an alpha one waits for the check's next success, a non-alpha one joining a check that is down
 * starts up and goes down after retry + 1 failed attempts of the shared check, which may be sooner than a new
 * checker's warmup and retries (in the IPVS VM about 1 s after the reload, keepalived 2.2.7 about 2.3 s).</li>
 * </ul>
 */
package keepalivedj.daemon.lvs;
