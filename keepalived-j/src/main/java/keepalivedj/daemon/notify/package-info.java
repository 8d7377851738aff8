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
 * <li>{@link keepalivedj.daemon.notify.NotifyFifos}: one side's FIFOs (VRRP: notify_fifo and vrrp_notify_fifo;
 * checker: notify_fifo and lvs_notify_fifo) through start, reload and stop as keepalived 2.2.7's processes keep
 * theirs; {@link keepalivedj.daemon.notify.FifoFanOut} writes each line to all of a side's open FIFOs and keeps
 * the lines of a reload's closed window. keepalived runs notify_fifo_script in one process only: the checker's when
 * it runs.</li>
 * <li>{@link keepalivedj.daemon.notify.NotifyFifo}: mkfifo is the {@code mkfifo} program run through the script
 * runner (one call at start-up; no native binding, and the runner stays the one process creator). Writes never
 * block the caller: Java has no O_NONBLOCK for files, so lines go through a bounded queue to one writer thread,
 * and a line that finds the queue full is dropped and counted, as keepalived drops a line on EAGAIN.</li>
 * </ul>
 */
package keepalivedj.daemon.notify;
