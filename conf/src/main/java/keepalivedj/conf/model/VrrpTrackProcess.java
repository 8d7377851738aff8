package keepalivedj.conf.model;

import java.util.List;
import keepalivedj.conf.Position;

/**
 * {@code vrrp_track_process NAME { ... }}: the process is found by its comm name, or its full command line
 * with {@code full_command}, optionally with parameters ({@code param_match exact|initial|partial}).
 *
 * @param process the program and any parameters, as written
 * @param paramMatch "exact", "initial" or "partial"; "none" when no parameters are matched
 * @param quorumMax 65535 when not written; 0 makes the quorum 0 (the process must not run)
 * @param terminateDelayMicros {@code terminate_delay} (or {@code delay}): wait before acting on a termination
 * @param forkDelayMicros {@code fork_delay} (or {@code delay}): wait before acting on a new process
 */
public record VrrpTrackProcess(String name, List<String> process, String paramMatch, int weight,
                               boolean weightReverse, int quorum, int quorumMax, long terminateDelayMicros,
                               long forkDelayMicros, boolean fullCommand, Position position) {

    public VrrpTrackProcess {
        process = List.copyOf(process);
    }
}
