package keepalivedj.healthcheck;

import java.util.Objects;

/**
 * The result of one check attempt: up, or down with a {@link Failure} and a human-readable detail. A MISC_CHECK with
 * misc_dynamic may carry the weight its exit status asked for. A probe says nothing about retries; see
 * {@link CheckerCycle}.
 *
 * @param failure       null exactly when {@code up}
 * @param detail        what happened, in a few words ("status 503 not in 200-299"); never null
 * @param dynamicWeight the real server weight a misc_dynamic exit status set (status - 2), or null for "the
 *                      configured weight"
 * @param more          a success that is not yet the whole check: HTTP_GET / SSL_GET checked one url and the
 *                      others must still pass before a failed checker counts as up again
 */
public record Probe(boolean up, Failure failure, String detail, Integer dynamicWeight, boolean more) {

    public Probe {
        Objects.requireNonNull(detail, "detail");
        if (up != (failure == null) || (more && !up)) {
            throw new IllegalArgumentException("up=" + up + " more=" + more + " with failure " + failure);
        }
    }

    private static final Probe SUCCESS = new Probe(true, null, "success", null, false);

    /** A plain success; one shared instance (a probe is immutable, and a TCP_CHECK makes thousands a second). */
    public static Probe success() {
        return SUCCESS;
    }

    public static Probe success(String detail) {
        return new Probe(true, null, detail, null, false);
    }

    /** misc_dynamic: success with the weight the exit status asked for. */
    public static Probe successWithWeight(int weight, String detail) {
        return new Probe(true, null, detail, weight, false);
    }

    /** One url of several passed; the rest of the round is still to come. */
    public static Probe partialSuccess(String detail) {
        return new Probe(true, null, detail, null, true);
    }

    public static Probe failed(Failure failure, String detail) {
        return new Probe(false, Objects.requireNonNull(failure, "failure"), detail, null, false);
    }

    @Override
    public String toString() {
        return up ? (more ? "UP-SO-FAR(" : "UP(") + detail + (dynamicWeight == null ? "" : ", weight " + dynamicWeight) + ")"
                : "DOWN(" + failure + ": " + detail + ")";
    }
}
