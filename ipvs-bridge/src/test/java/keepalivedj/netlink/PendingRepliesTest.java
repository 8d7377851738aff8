package keepalivedj.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PendingRepliesTest {
    static final int PORT = 0x77;

    @BeforeAll
    static void littleEndianHost() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
    }

    /** NLMSG_ERROR for seq with this (negative) error, CAPPED. */
    static NlMessage ack(int seq, int error, int port) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(36).putShort((short) 2).putShort((short) 0x100).putInt(seq).putInt(port);
        b.putInt(error).putInt(20).putShort((short) 0x20).putShort((short) 5).putInt(seq).putInt(port);
        return NlMessage.parseAll(b.rewind()).get(0);
    }

    static NlMessage data(int seq, int type, int flags) throws Exception {
        return NlMessage.parseAll(ByteBuffer.wrap(NlRequest.genl(type, 1, 1, 0).u32(1, seq).toBytes(flags, seq, PORT)))
                .get(0);
    }

    @Test
    void eachRequestCompletesAtItsAckOrError() throws Exception {
        PendingReplies p = new PendingReplies(10, 2, -1, PORT);
        p.offer(data(10, 0x20, 0));
        p.offer(ack(10, 0, PORT));
        assertFalse(p.complete());
        p.offer(ack(11, -17, PORT));
        assertTrue(p.complete());
        List<NetlinkSocket.Reply> r = p.replies();
        assertNull(r.get(0).error());
        assertEquals(1, r.get(0).messages().size());
        assertEquals(Errno.EEXIST, r.get(1).error().errno());
    }

    @Test
    void aBatchEndsAtTheBarrierAndSilentRequestsSucceeded() throws Exception {
        PendingReplies p = new PendingReplies(20, 3, 23, PORT);
        p.offer(ack(21, -2, PORT));
        assertFalse(p.complete());
        p.offer(ack(23, 0, PORT));
        assertTrue(p.complete());
        List<NetlinkSocket.Reply> r = p.replies();
        assertTrue(r.get(0).ok());
        assertEquals(Errno.ENOENT, r.get(1).error().errno());
        assertTrue(r.get(2).ok());
    }

    @Test
    void repliesForOthersAreCountedAsStrayAndIgnored() throws Exception {
        PendingReplies p = new PendingReplies(30, 1, -1, PORT);
        p.offer(ack(29, 0, PORT));      // an old request
        p.offer(ack(30, 0, 0x99));      // another socket's
        p.offer(ack(31, 0, PORT));      // not sent
        assertFalse(p.complete());
        p.offer(ack(30, 0, PORT));
        p.offer(ack(30, -1, PORT));     // a second answer to a finished request
        assertTrue(p.complete());
        assertTrue(p.replies().get(0).ok());
        assertEquals(4, p.stray());
    }

    @Test
    void dumpsEndAtDoneAndAnInterruptedDumpIsAnError() throws Exception {
        PendingReplies p = new PendingReplies(40, 1, -1, PORT);
        p.offer(data(40, 0x20, NlMessage.NLM_F_MULTI));
        p.offer(data(40, 0x20, NlMessage.NLM_F_MULTI));
        p.offer(NlMessage.parseAll(ByteBuffer.wrap(NlRequest.of(NlMessage.NLMSG_DONE, 0).header(new byte[4])
                .toBytes(NlMessage.NLM_F_MULTI, 40, PORT))).get(0));
        assertTrue(p.complete());
        assertEquals(2, p.replies().get(0).messages().size());
        PendingReplies q = new PendingReplies(41, 1, -1, PORT);
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> q.offer(data(41, 0x20, NlMessage.NLM_F_MULTI | NlMessage.NLM_F_DUMP_INTR)));
        assertTrue(e.getMessage().contains("NLM_F_DUMP_INTR"), e.getMessage());
    }

    @Test
    void aTruncatedAckIsMalformedAndCounted() throws Exception {
        PendingReplies p = new PendingReplies(50, 1, -1, PORT);
        NlMessage shortAck = NlMessage.parseAll(ByteBuffer.wrap(NlRequest.of(NlMessage.NLMSG_ERROR, 0)
                .header(new byte[4]).toBytes(0, 50, PORT))).get(0);
        assertThrows(MalformedMessageException.class, () -> p.offer(shortAck));
        assertEquals(1, p.malformed());
    }
}
