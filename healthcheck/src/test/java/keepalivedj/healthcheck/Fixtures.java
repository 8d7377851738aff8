package keepalivedj.healthcheck;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import keepalivedj.conf.Position;
import keepalivedj.conf.model.CheckerConnection;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.conf.model.CheckerTiming;
import keepalivedj.conf.model.ForwardingMethod;
import keepalivedj.conf.model.RealServer;
import keepalivedj.conf.model.SchedulerFlags;
import keepalivedj.conf.model.ScriptCommand;
import keepalivedj.conf.model.SorryServer;
import keepalivedj.conf.model.VirtualServer;

/** Model records as the conf module would produce them, for tests. */
final class Fixtures {
    static final Position POS = new Position("keepalived.conf", 1, 1);

    private Fixtures() {
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    static CheckerTiming timing(long retry, long dbrMicros, long delayLoopMicros, boolean alpha) {
        return new CheckerTiming(retry, dbrMicros, 0, delayLoopMicros, alpha, false);
    }

    static CheckerSpec tcp(boolean alpha) {
        return tcp(alpha, POS);
    }

    static CheckerSpec tcp(boolean alpha, Position pos) {
        return new CheckerSpec.TcpCheck(timing(1, 1_000_000, 5_000_000, alpha),
                new CheckerConnection(null, 0, null, 0, null, 5_000_000, 0), pos);
    }

    static ScriptCommand script(String text) {
        return new ScriptCommand(text, Arrays.asList(text.split(" ")), null, null, POS);
    }

    /** A real server; {@code opts} may contain "inhibit", "smtp", "notify". */
    static RealServer rs(String ip, int port, int weight, List<CheckerSpec> checkers, String... opts) {
        List<String> o = Arrays.asList(opts);
        boolean notify = o.contains("notify");
        return new RealServer(ip(ip), port, weight, ForwardingMethod.NAT, 0, 0, o.contains("inhibit"), false,
                null, null, null, 5_000_000, 5_000_000, o.contains("smtp"), null, null,
                notify ? script("/bin/up " + ip) : null, notify ? script("/bin/down " + ip) : null, checkers, POS);
    }

    static final class Vs {
        long quorum = 1;
        long hysteresis = 0;
        SorryServer sorry;
        boolean omega;
        boolean smtp;
        boolean quorumScripts;
        boolean haSuspend;
        String address = "10.0.0.1";
        List<RealServer> servers = new ArrayList<>();

        Vs rs(RealServer r) {
            servers.add(r);
            return this;
        }

        Vs quorum(long q, long h) {
            quorum = q;
            hysteresis = h;
            return this;
        }

        Vs sorry(String ip, int port, boolean inhibit) {
            sorry = new SorryServer(ip(ip), port, ForwardingMethod.NAT, inhibit, POS);
            return this;
        }

        Vs quorumScripts() {
            quorumScripts = true;
            return this;
        }

        VirtualServer build() {
            return new VirtualServer(VirtualServer.Kind.ADDRESS, ip(address), 80, 0, null, null,
                    VirtualServer.Protocol.TCP, "wlc", SchedulerFlags.NONE, ForwardingMethod.NAT, 0, null, null,
                    5_000_000, 5_000_000, null, null, null, false, false, omega, haSuspend, quorum, hysteresis,
                    quorumScripts ? script("/bin/qup") : null, quorumScripts ? script("/bin/qdown") : null, 1,
                    sorry, smtp, null, null, servers, POS);
        }
    }
}
