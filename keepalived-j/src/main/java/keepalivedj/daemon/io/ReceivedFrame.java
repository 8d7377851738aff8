package keepalivedj.daemon.io;

import java.util.Objects;

/**
 * One whole Ethernet frame captured on an interface, as libpcap delivered it (Ethernet header first, no padding
 * removed: slice by the IP total length). It does not say whether the frame is valid VRRP; that is the codec's job.
 *
 * @param ifName        the interface the frame arrived on
 * @param frame         the captured bytes; owned by the receiver, never reused by the adapter
 * @param receivedNanos a monotonic timestamp taken right after libpcap returned the frame (the clock given to
 *                      {@link PcapLink#open}, in production {@code System.nanoTime()}, i.e. CLOCK_MONOTONIC); not
 *                      libpcap's own timestamp, which is wall-clock time and jumps with NTP
 */
public record ReceivedFrame(String ifName, byte[] frame, long receivedNanos) {
    public ReceivedFrame {
        Objects.requireNonNull(ifName, "ifName");
        Objects.requireNonNull(frame, "frame");
    }
}
