package dev.ante.bench.inprocess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Scratch directories of the in-process benchmarks, under the harness's work directory. */
final class BenchDirs {

    /** System property naming the directory scratch directories go under; set for JMH's forks. */
    static final String PROPERTY = "ante.bench.dir";

    private BenchDirs() {
    }

    static Path create(String prefix) {
        try {
            Path root = Path.of(System.getProperty(PROPERTY, System.getProperty("java.io.tmpdir")));
            Files.createDirectories(root);
            return Files.createTempDirectory(root, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
