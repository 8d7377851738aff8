package keepalivedj.vrrp.rx;

import static keepalivedj.vrrp.packet.Frames.ip;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import keepalivedj.vrrp.fsm.Event;
import keepalivedj.vrrp.fsm.VrrpMachine;
import keepalivedj.vrrp.packet.Advertisement;
import keepalivedj.vrrp.packet.Drop;
import keepalivedj.vrrp.packet.Frames;
import keepalivedj.vrrp.packet.MalformedPacketException;
import keepalivedj.vrrp.packet.VrrpCodec;
import keepalivedj.vrrp.spec.AuthType;
import keepalivedj.vrrp.spec.InstanceSpec;
import keepalivedj.vrrp.spec.Tracked;
import keepalivedj.vrrp.spec.TrackedObject;
import keepalivedj.vrrp.spec.UnicastPeer;
import keepalivedj.vrrp.spec.VirtualAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every {@link Drop} value is reachable from some received frame and is counted under its own name. */
class DropCoverageTest {
    private static final InstanceSpec.Builder LAB = ReceiveCheckTest.lab();

    /** Feeds one frame to a started BACKUP (or FAULT) machine and returns the single drop it counted. */
    private static Drop counted(InstanceSpec spec, byte[] frame, boolean fault) {
        VrrpMachine m = new VrrpMachine(spec);
        m.step(Event.STARTED, 0);
        if (fault) {
            m.step(new Event.TrackerChanged(new Tracked.Interface("eth0"), false), 1);
        }
        try {
            m.step(new Event.AdvertReceived(VrrpCodec.decode(frame)), 1_000_000);
        } catch (MalformedPacketException e) {
            m.countUndecodable(e.drop());
        }
        Map<Drop, Long> s = m.drops().snapshot();
        assertEquals(1, s.size(), "exactly one counter moved: " + s);
        assertEquals(1L, s.values().iterator().next());
        return s.keySet().iterator().next();
    }

    private static byte[] good(int ttl, String dst) {
        return Frames.v4(Frames.labV2(101), "10.99.0.1", dst, ttl);
    }

    private static byte[] patched(int offset, int value) {
        byte[] f = good(255, "224.0.0.18");
        f[offset] = (byte) value;
        return Frames.reseal(f);
    }

    @Test
    @DisplayName("each Drop has an input that produces exactly that drop, counted once")
    void everyDropIsReachable() {
        InstanceSpec lab = LAB.build();
        Map<Drop, Supplier<Drop>> cases = new EnumMap<>(Drop.class);
        cases.put(Drop.FRAME_TOO_SHORT, () -> counted(lab, Arrays.copyOf(good(255, "224.0.0.18"), 20), false));
        cases.put(Drop.NOT_IP, () -> counted(lab, patched(12, 0x86) /* 0x8600 */, false));
        cases.put(Drop.BAD_IP_HEADER, () -> counted(lab, patched(14, 0x55), false));
        cases.put(Drop.NOT_VRRP, () -> counted(lab, patched(14 + 9, 17), false));
        cases.put(Drop.AH_MISMATCH, () -> counted(lab, patched(14 + 9, 51), false));
        cases.put(Drop.IP_LENGTH_MISMATCH, () -> counted(lab, Arrays.copyOf(good(255, "224.0.0.18"), 50), false));
        cases.put(Drop.VRRP_HEADER_TOO_SHORT, () -> counted(lab, Frames.reseal(Arrays.copyOf(patched(17, 24), 38)), false));
        cases.put(Drop.PACKET_LENGTH, () -> counted(lab, patched(14 + 20 + 3, 2), false));
        cases.put(Drop.BAD_TTL, () -> counted(lab, good(1, "224.0.0.18"), false));
        cases.put(Drop.WRONG_VERSION, () -> counted(ReceiveCheckTest.lab().version(3).auth(AuthType.NONE, null).build(),
                good(255, "224.0.0.18"), false));
        cases.put(Drop.INVALID_AUTH_TYPE, () -> counted(lab, patched(14 + 20 + 4, 9), false));
        cases.put(Drop.AUTH_TYPE_MISMATCH, () -> counted(lab, patched(14 + 20 + 4, 0), false));
        cases.put(Drop.AUTH_FAILURE, () -> counted(lab, patched(14 + 20 + 12, 'X'), false));
        cases.put(Drop.INTERVAL_MISMATCH, () -> counted(lab, patched(14 + 20 + 5, 3), false));
        cases.put(Drop.INVALID_TYPE, () -> counted(lab, patched(14 + 20, 0x23), false));
        cases.put(Drop.ADDRESS_COUNT, () -> counted(ReceiveCheckTest.lab().vips(List.of(
                VirtualAddress.of(ip("10.99.0.100")), VirtualAddress.of(ip("10.99.0.7")))).build(), good(255, "224.0.0.18"), false));
        cases.put(Drop.BAD_CHECKSUM, () -> {
            byte[] f = good(255, "224.0.0.18");
            f[14 + 20 + 6] ^= 0x40;
            return counted(lab, f, false);
        });
        cases.put(Drop.CAST_MISMATCH, () -> counted(lab, good(255, "10.99.0.2"), false));
        cases.put(Drop.VIP_NOT_PRESENT, () -> counted(lab, Frames.v4(Advertisement.v2(51, 101, 1, "lab51".getBytes(),
                List.of(ip("10.99.0.7"))), "10.99.0.1", "224.0.0.18", 255), false));
        cases.put(Drop.NOT_UNICAST_PEER, () -> counted(ReceiveCheckTest.lab().checkUnicastSrc(true)
                .unicastPeers(List.of(UnicastPeer.of(ip("10.99.0.3")))).build(), good(255, "10.99.0.2"), false));
        cases.put(Drop.PEER_TTL_RANGE, () -> counted(ReceiveCheckTest.lab()
                .unicastPeers(List.of(new UnicastPeer(ip("10.99.0.1"), 200, 255))).build(), good(64, "10.99.0.2"), false));
        cases.put(Drop.WRONG_VRID, () -> counted(lab, patched(14 + 20 + 1, 52), false));
        cases.put(Drop.NOT_ACTIVE, () -> counted(ReceiveCheckTest.lab().trackers(List.of(TrackedObject.of(new Tracked.Interface("eth0"), 0)))
                .build(), good(255, "224.0.0.18"), true));
        assertEquals(Arrays.asList(Drop.values()), List.copyOf(cases.keySet()), "a case for every Drop");
        for (Map.Entry<Drop, Supplier<Drop>> c : cases.entrySet()) {
            assertEquals(c.getKey(), c.getValue().get(), "input for " + c.getKey());
        }
    }
}
