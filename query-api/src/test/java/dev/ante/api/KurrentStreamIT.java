package dev.ante.api;

import dev.ante.infra.store.kurrent.KurrentStandIn;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The live-stream suite on the KurrentDB backend, against the in-process stand-in: the stream follows
 * KurrentDB's log of all events, and resumes from its positions.
 */
class KurrentStreamIT extends StreamIT {

    private static final KurrentStandIn KURRENT = KurrentStandIn.start();
    private static final Path READ_MODELS = ReadModelSuite.newDataDir("ante-kurrent-stream-");

    @DynamicPropertySource
    static void kurrent(DynamicPropertyRegistry registry) {
        registry.add("ante.event-store.backend", () -> "kurrentdb");
        registry.add("ante.event-store.kurrentdb-url", KURRENT::connectionString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + READ_MODELS.resolve("ante")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }
}
