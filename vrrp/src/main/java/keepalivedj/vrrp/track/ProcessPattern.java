package keepalivedj.vrrp.track;

import java.util.List;

/**
 * Which processes a {@code vrrp_track_process} counts (keepalived.conf(5), keepalived 2.2.7 track_process.c):
 * the name is compared exactly, never as a pattern, with the process's {@code comm} (its Name: line), or with
 * {@code argv[0]} of its command line under {@code full_command} or when parameters are configured. Parameters
 * ({@code param_match}): {@code exact} — the same parameters and no more; {@code partial} — the configured ones
 * are the first ones; {@code initial} — as partial, but the last configured one may be the start of the
 * process's. Zombies never count (the caller leaves them out). Pure.
 */
public record ProcessPattern(String name, List<String> params, String paramMatch, boolean fullCommand) {

    public ProcessPattern {
        params = List.copyOf(params);
    }

    /** From the configured words: the program, then any parameters. */
    public static ProcessPattern of(List<String> process, String paramMatch, boolean fullCommand) {
        return new ProcessPattern(process.get(0), process.subList(1, process.size()), paramMatch, fullCommand);
    }

    /** Whether the command line must be read (it is not needed to match by comm). */
    public boolean usesCommandLine() {
        return fullCommand || !"none".equals(paramMatch);
    }

    /**
     * @param comm the process's name ({@code /proc/PID/comm}, at most 15 bytes)
     * @param argv its command line split at NULs, or null when not read
     */
    public boolean matches(String comm, List<String> argv) {
        if (!usesCommandLine()) {
            return name.equals(comm);
        }
        if (argv == null || argv.isEmpty() || !name.equals(argv.get(0))) {
            return false;
        }
        if ("none".equals(paramMatch)) {
            return true;
        }
        List<String> actual = argv.subList(1, argv.size());
        if (actual.size() < params.size()) {
            return false;
        }
        switch (paramMatch) {
            case "partial":
                return actual.subList(0, params.size()).equals(params);
            case "initial":
                if (params.isEmpty()) {
                    return true;
                }
                int last = params.size() - 1;
                return actual.subList(0, last).equals(params.subList(0, last))
                        && actual.get(last).startsWith(params.get(last));
            default: // exact
                return actual.equals(params);
        }
    }
}
