package keepalivedj.conf.model;

import java.util.List;
import keepalivedj.conf.Position;

/**
 * A command keepalived runs (notify_*, vrrp_script's script, misc_path, quorum_up, ...): the quoted string
 * re-split into {@code argv}, and the optional {@code user} and {@code group} written after it
 * ({@code notify_master "/x.sh a b" myuser mygroup}). {@code user}/{@code group} are null when not given, in
 * which case the global script_user applies.
 */
public record ScriptCommand(String text, List<String> argv, String user, String group, Position position) {

    public ScriptCommand {
        argv = List.copyOf(argv);
    }

    /** argv[0]: the program as written (keepalived resolves it through $PATH when it has no '/'). */
    public String program() {
        return argv.isEmpty() ? "" : argv.get(0);
    }
}
