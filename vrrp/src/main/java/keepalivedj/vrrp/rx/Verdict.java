package keepalivedj.vrrp.rx;

import keepalivedj.vrrp.packet.Drop;

/**
 * Outcome of {@link ReceiveCheck}: accepted ({@code drop == null}) or rejected with a reason. {@code log} is the
 * line keepalived 2.2.7 logs for it, prefixed with the instance name, or null when keepalived logs nothing.
 */
public record Verdict(Drop drop, String log) {
    public static final Verdict ACCEPT = new Verdict(null, null);

    public boolean accepted() {
        return drop == null;
    }
}
