package keepalivedj.daemon.notify;

/**
 * The states a notification reports, spelled as keepalived spells them in {@code notify} arguments, FIFO lines
 * and mail subjects (always upper case; keepalived.md §c.1).
 */
public enum NotifyState {
    MASTER,
    BACKUP,
    FAULT,
    STOP
}
