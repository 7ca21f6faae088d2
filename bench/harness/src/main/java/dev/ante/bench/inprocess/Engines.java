package dev.ante.bench.inprocess;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ante.domain.catalog.EventCatalog;
import dev.ante.infra.axon.PayloadTypeNames;
import dev.ante.infra.axon.StreamStoreEventStorageEngine;
import dev.ante.infra.codec.EventCodec;
import dev.ante.infra.store.sqlite.Durability;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The two event stores compared in-process, both Axon {@link EmbeddedEventStore}s with the same Jackson
 * serializer over SQLite in WAL mode with {@code synchronous=NORMAL}: Ante's engine over its
 * {@link SqliteStreamStore}, and Axon's stock {@link JdbcEventStorageEngine} with its own table layout,
 * created on the same JDBC driver with the same page cache and memory map.
 */
public final class Engines {

    /** Which engine. */
    public enum Kind {
        ANTE("ante"), STOCK("stock");

        private final String param;

        Kind(String param) {
            this.param = param;
        }

        public static Kind of(String param) {
            for (Kind k : values()) {
                if (k.param.equals(param)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("engine " + param);
        }
    }

    /** An open event store and the file its data lives in. */
    public record Opened(Kind kind, EmbeddedEventStore store, AutoCloseable resources, Path file)
            implements AutoCloseable {

        @Override
        public void close() throws Exception {
            store.shutDown();
            resources.close();
        }
    }

    /** The file name of the stock engine's database. */
    public static final String STOCK_FILE = "axon-jdbc.db";

    private Engines() {
    }

    public static Opened open(Kind kind, Path dir) throws Exception {
        Files.createDirectories(dir);
        Serializer serializer = JacksonSerializer.builder().objectMapper(EventCodec.defaultMapper()).build();
        return switch (kind) {
            case ANTE -> {
                SqliteStreamStore store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH);
                EventStorageEngine engine = StreamStoreEventStorageEngine.builder()
                        .streamStore(store)
                        .payloadTypeNames(catalogNames())
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .build();
                yield new Opened(kind, EmbeddedEventStore.builder().storageEngine(engine).build(), store,
                        store.file());
            }
            case STOCK -> {
                Path file = dir.resolve(STOCK_FILE);
                HikariDataSource pool = pool(file);
                ThreadBoundTransactions transactions = new ThreadBoundTransactions(pool);
                JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                        .connectionProvider(transactions)
                        .transactionManager(transactions)
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .build();
                engine.createSchema(new SqliteEventTableFactory());
                yield new Opened(kind, EmbeddedEventStore.builder().storageEngine(engine).build(), pool, file);
            }
        };
    }

    /** The platform's stored type names: the catalog's short names. */
    static PayloadTypeNames catalogNames() {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (EventCatalog catalog : EventCatalog.values()) {
            catalog.typeNames().forEach(name -> byName.put(name, catalog.typeNamed(name).orElseThrow()));
        }
        return PayloadTypeNames.of(byName);
    }

    /** The same SQLite settings as Ante's writer connection, in a small pool as a Spring app would have. */
    private static HikariDataSource pool(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(5_000);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setCacheSize(-64 * 1024);
        config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(256L * 1024 * 1024));
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("axon-jdbc-bench");
        hikari.setDataSource(dataSource);
        hikari.setMaximumPoolSize(4);
        hikari.setMinimumIdle(1);
        hikari.setMaxLifetime(0);
        hikari.setIdleTimeout(0);
        hikari.setKeepaliveTime(0);
        return new HikariDataSource(hikari);
    }
}
