package keepalivedj.daemon.vrrp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import keepalivedj.vrrp.fsm.Action;
import keepalivedj.vrrp.fsm.Event;
import keepalivedj.vrrp.fsm.Timer;
import keepalivedj.vrrp.fsm.VrrpMachine;
import keepalivedj.vrrp.packet.MacAddress;
import keepalivedj.vrrp.packet.VrrpCodec;
import keepalivedj.vrrp.spec.InstanceSpec;
import keepalivedj.vrrp.spec.UnicastPeer;
import keepalivedj.vrrp.spec.VirtualAddress;
import org.junit.jupiter.api.Test;

class AdvertFramesTest {
    private static final MacAddress MAC = MacAddress.parse("02:00:00:00:00:01");

    @Test
    void aMastersRepeatedAdvertIsTheCachedFrameWithTheNextIdentification() throws Exception {
        VrrpMachine m = new VrrpMachine(spec(2).priority(255).build());
        AdvertFrames frames = new AdvertFrames();
        Action.SendAdvert first = becomeMaster(m);
        byte[] f1 = frames.frame(first, 0, MAC, 7).clone();
        assertArrayEquals(AdvertFrames.encode(first, first.destinations().get(0), MAC, 7), f1);
        assertTrue(frames.multicast(0));
        for (int k = 1; k <= 5; k++) {
            Action.SendAdvert next = advert(m.step(new Event.TimerExpired(Timer.ADVER), m.deadline(Timer.ADVER)));
            assertSame(first.advert(), next.advert(), "the machine hands out the same advert at one priority");
            byte[] f = frames.frame(next, 0, MAC, 7 + k);
            assertArrayEquals(AdvertFrames.encode(next, next.destinations().get(0), MAC, 7 + k), f,
                    "advert " + k + " as a fresh encoding with ID " + (7 + k));
            assertTrue(VrrpCodec.checksumValid(VrrpCodec.decode(f), VrrpCodec.VRRP_IPV4_GROUP));
        }
        Action.SendAdvert leaving = advert(m.step(Event.STOPPED, m.deadline(Timer.ADVER)));
        assertEquals(0, leaving.advert().priority());
        assertNotSame(first.advert(), leaving.advert());
        assertArrayEquals(AdvertFrames.encode(leaving, leaving.destinations().get(0), MAC, 99),
                frames.frame(leaving, 0, MAC, 99), "another priority is encoded afresh");
        MacAddress other = MacAddress.parse("02:00:00:00:00:02");
        assertArrayEquals(AdvertFrames.encode(leaving, leaving.destinations().get(0), other, 100),
                frames.frame(leaving, 0, other, 100), "a new link address is encoded afresh");
    }

    @Test
    void unicastPeersGetAFrameEachAndIpv6OnesAreSentAsEncoded() throws Exception {
        InstanceSpec s = InstanceSpec.builder("VI_6", 6, InetAddress.getByName("fe80::1")).version(3)
                .priority(255).mcastGroup(InetAddress.getByName("ff02::12"))
                .vips(List.of(VirtualAddress.of(InetAddress.getByName("2001:db8::100"))))
                .unicastPeers(List.of(UnicastPeer.of(InetAddress.getByName("fe80::2")),
                        UnicastPeer.of(InetAddress.getByName("fe80::3"))))
                .build();
        VrrpMachine m = new VrrpMachine(s);
        AdvertFrames frames = new AdvertFrames();
        Action.SendAdvert a = becomeMaster(m);
        assertEquals(2, a.destinations().size());
        for (int k = 0; k < 2; k++) {
            byte[] f = frames.frame(a, k, MAC, 1);
            assertFalse(frames.multicast(k));
            assertArrayEquals(AdvertFrames.encode(a, a.destinations().get(k), MAC, 1), f);
            assertEquals(a.destinations().get(k), VrrpCodec.decode(f).ip().destination());
        }
    }

    private static InstanceSpec.Builder spec(int version) throws Exception {
        return InstanceSpec.builder("VI_1", 1, InetAddress.getByName("10.0.0.1")).version(version)
                .vips(List.of(VirtualAddress.of(InetAddress.getByName("10.0.0.100"))));
    }

    /** Started, then the Master_Down_Timer fires: the first advert as master. */
    private static Action.SendAdvert becomeMaster(VrrpMachine m) {
        m.step(Event.STARTED, 0);
        return advert(m.step(new Event.TimerExpired(Timer.MASTER_DOWN), m.deadline(Timer.MASTER_DOWN)));
    }

    private static Action.SendAdvert advert(List<Action> actions) {
        return actions.stream().filter(Action.SendAdvert.class::isInstance).map(Action.SendAdvert.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no advert in " + actions));
    }
}
