package keepalivedj.conf.bind;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import keepalivedj.conf.Position;
import keepalivedj.conf.model.LvsAddressFamily;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.conf.model.ForwardingMethod;
import keepalivedj.conf.model.HttpUrl;
import keepalivedj.conf.model.ScriptCommand;
import keepalivedj.conf.model.VirtualServer;
import keepalivedj.conf.model.VirtualServerGroupEntry;

/**
 * The mutable state the LVS keyword handlers fill while reading, one class per block. A null field means "not
 * written", which is what inheritance needs (keepalived uses UINT_MAX / -1 sentinels for the same purpose).
 * {@link LvsCompletion} turns drafts into the immutable model. Not part of any API.
 */
final class LvsDrafts {
    private LvsDrafts() {
    }

    static final class Group {
        final String name;
        final Position position;
        final List<VirtualServerGroupEntry> entries = new ArrayList<>();

        Group(String name, Position position) {
            this.name = name;
            this.position = position;
        }
    }

    static final class Vs {
        final VirtualServer.Kind kind;
        final InetAddress address;
        final int port;
        final long fwmark;
        final String group;
        final Position position;
        LvsAddressFamily family;
        VirtualServer.Protocol protocol;
        Position protocolPosition;
        String scheduler;
        boolean hashed, ops, flag1, flag2, flag3, shPort, shFallback, mhPort, mhFallback;
        ForwardingMethod forwarding;
        long persistenceTimeout;
        String persistenceGranularity;
        String persistenceEngine;
        long delayLoop = 60_000_000L;
        long connectTimeout = 5_000_000L;
        Long retry, delayBeforeRetry, warmup;
        boolean inhibit, alpha, omega, haSuspend;
        long quorum = 1;
        long hysteresis;
        ScriptCommand quorumUp, quorumDown;
        int weight = 1;
        Sorry sorry;
        Boolean smtpAlert;
        String virtualhost, snmpName;
        final List<Rs> realServers = new ArrayList<>();

        Vs(VirtualServer.Kind kind, InetAddress address, int port, long fwmark, String group, Position position) {
            this.kind = kind;
            this.address = address;
            this.port = port;
            this.fwmark = fwmark;
            this.group = group;
            this.position = position;
            this.family = address == null ? null : LvsAddresses.family(address);
        }

        /** As keepalived's FMT_VS prints the service. */
        String label() {
            switch (kind) {
                case GROUP:
                    return "[" + group + "]:" + port;
                case FWMARK:
                    return "FWM " + fwmark;
                default:
                    return LvsAddresses.trio(address, protocol, port);
            }
        }
    }

    static final class Sorry {
        final InetAddress address;
        int port;
        final Position position;
        ForwardingMethod forwarding;
        boolean inhibit;

        Sorry(InetAddress address, int port, Position position) {
            this.address = address;
            this.port = port;
            this.position = position;
        }
    }

    static final class Rs {
        /** The virtual server being read, for keepalived's FMT_RS in checker messages. */
        Vs owner;
        final InetAddress address;
        int port;
        final Position position;
        Integer weight;
        ForwardingMethod forwarding;
        long uthreshold, lthreshold;
        Boolean inhibit, alpha, smtpAlert;
        Long retry, delayBeforeRetry, warmup, delayLoop, connectTimeout;
        String virtualhost, snmpName;
        ScriptCommand notifyUp, notifyDown;
        final List<Checker> checkers = new ArrayList<>();

        Rs(InetAddress address, int port, Position position) {
            this.address = address;
            this.port = port;
            this.position = position;
        }
    }

    /** Connection options of a checker (or of one SMTP host block). */
    static final class Conn {
        InetAddress connectIp;
        Integer connectPort;
        InetAddress bindto;
        int bindPort;
        String bindIf;
        Long connectTimeout;
        long fwmark;

        Conn copy() {
            Conn c = new Conn();
            c.connectIp = connectIp;
            c.connectPort = connectPort;
            c.bindto = bindto;
            c.bindPort = bindPort;
            c.bindIf = bindIf;
            c.connectTimeout = connectTimeout;
            c.fwmark = fwmark;
            return c;
        }
    }

    enum CheckerType {
        HTTP_GET(1, 3_000_000L), SSL_GET(1, 3_000_000L), TCP_CHECK(1, 1_000_000L), MISC_CHECK(0, 1_000_000L),
        SMTP_CHECK(1, 1_000_000L), DNS_CHECK(3, 0L), PING_CHECK(1, 1_000_000L), UDP_CHECK(1, 1_000_000L),
        FILE_CHECK(1, 1_000_000L), BFD_CHECK(1, 1_000_000L);

        /** keepalived's checker->default_retry. */
        final long defaultRetry;
        /** checker->default_delay_before_retry; 0 means "the delay loop" (DNS_CHECK). */
        final long defaultDelayBeforeRetry;

        CheckerType(long defaultRetry, long defaultDelayBeforeRetry) {
            this.defaultRetry = defaultRetry;
            this.defaultDelayBeforeRetry = defaultDelayBeforeRetry;
        }
    }

    static final class Checker {
        final CheckerType type;
        final Position position;
        /** The owning real server's address, protocol and port when the checker was read, for messages. */
        InetAddress rsAddress;
        VirtualServer.Protocol rsProtocol;
        int rsPort;
        /** False when keepalived would dequeue the checker (no urls, no misc_path, ...). */
        boolean valid = true;
        Long retry, delayBeforeRetry, warmup, delayLoop;
        Boolean alpha, logAllFailures;
        final Conn conn = new Conn();
        // HTTP_GET / SSL_GET
        String virtualhost;
        String httpProtocol = "1.0";
        boolean enableSni, fastRecovery;
        final List<HttpUrl> urls = new ArrayList<>();
        // MISC_CHECK
        ScriptCommand script;
        Long miscTimeout;
        boolean miscDynamic;
        String user, group;
        // SMTP_CHECK
        String heloName = "smtpchecker.keepalived.org";
        final List<Conn> hosts = new ArrayList<>();
        /** The host block being read, null outside one. */
        Conn currentHost;
        // DNS_CHECK
        CheckerSpec.DnsType dnsType = CheckerSpec.DnsType.SOA;
        String dnsName = ".";
        // UDP_CHECK
        String payload;
        boolean requireReply;
        String replyPattern;
        int minReplyLength;
        int maxReplyLength = 255;
        // FILE_CHECK / BFD_CHECK
        String trackName;
        Position trackNamePosition;
        Integer fileWeight;
        Boolean fileReverse;

        /** keepalived's FMT_RS of the owning real server when the checker was read (only messages need it). */
        String rsLabel() {
            return LvsAddresses.trio(rsAddress, rsProtocol, rsPort);
        }

        Checker(CheckerType type, Position position) {
            this.type = type;
            this.position = position;
        }
    }

    /** One url block while it is being read. */
    static final class Url {
        final Position position;
        String path;
        String digest;
        final List<keepalivedj.conf.model.StatusCodeRange> statusCodes = new ArrayList<>();
        String virtualhost;
        String regex;
        boolean regexNoMatch;
        final List<String> regexOptions = new ArrayList<>();
        long regexMinOffset, regexMaxOffset;

        Url(Position position) {
            this.position = position;
        }
    }
}
