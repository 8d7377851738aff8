package keepalivedj.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NlRequestTest {
    @BeforeAll
    static void littleEndianHost() {
        // The golden vectors are x86-64 captures (host order = little endian).
        org.junit.jupiter.api.Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void getFamilyRequestIsByteForByteWhatIpvsadmSends() {
        // strace -e sendmsg ipvsadm ... in the VM: nlmsghdr{len 32, type nlctrl(16), REQUEST|ACK, seq, pid},
        // genlmsghdr{CTRL_CMD_GETFAMILY 3, version 1}, CTRL_ATTR_FAMILY_NAME "IPVS\0" (len 9, padded to 12).
        byte[] expected = Hex.bytes("20000000 1000 0500 01000000 02000000"
                + "| 03 01 0000"
                + "| 0900 0200 49505653 00 000000");
        assertEquals(Hex.of(expected), Hex.of(GenlFamily.request("IPVS").toBytes(0x5, 1, 2)));
    }

    @Test
    void be16AndU16DifferOnlyInByteOrder() {
        NlRequest r = NlRequest.of(0x20, 0).u16(1, 0x1f90).be16(2, 0x1f90).be32(3, 0x0a000001).u32(4, 0x0a000001);
        assertEquals("30 00 00 00 20 00 00 00 00 00 00 00 00 00 00 00"
                        + " 06 00 01 00 90 1f 00 00" + " 06 00 02 00 1f 90 00 00"
                        + " 08 00 03 00 0a 00 00 01" + " 08 00 04 00 01 00 00 0a",
                Hex.of(r.toBytes(0, 0, 0)));
    }

    @Test
    void nestsCarryTheNestedFlagAndTheirFullLength() {
        NlRequest r = NlRequest.genl(0x20, 1, 1, 0).nest(1, n -> n.u8(13, 2).string(6, "rr"));
        // genl hdr | nest len 4+8+8=20, type 0x8001 | u8 len 5 padded | "rr\0" len 7 padded
        assertEquals(Hex.of(Hex.bytes("28000000 2000 0000 07000000 09000000 | 01010000"
                        + "| 1400 0180 | 0500 0d00 02000000 | 0700 0600 72720000")),
                Hex.of(r.toBytes(0, 7, 9)));
    }

    @Test
    void fixedHeadersArePaddedToFourBytes() {
        NlRequest r = NlRequest.of(20, NlMessage.NLM_F_CREATE).header(new byte[] {2, 24, 0, 0, 5, 0, 0}).u32(2, 1);
        assertEquals(16 + 8 + 8, r.length());
        assertEquals("02 18 00 00 05 00 00 00 08 00 02 00 01 00 00 00",
                Hex.of(java.util.Arrays.copyOfRange(r.toBytes(0, 0, 0), 16, 32)));
    }
}
