package keepalivedj.vrrp.spec;

import java.net.InetAddress;

/**
 * One virtual_ipaddress / virtual_ipaddress_excluded entry (keepalived.md §a.4), as the address layer needs it.
 * {@code device} null means the instance's interface; {@code options} holds the rest of the entry
 * (brd, scope, label, ...) verbatim for the address layer, which the protocol core never reads.
 */
public record VirtualAddress(InetAddress address, int prefixLength, String device, String options) {
    public static VirtualAddress of(InetAddress address) {
        return new VirtualAddress(address, address.getAddress().length == 4 ? 32 : 128, null, "");
    }
}
