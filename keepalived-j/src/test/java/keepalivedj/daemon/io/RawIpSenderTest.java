package keepalivedj.daemon.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The socket addresses RawIpSender hands to sendto, against the C layout written through a native-order buffer. */
class RawIpSenderTest {
    @Test
    @DisplayName("sockaddr_in: family in host order, port 0, the IPv4 destination of the packet at its offset")
    void sockaddrIn() {
        byte[] frame = new byte[14 + 20];
        byte[] dst = {10, (byte) 203, 7, (byte) 250};
        System.arraycopy(dst, 0, frame, 14 + 16, 4);
        byte[] expected = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putShort((short) 2)
                .putShort((short) 0).put(dst).array();
        assertArrayEquals(expected, RawIpSender.sockaddrIn(frame, 14));
    }

    @Test
    @DisplayName("sockaddr_in6: family in host order, port and flow 0, the IPv6 destination, the scope in host order")
    void sockaddrIn6() {
        byte[] frame = new byte[14 + 40];
        byte[] dst = new byte[16];
        dst[0] = (byte) 0xfe;
        dst[1] = (byte) 0x80;
        dst[15] = 0x2a;
        System.arraycopy(dst, 0, frame, 14 + 24, 16);
        int scope = 0x01020304; // every byte different, so the order shows
        byte[] expected = ByteBuffer.allocate(28).order(ByteOrder.nativeOrder()).putShort((short) 10)
                .putShort((short) 0).putInt(0).put(dst).putInt(scope).array();
        assertArrayEquals(expected, RawIpSender.sockaddrIn6(frame, 14, scope));
    }
}
