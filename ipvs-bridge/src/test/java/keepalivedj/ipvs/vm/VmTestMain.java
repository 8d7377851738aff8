package keepalivedj.ipvs.vm;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the *VmCase classes with the JUnit launcher, with plain java inside the VM (Maven is far too slow there).
 * Prints one machine-readable line per test ({@code VMTEST<TAB>PASS|FAIL|SKIP<TAB>name<TAB>detail}) that
 * {@code IpvsVmIT} on the host turns back into test results. Exit code 0 only if every test passed.
 */
public final class VmTestMain {
    private VmTestMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        List<String> failed = new ArrayList<>();
        int[] counts = new int[3];
        LauncherDiscoveryRequestBuilder b = LauncherDiscoveryRequestBuilder.request();
        for (String c : args) {
            b.selectors(selectClass(Class.forName(c)));
        }
        LauncherDiscoveryRequest req = b.build();
        TestExecutionListener listener = new TestExecutionListener() {
            private final java.util.Map<String, Long> started = new java.util.HashMap<>();

            @Override
            public void executionStarted(TestIdentifier id) {
                started.put(id.getUniqueId(), System.nanoTime());
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                boolean container = id.isContainer();
                if (container && r.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    return;
                }
                String name = name(id);
                long ms = (System.nanoTime() - started.getOrDefault(id.getUniqueId(), System.nanoTime())) / 1_000_000;
                if (r.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    counts[0]++;
                    out.println("VMTEST\tPASS\t" + name + "\t" + ms + " ms");
                } else {
                    counts[1]++;
                    failed.add(name);
                    String detail = r.getThrowable().map(VmTestMain::describe).orElse(r.getStatus().toString());
                    out.println("VMTEST\tFAIL\t" + name + "\t" + detail.replace("\n", "\\n").replace("\t", " "));
                }
                out.flush();
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                counts[2]++;
                out.println("VMTEST\tSKIP\t" + name(id) + "\t" + reason);
            }

            @Override
            public void reportingEntryPublished(TestIdentifier id, ReportEntry e) {
                e.getKeyValuePairs().forEach((k, v) -> out.println("VMINFO\t" + name(id) + "\t" + k + "=" + v));
            }
        };
        LauncherFactory.create().execute(req, listener);
        out.println(counts[0] + " passed, " + counts[1] + " failed, " + counts[2] + " skipped");
        out.flush();
        System.exit(counts[1] == 0 && counts[2] == 0 && counts[0] > 0 ? 0 : 1);
    }

    private static String name(TestIdentifier id) {
        String uid = id.getUniqueId();
        String cls = uid.replaceAll(".*\\[class:([^\\]]*)\\].*", "$1");
        return cls.substring(cls.lastIndexOf('.') + 1) + "#" + id.getDisplayName();
    }

    private static String describe(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        String s = w.toString();
        return s.length() > 4000 ? s.substring(0, 4000) + "..." : s;
    }
}
