package keepalivedj.healthcheck.bench;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Benchmark helper (not a test): one listening socket on {@code 0.0.0.0:port} that closes every accepted connection
 * at once. Every 127.x.y.z address is local (lo holds 127.0.0.0/8), so this one socket serves as many loopback real
 * servers as the configuration names, without one descriptor per target (checker-vm-bench.sh).
 *
 * <p>Usage: {@code AnyAddressListener port [backlog]}
 */
public final class AnyAddressListener {
    private AnyAddressListener() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int backlog = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
        ServerSocketChannel ss = ServerSocketChannel.open();
        ss.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        ss.bind(new InetSocketAddress(port), backlog);
        System.out.println("listening on 0.0.0.0:" + port);
        System.out.flush();
        while (true) {
            SocketChannel c = ss.accept(); // blocking: one thread, nothing else to do
            c.close();
        }
    }
}
