package keepalivedj.daemon.notify;

/**
 * The lines keepalived 2.2.7 writes to notify FIFOs (keepalived.md §c.3), each ending in exactly one
 * {@code \n} (HEAD's trailing NUL is a bug we do not copy). Pure formatting; writing is {@link NotifyFifo}'s.
 */
public final class FifoLine {
    private FifoLine() {
    }

    /**
     * {@code INSTANCE "<name>" <event> <priority>}: event is a {@link NotifyState} name or one of
     * {@code MASTER_RX_LOWER_PRI}, {@code MASTER_PRIORITY}, {@code BACKUP_PRIORITY}.
     */
    public static String instance(String name, String event, int priority) {
        return "INSTANCE \"" + name + "\" " + event + " " + priority + "\n";
    }

    public static String instance(String name, NotifyState state, int priority) {
        return instance(name, state.name(), priority);
    }

    /** {@code GROUP "<name>" <STATE> 0}: groups always report priority 0. */
    public static String group(String name, NotifyState state) {
        return "GROUP \"" + name + "\" " + state.name() + " 0\n";
    }

    /** {@code VS <vs> UP|DOWN}; {@code vs} is already in keepalived's form, e.g. {@code [10.0.0.1]:tcp:80}. */
    public static String virtualServer(String vs, boolean up) {
        return "VS " + vs + " " + (up ? "UP" : "DOWN") + "\n";
    }

    /** {@code RS <rs> <vs> UP|DOWN}, e.g. {@code RS [192.168.1.2]:tcp:80 [10.0.0.1]:tcp:80 DOWN}. */
    public static String realServer(String rs, String vs, boolean up) {
        return "RS " + rs + " " + vs + " " + (up ? "UP" : "DOWN") + "\n";
    }
}
