package keepalivedj.vrrp.fsm;

import static keepalivedj.vrrp.fsm.MachineFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.net.Inet4Address;
import java.util.HexFormat;
import java.util.List;
import keepalivedj.vrrp.packet.EthernetHeader;
import keepalivedj.vrrp.packet.GratuitousArp;
import keepalivedj.vrrp.packet.Ipv4Header;
import keepalivedj.vrrp.packet.MacAddress;
import keepalivedj.vrrp.packet.Pcap;
import keepalivedj.vrrp.packet.VrrpCodec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The actions carry everything the I/O layer needs: h2's takeover in vrrp2-crash-failover.pcap, rebuilt from the
 * machine's SendAdvert / SendGratuitous plus only what the I/O layer owns (its MAC and IP ID counter),
 * is byte-identical to what keepalived 2.2.7 sent.
 */
class ActionsToWireTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    @DisplayName("h2 becoming MASTER: first advert and GARP burst equal the captured frames 2 and 3–7")
    void takeoverFramesMatchCapture() throws Exception {
        MacAddress h2 = MacAddress.parse("b6:c9:b5:47:ab:ef");
        MachineFixture m = new MachineFixture(lab("10.99.0.2").build());
        m.start(0);
        List<Action> out = m.fire(3_609_375, Timer.MASTER_DOWN);
        Action.SendAdvert advert = only(out, Action.SendAdvert.class).get(0);
        byte[] ours = VrrpCodec.encode(new EthernetHeader(MacAddress.VRRP_IPV4_MULTICAST, h2, 0x0800),
                Ipv4Header.forSending(2, advert.ttl(), 112, (Inet4Address) advert.source(),
                        (Inet4Address) advert.destinations().get(0)), advert.advert());
        List<Pcap.Frame> capture = Pcap.read("vrrp2-crash-failover.pcap");
        assertEquals(HEX.formatHex(capture.get(1).data()), HEX.formatHex(ours));

        Action.SendGratuitous garp = only(out, Action.SendGratuitous.class).get(0);
        assertEquals(5, garp.count());
        byte[] arp = new GratuitousArp(h2, (Inet4Address) garp.addresses().get(0).address()).encode();
        for (int i = 2; i < 7; i++) {
            assertEquals(HEX.formatHex(capture.get(i).data()), HEX.formatHex(arp), "frame " + (i + 1));
        }
        // and the gap the capture shows: advert → advert 1 s, h2's second GARP burst 5 s after the first
        assertEquals(3_609_375 + 1_000_000, armed(out, Timer.ADVER));
        assertEquals(3_609_375 + 5_000_000, armed(out, Timer.GARP_MASTER_DELAY));
    }
}
