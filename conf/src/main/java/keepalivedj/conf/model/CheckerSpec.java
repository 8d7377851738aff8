package keepalivedj.conf.model;

import java.util.List;
import keepalivedj.conf.Position;

/**
 * One health checker of a real server, as configured and completed with its effective defaults. Record equality
 * is what decides, on reload, that a checker is unchanged and keeps its state. It says nothing about how a check
 * runs; that is the healthcheck module's business.
 */
public sealed interface CheckerSpec {

    Position position();

    /** {@code HTTP_GET { url { ... } ... }}. */
    record HttpGet(CheckerTiming timing, CheckerConnection connection, HttpOptions http, Position position)
            implements CheckerSpec {
    }

    /** {@code SSL_GET}: HTTP_GET over TLS, using the top-level SSL block's context. */
    record SslGet(CheckerTiming timing, CheckerConnection connection, HttpOptions http, Position position)
            implements CheckerSpec {
    }

    /**
     * What HTTP_GET and SSL_GET share besides timing and connection.
     *
     * @param virtualhost  the checker's Host header, else the real server's, else the VS's; null for ip:port
     * @param httpProtocol {@code http_protocol}: "1.0" (default), "1.0C" (adds Connection: close) or "1.1"
     * @param enableSni    {@code enable_sni} (SSL_GET only has a use for it)
     */
    record HttpOptions(String virtualhost, String httpProtocol, boolean enableSni, boolean fastRecovery,
                       List<HttpUrl> urls) {
        public HttpOptions {
            urls = List.copyOf(urls);
        }
    }

    /** {@code TCP_CHECK}: up when a TCP connection is accepted. */
    record TcpCheck(CheckerTiming timing, CheckerConnection connection, Position position) implements CheckerSpec {
    }

    /**
     * {@code MISC_CHECK}: runs a program, exit 0 means up.
     *
     * @param miscPath          {@code misc_path}; its user/group are those of the {@code user} keyword when given
     * @param miscTimeoutMicros {@code misc_timeout}, default the virtual server's delay_loop
     * @param miscDynamic       {@code misc_dynamic}: exit codes 2..255 set the weight to code - 2
     */
    record MiscCheck(CheckerTiming timing, ScriptCommand miscPath, long miscTimeoutMicros, boolean miscDynamic,
                     Position position) implements CheckerSpec {
    }

    /**
     * {@code SMTP_CHECK}: expects the 220 banner, says HELO, expects 250. Each legacy {@code host { }} block is one
     * more server to check; without any the checker's own connection is the one host.
     */
    record SmtpCheck(CheckerTiming timing, String heloName, List<CheckerConnection> hosts, Position position)
            implements CheckerSpec {
        public SmtpCheck {
            hosts = List.copyOf(hosts);
        }
    }

    /** {@code DNS_CHECK}: a query of {@code type} (default SOA) for {@code name} (default "." kept as "."). */
    record DnsCheck(CheckerTiming timing, CheckerConnection connection, DnsType type, String name,
                    Position position) implements CheckerSpec {
    }

    /** Query types DNS_CHECK knows. */
    enum DnsType {
        A, NS, CNAME, SOA, MX, TXT, AAAA
    }

    /** {@code PING_CHECK}: ICMP / ICMPv6 echo. */
    record PingCheck(CheckerTiming timing, CheckerConnection connection, Position position) implements CheckerSpec {
    }

    /**
     * {@code UDP_CHECK}: sends {@code payload}; an ICMP unreachable means down.
     *
     * @param payloadHex        the payload as written (hex digits), or null for an empty datagram
     * @param requireReply      a reply must come back
     * @param replyPatternHex   hex the reply must match ('X' digits are wildcards), or null for any reply
     */
    record UdpCheck(CheckerTiming timing, CheckerConnection connection, String payloadHex, boolean requireReply,
                    String replyPatternHex, int minReplyLength, int maxReplyLength, Position position)
            implements CheckerSpec {
    }

    /**
     * {@code FILE_CHECK}: the value in the top-level track_file {@code trackFile}, times {@code weight}, is added to
     * the real server's weight.
     *
     * @param weight  {@code weight W [reverse|noreverse]}, or null when not written: the track_file's own weight
     *                (and reverse setting) then applies
     * @param reverse null exactly when weight is null
     */
    record FileCheck(String trackFile, Integer weight, Boolean reverse, Position position) implements CheckerSpec {
    }

    /** {@code BFD_CHECK}: up or down follows the bfd_instance {@code name}; alpha defaults to the real server's. */
    record BfdCheck(String name, boolean alpha, Position position) implements CheckerSpec {
    }
}
