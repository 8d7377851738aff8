package keepalivedj.vrrp.fsm;

/** The timers one instance runs; the runtime arms and cancels them only when told by an {@link Action}. */
public enum Timer {
    /** RFC 5798 §6.2 Master_Down_Timer (BACKUP). */
    MASTER_DOWN,
    /** RFC 5798 §6.2 Adver_Timer (MASTER). */
    ADVER,
    /** Second GARP/NA burst, garp_master_delay after becoming MASTER. */
    GARP_MASTER_DELAY,
    /** Periodic GARP/NA, garp_master_refresh. */
    GARP_REFRESH,
    /** Second burst after answering a lower-priority advert, garp_lower_prio_delay. */
    GARP_LOWER_PRIO
}
