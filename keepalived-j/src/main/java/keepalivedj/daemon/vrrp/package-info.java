/**
 * The VRRP daemon: every vrrp_instance of the configuration running on one thread.
 *
 * <ul>
 *   <li>{@link keepalivedj.daemon.vrrp.EventLoop}: the one thread. Other threads only {@code post} tasks (pcap
 *       receive threads, the rtnetlink event thread, script results, signal handlers); timers are absolute
 *       deadlines on the monotonic clock ({@code System.nanoTime() / 1000}).</li>
 *   <li>{@link keepalivedj.daemon.vrrp.VrrpDaemon}: owns the {@code VrrpMachine}s and sync groups, steps them with
 *       events (decoded frames, timer expiries, link and address changes, script results) and carries out their
 *       actions with small executors: adverts as Ethernet frames through {@code PcapLink} (multicast; source MAC
 *       the interface's own) or IP packets through {@code RawIpSender} (unicast), GARP/NA bursts through
 *       {@code PcapLink}, VIPs / routes / rules through rtnetlink ({@code RtnlAddresses}, {@code RtnlRoutes}),
 *       notifications through {@code NotifyDispatcher} and {@code SmtpAlerter}, lines through {@code DaemonLog}.
 *       Netlink requests are made on the loop: they are answered in microseconds.</li>
 *   <li>Reload: the new configuration is read on the signal thread; the loop then matches instances by VRID,
 *       family, interface and unicast flag (keepalived.md §b.5). Unchanged ones keep their machine; changed ones
 *       get a new machine that resumes the old state (a MASTER stays MASTER); removed ones stop (priority 0 if
 *       MASTER, notified FAULT or DELETED); new ones start.</li>
 *   <li>{@link keepalivedj.daemon.vrrp.LinkWatcher}: the rtnetlink subscription thread (links for
 *       track_interface and the instance's own interface; addresses for VIPs deleted from outside).</li>
 *   <li>{@link keepalivedj.daemon.vrrp.Dumps}: the SIGUSR1 / SIGUSR2 texts; {@link keepalivedj.daemon.vrrp.KernelRoutes}:
 *       configured routes and rules in rtnetlink form; {@link keepalivedj.daemon.vrrp.InstanceSpecs}: configuration
 *       → protocol spec.</li>
 * </ul>
 */
package keepalivedj.daemon.vrrp;
