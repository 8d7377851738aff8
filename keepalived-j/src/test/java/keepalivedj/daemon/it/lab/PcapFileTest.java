package keepalivedj.daemon.it.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import keepalivedj.daemon.it.SharedFiles;

/**
 * The lab's pcap reader and frame decoding against keepalived 2.2.7's reference captures
 * (shared/conformance/pcaps, facts from its README), and the frames the lab injects.
 */
class PcapFileTest {

    @Test
    void readsTheV2CrashCaptureAsTheReadmeDescribesIt() throws IOException {
        List<WireFrame> f = PcapFile.read(SharedFiles.shared("conformance/pcaps/vrrp2-crash-failover.pcap"));
        assertEquals(10, f.size());
        Adverts a = new Adverts(f);
        WireFrame last = f.get(0);
        WireFrame first = f.get(1);
        assertEquals("10.99.0.1 51 101 2 1 100 255", last.srcIp() + " " + last.vrid() + " " + last.priority() + " "
                + last.vrrpVersion() + " " + last.authType() + " " + last.intervalCs() + " " + last.ttl());
        assertEquals("7e:a0:11:d7:22:50", last.srcMac());
        assertEquals(List.of("10.99.0.100"), last.vips());
        assertEquals("10.99.0.2", first.srcIp());
        assertEquals(1795265749_394995L - 1795265745_785432L, first.micros() - last.micros()); // 3609.563 ms
        assertEquals(5, a.garps("10.99.0.100").size());
        assertTrue(a.garps("10.99.0.100").stream().allMatch(g -> g.srcMac().equals("b6:c9:b5:47:ab:ef")));
        assertEquals(first, a.first("10.99.0.2", last.micros()).orElseThrow());
        assertEquals(last, a.last("10.99.0.1", first.micros()).orElseThrow());
        assertEquals(List.of(1000.333, 1003.135, 1000.078), a.intervalsMs("10.99.0.2", 0, Long.MAX_VALUE));
    }

    @Test
    void readsVrrpv3Intervals() throws IOException {
        List<WireFrame> f = PcapFile.read(SharedFiles.shared("conformance/pcaps/vrrp3-100ms-crash-failover.pcap"));
        WireFrame w = new Adverts(f).vrrp().get(0);
        assertEquals(3, w.vrrpVersion());
        assertEquals(10, w.intervalCs());
        assertEquals(0, w.authType());
    }

    @Test
    void aRecordCutShortAtTheEndIsIgnoredAndGarbageIsRefused() throws IOException {
        byte[] all = Files.readAllBytes(SharedFiles.shared("conformance/pcaps/vrrp2-crash-failover.pcap"));
        assertEquals(9, PcapFile.parse(Arrays.copyOf(all, all.length - 3)).size());
        assertEquals(0, PcapFile.parse(Arrays.copyOf(all, 10)).size());
        assertThrows(IOException.class, () -> PcapFile.parse(new byte[64]));
    }

    @Test
    void injectedFramesDecodeAsBuilt() {
        VrrpFrames.Advert good = new VrrpFrames.Advert("02:00:00:00:00:01", "10.99.0.200", 2, 51, 254, 100, "lab51",
                List.of("10.99.0.100"), 255);
        WireFrame w = new WireFrame(0, 54, VrrpFrames.frame(good));
        assertEquals("10.99.0.200 51 254 1 100 255", w.srcIp() + " " + w.vrid() + " " + w.priority() + " "
                + w.authType() + " " + w.intervalCs() + " " + w.ttl());
        // The VRRP checksum of a well-formed frame folds to zero; the bad one does not.
        byte[] ok = VrrpFrames.vrrp(good);
        assertEquals(0, VrrpFrames.checksum(ok, 0, ok.length));
        byte[] bad = VrrpFrames.badChecksum(good);
        assertTrue(VrrpFrames.checksum(bad, 34, bad.length - 34) != 0);
        assertEquals(50, VrrpFrames.truncated(good).length);
        assertEquals(3, new WireFrame(0, 0, VrrpFrames.frame(good.withVersion(3))).vrrpVersion());
    }
}
