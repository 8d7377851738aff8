package keepalivedj.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NlMessageTest {
    /** The controller's reply to GETFAMILY "nlctrl" on this machine's kernel (captured with recv). */
    static final String NLCTRL_REPLY = "88000000 1000 0000 01000000 f3560000 | 01020000"
            + "| 0b00 0200 6e6c6374726c00 00"           // FAMILY_NAME "nlctrl"
            + "| 0600 0100 1000 0000"                     // FAMILY_ID 16
            + "| 0800 0300 02000000"                      // VERSION 2
            + "| 0800 0400 00000000 | 0800 0500 00000000" // HDRSIZE 0, MAXATTR 0
            + "| 2c00 0600 1400 0100 0800 0100 03000000 0800 0200 0e000000"
            + "        1400 0200 0800 0100 0a000000 0800 0200 0c000000" // OPS
            + "| 1c00 0700 1800 0100 0800 0200 10000000 0b00 0100 6e6f7469667900 00"; // MCAST_GROUPS notify=16

    @BeforeAll
    static void littleEndianHost() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
    }

    static ByteBuffer buf(String hex) {
        return ByteBuffer.wrap(Hex.bytes(hex));
    }

    @Test
    void parsesAGenlFamilyReply() throws Exception {
        List<NlMessage> ms = NlMessage.parseAll(buf(NLCTRL_REPLY));
        assertEquals(1, ms.size());
        assertEquals(16, ms.get(0).type());
        assertEquals(1, ms.get(0).genlCommand()); // CTRL_CMD_NEWFAMILY
        GenlFamily f = GenlFamily.parse(ms.get(0));
        assertEquals(new GenlFamily("nlctrl", 16, 2, 0, java.util.Map.of("notify", 16)), f);
    }

    @Test
    void splitsADatagramHoldingSeveralMessages() throws Exception {
        String ack = "24000000 0200 0001 05000000 01000000 | 00000000 | 20000000 1000 0500 05000000 01000000";
        List<NlMessage> ms = NlMessage.parseAll(buf(NLCTRL_REPLY + ack));
        assertEquals(2, ms.size());
        NlMessage.Ack a = ms.get(1).ack();
        assertTrue(a.ok());
        assertEquals(5, a.requestSeq());
    }

    @Test
    void readsAnErrorWithExtendedAckText() throws Exception {
        // NLMSG_ERROR, flags CAPPED|ACK_TLVS, error -17, original header, NLMSGERR_ATTR_MSG "ipv4: Address already
        // assigned" as RTM_NEWADDR returns it.
        String msg = "ipv4: Address already assigned";
        byte[] text = (msg + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int attrLen = 4 + text.length;
        ByteBuffer b = ByteBuffer.allocate(16 + 4 + 16 + ((attrLen + 3) & ~3)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(b.capacity()).putShort((short) 2).putShort((short) 0x300).putInt(9).putInt(77);
        b.putInt(-17).putInt(40).putShort((short) 20).putShort((short) 0x605).putInt(9).putInt(77);
        b.putShort((short) attrLen).putShort((short) 1).put(text);
        b.rewind();
        NlMessage.Ack a = NlMessage.parseAll(b).get(0).ack();
        assertEquals(17, a.errno());
        assertEquals(9, a.requestSeq());
        assertEquals(msg, a.extAck());
    }

    @Test
    void uncappedErrorsSkipTheEchoedRequestBeforeTheTlvs() throws Exception {
        String err = "30000000 0200 0002 03000000 00000000 | feffffff"
                + "| 14000000 2000 0500 03000000 00000000 | 05010000" // echoed request: 20 bytes
                + "| 0800 0100 41420000";                              // MSG "AB"
        NlMessage.Ack a = NlMessage.parseAll(buf(err)).get(0).ack();
        assertEquals(2, a.errno());
        assertEquals("AB", a.extAck());
    }

    @Test
    void doneCarriesTheDumpError() throws Exception {
        assertEquals(0, NlMessage.parseAll(buf("14000000 0300 0200 01000000 00000000 00000000")).get(0).doneErrno());
        assertEquals(16, NlMessage.parseAll(buf("14000000 0300 0200 01000000 00000000 f0ffffff")).get(0).doneErrno());
    }

    @Test
    void everyTruncationOfAReplyIsAClearErrorNotACrash() {
        byte[] whole = Hex.bytes(NLCTRL_REPLY);
        for (int cut = 1; cut < whole.length; cut++) {
            ByteBuffer b = ByteBuffer.wrap(java.util.Arrays.copyOf(whole, cut));
            try {
                // The datagram is cut but nlmsg_len still says 136: parseAll must refuse; nothing else may throw.
                NlMessage.parseAll(b);
                throw new AssertionError("accepted a datagram cut at " + cut);
            } catch (MalformedMessageException e) {
                assertTrue(e.getMessage().startsWith("malformed netlink datagram at offset 0"), e.getMessage());
            }
        }
    }

    @Test
    void attributeLengthsBeyondTheMessageAreRefused() throws Exception {
        byte[] b = Hex.bytes(NLCTRL_REPLY);
        b[20] = (byte) 0xf0; // FAMILY_NAME nla_len 0x00f0: longer than the message
        NlMessage m = NlMessage.parseAll(ByteBuffer.wrap(b)).get(0);
        MalformedMessageException e = assertThrows(MalformedMessageException.class, m::genlAttributes);
        assertEquals("attribute 2 at offset 0 has nla_len 240 (expected: 4..116)", e.getMessage());
    }

    @Test
    void wrongSizedScalarsAreRefusedWithTheirType() throws Exception {
        NlAttrs a = NlMessage.parseAll(buf(NLCTRL_REPLY)).get(0).genlAttributes();
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> a.get(1).u32());
        assertEquals("attribute 1 is 2 bytes (expected: 4 for u32)", e.getMessage());
        assertThrows(MalformedMessageException.class, () -> a.require(99, "NOPE"));
    }

    @Test
    void badMessageLengthsAreRefused() {
        assertThrows(MalformedMessageException.class, () -> NlMessage.parseAll(buf("08000000 0200 0000 01000000 00000000")));
        assertThrows(MalformedMessageException.class, () -> NlMessage.parseAll(buf("14000000 0200 0000 01000000 00000000 00")));
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> NlMessage.parseAll(buf("14000000 0200 0000 01000000 00000000 00000000")).get(0).ack());
        assertTrue(e.getMessage().contains("NLMSG_ERROR payload is 4 bytes"), e.getMessage());
        assertThrows(MalformedMessageException.class,
                () -> NlMessage.parseAll(buf("24000000 0200 0000 01000000 00000000 | 05000000 | "
                        + "10000000 0000 0000 00000000 00000000")).get(0).ack()); // positive "errno"
    }
}
