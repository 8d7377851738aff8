package keepalivedj.vrrp.fsm;

import static keepalivedj.vrrp.packet.Frames.ip;

import java.util.ArrayList;
import java.util.List;
import keepalivedj.vrrp.packet.Advertisement;
import keepalivedj.vrrp.packet.Frames;
import keepalivedj.vrrp.spec.AuthType;
import keepalivedj.vrrp.spec.InstanceSpec;
import keepalivedj.vrrp.spec.VirtualAddress;

/** Drives one machine by hand in tests: the lab's VI_51, with helpers that build real frames. */
final class MachineFixture {
    final VrrpMachine machine;

    MachineFixture(InstanceSpec spec) {
        this.machine = new VrrpMachine(spec);
    }

    static InstanceSpec.Builder lab(String self) {
        return InstanceSpec.builder("VI_51", 51, ip(self)).auth(AuthType.PASS, "lab51".getBytes())
                .vips(List.of(VirtualAddress.of(ip("10.99.0.100"))));
    }

    static InstanceSpec.Builder labV3(String self, int adverIntCs) {
        return InstanceSpec.builder("VI_51", 51, ip(self)).version(3).adverIntCs(adverIntCs)
                .vips(List.of(VirtualAddress.of(ip("10.99.0.100"))));
    }

    List<Action> at(long nowUs, Event e) {
        return machine.step(e, nowUs);
    }

    List<Action> start(long nowUs) {
        return at(nowUs, Event.STARTED);
    }

    List<Action> fire(long nowUs, Timer t) {
        return at(nowUs, new Event.TimerExpired(t));
    }

    /** A v2 lab advert from {@code src} at {@code prio}, as decoded from a real frame. */
    List<Action> advert(long nowUs, String src, int prio) {
        return at(nowUs, new Event.AdvertReceived(Frames.decode(
                Frames.v4(Frames.labV2(prio), src, "224.0.0.18", 255))));
    }

    List<Action> advertV3(long nowUs, String src, int prio, int intervalCs) {
        return at(nowUs, new Event.AdvertReceived(Frames.decode(Frames.v4(
                Advertisement.v3(51, prio, intervalCs, List.of(ip("10.99.0.100"))), src, "224.0.0.18", 255))));
    }

    static <T extends Action> List<T> only(List<Action> actions, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Action a : actions) {
            if (type.isInstance(a)) {
                out.add(type.cast(a));
            }
        }
        return out;
    }

    static long armed(List<Action> actions, Timer t) {
        for (Action a : actions) {
            if (a instanceof Action.ArmTimer arm && arm.timer() == t) {
                return arm.atUs();
            }
        }
        return -1;
    }

    static List<String> logs(List<Action> actions) {
        return only(actions, Action.Log.class).stream().map(Action.Log::text).toList();
    }
}
