package keepalivedj.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The real socket against the host kernel's generic netlink controller (needs no IPVS, no root). */
class NetlinkSocketTest {
    @Test
    void resolvesTheControllerFamily() throws Exception {
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_GENERIC)) {
            GenlFamily f = GenlFamily.resolve(s, "nlctrl");
            assertEquals(GenlFamily.GENL_ID_CTRL, f.id());
            assertTrue(s.portId() != 0);
            assertEquals(0, s.malformedReplies());
        }
    }

    @Test
    void anUnknownFamilyIsENOENTAndTheSocketStaysUsable() throws Exception {
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_GENERIC)) {
            KernelErrorException e = assertThrows(KernelErrorException.class,
                    () -> GenlFamily.resolve(s, "nosuchfamx"));
            assertEquals(Errno.ENOENT, e.errno());
            assertEquals("nlctrl", GenlFamily.resolve(s, "nlctrl").name());
        }
    }

    @Test
    void pipelinedRequestsEachGetTheirOwnReply() throws Exception {
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_GENERIC)) {
            List<NetlinkSocket.Reply> r = s.requestAll(List.of(GenlFamily.request("nlctrl"),
                    GenlFamily.request("nosuchfamy"), GenlFamily.request("nlctrl")));
            assertEquals(3, r.size());
            assertTrue(r.get(0).ok());
            assertEquals(Errno.ENOENT, r.get(1).error().errno());
            assertEquals("nlctrl", GenlFamily.parse(r.get(2).messages().get(0)).name());
        }
    }

    @Test
    void aClosedSocketSaysSo() throws Exception {
        NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_GENERIC);
        s.close();
        NetlinkException e = assertThrows(NetlinkException.class, () -> s.request(GenlFamily.request("nlctrl")));
        assertEquals("netlink socket is closed", e.getMessage());
    }

    /** An event reader blocks without a timeout and is woken by another thread (sending to a port needs root). */
    @Test
    void aReceiveWithoutTimeoutWaitsUntilWoken() throws Exception {
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_GENERIC)) {
            s.setReceiveTimeout(Duration.ZERO);
            CompletableFuture<List<NlMessage>> got = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    got.complete(s.receive());
                } catch (NetlinkException | RuntimeException e) {
                    got.completeExceptionally(e);
                }
            });
            reader.start();
            reader.join(300);
            assertFalse(got.isDone(), "receive returned although nothing was sent: " + got);
            assertTrue(s.wakeReceiver());
            List<NlMessage> m = got.get(5, TimeUnit.SECONDS);
            assertEquals(1, m.size());
            assertEquals(NlMessage.NLMSG_NOOP, m.get(0).type());
        }
    }

    /**
     * A datagram larger than the receive buffer the socket starts with (16 KiB) comes in whole: the socket peeks at
     * its length and grows the buffer. Before, such a datagram was truncated; now only one over 1 MiB would be.
     */
    @Test
    void aDatagramLargerThanTheReceiveBufferComesInWhole() throws Exception {
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_GENERIC)) {
            s.setReceiveTimeout(Duration.ofSeconds(5));
            int len = 40_000;
            ByteBuffer big = ByteBuffer.allocateDirect(len).order(ByteOrder.nativeOrder());
            big.putInt(len).putShort((short) NlMessage.NLMSG_NOOP).putShort((short) 0).putInt(7).putInt(s.portId());
            for (int i = 16; i < len; i++) {
                big.put((byte) (i * 31));
            }
            big.flip();
            assertTrue(s.sendToSelf(big), "sending to our own port needs root");
            List<NlMessage> m = s.receive();
            assertEquals(1, m.size());
            assertEquals(7, m.get(0).seq());
            ByteBuffer payload = m.get(0).payload();
            assertEquals(len - 16, payload.remaining());
            for (int i = 16; i < len; i++) {
                assertEquals((byte) (i * 31), payload.get(), "payload byte " + i);
            }
            assertEquals(0, s.malformedReplies());
            // and the small ones after it still come in one by one
            assertTrue(s.wakeReceiver());
            assertEquals(NlMessage.NLMSG_NOOP, s.receive().get(0).type());
        }
    }
}
