package keepalivedj.healthcheck.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Benchmark helper (not a test): listens on ports {@code firstPort..firstPort+ports-1} of 127.0.1.{firstHost..lastHost}
 * (loopback only) and closes every accepted connection at once, on one selector thread. Several of these processes
 * together provide the benchmark's targets when one process's file-descriptor limit is too small.
 *
 * <p>Usage: {@code LoopbackListeners firstHost lastHost firstPort ports}
 */
public final class LoopbackListeners {
    private LoopbackListeners() {
    }

    public static void main(String[] args) throws Exception {
        int firstHost = Integer.parseInt(args[0]);
        int lastHost = Integer.parseInt(args[1]);
        int firstPort = Integer.parseInt(args[2]);
        int ports = Integer.parseInt(args[3]);
        Selector selector = Selector.open();
        int n = 0;
        for (int h = firstHost; h <= lastHost; h++) {
            InetAddress a = InetAddress.getByName("127.0.1." + h);
            for (int p = firstPort; p < firstPort + ports; p++) {
                ServerSocketChannel ss = ServerSocketChannel.open();
                ss.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                ss.bind(new InetSocketAddress(a, p), 1024);
                ss.configureBlocking(false);
                ss.register(selector, SelectionKey.OP_ACCEPT);
                n++;
            }
        }
        System.out.println("listening on " + n + " loopback sockets");
        System.out.flush();
        while (true) {
            selector.select();
            for (SelectionKey k : selector.selectedKeys()) {
                SocketChannel c;
                while ((c = ((ServerSocketChannel) k.channel()).accept()) != null) {
                    c.close();
                }
            }
            selector.selectedKeys().clear();
        }
    }
}
