/**
 * VRRP notifications (keepalived.md §c.1, §c.3): notify scripts, in order per instance, and notify FIFOs.
 *
 * <ul>
 * <li>{@link keepalivedj.daemon.notify.NotifyCommands} and {@link keepalivedj.daemon.notify.FifoLine} are pure:
 * keepalived's exact argv and line formats.</li>
 * <li>{@link keepalivedj.daemon.notify.NotifyDispatcher} serialises each instance's (and group's) scripts, each
 * bounded by a timeout (keepalived-j's addition; keepalived runs them concurrently and unbounded): global_defs
 * {@code notify_script_timeout SECS} (default 60 s, applied again on reload); STOP scripts keep keepalived's 1 s.
 * </li>
 * <li>{@link keepalivedj.daemon.notify.NotifyFifo}: mkfifo is the {@code mkfifo} program run through the script
 * runner (one call at start-up; no native binding, and the runner stays the one process creator). Writes never
 * block the caller: Java has no O_NONBLOCK for files, so lines go through a bounded queue to one writer thread,
 * and a line that finds the queue full is dropped and counted, as keepalived drops a line on EAGAIN.</li>
 * </ul>
 */
package keepalivedj.daemon.notify;
