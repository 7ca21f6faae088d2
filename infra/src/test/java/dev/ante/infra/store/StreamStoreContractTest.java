package dev.ante.infra.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.WrongExpectedRevisionException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link StreamStore} backend must share. A backend's test extends this class and
 * supplies {@link #createStore(Path)}.
 *
 * <p>Streams get unique names, and assertions about the global log start from the head observed at the
 * beginning of a test, so the suite can also run against a shared server that other tests write to. Tests
 * that need a store of their own are skipped unless {@link #storeIsPrivateToTheTest()} says so.
 */
public abstract class StreamStoreContractTest {

    @TempDir
    protected Path dir;

    protected StreamStore store;

    /** Opens a fresh store; {@code dir} is an empty directory the backend may use. */
    protected abstract StreamStore createStore(Path dir);

    /** Whether nobody but the test writes to the store that {@link #createStore} returns. */
    protected boolean storeIsPrivateToTheTest() {
        return true;
    }

    @BeforeEach
    void openStore() {
        store = createStore(dir);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    // --- appends and revisions ----------------------------------------------------------------------------

    @Test
    void givenNoStream_whenAppending_thenRevisionsStartAtZeroAndAreDense() {
        String stream = newStream();

        AppendResult result = store.append(stream, ExpectedRevision.noStream(), events(3));

        assertThat(result.stream()).isEqualTo(stream);
        assertThat(result.firstRevision()).isZero();
        assertThat(result.lastRevision()).isEqualTo(2);
        assertThat(revisionsOf(readForwards(stream))).containsExactly(0L, 1L, 2L);
    }

    @Test
    void givenExistingStream_whenAppendingAgain_thenRevisionsContinueWithoutGaps() {
        String stream = newStream();
        store.append(stream, ExpectedRevision.noStream(), events(2));

        AppendResult result = store.append(stream, ExpectedRevision.exact(1), events(3));

        assertThat(result.firstRevision()).isEqualTo(2);
        assertThat(result.lastRevision()).isEqualTo(4);
        assertThat(revisionsOf(readForwards(stream))).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(store.lastRevision(stream)).contains(4L);
    }

    @Test
    void givenSeveralEvents_whenAppending_thenTheyAreStoredTogetherInOrder() {
        String stream = newStream();
        List<NewEvent> batch = events(5);

        AppendResult result = store.append(stream, ExpectedRevision.any(), batch);

        List<RecordedEvent> read = readForwards(stream);
        assertThat(read).extracting(RecordedEvent::eventId)
                .containsExactlyElementsOf(batch.stream().map(NewEvent::eventId).toList());
        assertThat(read.get(4).position()).isEqualTo(result.lastPosition());
    }

    @Test
    void givenConflictingAppend_whenItFails_thenNoneOfItsEventsIsStored() {
        String stream = newStream();
        store.append(stream, ExpectedRevision.noStream(), events(1));
        long head = store.headPosition();

        assertThatThrownBy(() -> store.append(stream, ExpectedRevision.exact(7), events(4)))
                .isInstanceOf(WrongExpectedRevisionException.class);

        assertThat(readForwards(stream)).hasSize(1);
        assertThat(readAllAfter(head)).noneMatch(e -> e.stream().equals(stream));
    }

    @Test
    void givenExpectationAny_whenAppendingToMissingAndExistingStreams_thenBothSucceed() {
        String stream = newStream();

        store.append(stream, ExpectedRevision.any(), events(1));
        AppendResult second = store.append(stream, ExpectedRevision.any(), events(1));

        assertThat(second.lastRevision()).isEqualTo(1);
    }

    @Test
    void givenExistingStream_whenExpectingNoStream_thenConflictCarriesTheActualRevision() {
        String stream = newStream();
        store.append(stream, ExpectedRevision.noStream(), events(3));

        assertThatThrownBy(() -> store.append(stream, ExpectedRevision.noStream(), events(1)))
                .isInstanceOfSatisfying(WrongExpectedRevisionException.class, e -> {
                    assertThat(e.stream()).isEqualTo(stream);
                    assertThat(e.expected()).isEqualTo(ExpectedRevision.noStream());
                    assertThat(e.actualRevision()).isEqualTo(2);
                });
    }

    @Test
    void givenExistingStream_whenExpectingAnotherRevision_thenConflictCarriesTheActualRevision() {
        String stream = newStream();
        store.append(stream, ExpectedRevision.noStream(), events(3));

        assertThatThrownBy(() -> store.append(stream, ExpectedRevision.exact(1), events(1)))
                .isInstanceOfSatisfying(WrongExpectedRevisionException.class, e -> {
                    assertThat(e.expected()).isEqualTo(ExpectedRevision.exact(1));
                    assertThat(e.actualRevision()).isEqualTo(2);
                });
        assertThatThrownBy(() -> store.append(stream, ExpectedRevision.exact(5), events(1)))
                .isInstanceOfSatisfying(WrongExpectedRevisionException.class,
                        e -> assertThat(e.actualRevision()).isEqualTo(2));
    }

    @Test
    void givenMissingStream_whenExpectingARevision_thenConflictSaysThereIsNoStream() {
        String stream = newStream();

        assertThatThrownBy(() -> store.append(stream, ExpectedRevision.exact(0), events(1)))
                .isInstanceOfSatisfying(WrongExpectedRevisionException.class,
                        e -> assertThat(e.actualRevision()).isEqualTo(-1));
        assertThat(store.readStream(stream, 0, 10, Direction.FORWARDS)).isInstanceOf(StreamRead.NotFound.class);
    }

    @Test
    void givenFirstRevision_whenDerivingTheExpectation_thenZeroMeansNoStream() {
        String stream = newStream();

        store.append(stream, ExpectedRevision.before(0), events(2));
        store.append(stream, ExpectedRevision.before(2), events(1));

        assertThatThrownBy(() -> store.append(stream, ExpectedRevision.before(0), events(1)))
                .isInstanceOfSatisfying(WrongExpectedRevisionException.class,
                        e -> assertThat(e.actualRevision()).isEqualTo(2));
    }

    // --- reading one stream -------------------------------------------------------------------------------

    @Test
    void givenMissingStream_whenReading_thenNotFoundRatherThanEmpty() {
        String stream = newStream();

        assertThat(store.readStream(stream, 0, 10, Direction.FORWARDS))
                .isEqualTo(new StreamRead.NotFound(stream));
        assertThat(store.readStream(stream, 0, 10, Direction.BACKWARDS))
                .isEqualTo(new StreamRead.NotFound(stream));
        assertThat(store.lastRevision(stream)).isEmpty();
    }

    @Test
    void givenLongStream_whenPagingForwards_thenPagesFollowEachOther() {
        String stream = newStream();
        store.append(stream, ExpectedRevision.noStream(), events(25));

        StreamRead.Found first = found(store.readStream(stream, 0, 10, Direction.FORWARDS));
        StreamRead.Found second = found(store.readStream(stream, 10, 10, Direction.FORWARDS));
        StreamRead.Found third = found(store.readStream(stream, 20, 10, Direction.FORWARDS));
        StreamRead.Found beyond = found(store.readStream(stream, 25, 10, Direction.FORWARDS));

        assertThat(revisionsOf(first.events())).containsExactlyElementsOf(range(0, 10));
        assertThat(revisionsOf(second.events())).containsExactlyElementsOf(range(10, 20));
        assertThat(revisionsOf(third.events())).containsExactlyElementsOf(range(20, 25));
        assertThat(beyond.events()).isEmpty();
        assertThat(List.of(first, second, third, beyond)).allMatch(page -> page.lastRevision() == 24);
    }

    @Test
    void givenLongStream_whenPagingBackwards_thenEventsComeNewestFirst() {
        String stream = newStream();
        store.append(stream, ExpectedRevision.noStream(), events(25));

        StreamRead.Found first = found(store.readStream(stream, 24, 10, Direction.BACKWARDS));
        StreamRead.Found last = found(store.readStream(stream, 4, 10, Direction.BACKWARDS));
        StreamRead.Found fromFarAhead = found(store.readStream(stream, 1_000, 3, Direction.BACKWARDS));

        assertThat(revisionsOf(first.events())).containsExactly(24L, 23L, 22L, 21L, 20L, 19L, 18L, 17L, 16L, 15L);
        assertThat(revisionsOf(last.events())).containsExactly(4L, 3L, 2L, 1L, 0L);
        assertThat(revisionsOf(fromFarAhead.events())).containsExactly(24L, 23L, 22L);
        assertThat(first.lastRevision()).isEqualTo(24);
    }

    // --- the global log -------------------------------------------------------------------------------------

    @Test
    void givenEvents_whenReadingAllAfterAPosition_thenThatPositionIsExcluded() {
        String stream = newStream();
        long head = store.headPosition();
        store.append(stream, ExpectedRevision.noStream(), events(5));
        List<RecordedEvent> all = readAllAfter(head);

        List<RecordedEvent> afterSecond = readAllAfter(all.get(1).position());

        assertThat(afterSecond).extracting(RecordedEvent::revision).startsWith(2L, 3L, 4L);
        assertThat(afterSecond).noneMatch(e -> e.position() <= all.get(1).position());
    }

    @Test
    void givenAppendsToSeveralStreams_whenReadingAll_thenEventsComeInAppendOrder() {
        String a = newStream();
        String b = newStream();
        long head = store.headPosition();

        store.append(a, ExpectedRevision.any(), events(2));
        store.append(b, ExpectedRevision.any(), events(1));
        store.append(a, ExpectedRevision.any(), events(1));
        store.append(b, ExpectedRevision.any(), events(2));

        List<String> order = readAllAfter(head).stream()
                .filter(e -> e.stream().equals(a) || e.stream().equals(b))
                .map(e -> e.stream() + "@" + e.revision())
                .toList();
        assertThat(order).containsExactly(a + "@0", a + "@1", b + "@0", a + "@2", b + "@1", b + "@2");
    }

    @Test
    void givenManyAppends_whenReadingAll_thenPositionsStrictlyIncrease() {
        long head = store.headPosition();
        List<AppendResult> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(store.append(newStream(), ExpectedRevision.noStream(), events(1 + i % 3)));
        }

        List<RecordedEvent> all = readAllAfter(head);

        assertThat(all).extracting(RecordedEvent::position).isSorted().doesNotHaveDuplicates();
        assertThat(all.get(0).position()).isGreaterThan(head);
        assertThat(results).extracting(AppendResult::lastPosition).isSorted().doesNotHaveDuplicates();
        Map<Long, RecordedEvent> byPosition = new HashMap<>();
        all.forEach(e -> byPosition.put(e.position(), e));
        for (AppendResult result : results) {
            RecordedEvent last = byPosition.get(result.lastPosition());
            assertThat(last).isNotNull();
            assertThat(last.stream()).isEqualTo(result.stream());
            assertThat(last.revision()).isEqualTo(result.lastRevision());
        }
    }

    @Test
    void givenPagesOfTheLog_whenReadingAllWithMaxCount_thenPagesFollowEachOther() {
        long head = store.headPosition();
        String stream = newStream();
        store.append(stream, ExpectedRevision.noStream(), events(7));

        List<RecordedEvent> first = store.readAll(head, 3);
        List<RecordedEvent> second = store.readAll(first.get(2).position(), 3);

        assertThat(first).hasSize(3);
        assertThat(second).hasSize(3);
        assertThat(second.get(0).position()).isGreaterThan(first.get(2).position());
    }

    @Test
    void givenEmptyStore_whenAskingForTheHead_thenItIsStart() {
        assumeThat(storeIsPrivateToTheTest()).isTrue();

        assertThat(store.headPosition()).isEqualTo(StreamStore.START);
        assertThat(store.readAll(StreamStore.START, 10)).isEmpty();
    }

    @Test
    void givenAppends_whenAskingForTheHead_thenItIsTheLastPosition() {
        store.append(newStream(), ExpectedRevision.noStream(), events(2));
        AppendResult last = store.append(newStream(), ExpectedRevision.noStream(), events(3));

        if (storeIsPrivateToTheTest()) {
            assertThat(store.headPosition()).isEqualTo(last.lastPosition());
        } else {
            assertThat(store.headPosition()).isGreaterThanOrEqualTo(last.lastPosition());
        }
    }

    @Test
    void givenEventsRecordedOverTime_whenAskingForThePositionBeforeAnInstant_thenReadingAfterItStartsThere()
            throws InterruptedException {
        String stream = newStream();
        AppendResult early = store.append(stream, ExpectedRevision.noStream(), events(3));
        Thread.sleep(50);
        Instant between = Instant.now();
        Thread.sleep(50);
        store.append(stream, ExpectedRevision.exact(2), events(2));

        long position = store.positionBefore(between);

        assertThat(position).isEqualTo(early.lastPosition());
        assertThat(store.readAll(position, 1)).singleElement().satisfies(e -> {
            assertThat(e.stream()).isEqualTo(stream);
            assertThat(e.revision()).isEqualTo(3);
        });
        assertThat(store.positionBefore(Instant.EPOCH)).isEqualTo(StreamStore.START);
        assertThat(store.positionBefore(Instant.now().plus(Duration.ofDays(1)))).isEqualTo(store.headPosition());
    }

    @Test
    void givenAnEvent_whenAskingForThePositionBeforeTheInstantItWasRecorded_thenItIsExcluded() {
        String stream = newStream();
        store.append(stream, ExpectedRevision.noStream(), events(1));
        RecordedEvent recorded = readForwards(stream).get(0);

        assertThat(store.positionBefore(recorded.recordedAt())).isLessThan(recorded.position());
        assertThat(store.positionBefore(recorded.recordedAt().plusMillis(1)))
                .isGreaterThanOrEqualTo(recorded.position());
    }

    // --- snapshots ------------------------------------------------------------------------------------------

    @Test
    void givenNoSnapshot_whenReadingIt_thenEmpty() {
        assertThat(store.readSnapshot(newStream())).isEmpty();
    }

    @Test
    void givenTwoSnapshots_whenReadingTheSnapshot_thenOnlyTheLatestIsKept() {
        String stream = newStream();
        store.append(stream, ExpectedRevision.noStream(), events(12));
        store.storeSnapshot(stream, 4, event("Snapshot", "{\"upTo\":4}"));
        NewEvent latest = event("Snapshot", "{\"upTo\":11}");

        store.storeSnapshot(stream, 11, latest);

        Optional<RecordedEvent> snapshot = store.readSnapshot(stream);
        assertThat(snapshot).hasValueSatisfying(s -> {
            assertThat(s.revision()).isEqualTo(11);
            assertThat(s.eventId()).isEqualTo(latest.eventId());
            assertThat(s.type()).isEqualTo("Snapshot");
            assertThat(s.data()).isEqualTo(latest.data());
        });
    }

    @Test
    void givenSnapshots_whenReadingAllAndTheStream_thenNoSnapshotAppears() {
        long head = store.headPosition();
        String stream = newStream();
        store.append(stream, ExpectedRevision.noStream(), events(3));
        NewEvent snapshot = event("Snapshot", "{\"state\":1}");

        store.storeSnapshot(stream, 2, snapshot);
        store.append(stream, ExpectedRevision.exact(2), events(1));

        assertThat(readAllAfter(head)).noneMatch(e -> e.eventId().equals(snapshot.eventId()))
                .noneMatch(e -> e.type().equals("Snapshot"));
        assertThat(revisionsOf(readForwards(stream))).containsExactly(0L, 1L, 2L, 3L);
        assertThat(store.lastRevision(stream)).contains(3L);
    }

    // --- concurrency ----------------------------------------------------------------------------------------

    @Test
    @Timeout(60)
    void givenConcurrentAppendersToOneStream_whenTheyRaceForEachRevision_thenExactlyOneWinsEachTime()
            throws Exception {
        String stream = newStream();
        int writers = 4;
        int rounds = 15;
        CyclicBarrier barrier = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<Long>>> wins = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                wins.add(pool.submit(() -> {
                    List<Long> won = new ArrayList<>();
                    for (long round = 0; round < rounds; round++) {
                        barrier.await(20, TimeUnit.SECONDS);
                        try {
                            AppendResult result = store.append(stream, ExpectedRevision.before(round * 2), events(2));
                            won.add(result.firstRevision());
                        } catch (WrongExpectedRevisionException e) {
                            assertThat(e.actualRevision()).isEqualTo(round * 2 + 1);
                        }
                        barrier.await(20, TimeUnit.SECONDS);
                    }
                    return won;
                }));
            }
            List<Long> allWins = new ArrayList<>();
            for (Future<List<Long>> f : wins) {
                allWins.addAll(f.get(60, TimeUnit.SECONDS));
            }
            Collections.sort(allWins);
            assertThat(allWins).containsExactlyElementsOf(
                    IntStream.range(0, rounds).mapToObj(r -> r * 2L).toList());
        } finally {
            pool.shutdownNow();
        }
        assertThat(revisionsOf(readForwards(stream))).containsExactlyElementsOf(range(0, rounds * 2));
    }

    @Test
    @Timeout(60)
    void givenConcurrentAppendersRetryingOnConflict_whenAllFinish_thenTheStreamHasNoGaps() throws Exception {
        String stream = newStream();
        int writers = 4;
        int appendsEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                done.add(pool.submit(() -> {
                    int appended = 0;
                    while (appended < appendsEach) {
                        long next = store.lastRevision(stream).map(r -> r + 1).orElse(0L);
                        try {
                            store.append(stream, ExpectedRevision.before(next), events(3));
                            appended++;
                        } catch (WrongExpectedRevisionException e) {
                            assertThat(e.actualRevision()).isGreaterThanOrEqualTo(next);
                        }
                    }
                    return appended;
                }));
            }
            for (Future<Integer> f : done) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(appendsEach);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(revisionsOf(readForwards(stream))).containsExactlyElementsOf(range(0, writers * appendsEach * 3));
    }

    @Test
    @Timeout(60)
    void givenConcurrentAppendersToDifferentStreams_whenAllFinish_thenEveryAppendIsWholeAndContiguous()
            throws Exception {
        long head = store.headPosition();
        int writers = 4;
        int appendsEach = 40;
        int batch = 5;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<AppendResult> results = Collections.synchronizedList(new ArrayList<>());
        List<String> streams = IntStream.range(0, writers).mapToObj(i -> newStream()).toList();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String stream : streams) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < appendsEach; i++) {
                        results.add(store.append(stream, ExpectedRevision.before((long) i * batch), events(batch)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<RecordedEvent> all = readAllAfter(head).stream().filter(e -> streams.contains(e.stream())).toList();
        assertThat(all).hasSize(writers * appendsEach * batch);
        for (String stream : streams) {
            assertThat(revisionsOf(all.stream().filter(e -> e.stream().equals(stream)).toList()))
                    .containsExactlyElementsOf(range(0, appendsEach * batch));
        }
        Map<Long, Integer> indexByPosition = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            indexByPosition.put(all.get(i).position(), i);
        }
        for (AppendResult result : results) {
            int last = indexByPosition.get(result.lastPosition());
            List<RecordedEvent> block = all.subList(last - batch + 1, last + 1);
            assertThat(block).allMatch(e -> e.stream().equals(result.stream()));
            assertThat(revisionsOf(block)).containsExactlyElementsOf(
                    range(result.firstRevision(), result.lastRevision() + 1));
        }
    }

    // --- content --------------------------------------------------------------------------------------------

    @Test
    void givenEventWithOddlyFormattedJson_whenReadingIt_thenEveryByteAndFieldComesBack() {
        String stream = newStream();
        byte[] data = "{ \"a\" :1,\n\t\"b\":[1.50, 2e3, null],\"s\":\"quote \\\" slash \\\\ \\u0041\"  }"
                .getBytes(UTF_8);
        byte[] metadata = "{\"occurredAt\":\"2026-11-23T10:15:30.123456Z\",\"eventId\":\"x\"}".getBytes(UTF_8);
        NewEvent event = new NewEvent(UUID.randomUUID(), "HandPlayed", data, metadata);
        Instant before = Instant.now().minusSeconds(5);
        long head = store.headPosition();

        store.append(stream, ExpectedRevision.noStream(), List.of(event));

        RecordedEvent read = readForwards(stream).get(0);
        assertThat(read.stream()).isEqualTo(stream);
        assertThat(read.eventId()).isEqualTo(event.eventId());
        assertThat(read.type()).isEqualTo("HandPlayed");
        assertThat(read.data()).isEqualTo(data);
        assertThat(read.metadata()).isEqualTo(metadata);
        assertThat(read.recordedAt()).isBetween(before, Instant.now().plusSeconds(5));
        // Read after a position the store handed out: KurrentDB rejects positions that do not start an event.
        RecordedEvent viaAll = readAllAfter(head).stream()
                .filter(e -> e.eventId().equals(event.eventId())).findFirst().orElseThrow();
        assertThat(viaAll.position()).isEqualTo(read.position());
        assertThat(viaAll.data()).isEqualTo(data);
        assertThat(viaAll.metadata()).isEqualTo(metadata);
        assertThat(viaAll.eventId()).isEqualTo(event.eventId());
    }

    @Test
    void givenEventWithoutMetadata_whenReadingIt_thenMetadataIsAnEmptyObject() {
        String stream = newStream();

        store.append(stream, ExpectedRevision.noStream(),
                List.of(new NewEvent(UUID.randomUUID(), "BlindSkipped", "{}".getBytes(UTF_8), null)));

        assertThat(new String(readForwards(stream).get(0).metadata(), UTF_8)).isEqualTo("{}");
    }

    @Test
    void givenUnicodeData_whenReadingIt_thenItIsUnchanged() {
        String stream = newStream();
        String json = "{\"joker\":\"Jöker ∞ 小丑 🃏\",\"combining\":\"e\u0301\",\"rtl\":\"جوكر\"}";

        store.append(stream, ExpectedRevision.noStream(), List.of(event("ItemPurchased", json)));

        assertThat(new String(readForwards(stream).get(0).data(), UTF_8)).isEqualTo(json);
    }

    @Test
    void givenLargeEvent_whenReadingIt_thenItIsUnchanged() {
        String stream = newStream();
        String json = "{\"blob\":\"" + "x".repeat(200_000) + "\"}";

        store.append(stream, ExpectedRevision.noStream(), List.of(event("Large", json)));

        assertThat(readForwards(stream).get(0).data()).isEqualTo(json.getBytes(UTF_8));
    }

    // --- arguments ------------------------------------------------------------------------------------------

    @Test
    void givenInvalidArguments_whenCalling_thenIllegalArgument() {
        String stream = newStream();
        store.append(stream, ExpectedRevision.noStream(), events(1));

        assertThatThrownBy(() -> store.append(stream, ExpectedRevision.any(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.readStream(stream, 0, 0, Direction.FORWARDS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.readStream(stream, -1, 10, Direction.FORWARDS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.readAll(StreamStore.START, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(readForwards(stream)).hasSize(1);
    }

    // --- helpers --------------------------------------------------------------------------------------------

    protected static String newStream() {
        return "test-" + UUID.randomUUID().toString().replace("-", "");
    }

    protected static NewEvent event(String type, String json) {
        return new NewEvent(UUID.randomUUID(), type, json.getBytes(UTF_8), "{}".getBytes(UTF_8));
    }

    protected static List<NewEvent> events(int count) {
        return IntStream.range(0, count).mapToObj(i -> event("Counted", "{\"i\":" + i + "}")).toList();
    }

    protected List<RecordedEvent> readForwards(String stream) {
        return found(store.readStream(stream, 0, Integer.MAX_VALUE, Direction.FORWARDS)).events();
    }

    protected List<RecordedEvent> readAllAfter(long position) {
        List<RecordedEvent> all = new ArrayList<>();
        long after = position;
        while (true) {
            List<RecordedEvent> page = store.readAll(after, 500);
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            after = page.get(page.size() - 1).position();
        }
    }

    protected static StreamRead.Found found(StreamRead read) {
        assertThat(read).isInstanceOf(StreamRead.Found.class);
        return (StreamRead.Found) read;
    }

    protected static List<Long> revisionsOf(List<RecordedEvent> events) {
        return events.stream().map(RecordedEvent::revision).toList();
    }

    protected static List<Long> range(long fromInclusive, long toExclusive) {
        List<Long> values = new ArrayList<>();
        for (long i = fromInclusive; i < toExclusive; i++) {
            values.add(i);
        }
        return values;
    }
}
