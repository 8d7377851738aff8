package keepalivedj.healthcheck.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    @DisplayName("a failed call returns minus errno itself, and epoll events are laid out as the C library's")
    void errnoAndLayout() {
        assertEquals(-9, sockets.connect(123456, new InetSocketAddress(InetAddress.getLoopbackAddress(), 9), 0),
                "EBADF");
        assertEquals(-9, sockets.socketError(123456));
        assertEquals("Bad file descriptor", LinuxSockets.describe(9));
        int expected = System.getProperty("os.arch").equals("amd64") ? 12 : 16;
        assertEquals(expected, LinuxSockets.EVENT_SIZE);
    }

    @Test
    @DisplayName("a frame sender sends exactly the frame's first bytes in one send(2), and refuses what it cannot")
    void frameSender() throws IOException {
        try (java.net.DatagramSocket receiver = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            receiver.setSoTimeout(5000);
            int fd = sockets.udpSocket(receiver.getLocalAddress());
            assertTrue(fd >= 0, "socket: " + fd);
            try {
                assertEquals(0, sockets.connect(fd, (InetSocketAddress) receiver.getLocalSocketAddress(), 0));
                byte[] frame = new byte[200];
                for (int i = 0; i < frame.length; i++) {
                    frame[i] = (byte) (i * 31 + 7);
                }
                LinuxSockets.FrameSender sender = LinuxSockets.frameSender(fd);
                assertEquals(150, sender.send(frame, 150));
                java.net.DatagramPacket got = new java.net.DatagramPacket(new byte[400], 400);
                receiver.receive(got);
                assertEquals(150, got.getLength());
                assertTrue(java.util.Arrays.equals(frame, 0, 150, got.getData(), 0, 150), "bytes received");
                int emsgsize = -LinuxSockets.EMSGSIZE;
                assertEquals(emsgsize, sender.send(frame, 201), "longer than the array");
                assertEquals(emsgsize, sender.send(new byte[LinuxSockets.FrameSender.MAX_FRAME + 1],
                        LinuxSockets.FrameSender.MAX_FRAME + 1), "longer than MAX_FRAME");
            } finally {
                sockets.closeFd(fd);
            }
        }
        assertEquals(-9, LinuxSockets.frameSender(123456).send(new byte[60], 60), "EBADF");
    }

    @Test
    @DisplayName("sendTo sends the packet's first bytes to the socket address it is given, and refuses what it cannot")
    void sendTo() throws IOException {
        try (java.net.DatagramSocket receiver = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            receiver.setSoTimeout(5000);
            int fd = sockets.udpSocket(receiver.getLocalAddress()); // not connected: the address says where
            assertTrue(fd >= 0, "socket: " + fd);
            try {
                // struct sockaddr_in: family (host order), port and address (network order), zero padding
                byte[] to = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.nativeOrder())
                        .putShort((short) 2).order(java.nio.ByteOrder.BIG_ENDIAN)
                        .putShort((short) receiver.getLocalPort()).put(new byte[] {127, 0, 0, 1}).array();
                byte[] packet = new byte[100];
                for (int i = 0; i < packet.length; i++) {
                    packet[i] = (byte) (i * 17 + 3);
                }
                assertEquals(60, LinuxSockets.sendTo(fd, packet, 14, 60, to));
                java.net.DatagramPacket got = new java.net.DatagramPacket(new byte[200], 200);
                receiver.receive(got);
                assertEquals(60, got.getLength());
                assertTrue(java.util.Arrays.equals(packet, 14, 74, got.getData(), 0, 60), "bytes received");
                int emsgsize = -LinuxSockets.EMSGSIZE;
                assertEquals(emsgsize, LinuxSockets.sendTo(fd, packet, 41, 60, to), "beyond the array");
                assertEquals(emsgsize, LinuxSockets.sendTo(fd, packet, -1, 60, to), "before the array");
                assertEquals(-22, LinuxSockets.sendTo(fd, packet, 0, 60, new byte[200]), "EINVAL: address too long");
            } finally {
                sockets.closeFd(fd);
            }
        }
    }

    @Test
    @DisplayName("from a jar the library is unpacked to a temporary file, which is removed once it is loaded")
    void loadsFromAJar(@TempDir Path dir) throws IOException, InterruptedException, URISyntaxException {
        Path classes = Path.of(LinuxSockets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = dir.resolve("healthcheck.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString()));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path testClasses = Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", jar + ":" + testClasses, ChildJvm.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals(List.of(jar.toString(), "Connection refused", "socket"), out.lines().toList());
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "unpacked copies left behind");
        }
    }

    /** Run in a child JVM whose class path has the classes only as a jar. */
    static final class ChildJvm {
        public static void main(String[] args) throws URISyntaxException {
            System.out.println(Path.of(LinuxSockets.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
            System.out.println(LinuxSockets.describe(111));
            int fd = new LinuxSockets().tcpSocket(InetAddress.getLoopbackAddress());
            System.out.println(fd >= 0 ? "socket" : "socket failed: " + fd);
        }
    }
}
