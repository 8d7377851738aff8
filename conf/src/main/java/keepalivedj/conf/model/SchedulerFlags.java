package keepalivedj.conf.model;

/**
 * The IPVS service flags written as bare keywords in a virtual_server: {@code hashed}, {@code ops},
 * {@code flag-1..3}, and the sh/mh scheduler flags ({@code sh-port}, {@code sh-fallback}, {@code mh-port},
 * {@code mh-fallback}), which keepalived only takes when the scheduler named before them is sh or mh.
 */
public record SchedulerFlags(boolean hashed, boolean ops, boolean flag1, boolean flag2, boolean flag3,
                             boolean shPort, boolean shFallback, boolean mhPort, boolean mhFallback) {

    public static final SchedulerFlags NONE =
            new SchedulerFlags(false, false, false, false, false, false, false, false, false);
}
