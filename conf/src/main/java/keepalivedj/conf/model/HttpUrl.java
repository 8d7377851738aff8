package keepalivedj.conf.model;

import java.util.List;
import keepalivedj.conf.Position;

/**
 * One {@code url { ... }} of an HTTP_GET or SSL_GET checker. Every url must pass for the checker to be up.
 *
 * @param digest         MD5 of the body as 32 lower-case hex digits (from genhash), or null when not checked
 * @param statusCodes    accepted status codes; keepalived's default 200-299 when none were written
 * @param virtualhost    the Host header for this url, or null to use the checker's / real server's / VS's
 * @param regex          PCRE2 pattern the body must match (or must not, with regexNoMatch), or null
 * @param regexMaxOffset as written (keepalived stores it plus one); 0 when not set
 */
public record HttpUrl(String path, String digest, List<StatusCodeRange> statusCodes, String virtualhost,
                      String regex, boolean regexNoMatch, List<String> regexOptions, long regexMinOffset,
                      long regexMaxOffset, Position position) {

    public HttpUrl {
        statusCodes = List.copyOf(statusCodes);
        regexOptions = List.copyOf(regexOptions);
    }
}
