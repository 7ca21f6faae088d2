package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.infra.axon.RecentAppends;
import dev.ante.infra.store.kurrent.KurrentStandIn;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
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
        KurrentBackend.use(registry, KURRENT, READ_MODELS);
    }

    @Autowired
    private ApplicationContext kurrentContext;

    @Test
    void givenTheKurrentBackend_whenWired_thenTheLogReaderHasNoHandOverAndReadsTheLogAtEveryFetch() {
        // KurrentDB gives no consecutive positions to hand over by, and a page shorter than asked is not the end of
        // its log: with a hand-over ring the reader skipped the log after such a page and fell a page a second behind.
        assertThat(kurrentContext.getBeanProvider(RecentAppends.class).getIfAvailable()).isNull();
    }

    @Test
    void givenTheKurrentBackend_whenBackingUp_thenConflictSaysToUseTheStoresOwnTools() {
        Http.Response r = http.postJson("/api/v1/admin/backup", ADMIN, Map.of());

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("title").asText()).isEqualTo("Not an embedded platform");
        assertThat(r.json().get("detail").asText()).contains("KurrentDB").contains("docs/operations.md");
    }

    @Test
    void givenTheKurrentBackend_whenArchiving_thenConflictSaysRetentionIsForTheEmbeddedStore() {
        Http.Response r = http.post("/api/v1/admin/retention?olderThan=30d", ADMIN, "application/json", "");

        assertThat(r.status()).as(r.text()).isEqualTo(409);
        assertThat(r.json().get("title").asText()).isEqualTo("Not an embedded platform");
        assertThat(r.json().get("detail").asText()).contains("KurrentDB");
        assertThat(http.get("/api/v1/admin/retention", ADMIN).status()).isEqualTo(409);
    }
}
