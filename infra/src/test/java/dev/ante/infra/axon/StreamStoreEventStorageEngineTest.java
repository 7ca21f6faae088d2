package dev.ante.infra.axon;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.WrongExpectedRevisionException;
import dev.ante.infra.store.AppendResult;
import dev.ante.infra.store.Direction;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StreamRead;
import dev.ante.infra.store.StreamStore;
import dev.ante.infra.store.sqlite.Durability;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamStoreEventStorageEngineTest {

    record CounterStarted(String by) {
    }

    record CounterIncremented(int by) {
    }

    record CounterState(int value) {
    }

    /** A tiny event-sourced aggregate whose stream name is its identifier. */
    static class Counter {
        @AggregateIdentifier
        private String id;
        private int value;

        Counter() {
        }

        @EventSourcingHandler
        void on(CounterStarted event, DomainEventMessage<?> message) {
            id = message.getAggregateIdentifier();
        }

        @EventSourcingHandler
        void on(CounterIncremented event) {
            value += event.by();
        }

        int value() {
            return value;
        }
    }

    @TempDir
    Path dir;

    private CountingStore store;
    private JacksonSerializer serializer;
    private StreamStoreEventStorageEngine engine;
    private EmbeddedEventStore eventStore;

    @BeforeEach
    void setUp() {
        store = new CountingStore(SqliteStreamStore.open(dir, Durability.PROCESS_CRASH));
        serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
                .build();
        engine = engineWith(PayloadTypeNames.of(Map.of(
                "CounterStarted", CounterStarted.class,
                "CounterIncremented", CounterIncremented.class)));
        eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
    }

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
        store.close();
    }

    private StreamStoreEventStorageEngine engineWith(PayloadTypeNames names) {
        return StreamStoreEventStorageEngine.builder()
                .streamStore(store)
                .eventSerializer(serializer)
                .payloadTypeNames(names)
                .batchSize(50)
                .build();
    }

    // --- appending and reading aggregates -------------------------------------------------------------------

    @Test
    void givenAggregateEvents_whenPublished_thenTheyAreReadBackWithSequenceNumbersAsRevisions() {
        eventStore.publish(started("counter-1"), incremented("counter-1", 1, 5), incremented("counter-1", 2, 7));

        List<? extends DomainEventMessage<?>> read = eventStore.readEvents("counter-1").asStream().toList();

        assertThat(read).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(payloads(read.stream()))
                .containsExactly(new CounterStarted("test"), new CounterIncremented(5), new CounterIncremented(7));
        assertThat(read).allMatch(m -> m.getAggregateIdentifier().equals("counter-1"));
        assertThat(read.get(0).getType()).isEqualTo("counter");
        StreamRead stored = store.readStream("counter-1", 0, 10, Direction.FORWARDS);
        assertThat(((StreamRead.Found) stored).events()).extracting(RecordedEvent::revision)
                .containsExactly(0L, 1L, 2L);
        assertThat(eventStore.lastSequenceNumberFor("counter-1")).contains(2L);
        assertThat(eventStore.lastSequenceNumberFor("counter-none")).isEmpty();
    }

    @Test
    void givenEventsFromASequenceNumber_whenReadingFromIt_thenEarlierEventsAreSkipped() {
        eventStore.publish(started("counter-1"), incremented("counter-1", 1, 1), incremented("counter-1", 2, 2));

        DomainEventStream read = eventStore.readEvents("counter-1", 2);

        assertThat(payloads(read.asStream())).containsExactly(new CounterIncremented(2));
    }

    @Test
    void givenExistingSequenceNumber_whenAppendingItAgain_thenConcurrencyExceptionCausedByTheStoreConflict() {
        eventStore.publish(started("counter-1"), incremented("counter-1", 1, 1));

        assertThatThrownBy(() -> eventStore.publish(incremented("counter-1", 1, 9)))
                .isInstanceOf(ConcurrencyException.class)
                .hasCauseInstanceOf(WrongExpectedRevisionException.class)
                .satisfies(e -> assertThat(((WrongExpectedRevisionException) e.getCause()).actualRevision())
                        .isEqualTo(1));
        assertThat(eventStore.lastSequenceNumberFor("counter-1")).contains(1L);
    }

    @Test
    void givenExistingAggregate_whenCreatingItAgain_thenAggregateStreamCreationException() {
        eventStore.publish(started("counter-1"));

        assertThatThrownBy(() -> eventStore.publish(started("counter-1")))
                .isInstanceOf(AggregateStreamCreationException.class)
                .hasCauseInstanceOf(WrongExpectedRevisionException.class);
    }

    @Test
    void givenEventsOfTwoAggregatesInOneUnitOfWork_whenCommitted_thenEachStreamIsOneAppend() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        eventStore.publish(started("counter-a"), started("counter-b"));
        eventStore.publish(incremented("counter-a", 1, 1), incremented("counter-b", 1, 2),
                incremented("counter-a", 2, 3));
        unitOfWork.commit();

        assertThat(store.appends).hasValue(2);
        assertThat(payloads(eventStore.readEvents("counter-a").asStream()))
                .containsExactly(new CounterStarted("test"), new CounterIncremented(1), new CounterIncremented(3));
        assertThat(eventStore.readEvents("counter-b").asStream().count()).isEqualTo(2);
    }

    @Test
    void givenAUnitOfWork_whenItCommits_thenItHoldsWhatEachStreamsAppendReturned() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        eventStore.publish(started("counter-a"), started("counter-b"), incremented("counter-a", 1, 4));
        Map<String, Optional<AppendResult>> afterCommit = new HashMap<>();
        unitOfWork.afterCommit(u -> List.of("counter-a", "counter-b", "counter-none")
                .forEach(stream -> afterCommit.put(stream, StreamStoreEventStorageEngine.appendedIn(u, stream))));
        Optional<AppendResult> beforeCommit = StreamStoreEventStorageEngine.appendedIn(unitOfWork, "counter-a");
        unitOfWork.commit();

        List<RecordedEvent> stored = store.readAll(StreamStore.START, 10);
        assertThat(stored).extracting(RecordedEvent::stream).containsExactly("counter-a", "counter-a", "counter-b");
        assertThat(beforeCommit).isEmpty();
        assertThat(afterCommit.get("counter-a"))
                .contains(new AppendResult("counter-a", 0, 1, stored.get(1).position()));
        assertThat(afterCommit.get("counter-b"))
                .contains(new AppendResult("counter-b", 0, 0, stored.get(2).position()));
        assertThat(afterCommit.get("counter-none")).isEmpty();
    }

    @Test
    void givenANestedUnitOfWork_whenTheRootCommits_thenTheNestedOneSeesTheAppendToo() {
        DefaultUnitOfWork<?> root = DefaultUnitOfWork.startAndGet(null);
        DefaultUnitOfWork<?> nested = DefaultUnitOfWork.startAndGet(null);
        eventStore.publish(started("counter-n"));
        List<Optional<AppendResult>> seen = new ArrayList<>();
        nested.afterCommit(u -> seen.add(StreamStoreEventStorageEngine.appendedIn(u, "counter-n")));
        nested.commit();
        assertThat(seen).isEmpty();
        root.commit();

        assertThat(seen).singleElement().satisfies(append -> assertThat(append).get()
                .extracting(AppendResult::lastRevision, AppendResult::lastPosition)
                .containsExactly(0L, store.headPosition()));
    }

    @Test
    void givenEventOutsideAnyAggregate_whenPublished_thenRejected() {
        assertThatThrownBy(() -> eventStore.publish(GenericEventMessage.asEventMessage(new CounterState(1))))
                .isInstanceOf(EventStoreException.class)
                .hasMessageContaining("only aggregate events");
    }

    @Test
    void givenGapInSequenceNumbers_whenPublished_thenRejectedAndNothingStored() {
        assertThatThrownBy(() -> eventStore.publish(started("counter-1"), incremented("counter-1", 2, 1)))
                .isInstanceOf(EventStoreException.class);

        assertThat(eventStore.lastSequenceNumberFor("counter-1")).isEmpty();
    }

    @Test
    void givenInvalidEventsForOneOfTwoAggregates_whenPublished_thenNeitherStreamIsWritten() {
        assertThatThrownBy(() -> eventStore.publish(started("counter-a"), started("counter-b"),
                incremented("counter-b", 5, 1)))
                .isInstanceOf(EventStoreException.class);

        assertThat(store.appends).hasValue(0);
        assertThat(eventStore.lastSequenceNumberFor("counter-a")).isEmpty();
    }

    // --- event ids, types and timestamps --------------------------------------------------------------------

    @Test
    void givenEventIdInMetadata_whenStored_thenItIsTheStoredIdAndTheIdentifierReadBack() {
        UUID eventId = UUID.randomUUID();
        DomainEventMessage<?> message = started("counter-1").andMetaData(Map.of("eventId", eventId.toString()));

        eventStore.publish(message);

        assertThat(storedEvents("counter-1").get(0).eventId()).isEqualTo(eventId);
        assertThat(new String(storedEvents("counter-1").get(0).metadata(), UTF_8)).as("kept once, in its column")
                .doesNotContain("eventId");
        DomainEventMessage<?> read = eventStore.readEvents("counter-1").next();
        assertThat(read.getIdentifier()).isEqualTo(eventId.toString());
        assertThat(read.getMetaData()).containsEntry("eventId", eventId.toString());
    }

    @Test
    void givenStoredMetadata_whenTheEventIdIsPutBack_thenItIsAddedOnceWhateverElseIsThere() {
        UUID id = UUID.fromString("3f1c2a9e-8d4b-4c7e-9a55-0b2e6f1d7c3a");
        String added = "\"eventId\":\"" + id + "\"";

        assertThat(new String(StreamStoreEventStorageEngine.withEventId("{}".getBytes(UTF_8), id), UTF_8))
                .isEqualTo("{" + added + "}");
        assertThat(new String(StreamStoreEventStorageEngine.withEventId("{\"occurredAt\":\"x\"}".getBytes(UTF_8), id),
                UTF_8)).isEqualTo("{" + added + ",\"occurredAt\":\"x\"}");
        byte[] older = ("{" + added + ",\"occurredAt\":\"x\"}").getBytes(UTF_8);
        assertThat(StreamStoreEventStorageEngine.withEventId(older, id)).isSameAs(older);
    }

    @Test
    void givenNoEventIdInMetadata_whenStored_thenTheMessageIdentifierIsTheStoredId() {
        DomainEventMessage<?> message = started("counter-1");

        eventStore.publish(message);

        assertThat(storedEvents("counter-1").get(0).eventId().toString()).isEqualTo(message.getIdentifier());
        assertThat(eventStore.readEvents("counter-1").next().getIdentifier()).isEqualTo(message.getIdentifier());
    }

    @Test
    void givenEventIdThatIsNoUuid_whenPublished_thenRejected() {
        assertThatThrownBy(() -> eventStore.publish(started("counter-1").andMetaData(Map.of("eventId", "nope"))))
                .isInstanceOf(EventStoreException.class)
                .hasMessageContaining("not a UUID");
    }

    @Test
    void givenPayloadTypeNames_whenStoring_thenShortNamesAreStoredAndResolvedOnRead() {
        eventStore.publish(started("counter-1"), incremented("counter-1", 1, 3));

        assertThat(storedEvents("counter-1")).extracting(RecordedEvent::type)
                .containsExactly("CounterStarted", "CounterIncremented");
        assertThat(new String(storedEvents("counter-1").get(1).data(), UTF_8)).isEqualTo("{\"by\":3}");
        assertThat(types(eventStore.readEvents("counter-1").asStream()))
                .containsExactly(CounterStarted.class, CounterIncremented.class);
    }

    @Test
    void givenDefaultPayloadTypeNames_whenStoring_thenFullyQualifiedClassNamesAreStored() {
        StreamStoreEventStorageEngine plain = engineWith(PayloadTypeNames.fullyQualifiedClassNames());

        plain.appendEvents(started("counter-1"));

        assertThat(storedEvents("counter-1").get(0).type()).isEqualTo(CounterStarted.class.getName());
        assertThat(plain.readEvents("counter-1").next().getPayload()).isEqualTo(new CounterStarted("test"));
    }

    @Test
    void givenMetadata_whenStored_thenItIsTheSerializersJsonAndComesBackEqual() {
        MetaData metaData = MetaData.with("agent", "a-1").and("attempt", 2);

        eventStore.publish(started("counter-1").andMetaData(metaData));

        assertThat(new String(storedEvents("counter-1").get(0).metadata(), UTF_8))
                .contains("\"agent\":\"a-1\"").contains("\"attempt\":2");
        assertThat(eventStore.readEvents("counter-1").next().getMetaData()).containsAllEntriesOf(metaData);
    }

    @Test
    void givenOccurredAtInMetadata_whenRead_thenItIsTheTimestamp() {
        eventStore.publish(started("counter-1").andMetaData(Map.of("occurredAt", "2026-11-23T10:15:30.123456Z")));
        eventStore.publish(incremented("counter-1", 1, 1));

        List<? extends DomainEventMessage<?>> read = eventStore.readEvents("counter-1").asStream().toList();

        assertThat(read.get(0).getTimestamp()).isEqualTo(Instant.parse("2026-11-23T10:15:30.123456Z"));
        assertThat(read.get(1).getTimestamp()).isEqualTo(storedEvents("counter-1").get(1).recordedAt());
    }

    @Test
    void givenMetadataJson_whenLookingForOccurredAt_thenOnlyATopLevelStringCounts() {
        assertThat(StreamStoreEventStorageEngine.occurredAt(
                "{\"n\":{\"occurredAt\":\"2020-01-01T00:00:00Z\"},\"occurredAt\":\"2021-01-01T01:00:00+01:00\"}"
                        .getBytes(UTF_8)))
                .contains(Instant.parse("2021-01-01T00:00:00Z"));
        assertThat(StreamStoreEventStorageEngine.occurredAt("{\"occurredAt\":12}".getBytes(UTF_8))).isEmpty();
        assertThat(StreamStoreEventStorageEngine.occurredAt("{\"occurredAt\":\"soon\"}".getBytes(UTF_8))).isEmpty();
        assertThat(StreamStoreEventStorageEngine.occurredAt("not json".getBytes(UTF_8))).isEmpty();
    }

    // --- tracking -------------------------------------------------------------------------------------------

    @Test
    void givenEvents_whenTrackingFromTheTail_thenAllArriveInGlobalOrderWithPositionTokens() throws Exception {
        eventStore.publish(started("counter-a"), started("counter-b"));
        eventStore.publish(incremented("counter-a", 1, 1));

        List<TrackedEventMessage<?>> read = readTracked(eventStore.createTailToken(), 3);

        assertThat(read).extracting(m -> ((DomainEventMessage<?>) m).getAggregateIdentifier())
                .containsExactly("counter-a", "counter-b", "counter-a");
        List<Long> positions = read.stream()
                .map(m -> ((GlobalSequenceTrackingToken) m.trackingToken()).getGlobalIndex()).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        assertThat(positions.get(2)).isEqualTo(store.headPosition());
        assertThat(eventStore.createTailToken()).isEqualTo(new GlobalSequenceTrackingToken(StreamStore.START));
    }

    @Test
    void givenMoreEventsThanOneBatch_whenTrackingWithoutAToken_thenEveryEventArrives() {
        List<DomainEventMessage<?>> many = new ArrayList<>();
        many.add(started("counter-1"));
        for (int i = 1; i < 180; i++) {
            many.add(incremented("counter-1", i, 1));
        }
        eventStore.publish(many);

        assertThat(engine.readEvents(null, false).count()).isEqualTo(180);
    }

    @Test
    void givenHeadToken_whenTracking_thenOnlyLaterEventsArrive() throws Exception {
        eventStore.publish(started("counter-1"));
        TrackingToken head = eventStore.createHeadToken();
        eventStore.publish(incremented("counter-1", 1, 4));

        List<TrackedEventMessage<?>> read = readTracked(head, 1);

        assertThat(payloads(read.stream())).containsExactly(new CounterIncremented(4));
        assertThat(engine.readEvents(eventStore.createHeadToken(), false)).isEmpty();
    }

    @Test
    void givenEventsRecordedOverTime_whenTrackingFromATime_thenEventsFromThatTimeArrive() throws Exception {
        eventStore.publish(started("counter-1"));
        Thread.sleep(30);
        Instant between = Instant.now();
        Thread.sleep(30);
        eventStore.publish(incremented("counter-1", 1, 2), incremented("counter-1", 2, 3));

        TrackingToken token = eventStore.createTokenAt(between);

        assertThat(payloads(engine.readEvents(token, false)))
                .containsExactly(new CounterIncremented(2), new CounterIncremented(3));
        assertThat(eventStore.createTokenAt(Instant.now().plusSeconds(60))).isEqualTo(eventStore.createHeadToken());
    }

    @Test
    void givenStoredEvents_whenTracked_thenEachMessageCarriesWhatTheStoreHolds() {
        UUID id = UUID.randomUUID();
        Instant occurredAt = Instant.parse("2026-12-05T10:00:00.123456Z");
        eventStore.publish(started("counter-1").andMetaData(Map.of("eventId", id.toString(),
                "occurredAt", occurredAt.toString(), "note", "kept")));

        TrackedEventMessage<?> read = engine.readEvents(null, false).findFirst().orElseThrow();

        DomainEventMessage<?> domain = (DomainEventMessage<?>) read;
        assertThat(domain.getPayload()).isEqualTo(new CounterStarted("test"));
        assertThat(domain.getPayloadType()).isEqualTo(CounterStarted.class);
        assertThat(domain.getIdentifier()).isEqualTo(id.toString());
        assertThat(domain.getTimestamp()).isEqualTo(occurredAt);
        assertThat(domain.getAggregateIdentifier()).isEqualTo("counter-1");
        assertThat(domain.getType()).isEqualTo("counter");
        assertThat(domain.getSequenceNumber()).isZero();
        assertThat(domain.getMetaData()).containsEntry("note", "kept").containsEntry("eventId", id.toString());
        assertThat(((GlobalSequenceTrackingToken) read.trackingToken()).getGlobalIndex())
                .isEqualTo(store.headPosition());
    }

    @Test
    void givenAStoredPayloadThatDoesNotDecode_whenTracked_thenItArrivesAndFailsOnlyWhenAHandlerReadsIt() {
        store.append("counter-9", ExpectedRevision.noStream(), List.of(new NewEvent(UUID.randomUUID(),
                "CounterIncremented", "{\"by\": \"not a number\"}".getBytes(UTF_8), "{}".getBytes(UTF_8))));
        eventStore.publish(started("counter-1"));

        List<? extends TrackedEventMessage<?>> read = engine.readEvents(null, false).toList();

        assertThat(read).hasSize(2);
        assertThat(read.get(0).getPayloadType()).isEqualTo(CounterIncremented.class);
        assertThatThrownBy(read.get(0)::getPayload).isInstanceOf(RuntimeException.class);
        assertThat(read.get(1).getPayload()).isEqualTo(new CounterStarted("test"));
    }

    @Test
    void givenAForeignToken_whenTracking_thenRejected() {
        TrackingToken foreign = new TrackingToken() {
            @Override
            public TrackingToken lowerBound(TrackingToken other) {
                return this;
            }

            @Override
            public TrackingToken upperBound(TrackingToken other) {
                return this;
            }

            @Override
            public boolean covers(TrackingToken other) {
                return false;
            }
        };

        assertThatThrownBy(() -> engine.readEvents(foreign, false).findFirst())
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- snapshots ------------------------------------------------------------------------------------------

    @Test
    void givenSnapshot_whenReadingTheAggregate_thenItStartsFromTheSnapshotAndItNeverReachesProcessors() {
        eventStore.publish(started("counter-1"), incremented("counter-1", 1, 2), incremented("counter-1", 2, 3));
        eventStore.storeSnapshot(new GenericDomainEventMessage<>("counter", "counter-1", 1, new CounterState(2)));
        eventStore.storeSnapshot(new GenericDomainEventMessage<>("counter", "counter-1", 2, new CounterState(5)));
        eventStore.publish(incremented("counter-1", 3, 4));

        List<? extends DomainEventMessage<?>> read = eventStore.readEvents("counter-1").asStream().toList();

        assertThat(payloads(read.stream())).containsExactly(new CounterState(5), new CounterIncremented(4));
        assertThat(read.get(0).getSequenceNumber()).isEqualTo(2);
        Optional<RecordedEvent> stored = store.readSnapshot("counter-1");
        assertThat(stored).hasValueSatisfying(s -> assertThat(s.type()).isEqualTo(CounterState.class.getName()));
        assertThat(types(engine.readEvents(null, false))).containsOnly(CounterStarted.class, CounterIncremented.class);
    }

    // --- aggregates through a repository --------------------------------------------------------------------

    @Test
    void givenAggregateOfAThousandEvents_whenLoadedThroughTheRepository_thenItsStateIsComplete() throws Exception {
        List<DomainEventMessage<?>> history = new ArrayList<>();
        history.add(started("counter-big"));
        for (int i = 1; i < 1_000; i++) {
            history.add(incremented("counter-big", i, 1));
            if (history.size() == 250) {
                eventStore.publish(history);
                history.clear();
            }
        }
        eventStore.publish(history);
        Repository<Counter> repository = EventSourcingRepository.builder(Counter.class).eventStore(eventStore).build();

        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            var counter = repository.load("counter-big");
            assertThat(counter.version()).isEqualTo(999L);
            assertThat(counter.invoke(Counter::value)).isEqualTo(999);
            assertThat(counter.identifierAsString()).isEqualTo("counter-big");
        } finally {
            unitOfWork.rollback();
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private static DomainEventMessage<?> started(String stream) {
        return new GenericDomainEventMessage<>("Counter", stream, 0, new CounterStarted("test"));
    }

    private static DomainEventMessage<?> incremented(String stream, long sequence, int by) {
        return new GenericDomainEventMessage<>("Counter", stream, sequence, new CounterIncremented(by));
    }

    private static List<Object> payloads(Stream<? extends Message<?>> messages) {
        return messages.map(m -> (Object) m.getPayload()).toList();
    }

    private static List<Class<?>> types(Stream<? extends Message<?>> messages) {
        return messages.<Class<?>>map(Message::getPayloadType).toList();
    }

    private List<RecordedEvent> storedEvents(String stream) {
        return ((StreamRead.Found) store.readStream(stream, 0, 1_000, Direction.FORWARDS)).events();
    }

    private List<TrackedEventMessage<?>> readTracked(TrackingToken from, int count) throws InterruptedException {
        List<TrackedEventMessage<?>> read = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(from)) {
            while (read.size() < count && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
                read.add(stream.nextAvailable());
            }
            assertThat(stream.hasNextAvailable(50, TimeUnit.MILLISECONDS)).isFalse();
        }
        return read;
    }

    /** Counts appends, to check that one unit of work is one append per stream. */
    private static final class CountingStore implements StreamStore {
        private final StreamStore delegate;
        final AtomicInteger appends = new AtomicInteger();

        CountingStore(StreamStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public AppendResult append(String stream, ExpectedRevision expected, List<NewEvent> events) {
            appends.incrementAndGet();
            return delegate.append(stream, expected, events);
        }

        @Override
        public StreamRead readStream(String stream, long fromRevision, int maxCount, Direction direction) {
            return delegate.readStream(stream, fromRevision, maxCount, direction);
        }

        @Override
        public List<RecordedEvent> readAll(long afterPosition, int maxCount) {
            return delegate.readAll(afterPosition, maxCount);
        }

        @Override
        public long headPosition() {
            return delegate.headPosition();
        }

        @Override
        public long positionBefore(Instant instant) {
            return delegate.positionBefore(instant);
        }

        @Override
        public Optional<Long> lastRevision(String stream) {
            return delegate.lastRevision(stream);
        }

        @Override
        public void storeSnapshot(String stream, long revision, NewEvent snapshot) {
            delegate.storeSnapshot(stream, revision, snapshot);
        }

        @Override
        public Optional<RecordedEvent> readSnapshot(String stream) {
            return delegate.readSnapshot(stream);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
