package keepalivedj.healthcheck.check;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.healthcheck.Failure;
import keepalivedj.healthcheck.Probe;
import keepalivedj.healthcheck.Timers;
import keepalivedj.healthcheck.io.NioLoop;
import keepalivedj.healthcheck.io.Target;

/**
 * DNS_CHECK: one UDP query per attempt on the loop, answered within connect_timeout. An ICMP port unreachable
 * is a failure at once; silence is a timeout. Query ids come from the injected generator.
 */
public final class DnsChecker implements Checker {
    private final NioLoop loop;
    private final Target target;
    private final CheckerSpec.DnsCheck spec;
    private final RandomGenerator random;

    public DnsChecker(NioLoop loop, Target target, CheckerSpec.DnsCheck spec, RandomGenerator random) {
        this.loop = loop;
        this.target = target;
        this.spec = spec;
        this.random = random;
    }

    @Override
    public void attempt(Consumer<Probe> done) {
        loop.execute(() -> new Query(done).begin());
    }

    private final class Query implements NioLoop.Handler {
        private final Consumer<Probe> done;
        private final int id = random.nextInt(0x10000);
        private DatagramChannel channel;
        private Timers.Cancellable timeout;
        private boolean finished;

        Query(Consumer<Probe> done) {
            this.done = done;
        }

        void begin() {
            try {
                channel = DatagramChannel.open();
                channel.configureBlocking(false);
                if (target.bind() != null) {
                    channel.bind(target.bind());
                }
                channel.connect(target.remote());
                channel.write(ByteBuffer.wrap(DnsQuery.encode(id, spec.name(), spec.type())));
                loop.register(channel, SelectionKey.OP_READ, this);
                timeout = loop.schedule(target.timeoutNanos(), () ->
                        finish(Probe.failed(Failure.READ_TIMEOUT, "no DNS reply")));
            } catch (IOException | RuntimeException e) {
                finish(Probe.failed(Failure.LOCAL_ERROR, "DNS query: " + e.getMessage()));
            }
        }

        @Override
        public void ready(SelectionKey key) {
            ByteBuffer buf = ByteBuffer.allocate(4096);
            try {
                if (channel.read(buf) <= 0) {
                    return;
                }
            } catch (PortUnreachableException e) {
                finish(Probe.failed(Failure.CONNECT_FAILED, "port unreachable"));
                return;
            } catch (IOException e) {
                finish(Probe.failed(Failure.CONNECT_FAILED, "DNS read: " + e.getMessage()));
                return;
            }
            buf.flip();
            finish(DnsQuery.judge(id, buf));
        }

        private void finish(Probe p) {
            if (finished) {
                return;
            }
            finished = true;
            if (timeout != null) {
                timeout.cancel();
            }
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // done with it
            }
            done.accept(p);
        }
    }
}
