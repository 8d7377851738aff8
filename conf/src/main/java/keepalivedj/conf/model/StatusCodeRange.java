package keepalivedj.conf.model;

/** An inclusive range of HTTP status codes from {@code status_code 200-299 503}; a single code has min == max. */
public record StatusCodeRange(int min, int max) {

    public boolean contains(int code) {
        return code >= min && code <= max;
    }
}
