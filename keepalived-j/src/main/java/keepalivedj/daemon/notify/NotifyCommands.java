package keepalivedj.daemon.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import keepalivedj.conf.validate.ScriptSecurity.Verdict;
import keepalivedj.daemon.exec.ScriptLaunch;

/**
 * The script runs one transition causes, in the order they run, with keepalived 2.2.7's exact arguments
 * (keepalived.md §c.1, vrrp_notify.c): first the notify_STATE script with only its configured arguments, then
 * the generic {@code notify} script with {@code INSTANCE <name> <STATE> <priority>} (for a sync group
 * {@code GROUP <name> <STATE> 0}) appended. STOP notifications get 1 s, as keepalived gives them. Pure: it
 * starts nothing. Scripts that ScriptSecurity refused are left out (they were reported when the configuration
 * was read, and keepalived disables them there too).
 */
public final class NotifyCommands {
    /** keepalived runs STOP notify scripts with a 1 s timer before SIGKILL (keepalived.md §b.2, §c.1). */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(1);

    private NotifyCommands() {
    }

    /** The runs for a vrrp_instance entering {@code state} with effective priority {@code priority}. */
    public static List<ScriptLaunch> forInstance(NotifyScripts scripts, String name, NotifyState state,
                                                 int priority, Duration timeout) {
        return launches(scripts, "INSTANCE", name, state, priority, timeout);
    }

    /** The runs for a vrrp_sync_group entering {@code state}; keepalived always passes priority 0 for groups. */
    public static List<ScriptLaunch> forGroup(NotifyScripts scripts, String name, NotifyState state,
                                              Duration timeout) {
        return launches(scripts, "GROUP", name, state, 0, timeout);
    }

    private static List<ScriptLaunch> launches(NotifyScripts scripts, String type, String name, NotifyState state,
                                               int priority, Duration timeout) {
        Duration t = state == NotifyState.STOP ? STOP_TIMEOUT : timeout;
        List<ScriptLaunch> out = new ArrayList<>(2);
        Verdict specific = scripts.forState(state);
        if (specific != null && specific.runnable()) {
            out.add(ScriptLaunch.of(specific, List.of(), t));
        }
        Verdict generic = scripts.generic();
        if (generic != null && generic.runnable()) {
            out.add(ScriptLaunch.of(generic, List.of(type, name, state.name(), Integer.toString(priority)), t));
        }
        return out;
    }
}
