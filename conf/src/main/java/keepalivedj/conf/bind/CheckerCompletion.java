package keepalivedj.conf.bind;

import java.util.ArrayList;
import java.util.List;
import keepalivedj.conf.bind.LvsDrafts.Checker;
import keepalivedj.conf.bind.LvsDrafts.CheckerType;
import keepalivedj.conf.bind.LvsDrafts.Conn;
import keepalivedj.conf.bind.LvsDrafts.Rs;
import keepalivedj.conf.bind.LvsDrafts.Vs;
import keepalivedj.conf.model.CheckerConnection;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.conf.model.CheckerTiming;
import keepalivedj.conf.model.RealServer;

/**
 * Fills in a real server's and its checkers' effective values the way keepalived 2.2.7 does at the end of
 * validate_check_config: checker value, else real server value, else virtual server value, else the checker
 * type's default (retry 1 / MISC 0 / DNS 3; delay_before_retry 1 s / HTTP+SSL 3 s / DNS the delay loop; warmup the
 * delay loop). A connecting checker's destination defaults to the real server's address and (corrected) port.
 */
final class CheckerCompletion {
    private static final int SMTP_DEFAULT_PORT = 25;
    private final LvsDefaults defaults;
    private final BindContext ctx;

    CheckerCompletion(LvsDefaults defaults, BindContext ctx) {
        this.defaults = defaults;
        this.ctx = ctx;
    }

    RealServer realServer(Vs vs, Rs rs) {
        Long retry = rs.retry != null ? rs.retry : vs.retry;
        Long dbr = rs.delayBeforeRetry != null ? rs.delayBeforeRetry : vs.delayBeforeRetry;
        Long warmup = rs.warmup != null ? rs.warmup : vs.warmup;
        long delayLoop = rs.delayLoop != null ? rs.delayLoop : vs.delayLoop;
        long connectTimeout = rs.connectTimeout != null ? rs.connectTimeout : vs.connectTimeout;
        List<CheckerSpec> specs = new ArrayList<>();
        for (Checker c : rs.checkers) {
            if (!referenceKnown(c, vs, rs)) {
                continue;
            }
            long loop = c.delayLoop != null ? c.delayLoop : delayLoop;
            long cRetry = c.retry != null ? c.retry : retry != null ? retry : c.type.defaultRetry;
            long cWarmup = c.warmup != null ? c.warmup : warmup != null ? warmup : loop;
            long cDbr = c.delayBeforeRetry != null ? c.delayBeforeRetry : dbr != null ? dbr
                    : c.type.defaultDelayBeforeRetry != 0 ? c.type.defaultDelayBeforeRetry : loop;
            boolean alpha = c.alpha != null ? c.alpha : rs.alpha;
            boolean logAll = c.logAllFailures != null ? c.logAllFailures : defaults.checkerLogAllFailures();
            CheckerTiming timing = new CheckerTiming(cRetry, cDbr, cWarmup, loop, alpha, logAll);
            specs.add(spec(c, timing, vs, rs, connectTimeout));
        }
        return new RealServer(rs.address, rs.port, rs.weight, rs.forwarding, rs.uthreshold, rs.lthreshold,
                rs.inhibit, rs.alpha, retry, dbr, warmup, delayLoop, connectTimeout, rs.smtpAlert, rs.virtualhost,
                rs.snmpName, rs.notifyUp, rs.notifyDown, specs, rs.position);
    }

    private static CheckerSpec spec(Checker c, CheckerTiming timing, Vs vs, Rs rs, long connectTimeout) {
        switch (c.type) {
            case HTTP_GET:
            case SSL_GET: {
                String vhost = c.virtualhost != null ? c.virtualhost
                        : rs.virtualhost != null ? rs.virtualhost : vs.virtualhost;
                CheckerSpec.HttpOptions http = new CheckerSpec.HttpOptions(vhost, c.httpProtocol, c.enableSni,
                        c.fastRecovery, c.urls);
                CheckerConnection conn = connection(c.conn, rs, connectTimeout, 0);
                return c.type == CheckerType.HTTP_GET ? new CheckerSpec.HttpGet(timing, conn, http, c.position)
                        : new CheckerSpec.SslGet(timing, conn, http, c.position);
            }
            case TCP_CHECK:
                return new CheckerSpec.TcpCheck(timing, connection(c.conn, rs, connectTimeout, 0), c.position);
            case MISC_CHECK:
                return new CheckerSpec.MiscCheck(timing, CheckerKeywords.miscScript(c),
                        c.miscTimeout != null ? c.miscTimeout : vs.delayLoop, c.miscDynamic, c.position);
            case SMTP_CHECK: {
                List<CheckerConnection> hosts = new ArrayList<>();
                if (c.hosts.isEmpty()) {
                    hosts.add(connection(c.conn, rs, connectTimeout, SMTP_DEFAULT_PORT));
                }
                for (Conn h : c.hosts) {
                    hosts.add(connection(h, rs, connectTimeout, SMTP_DEFAULT_PORT));
                }
                return new CheckerSpec.SmtpCheck(timing, c.heloName, hosts, c.position);
            }
            case DNS_CHECK:
                return new CheckerSpec.DnsCheck(timing, connection(c.conn, rs, connectTimeout, 0), c.dnsType,
                        c.dnsName, c.position);
            case PING_CHECK:
                return new CheckerSpec.PingCheck(timing, connection(c.conn, rs, connectTimeout, 0), c.position);
            case UDP_CHECK:
                return new CheckerSpec.UdpCheck(timing, connection(c.conn, rs, connectTimeout, 0), c.payload,
                        c.requireReply, c.replyPattern, c.minReplyLength, c.maxReplyLength, c.position);
            case FILE_CHECK:
                return new CheckerSpec.FileCheck(c.trackName, c.fileWeight, c.fileReverse, c.position);
            default:
                return new CheckerSpec.BfdCheck(c.trackName, timing.alpha(), c.position);
        }
    }

    /**
     * FILE_CHECK and BFD_CHECK name top-level objects; keepalived drops the checker when the name is unknown. The
     * names are only known when the caller passed them in {@link LvsDefaults}.
     */
    private boolean referenceKnown(Checker c, Vs vs, Rs rs) {
        if (c.type == CheckerType.FILE_CHECK && defaults.trackFiles() != null
                && !defaults.trackFiles().contains(c.trackName)) {
            ctx.warn(c.trackNamePosition, "track_file " + c.trackName + " not found", c.trackName,
                    "the name of a track_file block", "ignoring the FILE_CHECK");
            return false;
        }
        if (c.type == CheckerType.BFD_CHECK && defaults.bfdInstances() != null
                && !defaults.bfdInstances().contains(c.trackName)) {
            ctx.warn(c.trackNamePosition, "(" + c.rsLabel() + ") BFD_CHECK - BFD " + c.trackName + " not configured",
                    c.trackName, "the name of a bfd_instance", "ignoring the BFD_CHECK");
            return false;
        }
        return true;
    }

    private static CheckerConnection connection(Conn c, Rs rs, long connectTimeout, int portIfNone) {
        int port = c.connectPort != null ? c.connectPort : rs.port != 0 ? rs.port : portIfNone;
        return new CheckerConnection(c.connectIp != null ? c.connectIp : rs.address, port, c.bindto, c.bindPort,
                c.bindIf, c.connectTimeout != null ? c.connectTimeout : connectTimeout, c.fwmark);
    }
}
