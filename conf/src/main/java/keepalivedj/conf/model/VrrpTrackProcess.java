package keepalivedj.conf.model;

import java.util.List;
import keepalivedj.conf.Position;

/**
 * {@code vrrp_track_process NAME { ... }}: the process is found by its comm name, or its full command line
 * with {@code full_command}, optionally with parameters ({@code param_match exact|initial|partial}).
 *
 * @param process the program and any parameters, as written
 * @param quorumMax 0 means unlimited
 */
public record VrrpTrackProcess(String name, List<String> process, String paramMatch, int weight,
                               boolean weightReverse, int quorum, int quorumMax, long delayMicros,
                               long terminateDelayMicros, long forkDelayMicros, boolean fullCommand,
                               Position position) {

    public VrrpTrackProcess {
        process = List.copyOf(process);
    }
}
