package keepalivedj.healthcheck.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LinuxSocketsTest {
    private final LinuxSockets sockets = new LinuxSockets();

    @Test
    @DisplayName("fwmark is the socket's SO_MARK; bind_if binds it to the interface; an unknown interface is refused")
    void checkerSocketOptions() {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
        int fd = sockets.tcpSocket(to.getAddress());
        assertTrue(fd >= 0, "socket: " + fd);
        try {
            assertEquals(0, sockets.intOption(fd, LinuxSockets.SOL_SOCKET, LinuxSockets.SO_MARK));
            assertNull(sockets.prepare(fd, new Target(to, null, 1, 7, "lo")));
            assertEquals(7, sockets.intOption(fd, LinuxSockets.SOL_SOCKET, LinuxSockets.SO_MARK));
        } finally {
            sockets.closeFd(fd);
        }
        fd = sockets.tcpSocket(to.getAddress());
        try {
            assertEquals("bind_if kjnone0: No such device", sockets.prepare(fd, new Target(to, null, 1, 0, "kjnone0")));
        } finally {
            sockets.closeFd(fd);
        }
        assertEquals(1, LinuxSockets.interfaceIndex("lo"));
        assertEquals(0, LinuxSockets.interfaceIndex("kjnone0"));
    }
}
