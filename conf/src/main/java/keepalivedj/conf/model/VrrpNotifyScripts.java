package keepalivedj.conf.model;

/**
 * The notify commands of an instance or sync group (keepalived.md c.1); each is null when not configured.
 * {@code generic} ({@code notify}) gets "INSTANCE|GROUP name STATE prio" appended; the others get nothing.
 */
public record VrrpNotifyScripts(ScriptCommand master, ScriptCommand backup, ScriptCommand fault,
                                ScriptCommand stop, ScriptCommand deleted, ScriptCommand generic,
                                ScriptCommand masterRxLowerPri) {

    public static final VrrpNotifyScripts NONE = new VrrpNotifyScripts(null, null, null, null, null, null, null);
}
