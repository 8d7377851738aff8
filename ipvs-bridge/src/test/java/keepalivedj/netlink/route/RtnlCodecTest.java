package keepalivedj.netlink.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import keepalivedj.netlink.Hex;
import keepalivedj.netlink.MalformedMessageException;
import keepalivedj.netlink.NlMessage;
import keepalivedj.netlink.NlRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RtnlCodecTest {
    @BeforeAll
    static void littleEndianHost() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void newAddrIsIfaddrmsgPlusLocalAddressAndLabel() throws Exception {
        RtnlAddress a = new RtnlAddress(2, InetAddress.getByName("10.98.0.100"), 24, 0, "eth0:v");
        // nlmsghdr RTM_NEWADDR(20), REQUEST|ACK|EXCL|CREATE | ifaddrmsg{AF_INET, 24, 0, scope 0, index 2}
        // | IFA_LOCAL | IFA_ADDRESS (both the address, network order) | IFA_LABEL "eth0:v"
        assertEquals(Hex.of(Hex.bytes("34000000 1400 0506 01000000 00000000 | 02 18 00 00 02000000"
                + "| 0800 0200 0a620064 | 0800 0100 0a620064 | 0b00 0300 657468303a7600 00")),
                Hex.of(RtnlCodec.addAddress(a).toBytes(0x5, 1, 0)));
    }

    @Test
    void parsesAnAddressAndALinkMessage() throws Exception {
        NlRequest addr = NlRequest.of(RtnlCodec.RTM_NEWADDR, 0)
                .header(RtnlCodec.ifaddrmsg(10, 64, 0, 3)).bytes(1, InetAddress.getByName("fd00::1").getAddress());
        assertEquals(RtnlAddress.of(3, InetAddress.getByName("fd00::1"), 64),
                RtnlCodec.parseAddress(NlMessage.parseAll(ByteBuffer.wrap(addr.toBytes(0, 0, 0))).get(0)));
        byte[] ifinfo = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putShort((short) 0).putShort((short) 1)
                .putInt(4).putInt(0x11043).putInt(0).array();
        NlRequest link = NlRequest.of(RtnlCodec.RTM_NEWLINK, 0).header(ifinfo).string(3, "veth0").u32(4, 1500)
                .u8(16, 6);
        RtnlEvent e = RtnlCodec.parseEvent(NlMessage.parseAll(ByteBuffer.wrap(link.toBytes(0, 0, 0))).get(0));
        assertEquals(new RtnlEvent.LinkChanged(new RtnlLink(4, "veth0", 0x11043, 6, 1500), false), e);
    }

    @Test
    void truncatedOrOddMessagesAreMalformed() throws Exception {
        NlRequest shortAddr = NlRequest.of(RtnlCodec.RTM_NEWADDR, 0).header(new byte[4]);
        assertThrows(MalformedMessageException.class, () -> RtnlCodec.parseAddress(
                NlMessage.parseAll(ByteBuffer.wrap(shortAddr.toBytes(0, 0, 0))).get(0)));
        NlRequest badLen = NlRequest.of(RtnlCodec.RTM_NEWADDR, 0).header(RtnlCodec.ifaddrmsg(2, 24, 0, 1))
                .bytes(2, new byte[16]);
        assertEquals("address of family 2 is 16 bytes", assertThrows(MalformedMessageException.class,
                () -> RtnlCodec.parseAddress(NlMessage.parseAll(ByteBuffer.wrap(badLen.toBytes(0, 0, 0))).get(0)))
                .getMessage());
    }
}
