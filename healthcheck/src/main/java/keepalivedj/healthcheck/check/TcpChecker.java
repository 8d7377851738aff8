package keepalivedj.healthcheck.check;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import keepalivedj.healthcheck.Failure;
import keepalivedj.healthcheck.Probe;
import keepalivedj.healthcheck.io.Dialogue;
import keepalivedj.healthcheck.io.CheckLoop;
import keepalivedj.healthcheck.io.Target;
import keepalivedj.healthcheck.io.TcpExchange;

/** TCP_CHECK: up when the connection is accepted within connect_timeout; the socket is then closed. */
public final class TcpChecker implements Checker {
    private final CheckLoop loop;
    private final Target target;

    public TcpChecker(CheckLoop loop, Target target) {
        this.loop = loop;
        this.target = target;
    }

    @Override
    public void attempt(Consumer<Probe> done) {
        TcpExchange.start(loop, target, null, CONNECTED_IS_ENOUGH, done);
    }

    private static final Dialogue CONNECTED_IS_ENOUGH = new Dialogue() {
        @Override
        public Probe opened(Output out) {
            return Probe.success("connected");
        }

        @Override
        public Probe received(ByteBuffer data, Output out) {
            return Probe.success("connected");
        }

        @Override
        public Probe closed() {
            return Probe.failed(Failure.TRUNCATED, "closed");
        }
    };
}
