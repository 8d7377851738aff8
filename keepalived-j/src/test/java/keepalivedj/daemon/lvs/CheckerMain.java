package keepalivedj.daemon.lvs;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import keepalivedj.conf.ConfigLoader;
import keepalivedj.conf.SystemHostEnvironment;
import keepalivedj.daemon.exec.ScriptRunner;
import keepalivedj.ipvs.IpvsDestination;
import keepalivedj.ipvs.IpvsOp;
import keepalivedj.ipvs.IpvsOutcome;
import sun.misc.Signal;

/**
 * Test support: the checker side on its own, as the IPVS VM tests run it next to keepalived 2.2.7's checker
 * process (the daemon itself runs it with {@code keepalived-j -C}, or beside VRRP when the configuration has
 * virtual servers):
 * {@code java -cp keepalived-j.jar keepalivedj.daemon.lvs.CheckerMain -f CONF [-I] [-p PIDFILE]}. Runs in the
 * foreground, logs to stdout (one line per IPVS request sent: {@code IPVS op: CMD subject [weight W] STATUS}),
 * reloads on SIGHUP, stops on SIGTERM/SIGINT.
 */
public final class CheckerMain {
    private CheckerMain() {
    }

    public static void main(String[] args) throws Exception {
        String conf = "/etc/keepalived/keepalived.conf";
        boolean dontRelease = false;
        Path pidFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-f", "--use-file" -> conf = args[++i];
                case "-I", "--dont-release-ipvs" -> dontRelease = true;
                case "-p", "--pid" -> pidFile = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: CheckerMain -f CONF [-I] [-p PIDFILE]");
                    System.exit(2);
                }
            }
        }
        PrintStream out = System.out;
        Object lock = new Object();
        java.util.function.Consumer<String> log = s -> {
            synchronized (lock) {
                out.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + s);
                out.flush();
            }
        };
        Path confPath = Path.of(conf);
        ConfigLoader.Result loaded = load(confPath);
        ScriptRunner runner = ScriptRunner.forThisProcess();
        LvsDaemon d = LvsDaemon.start(loaded, runner, new LvsDaemon.Settings(dontRelease, null, log,
                o -> log.accept("IPVS op: " + LvsDaemon.describe(o))));
        if (pidFile != null) {
            Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
        }
        log.accept("Checker started");
        CountDownLatch done = new CountDownLatch(1);
        Signal.handle(new Signal("HUP"), s -> {
            log.accept("Reloading");
            d.reload(load(confPath));
            log.accept("Reload finished");
        });
        Signal.handle(new Signal("TERM"), s -> done.countDown());
        Signal.handle(new Signal("INT"), s -> done.countDown());
        done.await();
        log.accept("Stopping");
        d.stop();
        runner.close();
        log.accept("Stopped " + d.stats());
        if (pidFile != null) {
            Files.deleteIfExists(pidFile);
        }
        System.exit(0);
    }

    private static ConfigLoader.Result load(Path conf) {
        return ConfigLoader.load(conf, new ConfigLoader.Options(null, false), new SystemHostEnvironment());
    }

}
