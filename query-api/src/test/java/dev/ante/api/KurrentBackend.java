package dev.ante.api;

import dev.ante.infra.store.kurrent.KurrentStandIn;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a test context at the KurrentDB stand-in, with a read-model database of its own. */
final class KurrentBackend {

    private KurrentBackend() {
    }

    /** Events in {@code kurrent}; read models in an H2 file under {@code readModels}, apart from other contexts. */
    static void use(DynamicPropertyRegistry registry, KurrentStandIn kurrent, Path readModels) {
        registry.add("ante.event-store.backend", () -> "kurrentdb");
        registry.add("ante.event-store.kurrentdb-url", kurrent::connectionString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + readModels.resolve("ante")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;RETENTION_TIME=0");
    }
}
