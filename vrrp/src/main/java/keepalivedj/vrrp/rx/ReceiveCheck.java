package keepalivedj.vrrp.rx;

import java.net.InetAddress;
import java.util.Arrays;
import keepalivedj.vrrp.packet.Advertisement;
import keepalivedj.vrrp.packet.Drop;
import keepalivedj.vrrp.packet.Ipv4Header;
import keepalivedj.vrrp.packet.VrrpCodec;
import keepalivedj.vrrp.packet.VrrpPacket;
import keepalivedj.vrrp.spec.InstanceSpec;
import keepalivedj.vrrp.spec.UnicastPeer;
import keepalivedj.vrrp.spec.VirtualAddress;

/**
 * keepalived 2.2.7's vrrp_check_packet for one instance (reference keepalived.md §d.6), in its order and with
 * its log lines. Judges a decoded packet already dispatched to this instance by VRID; does not count or log
 * (the state machine does both). Holds one piece of state: whether a unicast VRRPv3 peer was detected using
 * the pre-1.3.6 checksum (224.0.0.18 in the pseudo-header), which keepalived then keeps using.
 */
public final class ReceiveCheck {
    private final InstanceSpec spec;
    private final String prefix;
    private final byte[] expectedAuth;
    private boolean oldUnicastChecksum;

    public ReceiveCheck(InstanceSpec spec) {
        this.spec = spec;
        this.prefix = "(" + spec.name() + ") ";
        this.expectedAuth = new byte[Advertisement.AUTH_DATA_LENGTH];
        if (spec.authPass() != null) {
            System.arraycopy(spec.authPass(), 0, expectedAuth, 0, spec.authPass().length);
        }
    }

    /** True once a unicast v3 peer was seen with the old checksum; adverts we send must then use it too. */
    public boolean oldUnicastChecksum() {
        return oldUnicastChecksum;
    }

    /**
     * @param checkAddresses whether the VIP count/list and unicast source checks apply: always for a MASTER;
     *                       for a BACKUP unless skip_check_adv_addr and the sender is the current master
     */
    public Verdict check(VrrpPacket p, boolean checkAddresses) {
        Advertisement a = p.advert();
        boolean v4 = p.ip() instanceof Ipv4Header;
        // IPv6 raw sockets deliver no IP header, so keepalived's lengths there are VRRP-only.
        int ipLen = v4 ? p.ip().headerLength() : 0;
        int received = ipLen + p.vrrpLength();
        int expected = ipLen + p.expectedVrrpLength();
        if (received != expected) { // RFC 3768/5798 §7.1: MUST verify the packet holds the whole message
            return reject(Drop.PACKET_LENGTH, "vrrp packet too " + (received > expected ? "long" : "short")
                    + ", length " + received + " and expect " + expected);
        }
        if (!spec.unicast() && p.ip().ttl() != 255) { // §7.1: TTL/hop limit 255 (not checked for unicast)
            return reject(Drop.BAD_TTL, "invalid TTL/HL. Received " + p.ip().ttl() + " and expect 255");
        }
        if (a.version() != spec.version()) {
            return reject(Drop.WRONG_VERSION, "wrong version. Received " + a.version() + " and expect "
                    + spec.version());
        }
        if (a.version() == 2) {
            Verdict v = checkV2(p);
            if (v != null) {
                return v;
            }
        }
        if (a.type() != Advertisement.TYPE_ADVERTISEMENT) {
            return reject(Drop.INVALID_TYPE, "Invalid packet type. " + a.type() + " and expect 1");
        }
        if (checkAddresses && p.wireCount() != spec.vips().size()) {
            return reject(Drop.ADDRESS_COUNT, "received an unexpected ip number count " + p.wireCount()
                    + ", expected " + spec.vips().size() + "!");
        }
        Verdict sum = checkChecksum(p, v4);
        if (!sum.accepted()) {
            return sum;
        }
        boolean multicast = p.ip().destination().isMulticastAddress();
        if (multicast == spec.unicast()) {
            return reject(Drop.CAST_MISMATCH, "Expected " + (spec.unicast() ? "un" : "mult") + "icast packet but"
                    + " received " + (spec.unicast() ? "mult" : "un") + "icast packet");
        }
        if (checkAddresses) {
            Verdict v = checkAddresses(p);
            if (v != null) {
                return v;
            }
        }
        return sum;
    }

    private Verdict checkV2(VrrpPacket p) {
        Advertisement a = p.advert();
        if (a.authType() > 2) {
            return reject(Drop.INVALID_AUTH_TYPE, "Invalid auth type: " + a.authType());
        }
        if (a.authType() != spec.authType().wire) {
            return reject(Drop.AUTH_TYPE_MISMATCH, "received a " + a.authType() + " auth, expecting "
                    + spec.authType().wire + "!");
        }
        if (a.authType() == 1 && !Arrays.equals(p.trailingAuthBytes(), expectedAuth)) {
            return reject(Drop.AUTH_FAILURE, "received an invalid passwd!");
        }
        // RFC 3768 §7.1: MUST drop when the interval differs; stops two masters from sharing a VRID.
        if (a.adverIntCs() != spec.adverIntCs()) {
            return reject(Drop.INTERVAL_MISMATCH, "advertisement interval mismatch mine=" + spec.adverIntCs() / 100
                    + " sec rcv'd=" + a.adverIntCs() / 100 + " sec");
        }
        return null;
    }

    private Verdict checkChecksum(VrrpPacket p, boolean v4) {
        boolean v3 = p.advert().version() == 3;
        InetAddress dst = v4 && v3 && oldUnicastChecksum ? VrrpCodec.VRRP_IPV4_GROUP : p.ip().destination();
        if (VrrpCodec.checksumValid(p, dst)) {
            return Verdict.ACCEPT;
        }
        // keepalived < 1.3.6 put 224.0.0.18 in the v3 pseudo-header for unicast too; detect it once (§d.6.9).
        if (v4 && v3 && spec.unicast() && !oldUnicastChecksum && !spec.oldUnicastChecksumNever()
                && !dst.equals(VrrpCodec.VRRP_IPV4_GROUP) && VrrpCodec.checksumValid(p, VrrpCodec.VRRP_IPV4_GROUP)) {
            oldUnicastChecksum = true;
            return new Verdict(null, prefix + "Setting unicast VRRPv3 checksum to old version");
        }
        // For IPv6 the kernel verifies and drops silently; the I/O layer sees raw frames, so we check and say so.
        return reject(Drop.BAD_CHECKSUM, "Invalid VRRPv" + (v3 || !v4 ? 3 : 2) + " checksum");
    }

    private Verdict checkAddresses(VrrpPacket p) {
        for (VirtualAddress vip : spec.vips()) {
            if (!p.advert().addresses().contains(vip.address())) {
                return reject(Drop.VIP_NOT_PRESENT, "ip address associated with VRID " + spec.vrid()
                        + " not present in MASTER advert: " + vip.address().getHostAddress());
            }
        }
        boolean anyWindow = spec.unicastPeers().stream().anyMatch(UnicastPeer::hasTtlWindow);
        if (spec.unicast() && (spec.checkUnicastSrc() || anyWindow)) {
            UnicastPeer peer = spec.unicastPeers().stream()
                    .filter(u -> u.address().equals(p.ip().source())).findFirst().orElse(null);
            if (peer == null) {
                return reject(Drop.NOT_UNICAST_PEER, "unicast source address " + p.ip().source().getHostAddress()
                        + " not a unicast peer");
            }
            int ttl = p.ip().ttl();
            if (ttl < peer.minTtl() || ttl > peer.maxTtl()) {
                return reject(Drop.PEER_TTL_RANGE, "TTL/HL " + ttl + " not in range " + peer.minTtl() + " - "
                        + peer.maxTtl());
            }
        }
        return null;
    }

    private Verdict reject(Drop drop, String text) {
        return new Verdict(drop, prefix + text);
    }
}
