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
    @DisplayName("the timer wait sleeps until its deadline, and a wake-up, even one given before, ends it at once")
    void timerWaitSleepsAndWakes() throws Exception {
        try (LinuxSockets.TimerWait wait = LinuxSockets.TimerWait.open()) {
            long start = System.nanoTime() / 1000;
            assertEquals(0, wait.await(start + 30_000));
            assertTrue(System.nanoTime() / 1000 >= start + 30_000, "returned before its deadline");
            wait.wake();
            long before = System.nanoTime();
            assertEquals(0, wait.await(System.nanoTime() / 1000 + 60_000_000), "woken before it slept");
            assertTrue(System.nanoTime() - before < 30_000_000_000L, "the wake-up was lost");
            Thread waker = new Thread(() -> {
                sleepMs(50);
                wait.wake();
            });
            waker.start();
            before = System.nanoTime();
            assertEquals(0, wait.await(-1), "no deadline: until woken");
            assertTrue(System.nanoTime() - before >= 40_000_000L, "returned before the wake-up");
            waker.join();
        }
    }

    @Test
    @DisplayName("the timer wait sends the frame at each expiry, with the next IPv4 ID and checksum, until stop or full")
    void timerWaitRepeatsTheFrame() throws IOException, InterruptedException {
        try (java.net.DatagramSocket receiver = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress());
             LinuxSockets.TimerWait wait = LinuxSockets.TimerWait.open()) {
            receiver.setSoTimeout(5000);
            int fd = sockets.udpSocket(receiver.getLocalAddress());
            assertTrue(fd >= 0, "socket: " + fd);
            try {
                assertEquals(0, sockets.connect(fd, (InetSocketAddress) receiver.getLocalSocketAddress(), 0));
                LinuxSockets.FrameSender sender = LinuxSockets.frameSender(fd);
                byte[] frame = ipv4Frame(0x1234);
                long[] at = new long[8];
                long interval = 20_000;

                // the batch's room ends it: 3 sends, IDs 0xFFFF+1.. wrap to 0, 1, 2
                long deadline = System.nanoTime() / 1000 + 10_000;
                assertEquals(3, wait.await(deadline, sender, frame, frame.length, 0xFFFF, interval, Long.MAX_VALUE,
                        new long[3]));
                for (int id : new int[] {0, 1, 2}) {
                    assertSentWithId(receiver, frame, id);
                }

                // the next other deadline ends it: sends at d, d+20 ms, d+40 ms; the next (d+60 ms) would be late
                deadline = System.nanoTime() / 1000 + 10_000;
                int n = wait.await(deadline, sender, frame, frame.length, 41, interval, deadline + 55_000, at);
                assertEquals(3, n);
                assertTrue(at[0] >= deadline, "sent before the deadline");
                for (int k = 1; k < n; k++) {
                    assertTrue(at[k] - at[k - 1] >= interval, "sent " + (at[k] - at[k - 1]) + " µs after the last");
                }
                for (int id : new int[] {42, 43, 44}) {
                    assertSentWithId(receiver, frame, id);
                }
                assertTrue(java.util.Arrays.equals(frame, ipv4Frame(0x1234)), "the caller's frame is not changed");

                // a wake-up ends it between two sends
                Thread waker = new Thread(() -> {
                    sleepMs(70);
                    wait.wake();
                });
                waker.start();
                deadline = System.nanoTime() / 1000 + 10_000;
                n = wait.await(deadline, sender, frame, frame.length, 0, 50_000, Long.MAX_VALUE, at);
                assertEquals(2, n, "sent at 10 and 60 ms, woken at 70 ms");
                waker.join();

                assertEquals(-LinuxSockets.EMSGSIZE, wait.await(deadline, sender, frame, 13, 0, interval,
                        Long.MAX_VALUE, at), "shorter than an Ethernet header");
            } finally {
                sockets.closeFd(fd);
            }
        }
    }

    @Test
    @DisplayName("the timer wait sends a unicast advert's IP packet by sendto to the address of a packet sender")
    void timerWaitSendsTheIpPacketToTheSendersAddress() throws IOException {
        try (java.net.DatagramSocket receiver = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress());
             LinuxSockets.TimerWait wait = LinuxSockets.TimerWait.open()) {
            receiver.setSoTimeout(5000);
            int fd = sockets.udpSocket(receiver.getLocalAddress()); // not connected: only sendto can reach it
            assertTrue(fd >= 0, "socket: " + fd);
            try {
                LinuxSockets.FrameSender sender = LinuxSockets.packetSender(fd,
                        LinuxSockets.sockaddrBytes((InetSocketAddress) receiver.getLocalSocketAddress(), false, 0));
                byte[] frame = ipv4Frame(7);
                assertEquals(frame.length - 14, sender.send(frame, frame.length), "one send: the IP packet");
                assertSentWithId(receiver, frame, 7, 14);

                long deadline = System.nanoTime() / 1000 + 10_000;
                assertEquals(2, wait.await(deadline, sender, frame, frame.length, 99, 20_000, Long.MAX_VALUE,
                        new long[2]));
                assertSentWithId(receiver, frame, 100, 14);
                assertSentWithId(receiver, frame, 101, 14);
                assertEquals(-LinuxSockets.EMSGSIZE, sender.send(frame, 14), "nothing after the Ethernet header");
            } finally {
                sockets.closeFd(fd);
            }
        }
    }

    /** An Ethernet frame carrying an IPv4 header with Identification {@code id} and a correct checksum. */
    private static byte[] ipv4Frame(int id) {
        byte[] f = new byte[54];
        f[12] = 0x08;
        f[14] = 0x45;
        f[16] = 0;
        f[17] = 40;
        f[18] = (byte) (id >> 8);
        f[19] = (byte) id;
        f[22] = (byte) 255;
        f[23] = 112;
        byte[] addresses = {10, 98, 0, 1, (byte) 224, 0, 0, 18};
        System.arraycopy(addresses, 0, f, 26, 8);
        int sum = headerSum(f);
        f[24] = (byte) (~sum >> 8);
        f[25] = (byte) ~sum;
        for (int i = 34; i < f.length; i++) {
            f[i] = (byte) i;
        }
        return f;
    }

    /** The ones' complement sum of the IPv4 header's 16-bit words (0xFFFF when its checksum is right). */
    private static int headerSum(byte[] f) {
        int sum = 0;
        for (int k = 14; k < 34; k += 2) {
            sum += (f[k] & 0xFF) << 8 | f[k + 1] & 0xFF;
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return sum;
    }

    private static void assertSentWithId(java.net.DatagramSocket receiver, byte[] frame, int id) throws IOException {
        assertSentWithId(receiver, frame, id, 0);
    }

    /** The datagram received is {@code frame} from {@code offset} on, with Identification {@code id}. */
    private static void assertSentWithId(java.net.DatagramSocket receiver, byte[] frame, int id, int offset)
            throws IOException {
        java.net.DatagramPacket got = new java.net.DatagramPacket(new byte[200], 200);
        receiver.receive(got);
        byte[] b = java.util.Arrays.copyOf(frame, offset + got.getLength()); // the part not sent, as given
        System.arraycopy(got.getData(), 0, b, offset, got.getLength());
        assertEquals(frame.length, b.length);
        assertEquals(id, (b[18] & 0xFF) << 8 | b[19] & 0xFF, "IPv4 Identification");
        assertEquals(0xFFFF, headerSum(b), "header checksum");
        byte[] expected = frame.clone();
        expected[18] = b[18];
        expected[19] = b[19];
        expected[24] = b[24];
        expected[25] = b[25];
        assertTrue(java.util.Arrays.equals(expected, b), "only the ID and the checksum differ");
    }

    private static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
