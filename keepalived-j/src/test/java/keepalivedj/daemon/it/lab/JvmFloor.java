package keepalivedj.daemon.it.lab;

import java.util.HexFormat;
import java.util.concurrent.locks.LockSupport;

import keepalivedj.daemon.io.PcapLink;
import keepalivedj.healthcheck.io.LinuxSockets;

/**
 * The least a JVM VRRP master can cost while idle, for tools/bench/jvm-floor.sh: {@code JvmFloor park} wakes once a
 * second from {@link LockSupport#parkNanos} and does nothing; {@code JvmFloor send IF} also opens the daemon's
 * own {@link PcapLink} on IF (its receive thread and send handle, as the daemon has them) and sends one 54-byte
 * VRRPv2 advert per wake-up. {@code JvmFloor epoll} and {@code JvmFloor epoll-send IF} do the same but wait in
 * epoll_wait through the health checks' JNI library instead of parking, to tell whether the way a JVM waits is
 * what its wake-up costs. Their rows come out cheaper, but the daemon's loop sleeping in epoll_pwait2 with a park's
 * precision was not (epoll_wait's own timeout may expire late by 0.1% of its length, which the daemon cannot take:
 * it would put crash detection over its bound; a park given that much slack was not cheaper either; README,
 * jvm-floor). Run with the launcher's daemon flags, the per-second CPU of these is what no code of ours can go
 * below. Test code only; runs until killed.
 */
public final class JvmFloor {
    /** The first frame of shared/conformance/pcaps/vrrp2-master-adverts.pcap: keepalived's VRID 51 advert. */
    private static final String ADVERT = "01005e0000127ea011d72250080045c0002800040000ff70d02b0a630001e0000012"
            + "2133650101016e6c0a6300646c61623531000000";

    private JvmFloor() {
    }

    public static void main(String[] args) throws Exception {
        PcapLink link = null;
        boolean epoll = args[0].startsWith("epoll");
        LinuxSockets sockets = epoll ? new LinuxSockets() : null;
        int ep = epoll ? sockets.epollCreate() : -1;
        if (args[0].endsWith("send")) {
            link = PcapLink.open(PcapLink.Spec.vrrp(args[1]), f -> { }, r -> {
                Thread t = new Thread(r, "floor-rx");
                t.setDaemon(true);
                return t;
            }, System::nanoTime);
        }
        byte[] advert = HexFormat.of().parseHex(ADVERT);
        System.out.println("running " + args[0]);
        long next = System.nanoTime();
        while (true) {
            next += 1_000_000_000L;
            for (long w = next - System.nanoTime(); w > 0; w = next - System.nanoTime()) {
                if (epoll) {
                    sockets.epollWait(ep, (int) ((w + 999_999) / 1_000_000));
                } else {
                    LockSupport.parkNanos(w);
                }
            }
            if (link != null) {
                link.send(advert);
            }
        }
    }
}
