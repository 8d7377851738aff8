package keepalivedj.healthcheck.check;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;
import keepalivedj.conf.model.CheckerConnection;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.conf.model.RealServer;
import keepalivedj.healthcheck.ScriptExecutor;
import keepalivedj.healthcheck.io.CheckLoop;

/**
 * The production {@link CheckerFactory}: TCP_CHECK, HTTP_GET, SSL_GET, SMTP_CHECK and DNS_CHECK on the NIO loop,
 * MISC_CHECK through the daemon's {@link ScriptExecutor}. PING_CHECK, UDP_CHECK, FILE_CHECK and BFD_CHECK are not
 * run by this module yet: it returns null for them and their checker keeps its initial state.
 */
public final class Checkers implements CheckerFactory {
    private final CheckLoop loop;
    private final SSLContext tls;
    private final ScriptExecutor scripts;
    private final RandomGenerator random;

    /** @param tls the SSL_GET context; null for {@link TlsContexts#trustingEveryone()} (no SSL block) */
    public Checkers(CheckLoop loop, SSLContext tls, ScriptExecutor scripts, RandomGenerator random) {
        this.loop = loop;
        this.tls = tls != null ? tls : TlsContexts.trustingEveryone();
        this.scripts = scripts;
        this.random = random;
    }

    @Override
    public Checker create(RealServer rs, CheckerSpec spec) {
        if (spec instanceof CheckerSpec.TcpCheck) {
            return new TcpChecker(loop, Targets.of(rs, ((CheckerSpec.TcpCheck) spec).connection()));
        } else if (spec instanceof CheckerSpec.HttpGet) {
            CheckerSpec.HttpGet h = (CheckerSpec.HttpGet) spec;
            return new HttpChecker(loop, Targets.of(rs, h.connection()), h.http(), null);
        } else if (spec instanceof CheckerSpec.SslGet) {
            CheckerSpec.SslGet h = (CheckerSpec.SslGet) spec;
            return new HttpChecker(loop, Targets.of(rs, h.connection()), h.http(), tls);
        } else if (spec instanceof CheckerSpec.MiscCheck) {
            return new MiscChecker((CheckerSpec.MiscCheck) spec, scripts, loop);
        } else if (spec instanceof CheckerSpec.SmtpCheck) {
            CheckerSpec.SmtpCheck s = (CheckerSpec.SmtpCheck) spec;
            List<CheckerConnection> hosts = s.hosts().isEmpty()
                    ? List.of(new CheckerConnection(null, 0, null, 0, null, rs.connectTimeoutMicros(), 0)) : s.hosts();
            List<keepalivedj.healthcheck.io.Target> targets = new ArrayList<>();
            for (CheckerConnection c : hosts) {
                targets.add(Targets.of(rs, c));
            }
            return new SmtpChecker(loop, targets, s.heloName());
        } else if (spec instanceof CheckerSpec.DnsCheck) {
            CheckerSpec.DnsCheck d = (CheckerSpec.DnsCheck) spec;
            CheckerConnection c = d.connection() != null ? d.connection()
                    : new CheckerConnection(null, 0, null, 0, null, rs.connectTimeoutMicros(), 0);
            return new DnsChecker(loop, Targets.of(rs, c), d, random);
        }
        return null;
    }
}
