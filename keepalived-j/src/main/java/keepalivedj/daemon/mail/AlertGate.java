package keepalivedj.daemon.mail;

import java.util.HashMap;
import java.util.Map;
import keepalivedj.daemon.notify.NotifyState;

/**
 * Decides whether a VRRP state change gets a mail, as keepalived 2.2.7's vrrp_smtp_notifier and
 * vrrp_sync_smtp_notifier do: only when the instance's (or group's) {@code smtp_alert} is on, not for FAULT when
 * {@code no_email_faults} is set, and not when the last mail for that instance was already about this state
 * (keepalived's {@code last_email_state}). Pure; one owner (the VRRP event loop). Sending is {@link SmtpAlerter}'s.
 */
public final class AlertGate {
    private final boolean noEmailFaults;
    private final Map<String, NotifyState> lastMailed = new HashMap<>();

    public AlertGate(boolean noEmailFaults) {
        this.noEmailFaults = noEmailFaults;
    }

    /** For instance {@code name}: mail this state? Records it as mailed when the answer is yes. */
    public boolean instance(String name, NotifyState state, boolean smtpAlert) {
        return admit("INSTANCE " + name, state, smtpAlert);
    }

    /** For sync group {@code name}. */
    public boolean group(String name, NotifyState state, boolean smtpAlert) {
        return admit("GROUP " + name, state, smtpAlert);
    }

    private boolean admit(String key, NotifyState state, boolean smtpAlert) {
        if (!smtpAlert || (noEmailFaults && state == NotifyState.FAULT) || lastMailed.get(key) == state) {
            return false;
        }
        lastMailed.put(key, state);
        return true;
    }
}
