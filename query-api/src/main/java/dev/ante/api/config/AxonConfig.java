package dev.ante.api.config;

import dev.ante.domain.catalog.EventCatalog;
import dev.ante.infra.axon.AggregateSnapshots;
import dev.ante.infra.axon.AppendNotifyingEventStore;
import dev.ante.infra.axon.LingeringMessageSource;
import dev.ante.infra.axon.PayloadTypeDispatch;
import dev.ante.infra.axon.PayloadTypeNames;
import dev.ante.infra.axon.RecentAppends;
import dev.ante.infra.axon.StreamStoreEventStorageEngine;
import dev.ante.infra.store.StreamStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon wiring: the storage engine over whichever StreamStore the profile provides, the event store the
 * processors read, and their token store. Recording commands are handled by the write path
 * ({@link dev.ante.api.ingest.Recorder}), not by Axon aggregates.
 */
@Configuration
public class AxonConfig {

    /**
     * Axon's event processing, with every tracking processor deciding which events it handles once per payload
     * type ({@link PayloadTypeDispatch}) instead of once per event; everything else is Axon's.
     */
    @Bean
    EventProcessingModule eventProcessingModule() {
        return new PayloadTypeDispatchModule();
    }

    /** Builds tracking processors as Axon does, over a {@link PayloadTypeDispatch} of their handlers. */
    static final class PayloadTypeDispatchModule extends EventProcessingModule {
        @Override
        protected EventProcessor trackingEventProcessor(String name, EventHandlerInvoker eventHandlerInvoker,
                                                        TrackingEventProcessorConfiguration config,
                                                        StreamableMessageSource<TrackedEventMessage<?>> source) {
            return super.trackingEventProcessor(name, new PayloadTypeDispatch(eventHandlerInvoker), config, source);
        }
    }

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
     * The command bus the write path's commands go through (Axon Server's local segment when it routes them), as
     * Axon would build it but without a transaction around each command. Axon's default wraps every command in a
     * transaction of the application's transaction manager, which is the read models' database: the recorder
     * never writes there (the append is the event store's own transaction), so each append opened and committed
     * an empty transaction on a pooled connection, a sixth of the command's handling in a one-event append.
     */
    @Bean
    @Qualifier("localSegment")
    SimpleCommandBus commandBus(org.axonframework.config.Configuration configuration,
                                DuplicateCommandHandlerResolver duplicateCommandHandlerResolver) {
        SimpleCommandBus bus = SimpleCommandBus.builder()
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(configuration.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(configuration.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(configuration.correlationDataProviders()));
        return bus;
    }

    /**
     * No correlation data on messages: Axon's default adds a trace id and a correlation id (two UUIDs) to
     * every event's stored metadata, which nothing here reads; a complete game stored them 224 times.
     */
    @Bean
    CorrelationDataProvider noCorrelationData() {
        return message -> Map.of();
    }

    /**
     * Axon's embedded event store over the storage engine, which the write path tells of each append it makes
     * below Axon ({@link dev.ante.api.ingest.Recorder}), waking its reader at most once per
     * {@code ante.read-models.reader-interval}. Its reader keeps the last {@code ante.read-models.reader-cache-events}
     * events for the processors to share, each decoded once; a processor further behind reads the log on its own.
     */
    @Bean
    AppendNotifyingEventStore axonEventStore(EventStorageEngine storageEngine,
                                             org.axonframework.config.Configuration configuration,
                                             @Value("${ante.read-models.reader-interval:0ms}")
                                             java.time.Duration readerInterval,
                                             @Value("${ante.read-models.reader-cache-events:30000}") int readerCacheEvents) {
        return new AppendNotifyingEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .cachedEvents(readerCacheEvents)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class)), readerInterval);
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
     * The event source of the six read-model processors: once they have caught up, a batch waits up to
     * {@code ante.read-models.batch-linger} for more events, so that events arriving one request at a time share a
     * transaction (and a synergy key or a game's summary is written once for all of them) instead of paying one each;
     * under load batches fill without waiting. A read that waits for a {@code minPosition} cuts every gathering
     * batch short (docs/benchmarks.md has the measurement).
     */
    @Bean
    LingeringMessageSource readModelEvents(EventStore eventStore, dev.ante.api.read.PositionWaits waits,
                                           @Value("${ante.read-models.batch-linger:250ms}") java.time.Duration linger,
                                           @Value("${axon.eventhandling.processors.game-summaries.batch-size:1000}")
                                           int batchSize) {
        return new LingeringMessageSource(eventStore, linger, batchSize, () -> waits.waiting() > 0);
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

    /**
     * Where the write path hands each append's events, as it decoded them from the request, to the processors'
     * log reader, which then need not read them back from the store and decode them again. Up to
     * {@code ante.read-models.handover-events} events (0: none handed over, the reader reads everything from the
     * store). Only stores that give an append consecutive positions and tell of appends in commit order hand
     * over (the embedded store); with KurrentDB there is none, and the reader reads the log at every fetch. Its
     * rule for skipping the store while nothing is handed over (a page shorter than asked meant the store's end)
     * does not hold there: a KurrentDB read returns as soon as a page of {@code $all} held events of the log, and
     * the processors then got the last events of a burst seconds late, a page a second.
     */
    @Bean
    @ConditionalOnExpression("${ante.read-models.handover-events:16384} > 0"
            + " and !'${ante.event-store.backend:sqlite}'.equalsIgnoreCase('kurrentdb')")
    RecentAppends recentAppends(@Value("${ante.read-models.handover-events:16384}") int capacity) {
        return new RecentAppends(capacity);
    }

    @Bean
    EventStorageEngine eventStorageEngine(StreamStore store, PayloadTypeNames names,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          ObjectProvider<RecentAppends> recentAppends) {
        return StreamStoreEventStorageEngine.builder()
                .streamStore(store)
                .payloadTypeNames(names)
                .snapshotSerializer(AggregateSnapshots.serializer())
                .eventSerializer(eventSerializer)
                .recentAppends(recentAppends.getIfAvailable())
                .build();
    }
}
