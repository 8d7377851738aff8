package keepalivedj.healthcheck;

/**
 * Why one check attempt failed. Every failed {@link Probe} names one, so failures can be counted per reason
 * (keepalived logs them as free text; we keep them as data). It does not say whether the real server goes down:
 * that depends on retry, which {@link CheckerCycle} counts.
 */
public enum Failure {
    /** The connection was refused (RST in answer to SYN) or the network said unreachable. */
    CONNECT_FAILED,
    /** No connection within connect_timeout. */
    CONNECT_TIMEOUT,
    /** Connected, but the server did not answer within connect_timeout (keepalived's per-read timeout). */
    READ_TIMEOUT,
    /** The peer reset the connection after it was established. */
    RESET,
    /** The peer closed before a complete answer (HTTP headers, SMTP reply line) arrived. */
    TRUNCATED,
    /** The answer is not the protocol we speak (no HTTP status line, no SMTP code, not a DNS reply). */
    MALFORMED,
    /** HTTP status code outside the url's status_code ranges. */
    BAD_STATUS,
    /** MD5 of the HTTP body differs from the url's digest. */
    BAD_DIGEST,
    /** The HTTP body did not match (or, with regex_no_match, did match) the url's regex. */
    REGEX,
    /** TLS handshake or record failure. */
    TLS,
    /** SMTP answered with an unexpected code (not 220 for the banner, not 250 for HELO). */
    BAD_REPLY_CODE,
    /** DNS answered with RCODE != 0, or without QR. */
    DNS_RCODE,
    /** MISC_CHECK program exited with a failing status or was killed by a signal. */
    SCRIPT_FAILED,
    /** MISC_CHECK program ran past misc_timeout and was killed. */
    SCRIPT_TIMED_OUT,
    /** The check could not be started (socket, bind, script runner refused) or another local I/O error. */
    LOCAL_ERROR
}
