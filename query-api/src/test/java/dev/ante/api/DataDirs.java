package dev.ante.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
