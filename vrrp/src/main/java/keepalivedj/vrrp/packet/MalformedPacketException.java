package keepalivedj.vrrp.packet;

/** A frame the codec cannot turn into a {@link VrrpPacket}; carries the {@link Drop} reason to count. */
public final class MalformedPacketException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Drop drop;

    public MalformedPacketException(Drop drop, String message) {
        super(message, null, false, false); // no stack trace: this is a value on the hot path
        this.drop = drop;
    }

    public Drop drop() {
        return drop;
    }
}
