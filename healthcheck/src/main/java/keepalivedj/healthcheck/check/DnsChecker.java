package keepalivedj.healthcheck.check;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.healthcheck.Failure;
import keepalivedj.healthcheck.Probe;
import keepalivedj.healthcheck.Timers;
import keepalivedj.healthcheck.io.CheckLoop;
import keepalivedj.healthcheck.io.LinuxSockets;
import keepalivedj.healthcheck.io.Target;

/**
 * DNS_CHECK: one UDP query per attempt on the loop, answered within connect_timeout. An ICMP port unreachable
 * is a failure at once; silence is a timeout. Query ids come from the injected generator.
 */
public final class DnsChecker implements Checker {
    private final CheckLoop loop;
    private final Target target;
    private final CheckerSpec.DnsCheck spec;
    private final RandomGenerator random;

    public DnsChecker(CheckLoop loop, Target target, CheckerSpec.DnsCheck spec, RandomGenerator random) {
        this.loop = loop;
        this.target = target;
        this.spec = spec;
        this.random = random;
    }

    @Override
    public void attempt(Consumer<Probe> done) {
        loop.execute(() -> new Query(done).begin());
    }

    private final class Query implements CheckLoop.Handler {
        private final Consumer<Probe> done;
        private final int id = random.nextInt(0x10000);
        private final LinuxSockets sockets = loop.sockets();
        private int fd = -1;
        private Timers.Cancellable timeout;
        private boolean finished;

        Query(Consumer<Probe> done) {
            this.done = done;
        }

        void begin() {
            if (target.remote().isUnresolved()) {
                finish(Probe.failed(Failure.LOCAL_ERROR, "DNS query: unresolved " + target.remote().getHostString()));
                return;
            }
            fd = sockets.udpSocket(target.remote().getAddress());
            if (fd < 0) {
                fail(-fd, "socket");
                return;
            }
            String refused = sockets.prepare(fd, target);
            if (refused != null) {
                finish(Probe.failed(Failure.LOCAL_ERROR, "DNS query: " + refused));
                return;
            }
            // connected, so the kernel reports an ICMP port unreachable as ECONNREFUSED on the next receive
            int r = sockets.connect(fd, target);
            if (r < 0) {
                fail(-r, "connect");
                return;
            }
            r = sockets.send(fd, ByteBuffer.wrap(DnsQuery.encode(id, spec.name(), spec.type())));
            if (r < 0) {
                fail(-r, "send");
                return;
            }
            r = loop.register(fd, LinuxSockets.EPOLLIN, this);
            if (r < 0) {
                fail(-r, "epoll");
                return;
            }
            timeout = loop.schedule(target.timeoutNanos(), () ->
                    finish(Probe.failed(Failure.READ_TIMEOUT, "no DNS reply")));
        }

        private void fail(int errno, String what) {
            finish(Probe.failed(Failure.LOCAL_ERROR, "DNS query: " + what + ": " + LinuxSockets.describe(errno)));
        }

        @Override
        public void ready(int events) {
            ByteBuffer buf = ByteBuffer.allocate(4096);
            int n = sockets.receive(fd, buf);
            if (n == -LinuxSockets.ECONNREFUSED) {
                finish(Probe.failed(Failure.CONNECT_FAILED, "port unreachable"));
                return;
            }
            if (n == -LinuxSockets.EAGAIN || n == -LinuxSockets.EINTR || n == 0) {
                return;
            }
            if (n < 0) {
                finish(Probe.failed(Failure.CONNECT_FAILED, "DNS read: " + LinuxSockets.describe(-n)));
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
            if (fd >= 0) {
                loop.close(fd); // ends its registration too, if it got that far
                fd = -1;
            }
            done.accept(p);
        }
    }
}
