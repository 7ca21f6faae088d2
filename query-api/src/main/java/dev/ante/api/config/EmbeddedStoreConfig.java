package dev.ante.api.config;

import dev.ante.api.support.OwnerOnlyFiles;
import dev.ante.infra.store.StreamStore;
import dev.ante.infra.store.sqlite.Durability;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** The embedded event store: one SQLite file in the data directory. */
@Configuration
@ConditionalOnProperty(name = "ante.event-store.backend", havingValue = "sqlite", matchIfMissing = true)
public class EmbeddedStoreConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreConfig.class);

    @Bean(destroyMethod = "close")
    StreamStore streamStore(AnteProperties properties) throws IOException {
        Durability durability = durability(properties.durability());
        log.info("Embedded event store in {} ({} durability)", properties.dataDir().toAbsolutePath(),
                properties.durability());
        // Every event of every agent is in here: the owner's alone, before and after the store creates its files.
        OwnerOnlyFiles.restrict(properties.dataDir());
        StreamStore store = SqliteStreamStore.open(properties.dataDir(), durability);
        OwnerOnlyFiles.restrict(properties.dataDir());
        return store;
    }

    static Durability durability(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "process-crash" -> Durability.PROCESS_CRASH;
            case "power-loss" -> Durability.POWER_LOSS;
            default -> throw new IllegalArgumentException(
                    "ante.durability must be process-crash or power-loss, was '" + value + "'");
        };
    }
}
