package dev.ante.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.RunId;
import dev.ante.domain.learning.LearningEvent;
import dev.ante.domain.learning.MetricRecorded;
import dev.ante.domain.learning.RecordMetrics;
import dev.ante.infra.codec.EventCodec;
import dev.ante.infra.store.Direction;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StoreUnavailableException;
import dev.ante.infra.store.StreamRead;
import dev.ante.infra.store.StreamStore;
import dev.ante.infra.store.sqlite.Durability;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write path against a real SQLite store that other writers append to behind its back: a batch is
 * decided again on the stream as stored, never written twice, and refused only when the store keeps moving.
 */
class RecorderTest {

    private static final RunId RUN = RunId.of("r-1");
    private static final String STREAM = RUN.streamName();
    private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123456Z");

    @TempDir
    Path dir;

    private SqliteStreamStore sqlite;
    private final EventCodec codec = new EventCodec();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicInteger wakeUps = new AtomicInteger();
    /** Appends by another writer still to make, each just before one of the recorder's appends. */
    private final AtomicInteger racing = new AtomicInteger();
    /** Appends of the recorder's still to fail as if the store had gone away. */
    private final AtomicInteger failing = new AtomicInteger();
    private Recorder recorder;

    @BeforeEach
    void setUp() {
        sqlite = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH);
        recorder = new Recorder(withOtherWriters(sqlite), codec, wakeUps::incrementAndGet, null, 0, 100_000, meters);
    }

    @AfterEach
    void tearDown() {
        sqlite.close();
    }

    @Test
    void givenAnotherWriterAppendsBeforeEachOfTwoAttempts_whenABatchArrives_thenItIsAppendedAfterTheirEvents() {
        recorder.handle(batch(ExpectedRevision.any(), metric(0)));
        racing.set(2);

        Recorded recorded = recorder.handle(batch(ExpectedRevision.any(), metric(1), metric(2)));

        assertThat(recorded.outcome().firstRevision()).isEqualTo(3L);
        assertThat(recorded.outcome().lastRevision()).isEqualTo(4L);
        List<RecordedEvent> stored = stored();
        assertThat(stored).hasSize(5);
        assertThat(recorded.position()).hasValue(stored.get(4).position());
        assertThat(stored.get(3).eventId()).isEqualTo(id(1));
        assertThat(loads()).isEqualTo(3.0);
        assertThat(wakeUps).hasValue(2);
    }

    @Test
    void givenTheStoreMovesOnEveryTime_whenABatchArrives_thenItIsRefusedAsConcurrentAndNothingIsWritten() {
        recorder.handle(batch(ExpectedRevision.any(), metric(0)));
        racing.set(Recorder.ATTEMPTS);

        assertThatThrownBy(() -> recorder.handle(batch(ExpectedRevision.any(), metric(1))))
                .isInstanceOf(ConcurrentAppendException.class)
                .satisfies(e -> assertThat(((ConcurrentAppendException) e).actualRevision()).isEqualTo(3));
        assertThat(stored()).extracting(RecordedEvent::eventId).doesNotContain(id(1));

        Recorded retried = recorder.handle(batch(ExpectedRevision.any(), metric(1)));
        assertThat(retried.outcome().firstRevision()).isEqualTo(4L);
    }

    @Test
    void givenACallerPinnedRevisionThatAnotherWriterPassed_whenTheBatchIsDecidedAgain_thenItIsAWrongExpectedRevision() {
        recorder.handle(batch(ExpectedRevision.any(), metric(0)));
        racing.set(1);

        assertThatThrownBy(() -> recorder.handle(batch(ExpectedRevision.exact(0), metric(1))))
                .isInstanceOf(dev.ante.domain.WrongExpectedRevisionException.class);
        assertThat(stored()).hasSize(2);
    }

    @Test
    void givenAnAppendThatFailed_whenTheNextBatchArrives_thenTheStreamIsReadAgainAndARetryIsADuplicateOfNothing() {
        recorder.handle(batch(ExpectedRevision.any(), metric(0)));
        failing.set(1);

        assertThatThrownBy(() -> recorder.handle(batch(ExpectedRevision.any(), metric(1))))
                .isInstanceOf(StoreUnavailableException.class);
        Recorded retried = recorder.handle(batch(ExpectedRevision.any(), metric(1)));

        assertThat(retried.outcome().appended()).isEqualTo(1);
        assertThat(retried.outcome().firstRevision()).isEqualTo(1L);
        assertThat(loads()).isEqualTo(2.0);
    }

    @Test
    void givenARetriedBatch_whenAllItsEventsAreRecorded_thenNothingIsAppendedAndNoPositionIsGiven() {
        recorder.handle(batch(ExpectedRevision.any(), metric(0), metric(1)));

        Recorded retried = recorder.handle(batch(ExpectedRevision.exact(7), metric(0), metric(1)));

        assertThat(retried.outcome().appended()).isZero();
        assertThat(retried.outcome().duplicates()).isEqualTo(2);
        assertThat(retried.position()).isEmpty();
        assertThat(stored()).hasSize(2);
        assertThat(wakeUps).hasValue(1);
    }

    @Test
    void givenALongStreamReadAgainFromTheStore_whenItsEventsComeBack_thenEachIsComparedWithTheLogAtItsRevision() {
        List<IncomingEvent<LearningEvent>> recorded = java.util.stream.IntStream.range(0, 1_200)
                .mapToObj(RecorderTest::metric).toList();
        recorder.handle(new RecordMetrics(RUN, ExpectedRevision.noStream(), recorded));
        recorder.forgetAll();

        Recorded retried = recorder.handle(new RecordMetrics(RUN, ExpectedRevision.any(), recorded));
        Recorded mixed = recorder.handle(batch(ExpectedRevision.any(), metric(5), metric(1_200), metric(1_199)));

        assertThat(retried.outcome().duplicates()).isEqualTo(1_200);
        assertThat(retried.outcome().appended()).isZero();
        assertThat(mixed.outcome().duplicateIndexes()).containsExactly(0, 2);
        assertThat(mixed.outcome().firstRevision()).isEqualTo(1_200L);
        IncomingEvent<LearningEvent> reused = new IncomingEvent<>(id(1_100), AT,
                new MetricRecorded(1_100, "loss", 0.5, null));
        IncomingEvent<LearningEvent> movedInTime = new IncomingEvent<>(id(3), AT.plusSeconds(1),
                metric(3).data());
        assertThatThrownBy(() -> recorder.handle(batch(ExpectedRevision.any(), metric(1_201), reused)))
                .isInstanceOfSatisfying(dev.ante.domain.EventIdConflictException.class, e -> {
                    assertThat(e.index()).isEqualTo(1);
                    assertThat(e.recordedRevision()).isEqualTo(1_100);
                });
        assertThatThrownBy(() -> recorder.handle(batch(ExpectedRevision.any(), movedInTime)))
                .isInstanceOf(dev.ante.domain.EventIdConflictException.class);
        assertThat(sqlite.lastRevision(STREAM)).contains(1_200L);
    }

    private double loads() {
        return meters.get("ante_write_stream_loads").tag("from", "events").counter().count();
    }

    private List<RecordedEvent> stored() {
        return ((StreamRead.Found) sqlite.readStream(STREAM, 0, 100, Direction.FORWARDS)).events();
    }

    /** The store as this recorder sees it, with other writers racing it and failures on demand. */
    private StreamStore withOtherWriters(StreamStore store) {
        return (StreamStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {StreamStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("append")) {
                        if (failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            throw new StoreUnavailableException("the disk went away", null);
                        }
                        if (racing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            long last = store.lastRevision(STREAM).orElse(-1L);
                            store.append(STREAM, ExpectedRevision.of(last), List.of(codec.encode(UUID.randomUUID(), AT,
                                    new MetricRecorded(1000 + last, "other", 1.0, null))));
                        }
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @SafeVarargs
    private static RecordMetrics batch(ExpectedRevision expected, IncomingEvent<LearningEvent>... events) {
        return new RecordMetrics(RUN, expected, List.of(events));
    }

    private static IncomingEvent<LearningEvent> metric(int step) {
        return new IncomingEvent<>(id(step), AT, new MetricRecorded(step, "loss", 1.0 / (step + 1), null));
    }

    private static UUID id(int step) {
        return UUID.nameUUIDFromBytes(("metric-" + step).getBytes());
    }
}
