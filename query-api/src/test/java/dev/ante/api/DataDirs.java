package dev.ante.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Fresh data directories for tests that start the platform. */
final class DataDirs {

    private DataDirs() {
    }

    /** A new empty directory under the system's temporary directory, its name starting with {@code prefix}. */
    static Path fresh(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gives a test context a read-model database of its own in a fresh directory. Contexts that share the data
     * directory of {@link ApiTestBase} but differ in settings share its event store, and each builds its own
     * read models from it: two contexts' processors writing one read-model file would both count every event.
     */
    static void ownReadModels(DynamicPropertyRegistry registry, String prefix) {
        Path dir = fresh(prefix);
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dir.resolve("ante")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;RETENTION_TIME=0");
    }
}
