package dev.ante.api;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The read-model suite on the embedded defaults: an H2 file beside the event store. */
class ReadModelIT extends ReadModelSuite {

    private static final Path DATA_DIR = newDataDir("ante-readmodels-");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ante.data-dir", DATA_DIR::toString);
    }
}
