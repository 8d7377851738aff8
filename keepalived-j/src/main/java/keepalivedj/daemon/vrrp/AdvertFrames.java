package keepalivedj.daemon.vrrp;

import java.net.InetAddress;
import java.util.Objects;
import keepalivedj.vrrp.fsm.Action;
import keepalivedj.vrrp.packet.MacAddress;
import keepalivedj.vrrp.packet.VrrpCodec;

/**
 * One instance's advert frames, encoded once per (advert, destination) and re-sent: a master sends the same
 * frame every interval except for the IPv4 Identification, which is patched in with its header checksum. The
 * machine hands out the same {@code Advertisement} object for a priority until it is reconfigured, so the cache
 * is keyed on that object's identity (and on everything else that goes into the frame). Loop thread only.
 */
final class AdvertFrames {
    private Action.SendAdvert last;
    private MacAddress lastSourceMac;
    private byte[][] frames = new byte[0][];
    private boolean[] multicast = new boolean[0];

    /**
     * The frame for the {@code k}th destination of {@code s}, from {@code sourceMac}, with IPv4 Identification
     * {@code ipId} (ignored for IPv6). The returned array is reused by the next call: send it before asking again.
     */
    byte[] frame(Action.SendAdvert s, int k, MacAddress sourceMac, int ipId) {
        if (!sameFrames(s, sourceMac)) {
            last = s;
            lastSourceMac = sourceMac;
            frames = new byte[s.destinations().size()][];
            multicast = new boolean[frames.length];
            for (int d = 0; d < frames.length; d++) {
                multicast[d] = s.destinations().get(d).isMulticastAddress();
            }
        }
        byte[] f = frames[k];
        if (f == null) {
            f = encode(s, s.destinations().get(k), sourceMac, ipId);
            frames[k] = f;
        } else if (f.length > 14 && (f[14] & 0xF0) == 0x40) {
            VrrpCodec.setIpv4Identification(f, ipId);
        }
        return f;
    }

    /** Whether the {@code k}th destination of the last {@link #frame} call is a multicast group (sent framed). */
    boolean multicast(int k) {
        return multicast[k];
    }

    /**
     * Identity first: the machine and the link hand out the same objects every interval, and comparing them by
     * value (a record's equals is an invokedynamic call) was a visible share of an idle master's CPU.
     */
    private boolean sameFrames(Action.SendAdvert s, MacAddress sourceMac) {
        Action.SendAdvert l = last;
        return l != null && s.advert() == l.advert() && s.destinations() == l.destinations() && s.ttl() == l.ttl()
                && (s.source() == l.source() || s.source().equals(l.source()))
                && (s.checksumDestination() == l.checksumDestination()
                        || Objects.equals(s.checksumDestination(), l.checksumDestination()))
                && (sourceMac == lastSourceMac || sourceMac.value() == lastSourceMac.value());
    }

    static byte[] encode(Action.SendAdvert s, InetAddress dst, MacAddress sourceMac, int ipId) {
        return VrrpCodec.encodeForSending(sourceMac, s.source(), dst, s.ttl(), ipId, s.advert(),
                s.checksumDestination());
    }
}
