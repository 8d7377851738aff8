package keepalivedj.vrrp.fsm;

/** Asked by a sync-group member before it becomes MASTER (keepalived vrrp_sync_can_goto_master). Pure. */
@FunctionalInterface
public interface SyncGate {
    SyncGate NONE = m -> true;

    boolean canGoMaster(VrrpMachine member);
}
