package keepalivedj.ipvs;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import keepalivedj.netlink.NetlinkException;

/**
 * {@code keepalived-j ipvs ...}: shows the kernel's IPVS table in ipvsadm's numeric format, so it can be compared
 * with {@code ipvsadm -Ln} without installing ipvsadm. Read-only: it never changes the table.
 * <pre>
 *   ipvs list [-n]          like ipvsadm -Ln
 *   ipvs list --timeout     like ipvsadm -Ln --timeout
 *   ipvs list --daemon      like ipvsadm -Ln --daemon
 *   ipvs info               IPVS version and connection table size
 *   --netns NAME            (before the command) look inside /run/netns/NAME
 * </pre>
 */
public final class IpvsCommand {
    private static final String USAGE = "usage: ipvs [--netns NAME] list [-n] [--timeout | --daemon] | info";

    private IpvsCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit code (0 ok, 1 kernel/IPVS error, 2 usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        int i = 0;
        Path netns = null;
        if (args.length >= 2 && args[0].equals("--netns")) {
            netns = Path.of("/run/netns", args[1]);
            i = 2;
        }
        if (i >= args.length) {
            err.println(USAGE);
            return 2;
        }
        String cmd = args[i++];
        String what = "services";
        for (; i < args.length; i++) {
            switch (args[i]) {
                case "-n":
                case "--numeric":
                    break;
                case "--timeout":
                    what = "timeout";
                    break;
                case "--daemon":
                    what = "daemon";
                    break;
                default:
                    err.println("ipvs: unknown option '" + args[i] + "'");
                    err.println(USAGE);
                    return 2;
            }
        }
        if (!cmd.equals("list") && !cmd.equals("info")) {
            err.println("ipvs: unknown command '" + cmd + "'");
            err.println(USAGE);
            return 2;
        }
        try (Ipvs ipvs = netns == null ? NetlinkIpvs.open() : NetlinkIpvs.openIn(netns)) {
            out.print(render(ipvs, cmd.equals("info") ? "info" : what));
            out.flush();
            return 0;
        } catch (NetlinkException e) {
            err.println("ipvs: " + e.getMessage());
            return 1;
        }
    }

    static String render(Ipvs ipvs, String what) throws NetlinkException {
        switch (what) {
            case "timeout":
                return IpvsListing.timeouts(ipvs.timeouts());
            case "daemon":
                return IpvsListing.daemons(ipvs.daemons());
            case "info": {
                IpvsInfo info = ipvs.info();
                return "IP Virtual Server version " + info.versionString() + " (size=" + info.connTableSize() + ")\n";
            }
            default: {
                IpvsInfo info = ipvs.info();
                List<ServiceEntry> table = ipvs.table();
                return IpvsListing.list(info, table);
            }
        }
    }
}
