package dev.ante.infra.axon;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ante.domain.ExpectedRevision;
import dev.ante.infra.store.AppendResult;
import dev.ante.infra.store.CommittedAppend;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.sqlite.Durability;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentAppendsTest {

    record Scored(int points) {
    }

    private static final Instant AT = Instant.parse("2026-12-06T10:00:00.123456Z");

    @TempDir
    Path dir;

    private SqliteStreamStore store;

    @AfterEach
    void tearDown() {
        if (store != null) {
            store.close();
        }
    }

    // --- the ring ---------------------------------------------------------------------------------------------

    @Test
    void givenCommittedAppends_whenTakenFromJustBeforeTheFirst_thenTheyComeAsOneRunInPositionOrderAndAreReleased() {
        RecentAppends recent = new RecentAppends(64);
        List<NewEvent> first = events(3);
        List<NewEvent> second = events(2);
        handOver(recent, "game-a", 10, first);
        handOver(recent, "game-b", 13, second);

        List<RecentAppends.Appended> run = recent.take(9, 100);

        assertThat(run).extracting(a -> a.event().position()).containsExactly(10L, 11L, 12L, 13L, 14L);
        assertThat(run).extracting(a -> a.event().stream())
                .containsExactly("game-a", "game-a", "game-a", "game-b", "game-b");
        assertThat(run).extracting(a -> a.event().revision()).containsExactly(0L, 1L, 2L, 0L, 1L);
        assertThat(run.get(4).event().eventId()).isEqualTo(second.get(1).eventId());
        assertThat(run.get(4).payload()).isEqualTo(new Scored(1));
        assertThat(recent.take(9, 100)).as("taken events are released").isEmpty();
    }

    @Test
    void givenAHoleOrAFirstPositionNotHeld_whenTaken_thenTheRunStopsBeforeIt() {
        RecentAppends recent = new RecentAppends(64);
        handOver(recent, "game-a", 10, events(2));
        handOver(recent, "game-b", 20, events(2));

        assertThat(recent.take(8, 100)).as("position 9 is not held").isEmpty();
        assertThat(recent.take(9, 100)).extracting(a -> a.event().position()).containsExactly(10L, 11L);
        assertThat(recent.take(11, 100)).as("the log's 12 to 19 were not handed over").isEmpty();
        assertThat(recent.take(19, 1)).extracting(a -> a.event().position()).containsExactly(20L);
        assertThat(recent.take(20, 1)).extracting(a -> a.event().position()).containsExactly(21L);
    }

    @Test
    void givenPositionsAReaderHasAlreadyReadFromTheStore_whenTheirAppendIsHandedOverLate_thenItIsNotKept() {
        RecentAppends recent = new RecentAppends(64);
        recent.readPast(11);
        List<NewEvent> events = events(3);

        recent.committed(append("game-a", 0, 10, events), events, payloads(3));

        assertThat(recent.take(9, 100)).isEmpty();
        assertThat(recent.take(11, 100)).extracting(a -> a.event().position()).containsExactly(12L);
    }

    @Test
    void givenMoreAppendsThanTheRingHolds_whenAnOverwrittenPositionIsAskedFor_thenItIsNotHeld() {
        RecentAppends recent = new RecentAppends(5);
        assertThat(recent.capacity()).isEqualTo(8);
        List<NewEvent> events = events(12);

        recent.committed(append("game-a", 0, 0, events), events, payloads(12));

        assertThat(recent.take(-1, 100)).as("positions 0 to 3 were overwritten by 8 to 11").isEmpty();
        assertThat(recent.take(3, 100)).extracting(a -> a.event().position())
                .containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    }

    @Test
    void givenPayloadsThatDoNotMatchTheEvents_whenHandedOver_thenRefused() {
        RecentAppends recent = new RecentAppends(8);
        List<NewEvent> events = events(2);

        assertThatThrownBy(() -> recent.committed(append("game-a", 0, 0, events), events, payloads(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecentAppends(0)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- the embedded store's side ------------------------------------------------------------------------------

    @Test
    void givenConcurrentAppends_whenTheStoreTellsOfThem_thenInCommitOrderEachWithConsecutivePositionsAsTheLogHoldsThem()
            throws Exception {
        store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH);
        List<CommittedAppend> told = Collections.synchronizedList(new ArrayList<>());
        List<List<NewEvent>> appended = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String stream = "game-" + w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        List<NewEvent> events = events(1 + i % 5);
                        store.append(stream, ExpectedRevision.any(), events, committed -> {
                            told.add(committed);
                            appended.add(events);
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdown();
        }

        List<RecordedEvent> log = store.readAll(SqliteStreamStore.START, 10_000);
        List<RecordedEvent> handed = new ArrayList<>();
        for (int i = 0; i < told.size(); i++) {
            for (int e = 0; e < appended.get(i).size(); e++) {
                handed.add(told.get(i).recorded(e, appended.get(i).get(e)));
            }
        }
        assertThat(told).hasSize(200);
        assertThat(handed).hasSameSizeAs(log);
        for (int i = 0; i < log.size(); i++) {
            RecordedEvent stored = log.get(i);
            RecordedEvent told1 = handed.get(i);
            assertThat(told1.position()).isEqualTo(stored.position());
            assertThat(told1.stream()).isEqualTo(stored.stream());
            assertThat(told1.revision()).isEqualTo(stored.revision());
            assertThat(told1.eventId()).isEqualTo(stored.eventId());
            assertThat(told1.type()).isEqualTo(stored.type());
            assertThat(told1.recordedAt()).isEqualTo(stored.recordedAt());
            assertThat(told1.data()).isEqualTo(stored.data());
            assertThat(told1.metadata()).isEqualTo(stored.metadata());
        }
    }

    // --- the processors' reader ---------------------------------------------------------------------------------

    @Test
    void givenAppendsHandedOverAndOthersNot_whenTheLogIsTracked_thenEveryEventArrivesOnceInOrderAndHandedOnesAreNotDecodedAgain() {
        store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH);
        RecentAppends recent = new RecentAppends(1024);
        StreamStoreEventStorageEngine engine = engine(store, recent, 4);
        List<Scored> handedPayloads = new ArrayList<>();
        for (int game = 0; game < 6; game++) {
            int i = game;
            List<NewEvent> events = scored(3, i * 10);
            List<Scored> payloads = IntStream.range(0, 3).mapToObj(p -> new Scored(i * 10 + p)).toList();
            if (i == 2) {
                // Not handed over: the reader must find these in the log.
                store.append("game-" + i, ExpectedRevision.noStream(), events);
            } else {
                handedPayloads.addAll(payloads);
                store.append("game-" + i, ExpectedRevision.noStream(), events,
                        committed -> recent.committed(committed, events, payloads));
            }
        }

        List<RecordedEvent> log = store.readAll(SqliteStreamStore.START, 100);

        List<? extends TrackedEventMessage<?>> read = engine.readEvents(
                new GlobalSequenceTrackingToken(log.get(0).position() - 1), false).toList();

        assertThat(read).extracting(m -> ((GlobalSequenceTrackingToken) m.trackingToken()).getGlobalIndex())
                .containsExactlyElementsOf(log.stream().map(RecordedEvent::position).toList());
        List<Object> expected = IntStream.range(0, 6).boxed()
                .flatMap(i -> IntStream.range(0, 3).mapToObj(p -> (Object) new Scored(i * 10 + p))).toList();
        assertThat(read).extracting(m -> (Object) m.getPayload()).containsExactlyElementsOf(expected);
        assertThat(read).extracting(TrackedEventMessage::getTimestamp).containsOnly(AT);
        for (TrackedEventMessage<?> message : read) {
            Object payload = message.getPayload();
            int game = ((Scored) payload).points() / 10;
            boolean handed = handedPayloads.stream().anyMatch(p -> p == payload);
            // The hole (game 2) is read from the log a batch at a time, which takes in the start of game 3 too.
            if (game != 3) {
                assertThat(handed).as("payload %s handed over", payload).isEqualTo(game != 2);
            }
        }
        assertThat(engine.readEvents(null, false).toList()).as("a second reader reads the log")
                .extracting(m -> (Object) m.getPayload()).containsExactlyElementsOf(expected);
    }

    @Test
    void givenAPassThatTookEveryEventHandedOver_whenItEnds_thenTheStoreIsNotAsked_andAnAppendNotHandedOverIsReadInTheNextPass() {
        store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH);
        java.util.concurrent.atomic.AtomicInteger storeReads = new java.util.concurrent.atomic.AtomicInteger();
        dev.ante.infra.store.StreamStore counted = counting(storeReads);
        RecentAppends recent = new RecentAppends(64);
        StreamStoreEventStorageEngine engine = engine(counted, recent, 100);
        store.append("game-0", ExpectedRevision.noStream(), scored(1, 0));
        long start = store.headPosition();
        List<NewEvent> events = scored(3, 10);
        store.append("game-1", ExpectedRevision.noStream(), events,
                committed -> recent.committed(committed, events, IntStream.range(10, 13).mapToObj(Scored::new).toList()));

        List<? extends TrackedEventMessage<?>> handed = engine.readEvents(new GlobalSequenceTrackingToken(start), false)
                .toList();

        assertThat(handed).extracting(m -> (Object) m.getPayload())
                .containsExactly(new Scored(10), new Scored(11), new Scored(12));
        assertThat(storeReads).as("a pass that ends at the newest event handed over").hasValue(0);

        // Appended without being handed over (as Axon's own publishing does): the next pass asks the store.
        store.append("game-2", ExpectedRevision.noStream(), scored(1, 20));
        List<? extends TrackedEventMessage<?>> next = engine.readEvents(handed.get(2).trackingToken(), false).toList();

        assertThat(next).extracting(m -> (Object) m.getPayload()).containsExactly(new Scored(20));
        assertThat(storeReads.get()).isPositive();
    }

    @Test
    void givenAReaderThatReadTheStoreToItsEnd_whenAskedAgainWithNothingHandedOver_thenTheStoreWaitsForTheInterval() {
        store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH);
        java.util.concurrent.atomic.AtomicInteger storeReads = new java.util.concurrent.atomic.AtomicInteger();
        RecentAppends recent = new RecentAppends(64);
        store.append("game-0", ExpectedRevision.noStream(), scored(2, 0));
        StreamStoreEventStorageEngine patient = engine(counting(storeReads), recent, 100, java.time.Duration.ofHours(1));
        GlobalSequenceTrackingToken start = new GlobalSequenceTrackingToken(store.headPosition() - 2);

        assertThat(patient.fetchTrackedEvents(start, 100)).hasSize(2);
        GlobalSequenceTrackingToken end = new GlobalSequenceTrackingToken(store.headPosition());
        assertThat(patient.fetchTrackedEvents(end, 100)).isEmpty();
        assertThat(patient.fetchTrackedEvents(end, 100)).isEmpty();
        assertThat(storeReads).as("the end was found by the first read").hasValue(1);

        // A hand-over is taken without the store; a position before the end found is read from it.
        List<NewEvent> events = scored(1, 10);
        store.append("game-1", ExpectedRevision.noStream(), events,
                committed -> recent.committed(committed, events, List.of(new Scored(10))));
        assertThat(patient.fetchTrackedEvents(end, 100)).extracting(d -> ((GlobalSequenceTrackingToken)
                d.trackingToken()).getGlobalIndex()).containsExactly(store.headPosition());
        assertThat(storeReads).hasValue(1);
        assertThat(patient.fetchTrackedEvents(start, 100)).hasSize(3);
        assertThat(storeReads).hasValue(2);

        StreamStoreEventStorageEngine eager = engine(counting(storeReads), recent, 100, java.time.Duration.ZERO);
        GlobalSequenceTrackingToken head = new GlobalSequenceTrackingToken(store.headPosition());
        assertThat(eager.fetchTrackedEvents(head, 100)).isEmpty();
        assertThat(eager.fetchTrackedEvents(head, 100)).isEmpty();
        assertThat(storeReads).as("with no interval every look asks the store").hasValue(4);
    }

    @Test
    void givenAReaderThatReadTheStoreToItsEnd_whenAxonAppendsThroughTheEngine_thenTheNextLookReadsTheStore() {
        store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH);
        java.util.concurrent.atomic.AtomicInteger storeReads = new java.util.concurrent.atomic.AtomicInteger();
        StreamStoreEventStorageEngine engine = engine(counting(storeReads), new RecentAppends(64), 100,
                java.time.Duration.ofHours(1));
        store.append("game-0", ExpectedRevision.noStream(), scored(1, 0));
        GlobalSequenceTrackingToken end = new GlobalSequenceTrackingToken(store.headPosition());
        assertThat(engine.fetchTrackedEvents(end, 100)).isEmpty();
        assertThat(engine.fetchTrackedEvents(end, 100)).isEmpty();
        assertThat(storeReads).hasValue(1);

        engine.appendEvents(new org.axonframework.eventhandling.GenericDomainEventMessage<>("game", "game-9", 0,
                new Scored(90)));

        assertThat(engine.fetchTrackedEvents(end, 100)).extracting(d -> ((GlobalSequenceTrackingToken)
                d.trackingToken()).getGlobalIndex()).containsExactly(store.headPosition());
        assertThat(storeReads).hasValue(2);
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static StreamStoreEventStorageEngine engine(dev.ante.infra.store.StreamStore over, RecentAppends recent,
                                                        int batchSize) {
        return engine(over, recent, batchSize, java.time.Duration.ofMillis(100));
    }

    private static StreamStoreEventStorageEngine engine(dev.ante.infra.store.StreamStore over, RecentAppends recent,
                                                        int batchSize, java.time.Duration storeLookInterval) {
        return StreamStoreEventStorageEngine.builder()
                .storeLookInterval(storeLookInterval)
                .streamStore(over)
                .eventSerializer(JacksonSerializer.builder()
                        .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build())
                .payloadTypeNames(PayloadTypeNames.of(Map.of("Scored", Scored.class)))
                .recentAppends(recent)
                .batchSize(batchSize)
                .build();
    }

    /** The store, counting its {@code readAll} calls in {@code reads}. */
    private dev.ante.infra.store.StreamStore counting(java.util.concurrent.atomic.AtomicInteger reads) {
        return (dev.ante.infra.store.StreamStore) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {dev.ante.infra.store.StreamStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("readAll")) {
                        reads.incrementAndGet();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Hands over {@code events} as an append to a new {@code stream} at {@code position}, payloads 0, 1, … */
    private static void handOver(RecentAppends recent, String stream, long position, List<NewEvent> events) {
        recent.committed(append(stream, 0, position, events), events, payloads(events.size()));
    }

    private static CommittedAppend append(String stream, long firstRevision, long firstPosition, List<NewEvent> events) {
        return new CommittedAppend(new AppendResult(stream, firstRevision, firstRevision + events.size() - 1,
                firstPosition + events.size() - 1), firstPosition, AT);
    }

    private static List<NewEvent> events(int count) {
        return IntStream.range(0, count).mapToObj(i -> new NewEvent(UUID.randomUUID(), "Scored",
                ("{\"points\":" + i + "}").getBytes(UTF_8), "{}".getBytes(UTF_8))).toList();
    }

    private static List<NewEvent> scored(int count, int from) {
        return IntStream.range(0, count).mapToObj(i -> new NewEvent(UUID.randomUUID(), "Scored",
                ("{\"points\":" + (from + i) + "}").getBytes(UTF_8),
                ("{\"occurredAt\":\"" + AT + "\"}").getBytes(UTF_8))).toList();
    }

    private static List<Object> payloads(int count) {
        return IntStream.range(0, count).mapToObj(Scored::new).map(Object.class::cast).toList();
    }
}
