package keepalivedj.ipvs;

/**
 * What happened to one {@link IpvsOp} under keepalived's rules (libipvs {@code ipvs_talk}): EEXIST on an add and
 * ENOENT on a delete count as done; SET_DEST failing with ENOENT is retried as NEW_DEST; anything else failed.
 * Every kernel error, tolerated or not, has keepalived's log line.
 */
public record IpvsOutcome(IpvsOp op, Status status, IpvsException error) {
    public enum Status {
        /** The kernel accepted the command. */
        DONE,
        /** EEXIST on NEW_SERVICE/NEW_DEST or ENOENT on DEL_SERVICE/DEL_DEST: treated as success. */
        ALREADY,
        /** SET_DEST got ENOENT and the NEW_DEST that replaced it succeeded. */
        ADDED_INSTEAD,
        /** Any other error; the rest of the batch went on. */
        FAILED
    }

    public boolean succeeded() {
        return status != Status.FAILED;
    }

    /**
     * keepalived's line: {@code IPVS cmd IP_VS_SO_SET_ADD(1154) error: Service already exists(17) (TCP
     * 10.1.1.1:80)}, or null when the kernel raised no error.
     */
    public String logLine() {
        if (error == null) {
            return null;
        }
        IpvsCmd c = error.cmd();
        return "IPVS cmd " + c.sockoptName() + "(" + c.sockoptNumber() + ") error: " + error.reason() + "("
                + error.errno() + ") (" + error.subject() + ")";
    }
}
