package keepalivedj.daemon.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root and {@code ../shared} beside it; fails loudly when they are not there. */
public final class SharedFiles {
    private SharedFiles() {
    }

    public static Path repoRoot() {
        String prop = System.getProperty("keepalivedj.root");
        Path start = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("keepalived-j"))) {
                return p;
            }
        }
        throw new AssertionError("cannot find the keepalived-j repository root from " + start);
    }

    /** {@code ../shared/<relative>} next to the repository; an AssertionError names the path when absent. */
    public static Path shared(String relative) {
        Path p = repoRoot().resolveSibling("shared").resolve(relative);
        if (!Files.exists(p)) {
            throw new AssertionError("MISSING " + p + ": these tests read keepalived's reference material from"
                    + " ../shared beside the repository; without it they cannot check anything and fail"
                    + " instead of passing silently");
        }
        return p;
    }

    public static Path launcher() {
        String prop = System.getProperty("keepalivedj.launcher");
        Path p = prop != null ? Path.of(prop) : repoRoot().resolve("keepalived-j/bin/keepalived-j");
        if (!Files.isExecutable(p)) {
            throw new AssertionError("launcher " + p + " is missing or not executable");
        }
        return p;
    }
}
