/**
 * Bytes ⇄ records for whole Ethernet frames: VRRPv2/v3 adverts over IPv4/IPv6 ({@link keepalivedj.vrrp.packet.VrrpCodec}),
 * gratuitous ARP and unsolicited NA. Every wire quirk (v2 seconds vs v3 centiseconds, the 12-bit interval, auth
 * bytes, checksums, padding) ends here. Checks only what stops a frame being dispatched; judging it is
 * {@code keepalivedj.vrrp.rx}'s job.
 */
package keepalivedj.vrrp.packet;
