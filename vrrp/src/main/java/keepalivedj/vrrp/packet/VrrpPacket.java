package keepalivedj.vrrp.packet;

/**
 * A decoded VRRP frame: Ethernet header, IP header and the VRRP message, plus the wire facts receive
 * validation needs (the count and checksum as received, the VRRP message length). Produced only by
 * {@link VrrpCodec#decode}; keeps a private copy of the VRRP bytes so the checksum can be verified against
 * any pseudo-header destination (keepalived's old unicast checksum, §d.6.9).
 *
 * @param wireCount   the Count IPvX Addr field as received (may disagree with the length)
 * @param vrrpLength  bytes of VRRP message after the IP header (IP total length minus header lengths)
 * @param checksum    the checksum field as received
 */
public record VrrpPacket(EthernetHeader ethernet, IpHeader ip, Advertisement advert, int wireCount,
                         int vrrpLength, int checksum, byte[] vrrpBytes) {

    public VrrpPacket {
        vrrpBytes = vrrpBytes.clone();
    }

    /** Bytes the VRRP message must have for its count, version and family (keepalived expected_vrrp_pkt_len). */
    public int expectedVrrpLength() {
        int len = Advertisement.HEADER_LENGTH + wireCount * ip.addressLength();
        if (advert.version() == 2 && ip instanceof Ipv4Header) {
            len += Advertisement.AUTH_DATA_LENGTH;
        }
        return len;
    }

    /** The 8 auth bytes at the end of the IP packet, where keepalived reads the password from (§d.6.5). */
    public byte[] trailingAuthBytes() {
        int n = Math.min(Advertisement.AUTH_DATA_LENGTH, vrrpBytes.length);
        byte[] out = new byte[Advertisement.AUTH_DATA_LENGTH];
        System.arraycopy(vrrpBytes, vrrpBytes.length - n, out, Advertisement.AUTH_DATA_LENGTH - n, n);
        return out;
    }

    @Override
    public byte[] vrrpBytes() {
        return vrrpBytes.clone();
    }

    byte[] vrrpBytesUnsafe() {
        return vrrpBytes;
    }
}
