package keepalivedj.daemon.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syslog and sd_notify datagrams reach a real Unix datagram socket (bound by python3: Java has no Unix datagram
 * sockets, which is why these classes exist).
 */
class UnixDatagramTest {
    /** Starts a receiver on {@code path} that prints the first datagram it gets. */
    private static Process receiver(Path path) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c",
                "import socket,sys\n"
                        + "s=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM)\n"
                        + "s.bind(sys.argv[1]); s.settimeout(10)\n"
                        + "print('bound', flush=True)\n"
                        + "sys.stdout.write(s.recv(4096).decode()); sys.stdout.flush()\n",
                path.toString()).start();
        byte[] b = new byte[6];
        assertEquals(6, p.getInputStream().readNBytes(b, 0, 6), "receiver did not start");
        return p;
    }

    private static String received(Process p) throws Exception {
        assertTrue(p.waitFor(15, TimeUnit.SECONDS));
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void syslogSendsRfc3164LinesWithIdentPidAndPriority(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("log");
        Process p = receiver(sock);
        Syslog s = new Syslog(sock.toString(), "Keepalived_vrrp", Syslog.FACILITY_DAEMON);
        assertTrue(s.log(Syslog.INFO, "(VI_1) Entering MASTER STATE"));
        String line = received(p);
        assertTrue(line.matches("<30>[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d Keepalived_vrrp\\["
                + ProcessHandle.current().pid() + "\\]: \\(VI_1\\) Entering MASTER STATE"), line);
        s.close();
    }

    @Test
    void syslogWithoutAListenerDropsAndCounts(@TempDir Path dir) {
        Syslog s = new Syslog(dir.resolve("none").toString(), "Keepalived_vrrp", Syslog.FACILITY_DAEMON);
        assertFalse(s.log(Syslog.INFO, "nobody listens"));
        assertEquals(1, s.dropped());
        s.close();
    }

    @Test
    void sdNotifyReachesTheNotifySocket(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("notify");
        Process p = receiver(sock);
        SystemdNotify n = new SystemdNotify(sock.toString());
        assertTrue(n.send("READY=1\nMAINPID=42"));
        assertEquals("READY=1\nMAINPID=42", received(p));
        assertFalse(new SystemdNotify(null).send("READY=1"), "outside systemd nothing is sent");
    }

    @Test
    void abstractNotifySocketAddress() {
        byte[] a = UnixDatagram.address("@abc");
        assertEquals(2 + 1 + 3, a.length);
        assertEquals(0, a[2]);
        assertEquals('a', a[3]);
        byte[] p = UnixDatagram.address("/run/x");
        assertEquals(2 + 6 + 1, p.length);
    }
}
