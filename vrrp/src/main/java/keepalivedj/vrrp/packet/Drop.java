package keepalivedj.vrrp.packet;

/**
 * Every reason a received frame is discarded, in the order keepalived 2.2.7 checks them
 * (vrrp_check_packet, reference keepalived.md §d.6). Not responsible for counting: see
 * {@code keepalivedj.vrrp.rx.DropCounters}.
 */
public enum Drop {
    // Raised by the codec: the frame cannot be dispatched to an instance at all.
    /** Shorter than an Ethernet header plus an IP header. */
    FRAME_TOO_SHORT,
    /** EtherType is neither IPv4 nor IPv6. */
    NOT_IP,
    /** IP version/IHL inconsistent with the EtherType, or IHL below 5. */
    BAD_IP_HEADER,
    /** IP protocol / next header is not VRRP (112) and not AH (51). */
    NOT_VRRP,
    /** IPv4 tot_len (IPv6 payload length) larger than what was received: a truncated frame. */
    IP_LENGTH_MISMATCH,
    /** Fewer than 8 bytes of VRRP header after the IP header ("ip/vrrp header too short"). */
    VRRP_HEADER_TOO_SHORT,

    // Raised by ReceiveCheck, in keepalived's order.
    /** §d.6.1: an AH header present without auth_type AH, or missing with it (AH itself is not implemented). */
    AH_MISMATCH,
    /** §d.6.2: length is not IP header + 8 + count x address size (+ 8 auth bytes for v2). */
    PACKET_LENGTH,
    /** §d.6.3: TTL / hop limit is not 255 on a multicast instance (RFC 3768 §7.1, RFC 5798 §7.1). */
    BAD_TTL,
    /** §d.6.4: VRRP version differs from the instance's. */
    WRONG_VERSION,
    /** §d.6.5: v2 auth type not 0, 1 or 2. */
    INVALID_AUTH_TYPE,
    /** §d.6.5: v2 auth type differs from the configured one. */
    AUTH_TYPE_MISMATCH,
    /** §d.6.5: v2 PASS: the 8 auth bytes differ from auth_pass. */
    AUTH_FAILURE,
    /** §d.6.5: v2 advert interval differs from the local one (RFC 3768 §7.1). */
    INTERVAL_MISMATCH,
    /** §d.6.6: type is not 1 (ADVERTISEMENT). */
    INVALID_TYPE,
    /** §d.6.7: address count differs from the number of local VIPs (when the address check applies). */
    ADDRESS_COUNT,
    /** §d.6.9: bad checksum (v2; v3 with pseudo-header). */
    BAD_CHECKSUM,
    /** §d.6.10: multicast packet on a unicast instance or the reverse. */
    CAST_MISMATCH,
    /** §d.6.11: a local VIP is missing from the advert's address list. */
    VIP_NOT_PRESENT,
    /** §d.6.12: unicast source is not a configured peer. */
    NOT_UNICAST_PEER,
    /** §d.6.12: TTL outside the peer's min_ttl..max_ttl. */
    PEER_TTL_RANGE,

    // Raised by the state machine.
    /** Dispatched to the wrong instance (VRID or family differs). */
    WRONG_VRID,
    /** Received while INIT, FAULT or STOP: keepalived reads and ignores it. */
    NOT_ACTIVE
}
