package keepalivedj.daemon.it.lab;

import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import keepalivedj.daemon.io.PcapLink;

/**
 * A child JVM the lab runs inside one of its namespaces to put raw Ethernet frames on an interface there (a host's
 * eth0, or a bridge port), through the project's own libpcap adapter: {@code FrameInjector IF GAP_MS HEX...}. Prints "sent N" and exits 0 when every
 * frame was handed to the kernel. Test code only.
 */
public final class FrameInjector {
    private FrameInjector() {
    }

    public static void main(String[] args) throws Exception {
        String ifName = args[0];
        long gapMillis = Long.parseLong(args[1]);
        // A filter that matches nothing we send: this link only transmits.
        PcapLink.Spec spec = new PcapLink.Spec(ifName, "ether proto 0x88b5", 128, 64 * 1024);
        int sent = 0;
        try (PcapLink link = PcapLink.open(spec, f -> { }, r -> {
            Thread t = new Thread(r, "injector-rx");
            t.setDaemon(true);
            return t;
        }, System::nanoTime)) {
            for (int i = 2; i < args.length; i++) {
                if (i > 2 && gapMillis > 0) {
                    TimeUnit.MILLISECONDS.sleep(gapMillis);
                }
                if (link.send(HexFormat.of().parseHex(args[i]))) {
                    sent++;
                }
            }
        }
        System.out.println("sent " + sent);
        System.exit(sent == args.length - 2 ? 0 : 1);
    }
}
