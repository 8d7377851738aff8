package keepalivedj.healthcheck.check;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import keepalivedj.healthcheck.Names;

/**
 * The exact request keepalived 2.2.7's HTTP_GET / SSL_GET sends (keepalived.md §a.12):
 * {@code GET <path> HTTP/1.<0|1>\r\nUser-Agent: KeepAliveClient\r\n[Connection: close\r\n]Host: <host>\r\n\r\n}.
 * http_protocol 1.0 sends no Connection header; 1.0C and 1.1 send {@code Connection: close}.
 */
public final class HttpRequest {
    private HttpRequest() {
    }

    /**
     * @param virtualhost the url's, else the checker's (already inherited from RS/VS), else null for ip:port
     */
    public static byte[] of(String path, String httpProtocol, String virtualhost, InetSocketAddress target) {
        String version = "1.1".equals(httpProtocol) ? "1.1" : "1.0";
        boolean close = "1.1".equals(httpProtocol) || "1.0C".equalsIgnoreCase(httpProtocol);
        String host = virtualhost != null ? virtualhost : hostPort(target);
        String req = "GET " + path + " HTTP/" + version + "\r\n"
                + "User-Agent: KeepAliveClient\r\n"
                + (close ? "Connection: close\r\n" : "")
                + "Host: " + host + "\r\n\r\n";
        return req.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String hostPort(InetSocketAddress t) {
        String a = Names.address(t.getAddress());
        return (t.getAddress() instanceof Inet6Address ? "[" + a + "]" : a) + ":" + t.getPort();
    }
}
