package keepalivedj.vrrp.packet;

import static keepalivedj.vrrp.packet.Wire.*;

import java.net.Inet4Address;

/**
 * The gratuitous ARP keepalived sends for each IPv4 VIP (reference keepalived.md §a.9): an ARP request
 * (RFC 826, RFC 5227 §3) broadcast from the interface MAC with sender IP = target IP = VIP and target MAC
 * ff:ff:ff:ff:ff:ff. Builds and parses the 42-byte frame; sending and bursts belong to the I/O layer.
 */
public record GratuitousArp(MacAddress sender, Inet4Address address) {
    public static final int FRAME_LENGTH = 42;
    private static final int OP_REQUEST = 1;

    public byte[] encode() {
        byte[] out = new byte[FRAME_LENGTH];
        putMac(out, 0, MacAddress.BROADCAST);
        putMac(out, 6, sender);
        put16(out, 12, ETHERTYPE_ARP);
        put16(out, 14, 1);              // hardware type Ethernet
        put16(out, 16, ETHERTYPE_IPV4); // protocol type
        out[18] = 6;
        out[19] = 4;
        put16(out, 20, OP_REQUEST);
        putMac(out, 22, sender);
        System.arraycopy(address.getAddress(), 0, out, 28, 4);
        putMac(out, 32, MacAddress.BROADCAST); // keepalived puts ff:ff:ff:ff:ff:ff, not zeros, in the target MAC
        System.arraycopy(address.getAddress(), 0, out, 38, 4);
        return out;
    }

    /** Parses a frame; rejects anything that is not a gratuitous ARP request in keepalived's form. */
    public static GratuitousArp decode(byte[] b) throws MalformedPacketException {
        if (b.length < FRAME_LENGTH) {
            throw new MalformedPacketException(Drop.FRAME_TOO_SHORT,
                    "ARP frame is " + b.length + " bytes (expected: >= " + FRAME_LENGTH + ")");
        }
        if (u16(b, 12) != ETHERTYPE_ARP || u16(b, 14) != 1 || u16(b, 16) != ETHERTYPE_IPV4 || u8(b, 18) != 6
                || u8(b, 19) != 4 || u16(b, 20) != OP_REQUEST) {
            throw new MalformedPacketException(Drop.NOT_IP, "not an Ethernet/IPv4 ARP request");
        }
        Inet4Address spa = (Inet4Address) Wire.address(b, 28, 4);
        if (!spa.equals(Wire.address(b, 38, 4))) {
            throw new MalformedPacketException(Drop.NOT_IP, "sender IP differs from target IP: not gratuitous");
        }
        return new GratuitousArp(mac(b, 22), spa);
    }
}
