package keepalivedj.vrrp.packet;

/** Ethernet II header (no VLAN tag: the I/O layer receives untagged frames on the VRRP interface). */
public record EthernetHeader(MacAddress destination, MacAddress source, int etherType) {
}
