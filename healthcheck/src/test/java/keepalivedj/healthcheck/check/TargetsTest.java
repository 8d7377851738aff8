package keepalivedj.healthcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import keepalivedj.conf.model.CheckerConnection;
import keepalivedj.conf.model.ForwardingMethod;
import keepalivedj.conf.model.RealServer;
import keepalivedj.healthcheck.io.Target;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TargetsTest {
    private static final RealServer RS;

    static {
        try {
            RS = new RealServer(InetAddress.getByName("10.1.0.2"), 8080, 1, ForwardingMethod.NAT, 0, 0, false, false,
                    null, null, null, 5_000_000, 7_000_000, false, null, null, null, null, List.of(), null);
        } catch (java.net.UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Test
    @DisplayName("the real server's address and port unless connect_ip / connect_port say otherwise")
    void destination() throws Exception {
        Target plain = Targets.of(RS, new CheckerConnection(null, 0, null, 0, null, 3_000_000, 0));
        assertEquals(new InetSocketAddress("10.1.0.2", 8080), plain.remote());
        assertNull(plain.bind());
        assertEquals(3_000_000_000L, plain.timeoutNanos());
        Target other = Targets.of(RS, new CheckerConnection(InetAddress.getByName("10.9.9.9"), 9000,
                InetAddress.getByName("10.1.0.1"), 5555, null, 0, 0));
        assertEquals(new InetSocketAddress("10.9.9.9", 9000), other.remote());
        assertEquals(new InetSocketAddress("10.1.0.1", 5555), other.bind());
        assertEquals(7_000_000_000L, other.timeoutNanos(), "no checker connect_timeout: the real server's");
    }
}
