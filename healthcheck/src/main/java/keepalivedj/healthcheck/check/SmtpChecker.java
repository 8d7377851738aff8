package keepalivedj.healthcheck.check;

import java.util.List;
import java.util.function.Consumer;
import keepalivedj.healthcheck.Probe;
import keepalivedj.healthcheck.io.CheckLoop;
import keepalivedj.healthcheck.io.Target;
import keepalivedj.healthcheck.io.TcpExchange;

/** SMTP_CHECK: every host (the checker's own connection and each legacy host block) must pass, in order. */
public final class SmtpChecker implements Checker {
    /** keepalived's default helo_name. */
    public static final String DEFAULT_HELO = "smtpchecker.keepalived.org";

    private final CheckLoop loop;
    private final List<Target> hosts;
    private final String heloName;

    public SmtpChecker(CheckLoop loop, List<Target> hosts, String heloName) {
        this.loop = loop;
        this.hosts = List.copyOf(hosts);
        this.heloName = heloName == null ? DEFAULT_HELO : heloName;
    }

    @Override
    public void attempt(Consumer<Probe> done) {
        next(0, done);
    }

    private void next(int i, Consumer<Probe> done) {
        if (i == hosts.size()) {
            done.accept(Probe.success("SMTP 220/250 from " + hosts.size() + " host(s)"));
            return;
        }
        Target t = hosts.get(i);
        TcpExchange.start(loop, t, null, new SmtpDialogue(heloName), p -> {
            if (p.up()) {
                next(i + 1, done);
            } else {
                done.accept(Probe.failed(p.failure(), HttpRequest.hostPort(t.remote()) + ": " + p.detail()));
            }
        });
    }
}
