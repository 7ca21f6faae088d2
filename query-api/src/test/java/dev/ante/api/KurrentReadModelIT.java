package dev.ante.api;

import dev.ante.infra.store.kurrent.KurrentStandIn;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The read-model suite — ingest over HTTP, every read endpoint against a hand computation, replays — on
 * the KurrentDB backend, against the in-process stand-in (no KurrentDB server can run here).
 */
class KurrentReadModelIT extends ReadModelSuite {

    private static final Path DATA_DIR = newDataDir("ante-kurrent-readmodels-");
    private static final KurrentStandIn KURRENT = KurrentStandIn.start();

    @DynamicPropertySource
    static void kurrent(DynamicPropertyRegistry registry) {
        registry.add("ante.data-dir", DATA_DIR::toString);
        registry.add("ante.event-store.backend", () -> "kurrentdb");
        registry.add("ante.event-store.kurrentdb-url", KURRENT::connectionString);
    }
}
