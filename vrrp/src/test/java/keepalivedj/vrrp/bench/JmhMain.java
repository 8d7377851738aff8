package keepalivedj.vrrp.bench;

/** Entry point for bench/run-jmh.sh: JMH's own runner, with the benchmarks compiled in test scope. */
public final class JmhMain {
    private JmhMain() {
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length > 0 ? args : new String[] {"keepalivedj.vrrp.bench"});
    }
}
