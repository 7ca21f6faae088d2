package dev.ante.api.config;

import dev.ante.api.ingest.AppendPositions;
import dev.ante.domain.catalog.EventCatalog;
import dev.ante.domain.game.Game;
import dev.ante.domain.learning.LearningRun;
import dev.ante.domain.strategy.Strategy;
import dev.ante.infra.axon.AggregateSnapshots;
import dev.ante.infra.axon.LingeringMessageSource;
import dev.ante.infra.axon.PayloadTypeNames;
import dev.ante.infra.axon.StreamStoreEventStorageEngine;
import dev.ante.infra.store.StreamStore;
import java.util.LinkedHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.Map;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon wiring: the three aggregates, each behind a cache so that a busy game is not re-read from the
 * store for every batch, and the storage engine over whichever StreamStore the profile provides.
 */
@Configuration
public class AxonConfig {

    /**
     * A handler failure fails the whole batch: the processor rolls back, backs off and retries from its
     * token, instead of logging and moving on past an event it never recorded.
     */
    @Bean
    ConfigurerModule failBatchesOnHandlerErrors() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    /**
     * No correlation data on messages: Axon's default adds a trace id and a correlation id (two UUIDs) to
     * every event's stored metadata, which nothing here reads; a complete game stored them 224 times.
     */
    @Bean
    CorrelationDataProvider noCorrelationData() {
        return message -> Map.of();
    }

    /** The games kept in memory between batches; they leave it when the heap needs the room. */
    @Bean
    @Qualifier("gameCache")
    Cache gameCache() {
        return new WeakReferenceCache();
    }

    /**
     * Games are snapshotted every {@code ante.event-store.snapshot-every} events, so that a long game whose
     * aggregate has left the cache loads from its last snapshot and the events after it instead of its whole
     * stream. Strategies are short; learning runs are long but their ledger of event ids is all their state,
     * so a snapshot would rewrite it whole every time and save little.
     */
    @Bean
    ConfigurerModule aggregates(AnteProperties properties, @Qualifier("gameCache") Cache gameCache) {
        int snapshotEvery = properties.eventStore().snapshotEvery();
        AggregateConfigurer<Game> games = AggregateConfigurer.defaultConfiguration(Game.class)
                .configureCache(c -> gameCache);
        if (snapshotEvery > 0) {
            games.configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), snapshotEvery));
        }
        return configurer -> configurer
                .configureAggregate(games)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Strategy.class)
                        .configureCache(c -> new WeakReferenceCache()))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(LearningRun.class)
                        .configureCache(c -> new WeakReferenceCache()));
    }

    /**
     * Recording commands answer with the position their last event landed at, as the storage engine's
     * append returned it, so that the write API need not read it back (registered on the command bus by
     * Axon's Spring Boot support, like every handler interceptor bean).
     */
    @Bean
    AppendPositions appendPositions() {
        return new AppendPositions();
    }

    /**
     * The event source of the time-series processors: each of their batches is a QuestDB commit, whatever
     * its size, so once they have caught up a batch waits {@code ante.questdb.batch-linger} for more events
     * (see {@link LingeringMessageSource}; docs/benchmarks.md has the measurement).
     */
    @Bean
    LingeringMessageSource timeSeriesEvents(EventStore eventStore, AnteProperties properties,
                                            @Value("${axon.eventhandling.processors.questdb-games.batch-size:1000}")
                                            int batchSize) {
        return new LingeringMessageSource(eventStore, properties.questdb().batchLinger(), batchSize);
    }

    /**
     * Snapshots are taken on a thread of their own after the recording request has been answered, one at a
     * time; Axon keeps at most one pending per aggregate, so the queue is bounded by the aggregates that
     * asked for one. A snapshot that fails is logged and skipped: the next trigger makes another.
     */
    @Bean
    AggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                   HandlerDefinition handlerDefinition,
                                                   ParameterResolverFactory parameterResolverFactory,
                                                   EventStore eventStore, TransactionManager transactionManager,
                                                   SnapshotterSpanFactory spanFactory) {
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "aggregate-snapshots");
            thread.setDaemon(true);
            return thread;
        };
        return AggregateSnapshotter.builder()
                .aggregateFactories(new GenericAggregateFactory<>(Game.class))
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(Executors.newSingleThreadExecutor(threads))
                .build();
    }

    /** The token table lives beside the read models (see the Flyway migration), in snake case. */
    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("token_timestamp")
                .setOwnerColumn("token_owner")
                .build();
    }

    /**
     * In the embedded profile one JVM owns the data directory (H2 locks its file), so the processors claim
     * their tokens under a fixed owner name. Axon's default owner is {@code pid@host}, which changes on
     * every start: after a crash the restarted platform would wait for the dead process's claims to time
     * out before its read models moved again. Production, where several nodes may share PostgreSQL, keeps
     * the default.
     */
    @Bean
    @ConditionalOnProperty("ante.read-models.token-owner")
    TokenStore tokenStore(ConnectionProvider connections, Serializer serializer, TokenSchema schema,
                          @Value("${ante.read-models.token-owner}") String owner) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .schema(schema)
                .nodeId(owner)
                .build();
    }

    /** Stored type names are the catalog's short names ("HandPlayed"), readable by any client. */
    @Bean
    PayloadTypeNames payloadTypeNames() {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (EventCatalog catalog : EventCatalog.values()) {
            catalog.typeNames().forEach(name -> byName.put(name, catalog.typeNamed(name).orElseThrow()));
        }
        return PayloadTypeNames.of(byName);
    }

    @Bean
    EventStorageEngine eventStorageEngine(StreamStore store, PayloadTypeNames names,
                                          @Qualifier("eventSerializer") Serializer eventSerializer) {
        return StreamStoreEventStorageEngine.builder()
                .streamStore(store)
                .payloadTypeNames(names)
                .snapshotSerializer(AggregateSnapshots.serializer())
                .eventSerializer(eventSerializer)
                .build();
    }
}
