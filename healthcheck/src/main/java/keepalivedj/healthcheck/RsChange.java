package keepalivedj.healthcheck;

import keepalivedj.conf.model.ScriptCommand;
import keepalivedj.conf.model.VirtualServer;

/**
 * What the health-check core asks the rest of the daemon to do, as data, in the order keepalived 2.2.7 does it
 * (keepalived.md §e.3): IPVS destination commands, notify/quorum scripts, notify_fifo lines, SMTP alerts and log
 * lines. The core never performs any of them; the daemon maps the first three onto IPVS commands (a virtual
 * server group expands to one service per entry there), the rest onto its script runner, FIFO and mailer.
 */
public sealed interface RsChange {

    /** IPVS_CMD_NEW_DEST. */
    record AddDest(VirtualServer vs, Destination dest, int weight) implements RsChange {
    }

    /** IPVS_CMD_SET_DEST: weight change, inhibit_on_failure (weight 0) and re-enabling. */
    record SetWeight(VirtualServer vs, Destination dest, int weight) implements RsChange {
    }

    /** IPVS_CMD_DEL_DEST. */
    record RemoveDest(VirtualServer vs, Destination dest) implements RsChange {
    }

    /**
     * Run notify_up / notify_down / quorum_up / quorum_down through the daemon's script runner.
     *
     * @param event the keyword that configured it, e.g. "notify_up"
     */
    record RunScript(ScriptCommand command, String event) implements RsChange {
    }

    /** One notify_fifo / lvs_notify_fifo line, newline included: {@code RS <rs> <vs> UP\n}, {@code VS <vs> DOWN\n}. */
    record FifoLine(String line) implements RsChange {
    }

    /** An SMTP alert for a real server (smtp_alert, default on) or a virtual server (default off). */
    record SmtpAlert(String subject, String body) implements RsChange {
    }

    /** An operator-facing log line in keepalived's words ("Removing service [10.0.0.2]:tcp:80 from VS ..."). */
    record Log(String message) implements RsChange {
    }
}
