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
 */
public record Probe(boolean up, Failure failure, String detail, Integer dynamicWeight) {

    public Probe {
        Objects.requireNonNull(detail, "detail");
        if (up != (failure == null)) {
            throw new IllegalArgumentException("up=" + up + " with failure " + failure);
        }
    }

    public static Probe success() {
        return new Probe(true, null, "success", null);
    }

    public static Probe success(String detail) {
        return new Probe(true, null, detail, null);
    }

    /** misc_dynamic: success with the weight the exit status asked for. */
    public static Probe successWithWeight(int weight, String detail) {
        return new Probe(true, null, detail, weight);
    }

    public static Probe failed(Failure failure, String detail) {
        return new Probe(false, Objects.requireNonNull(failure, "failure"), detail, null);
    }

    @Override
    public String toString() {
        return up ? "UP(" + detail + (dynamicWeight == null ? "" : ", weight " + dynamicWeight) + ")"
                : "DOWN(" + failure + ": " + detail + ")";
    }
}
