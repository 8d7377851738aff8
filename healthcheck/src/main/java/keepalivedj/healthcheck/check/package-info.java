/**
 * One class per checker type; each performs a single attempt and reports a {@link keepalivedj.healthcheck.Probe}.
 *
 * <p>Deliberate differences from keepalived 2.2.7:
 * <ul>
 * <li>HTTP_GET / SSL_GET check one url per attempt in turn, retrying a failing url (keepalived PR #1318, in
 * 2.2.7). A failed checker counts as up again once every url has passed in a row since the failure, starting
 * from the url that failed; keepalived's exact restart point after a failure was not verified. fast_recovery
 * checks the next url at once while the checker is failed.</li>
 * <li>connect_timeout bounds the connection and then each wait for data, not the whole exchange (keepalived
 * issue #1822 reports the same per-read behaviour in 2.1.5).</li>
 * <li>regex uses java.util.regex, not PCRE2; the options caseless, multiline, dotall and extended are mapped, others
 * ignored; regex_min_offset / regex_max_offset bound where the first match may start.</li>
 * <li>A body shorter than its Content-Length fails as truncated when a digest or regex must be checked.</li>
 * <li>SSL_GET trusts every server certificate, also when the SSL block names a ca (we believe keepalived loads it
 * without making the handshake fail on it; not verified against a real keepalived). The block's certificate and
 * key (PEM: PKCS#8, encrypted PKCS#8 with password, PKCS#1 RSA; not SEC1 "EC PRIVATE KEY") give a client
 * certificate.</li>
 * <li>A DNS reply with someone else's id fails the attempt (as malformed) instead of being ignored.</li>
 * <li>PING_CHECK, UDP_CHECK, FILE_CHECK and BFD_CHECK are not run: {@link keepalivedj.healthcheck.check.Checkers}
 * returns null and such a checker keeps its initial state (up, or down with alpha).</li>
 * </ul>
 */
package keepalivedj.healthcheck.check;
