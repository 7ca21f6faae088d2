package dev.ante.api;

import dev.ante.infra.store.kurrent.KurrentStandIn;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ingest suite on the KurrentDB backend, against the in-process stand-in: the same batches, retries,
 * conflicts, NDJSON and concurrent writers, with events in KurrentDB instead of the embedded store.
 */
class KurrentIngestApiIT extends IngestApiIT {

    private static final KurrentStandIn KURRENT = KurrentStandIn.start();
    private static final Path READ_MODELS = ReadModelSuite.newDataDir("ante-kurrent-ingest-");

    @DynamicPropertySource
    static void kurrent(DynamicPropertyRegistry registry) {
        registry.add("ante.event-store.backend", () -> "kurrentdb");
        registry.add("ante.event-store.kurrentdb-url", KURRENT::connectionString);
        // Its own read-model database, apart from the embedded-store suites' context.
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + READ_MODELS.resolve("ante")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }
}
