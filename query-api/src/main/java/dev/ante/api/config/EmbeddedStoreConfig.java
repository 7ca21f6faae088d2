package dev.ante.api.config;

import dev.ante.api.retention.Retention;
import dev.ante.api.support.OwnerOnlyFiles;
import dev.ante.infra.store.archive.ArchivingStreamStore;
import dev.ante.infra.store.archive.ParquetArchive;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
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
        SqliteStreamStore live = SqliteStreamStore.open(properties.dataDir(), durability);
        ArchivingStreamStore store;
        try {
            store = ArchivingStreamStore.open(live, properties.dataDir().resolve(ParquetArchive.DIRECTORY));
        } catch (RuntimeException e) {
            live.close();
            throw e;
        }
        if (store.archive().streamCount() > 0) {
            log.info("Archive in {}: {} games in {} files", store.archive().directory().toAbsolutePath(),
                    store.archive().streamCount(), store.archive().files().size());
        }
        OwnerOnlyFiles.restrict(properties.dataDir());
        return store;
    }

    /** Completed games move to the archive when asked, and on schedule when {@code ante.retention.archive-after} is set. */
    @Bean
    Retention retention(StreamStore store, @Value("${ante.retention.archive-after:}") String archiveAfter,
                        @Value("${ante.retention.interval:1h}") Duration interval,
                        @Value("${ante.retention.games-per-file:1000}") int gamesPerFile, MeterRegistry meters) {
        Duration after = archiveAfter.isBlank() ? null : DurationStyle.detectAndParse(archiveAfter.trim());
        return new Retention((ArchivingStreamStore) store, after, interval, gamesPerFile, Clock.systemUTC(), meters);
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
