package keepalivedj.conf.syntax;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where keepalived's sample configurations are: {@code ../shared/conformance/keepalived-samples} next to the
 * repository root (system property {@code keepalivedj.root}, set by surefire), else found by walking up from the
 * working directory. Missing samples fail the test that asked for them.
 */
final class Samples {
    private static final String RELATIVE = "shared/conformance/keepalived-samples";

    private Samples() {
    }

    static Path dir() {
        String root = System.getProperty("keepalivedj.root");
        if (root != null && !root.isBlank()) {
            Path p = Path.of(root).toAbsolutePath().resolve("..").resolve(RELATIVE).normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("..").resolve(RELATIVE).normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return fail("keepalived samples not found: expected ../" + RELATIVE + " next to the repository root"
                + " (keepalivedj.root=" + root + ", working directory " + Path.of("").toAbsolutePath() + ")");
    }

    static Path file(String name) {
        Path p = dir().resolve(name);
        if (!Files.isRegularFile(p)) {
            fail("sample " + name + " missing from " + dir());
        }
        return p;
    }

    /** Every sample file (EXPECTED.tsv and README.md excluded), sorted by name. */
    static List<Path> all() {
        try (Stream<Path> s = Files.list(dir())) {
            List<Path> files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals("EXPECTED.tsv"))
                    .filter(p -> !p.getFileName().toString().equals("README.md"))
                    .sorted().collect(Collectors.toList());
            if (files.size() < 30) {
                fail("expected the 31 keepalived samples in " + dir() + ", found " + files.size());
            }
            return files;
        } catch (IOException e) {
            return fail("cannot list " + dir() + ": " + e);
        }
    }
}
