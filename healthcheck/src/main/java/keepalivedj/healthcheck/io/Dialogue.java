package keepalivedj.healthcheck.io;

import java.nio.ByteBuffer;
import keepalivedj.healthcheck.Probe;

/**
 * The protocol half of one TCP check: what to say once connected and how to judge what comes back. It sees plain
 * bytes (TLS is undone by {@link TcpExchange}) and does no I/O itself. Each method returns null to go on, or the
 * attempt's {@link Probe} to end it. It must not throw on bad input: garbage is a failed probe.
 */
public interface Dialogue {

    /** Connected (and, for TLS, handshaken). */
    Probe opened(Output out);

    /** More bytes arrived; {@code data} is positioned at them and may be consumed partly. */
    Probe received(ByteBuffer data, Output out);

    /** The peer closed its side; must return a probe. */
    Probe closed();

    /** Where a dialogue writes. */
    interface Output {
        void write(ByteBuffer bytes);
    }
}
