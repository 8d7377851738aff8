package keepalivedj.ipvs.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs tools (ipvsadm, ip, curl, busybox) inside the VM for the VM cases here and keepalived-j's LvsVmMain. Test code only. */
public final class Sh {
    public record Result(int rc, String out, String err) {
    }

    private Sh() {
    }

    public static Result exec(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            byte[] err;
            byte[] out = p.getInputStream().readAllBytes();
            err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A bash script; fails the test if it exits non-zero. Returns stdout. */
    public static String sh(String script) {
        Result r = exec(List.of("bash", "-c", script));
        if (r.rc() != 0) {
            throw new AssertionError("exited " + r.rc() + ", stderr: " + r.err() + "\nstdout: " + r.out()
                    + "\nscript: " + script);
        }
        return r.out();
    }

    /** A bash script whose exit code we want to see. */
    public static Result try_(String script) {
        return exec(List.of("bash", "-c", script));
    }

    /** Starts a background process (an HTTP server); the caller destroys it. */
    public static Process spawn(String script) {
        try {
            return new ProcessBuilder("bash", "-c", "exec " + script).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + script, e);
        }
    }
}
