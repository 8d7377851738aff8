package keepalivedj.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import keepalivedj.netlink.Hex;
import keepalivedj.netlink.MalformedMessageException;
import keepalivedj.netlink.NlMessage;
import keepalivedj.netlink.NlRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IpvsAttributesTest {
    static final int FAMILY = 0x20;

    @BeforeAll
    static void littleEndianHost() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
    }

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void newServiceIsByteForByteWhatIpvsadmSends() throws Exception {
        // strace of `ipvsadm -A -t 10.1.1.1:80 -s rr` in the VM (seq/pid replaced by 1/2):
        byte[] ipvsadm = Hex.bytes("68000000 2000 0500 01000000 02000000 | 01010000"
                + "| 5400 0180"                                   // IPVS_CMD_ATTR_SERVICE, nested
                + "| 0600 0100 0200 0000"                         // AF 2
                + "| 0600 0200 0600 0000"                         // PROTOCOL 6
                + "| 1400 0300 0a010101 00000000 00000000 00000000" // ADDR
                + "| 0600 0400 0050 0000"                         // PORT 80, network order
                + "| 0700 0600 727200 00"                         // SCHED_NAME "rr"
                + "| 0c00 0700 00000000 ffffffff"                 // FLAGS {0, mask ~0}
                + "| 0800 0800 00000000"                          // TIMEOUT 0
                + "| 0800 0900 ffffffff");                        // NETMASK 255.255.255.255
        IpvsOp op = new IpvsOp.AddService(IpvsService.of(Protocol.TCP, ip("10.1.1.1"), 80, "rr"));
        assertEquals(Hex.of(ipvsadm), Hex.of(op.request(FAMILY).toBytes(0x5, 1, 2)));
    }

    @Test
    void newDestCarriesTheServiceKeyAndEveryDestinationField() throws Exception {
        // ipvsadm -a -t 10.1.1.1:80 -r 10.2.2.2:8080 -m -w 3 -x 100 -y 10 sends the same DEST nest plus tunnel
        // fields; like keepalived we send tunnel fields only for TUN and only the key of the service.
        byte[] expected = Hex.bytes("8c000000 2000 0000 01000000 02000000 | 05010000"
                + "| 3000 0180 | 0600 0100 0200 0000 | 0600 0200 0600 0000"
                + "       | 1400 0300 0a010101 00000000 00000000 00000000 | 0600 0400 0050 0000"
                + "| 4800 0280 | 0600 0b00 0200 0000"                     // ADDR_FAMILY 2
                + "       | 1400 0100 0a020202 00000000 00000000 00000000" // ADDR 10.2.2.2
                + "       | 0600 0200 1f90 0000"                         // PORT 8080, network order
                + "       | 0800 0300 00000000 | 0800 0400 03000000"     // FWD_METHOD masq, WEIGHT 3
                + "       | 0800 0500 64000000 | 0800 0600 0a000000");   // U_THRESH 100, L_THRESH 10
        IpvsDestination d = IpvsDestination.of(ip("10.2.2.2"), 8080, Forwarding.MASQ, 3).withThresholds(100, 10);
        IpvsOp op = new IpvsOp.AddDestination(IpvsService.of(Protocol.TCP, ip("10.1.1.1"), 80, "rr"), d);
        assertEquals(Hex.of(expected), Hex.of(op.request(FAMILY).toBytes(0, 1, 2)));
    }

    @Test
    void tunnelDestinationsAddTypePortAndFlags() throws Exception {
        IpvsDestination d = IpvsDestination.of(ip("10.2.2.3"), 80, Forwarding.TUNNEL, 1)
                .withTunnel(TunnelType.GUE, 6080, TunnelType.NOCSUM);
        NlRequest r = NlRequest.genl(FAMILY, 5, 1, 0);
        IpvsAttributes.destination(r, d);
        String hex = Hex.of(r.toBytes(0, 0, 0));
        assertTrue(hex.contains("05 00 0d 00 01 00 00 00"), hex);        // TUN_TYPE gue (u8)
        assertTrue(hex.contains("06 00 0e 00 17 c0 00 00"), hex);        // TUN_PORT 6080, network order
        assertTrue(hex.contains("06 00 0f 00 00 00 00 00"), hex);        // TUN_FLAGS nocsum
    }

    @Test
    void persistenceNetmaskIsAMaskForIpv4AndAPrefixForIpv6() throws Exception {
        IpvsService v4 = IpvsService.of(Protocol.TCP, ip("10.1.1.2"), 443, "sh").persistent(300)
                .withNetmask(0xffffff00);
        IpvsService v6 = IpvsService.of(Protocol.SCTP, ip("2001:db8::1"), 9000, "wlc").persistent(60).withNetmask(64);
        assertTrue(Hex.of(new IpvsOp.AddService(v4).request(FAMILY).toBytes(0, 0, 0)).endsWith("08 00 09 00 ff ff ff 00"));
        assertTrue(Hex.of(new IpvsOp.AddService(v6).request(FAMILY).toBytes(0, 0, 0)).endsWith("08 00 09 00 40 00 00 00"));
    }

    @Test
    void fwmarkServicesAreKeyedByMarkOnly() throws Exception {
        NlRequest r = new IpvsOp.DeleteService(IpvsService.fwmark(Family.INET6, 8, "mh")).request(FAMILY);
        assertEquals("28 00 00 00 20 00 00 00 00 00 00 00 00 00 00 00 03 01 00 00"
                + " 14 00 01 80 06 00 01 00 0a 00 00 00 08 00 05 00 08 00 00 00", Hex.of(r.toBytes(0, 0, 0)));
    }

    /** A GET_SERVICE dump entry as the kernel fills it: HASHED set in FLAGS, a STATS nest we ignore. */
    static NlMessage kernelService(java.util.function.Consumer<NlRequest> svc) throws Exception {
        NlRequest r = NlRequest.genl(FAMILY, 1, 1, NlMessage.NLM_F_MULTI).nest(1, svc);
        return NlMessage.parseAll(ByteBuffer.wrap(r.toBytes(0, 1, 2))).get(0);
    }

    @Test
    void parsesAKernelServiceEntry() throws Exception {
        NlMessage m = kernelService(n -> n.u16(1, 2).u16(2, 6).bytes(3, Hex.bytes("0a010102 000000000000000000000000"))
                .be16(4, 443).string(6, "sh").bytes(7, Hex.bytes("1b000000 ffffffff")).u32(8, 300)
                .be32(9, 0xffffff00).nest(10, s -> s.u32(1, 0).u32(2, 0)));
        IpvsService expected = IpvsService.of(Protocol.TCP, ip("10.1.1.2"), 443, "sh").persistent(300)
                .withNetmask(0xffffff00).withFlags(0x19);
        assertEquals(expected, IpvsAttributes.parseService(m.genlAttributes()));
    }

    @Test
    void aServiceEntryWithoutItsAddressIsMalformedNotAnNpe() throws Exception {
        NlMessage m = kernelService(n -> n.u16(1, 2).u16(2, 6).be16(4, 80).string(6, "rr")
                .bytes(7, Hex.bytes("02000000 ffffffff")).u32(8, 0).u32(9, -1));
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> IpvsAttributes.parseService(m.genlAttributes()));
        assertEquals("missing attribute IPVS_SVC_ATTR_ADDR (3)", e.getMessage());
        NlMessage bad = kernelService(n -> n.u16(1, 7).u32(5, 3).string(6, "rr")
                .bytes(7, Hex.bytes("02000000 ffffffff")).u32(8, 0).u32(9, -1));
        assertEquals("IPVS: address family 7 (expected: 2 or 10)", assertThrows(MalformedMessageException.class,
                () -> IpvsAttributes.parseService(bad.genlAttributes())).getMessage());
    }

    @Test
    void parsesAKernelDestinationEntryWithCounters() throws Exception {
        NlRequest r = NlRequest.genl(FAMILY, 5, 1, NlMessage.NLM_F_MULTI).nest(2, n -> n
                .bytes(1, Hex.bytes("0a020203 000000000000000000000000")).be16(2, 80).u32(3, 2).u32(4, 1)
                .u32(5, 0).u32(6, 0).u32(7, 4).u32(8, 5).u32(9, 6).nest(10, s -> s.u32(1, 0)).u16(11, 2)
                .u8(13, 1).be16(14, 6080).u16(15, 0));
        NlMessage m = NlMessage.parseAll(ByteBuffer.wrap(r.toBytes(0, 1, 2))).get(0);
        DestinationEntry d = IpvsAttributes.parseDestination(m.genlAttributes(), Family.INET);
        assertEquals(new DestinationEntry(IpvsDestination.of(ip("10.2.2.3"), 80, Forwarding.TUNNEL, 1)
                .withTunnel(TunnelType.GUE, 6080, 0), 4, 5, 6), d);
    }

    @Test
    void recordsRefuseImpossibleCombinations() throws Exception {
        assertThrows(IllegalArgumentException.class,
                () -> IpvsDestination.of(ip("10.0.0.1"), 80, Forwarding.MASQ, 1).withTunnel(TunnelType.GRE, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> IpvsService.of(Protocol.TCP, ip("::1"), 80, "rr")
                .withNetmask(0));
        assertThrows(IllegalArgumentException.class, () -> IpvsService.fwmark(Family.INET, 0, "rr"));
    }
}
