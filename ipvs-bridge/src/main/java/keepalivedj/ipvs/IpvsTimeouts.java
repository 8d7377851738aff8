package keepalivedj.ipvs;

/**
 * IPVS connection timeouts in seconds ({@code ipvsadm --set tcp tcpfin udp}, keepalived's {@code lvs_timeouts}).
 * In a SET, 0 leaves that timeout unchanged (the kernel's rule).
 */
public record IpvsTimeouts(int tcp, int tcpFin, int udp) {
    public IpvsTimeouts {
        if (tcp < 0 || tcpFin < 0 || udp < 0) {
            throw new IllegalArgumentException("negative timeout");
        }
    }
}
