package keepalivedj.healthcheck.check;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import keepalivedj.conf.model.CheckerConnection;
import keepalivedj.conf.model.RealServer;
import keepalivedj.healthcheck.io.Target;

/** Turns a checker's connection options into a {@link Target}: connect_ip/connect_port default to the RS's. */
final class Targets {
    private Targets() {
    }

    static Target of(RealServer rs, CheckerConnection c) {
        InetAddress ip = c.connectIp() != null ? c.connectIp() : rs.address();
        int port = c.connectPort() != 0 ? c.connectPort() : rs.port();
        InetSocketAddress bind = null;
        if (c.bindto() != null || c.bindPort() != 0) {
            bind = c.bindto() != null ? new InetSocketAddress(c.bindto(), c.bindPort())
                    : new InetSocketAddress(c.bindPort());
        }
        long timeoutMicros = c.connectTimeoutMicros() > 0 ? c.connectTimeoutMicros() : rs.connectTimeoutMicros();
        return new Target(new InetSocketAddress(ip, port), bind, timeoutMicros * 1000, c.fwmark(), c.bindIf());
    }
}
