package keepalivedj.vrrp.fsm;

/** vrrp_instance states as keepalived names them in logs, notify arguments and FIFO lines. */
public enum State {
    INIT, BACKUP, MASTER, FAULT, STOP
}
