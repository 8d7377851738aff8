package keepalivedj.daemon.notify;

import keepalivedj.conf.validate.ScriptSecurity.Verdict;

/**
 * The notify scripts of one vrrp_instance or vrrp_sync_group, as ScriptSecurity judged them; any may be null
 * (not configured). {@code generic} is the {@code notify} script that gets {@code INSTANCE|GROUP name STATE prio}.
 */
public record NotifyScripts(Verdict master, Verdict backup, Verdict fault, Verdict stop, Verdict generic) {

    public static NotifyScripts none() {
        return new NotifyScripts(null, null, null, null, null);
    }

    /** The notify_* script for a state, or null. */
    public Verdict forState(NotifyState state) {
        switch (state) {
            case MASTER:
                return master;
            case BACKUP:
                return backup;
            case FAULT:
                return fault;
            case STOP:
                return stop;
            default:
                throw new IllegalArgumentException(state.name());
        }
    }
}
