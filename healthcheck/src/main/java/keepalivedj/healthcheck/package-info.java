/**
 * keepalived 2.2.7's LVS health checking without the kernel: checker verdicts in, {@link
 * keepalivedj.healthcheck.RsChange}s out.
 *
 * <ul>
 * <li>Pure core, no I/O, no clock: {@link keepalivedj.healthcheck.CheckerCycle} (retry, delay_before_retry,
 * delay_loop, alpha, warmup draw), {@link keepalivedj.healthcheck.VirtualServerState} (real-server up/down,
 * inhibit_on_failure, misc_dynamic weights, quorum with hysteresis, sorry server, notify/FIFO/alert as data),
 * {@link keepalivedj.healthcheck.CheckKey} (check identity for #2358 dedup and reload), {@link
 * keepalivedj.healthcheck.ReloadPlan} (which service a reloaded virtual server continues, which destinations
 * go), {@link keepalivedj.healthcheck.Names} (keepalived's service text).</li>
 * <li>Runtime on one thread: {@link keepalivedj.healthcheck.CheckScheduler} and {@link
 * keepalivedj.healthcheck.HealthChecks} run on a {@link keepalivedj.healthcheck.Timers} (the check loop in
 * production), so no state is shared between threads.</li>
 * <li>Ports the daemon implements: {@link keepalivedj.healthcheck.ScriptExecutor} (MISC_CHECK through the
 * daemon's ScriptRunner), the {@code Consumer<List<RsChange>>} sink (IPVS, notify scripts, FIFO, mail).</li>
 * </ul>
 *
 * <p>Deliberate differences from keepalived 2.2.7, each small:
 * <ul>
 * <li>At startup only the final pool is emitted: with quorum down and a sorry server, real servers are not added and
 * then removed again; the sorry server is added directly.</li>
 * <li>A sorry server with sorry_server_inhibit stays in IPVS at weight 0 once added, like an inhibited real server.
 * Its weight while active is 1.</li>
 * <li>Quorum is recomputed at reload without quorum_up/quorum_down (keepalived's reload does the same only for
 * unchanged services; a changed quorum value could differ).</li>
 * <li>SMTP alert bodies are approximations of keepalived's; subjects follow keepalived.md §a.10.</li>
 * </ul>
 */
package keepalivedj.healthcheck;
