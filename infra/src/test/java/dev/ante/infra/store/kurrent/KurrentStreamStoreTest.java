package dev.ante.infra.store.kurrent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.domain.ExpectedRevision;
import dev.ante.infra.axon.StreamStoreEventStorageEngine;
import dev.ante.infra.store.AppendResult;
import dev.ante.infra.store.Direction;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StoreUnavailableException;
import dev.ante.infra.store.StreamRead;
import dev.ante.infra.store.StreamStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the KurrentDB backend does beyond the port's contract, against {@link KurrentStandIn}. */
@Timeout(60)
class KurrentStreamStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private KurrentStandIn standIn;
    private final List<StreamStore> stores = new ArrayList<>();

    @BeforeEach
    void startStandIn() {
        standIn = KurrentStandIn.start();
    }

    @AfterEach
    void stopEverything() {
        stores.forEach(StreamStore::close);
        standIn.close();
    }

    private KurrentStreamStore connect(KurrentStoreOptions options) {
        KurrentStreamStore store = KurrentStreamStore.connect(standIn.connectionString(), options);
        stores.add(store);
        return store;
    }

    private KurrentStreamStore connect() {
        return connect(fastRetries());
    }

    private static KurrentStoreOptions fastRetries() {
        return KurrentStoreOptions.defaults().withRetryDelays(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    // --- idempotent appends -------------------------------------------------------------------------------

    @Nested
    class Retries {

        @Test
        void givenAppendAlreadyMade_whenRepeatedWithTheSameEventIds_thenItSucceedsWithoutWritingTwice() {
            KurrentStreamStore store = connect();
            String stream = game();
            List<NewEvent> batch = events(3);
            AppendResult first = store.append(stream, ExpectedRevision.noStream(), batch);
            AppendResult next = store.append(stream, ExpectedRevision.exact(2), events(2));

            AppendResult repeatedFirst = store.append(stream, ExpectedRevision.noStream(), batch);
            AppendResult repeatedAny = store.append(stream, ExpectedRevision.any(), batch);

            assertThat(repeatedFirst).isEqualTo(first);
            assertThat(repeatedAny).isEqualTo(first);
            assertThat(revisions(store, stream)).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(store.lastRevision(stream)).contains(next.lastRevision());
        }

        @Test
        void givenLostAcknowledgement_whenTheAppendIsRepeated_thenItsEventsAreStoredOnce() {
            KurrentStreamStore store = connect();
            String stream = game();
            store.append(stream, ExpectedRevision.noStream(), events(1));
            List<NewEvent> batch = events(4);
            standIn.loseNextAppendAcknowledgement();

            assertThatThrownBy(() -> store.append(stream, ExpectedRevision.exact(0), batch))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining(store.server())
                    .hasMessageContaining("may or may not have been made");
            AppendResult retried = store.append(stream, ExpectedRevision.exact(0), batch);

            assertThat(retried.firstRevision()).isEqualTo(1);
            assertThat(retried.lastRevision()).isEqualTo(4);
            List<RecordedEvent> stored = read(store, stream);
            assertThat(stored).extracting(RecordedEvent::eventId).doesNotHaveDuplicates().hasSize(5);
            assertThat(stored.get(4).position()).isEqualTo(retried.lastPosition());
        }

        @Test
        void givenRepeatAnsweredWithoutAPosition_whenRepeating_thenThePositionIsReadBack() {
            KurrentStreamStore store = connect();
            String stream = game();
            List<NewEvent> batch = events(2);
            AppendResult first = store.append(stream, ExpectedRevision.noStream(), batch);
            standIn.answerRepeatsWithoutPosition(true);

            AppendResult repeated = store.append(stream, ExpectedRevision.noStream(), batch);

            assertThat(repeated).isEqualTo(first);
        }

        @Test
        void givenStalledServer_whenTheAppendDeadlinePasses_thenUnavailableAndTheRepeatWritesOnce() {
            KurrentStreamStore store = connect(fastRetries().withAppendDeadline(Duration.ofMillis(300)));
            String stream = game();
            List<NewEvent> batch = events(2);
            standIn.stallAppends(true);

            assertThatThrownBy(() -> store.append(stream, ExpectedRevision.noStream(), batch))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("no answer before the deadline")
                    .hasMessageContaining("repeating it with the same event ids is safe");
            standIn.stallAppends(false);
            store.append(stream, ExpectedRevision.noStream(), batch);

            assertThat(revisions(store, stream)).containsExactly(0L, 1L);
        }
    }

    // --- the filtered log ---------------------------------------------------------------------------------

    @Nested
    class FilteredLog {

        @Test
        void givenPagesOfOtherStreamsBetweenTwoGames_whenReadingAll_thenTheReadGoesOnUntilItFindsTheNextGame() {
            KurrentStreamStore store = connect(fastRetries().withReadPageSize(10));
            AppendResult first = store.append(game(), ExpectedRevision.noStream(), events(1));
            standIn.writeEvents("$stats-127.0.0.1:2113", 35);
            standIn.writeEvents("billing-7", 40);
            store.storeSnapshot("game-other", 3, event("{\"snapshot\":true}"));
            standIn.writeEvents("game", 5);
            String second = game();
            AppendResult last = store.append(second, ExpectedRevision.noStream(), events(2));

            List<RecordedEvent> afterFirst = store.readAll(first.lastPosition(), 1);
            List<RecordedEvent> fromTheStart = store.readAll(StreamStore.START, 1);

            assertThat(afterFirst).singleElement().satisfies(e -> {
                assertThat(e.stream()).isEqualTo(second);
                assertThat(e.revision()).isZero();
            });
            assertThat(fromTheStart).singleElement()
                    .satisfies(e -> assertThat(e.position()).isEqualTo(first.lastPosition()));
            assertThat(store.readAll(last.lastPosition(), 10)).isEmpty();
        }

        @Test
        void givenSystemAndForeignEventsAfterTheLastGame_whenAskingForTheHead_thenTheyAreIgnored() {
            KurrentStreamStore store = connect(fastRetries().withReadPageSize(4));
            AppendResult game = store.append(game(), ExpectedRevision.noStream(), events(2));
            standIn.writeEvents("$stats-127.0.0.1:2113", 9);
            standIn.writeEvents("inventory-3", 9);

            assertThat(store.headPosition()).isEqualTo(game.lastPosition());
            assertThat(store.positionBefore(Instant.now().plusSeconds(60))).isEqualTo(game.lastPosition());
            assertThat(standIn.allStreams().get(standIn.allStreams().size() - 1)).isEqualTo("inventory-3");
        }

        @Test
        void givenCaughtUpPoller_whenOtherStreamsFollowTheLastGame_thenTheyAreReadOnlyOnce() {
            KurrentStreamStore store = connect(fastRetries().withReadPageSize(50));
            AppendResult first = store.append(game(), ExpectedRevision.noStream(), events(1));
            standIn.writeEvents("$stats-127.0.0.1:2113", 150);
            standIn.writeEvents("billing-7", 150);
            assertThat(store.readAll(first.lastPosition(), 100)).isEmpty();
            assertThat(store.headPosition()).isEqualTo(first.lastPosition());
            int readBefore = standIn.allEventsRead();

            for (int poll = 0; poll < 10; poll++) {
                assertThat(store.readAll(first.lastPosition(), 100)).isEmpty();
                assertThat(store.headPosition()).isEqualTo(first.lastPosition());
            }

            assertThat(standIn.allEventsRead() - readBefore).as("events read by ten polls after 300 others")
                    .isLessThan(10 * 5);
            AppendResult second = store.append(game(), ExpectedRevision.noStream(), events(1));
            assertThat(store.readAll(first.lastPosition(), 100)).singleElement()
                    .satisfies(e -> assertThat(e.position()).isEqualTo(second.lastPosition()));
            assertThat(store.headPosition()).isEqualTo(second.lastPosition());
        }

        @Test
        void givenPositionInsideAnEvent_whenReadingAll_thenIllegalArgument() {
            KurrentStreamStore store = connect();
            AppendResult appended = store.append(game(), ExpectedRevision.noStream(), events(2));

            assertThatThrownBy(() -> store.readAll(appended.lastPosition() - 1, 10))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid position");
        }

        @Test
        void givenAxonTrackingInSmallBatches_whenPagesHoldOnlyOtherStreams_thenEveryEventArrives() {
            KurrentStreamStore store = connect(fastRetries().withReadPageSize(5));
            StreamStoreEventStorageEngine engine = StreamStoreEventStorageEngine.builder()
                    .streamStore(store)
                    .eventSerializer(JacksonSerializer.builder().objectMapper(new ObjectMapper()).build())
                    .batchSize(3)
                    .build();
            EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
            try {
                for (int game = 0; game < 4; game++) {
                    String stream = game();
                    eventStore.publish(IntStream.range(0, 2).mapToObj(i -> new GenericDomainEventMessage<>(
                            "game", stream, i, "event " + i)).toList());
                    standIn.writeEvents("$stats-127.0.0.1:2113", 12);
                    standIn.writeEvents("other-app", 7);
                }

                assertThat(engine.readEvents(null, false).count()).isEqualTo(8);
            } finally {
                eventStore.shutDown();
            }
        }
    }

    // --- snapshots ----------------------------------------------------------------------------------------

    @Nested
    class Snapshots {

        @Test
        void givenSeveralSnapshots_whenStored_thenOnlyTheLatestIsKeptAndTheMaxCountIsSetOnce() {
            KurrentStreamStore store = connect();
            String stream = game();
            store.append(stream, ExpectedRevision.noStream(), events(10));
            byte[] metadata = "{ \"odd\" : [1, 2.50] }".getBytes(UTF_8);
            NewEvent latest = new NewEvent(UUID.randomUUID(), "CounterState", "{\"v\":9}".getBytes(UTF_8), metadata);

            store.storeSnapshot(stream, 3, event("{\"v\":3}"));
            store.storeSnapshot(stream, 6, event("{\"v\":6}"));
            store.storeSnapshot(stream, 9, latest);

            assertThat(store.readSnapshot(stream)).hasValueSatisfying(snapshot -> {
                assertThat(snapshot.stream()).isEqualTo(stream);
                assertThat(snapshot.revision()).isEqualTo(9);
                assertThat(snapshot.eventId()).isEqualTo(latest.eventId());
                assertThat(snapshot.type()).isEqualTo("CounterState");
                assertThat(snapshot.data()).isEqualTo(latest.data());
                assertThat(snapshot.metadata()).isEqualTo(metadata);
            });
            String snapshotStream = "snapshot-" + stream;
            assertThat(standIn.maxCountOf(snapshotStream)).isEqualTo(1L);
            assertThat(standIn.storedTypes("$$" + snapshotStream)).containsExactly("$metadata");
            assertThat(found(store.readStream(snapshotStream, 0, 10, Direction.FORWARDS)).events())
                    .singleElement().satisfies(e -> assertThat(e.eventId()).isEqualTo(latest.eventId()));
        }

        @Test
        void givenSnapshotStreamFromAnotherInstance_whenStoringTheNextSnapshot_thenTheMetadataIsNotWrittenAgain() {
            String stream = game();
            connect().storeSnapshot(stream, 0, event("{\"v\":0}"));

            connect().storeSnapshot(stream, 1, event("{\"v\":1}"));

            assertThat(standIn.storedTypes("$$snapshot-" + stream)).containsExactly("$metadata");
            assertThat(connect().readSnapshot(stream)).hasValueSatisfying(s -> assertThat(s.revision()).isOne());
        }

        @Test
        void givenSnapshotWrittenByAnotherTool_whenReadingIt_thenIgnored() {
            KurrentStreamStore store = connect();
            String stream = game();
            standIn.writeEvents("snapshot-" + stream, 1);

            assertThat(store.readSnapshot(stream)).isEmpty();
        }
    }

    // --- failures -----------------------------------------------------------------------------------------

    @Nested
    class Failures {

        @Test
        void givenNothingListening_whenConnecting_thenUnavailableNamingTheServerAndTheReason() throws IOException {
            int port = freePort();

            assertThatThrownBy(() -> KurrentStreamStore.connect("kurrentdb://127.0.0.1:" + port + "?tls=false"))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("KurrentDB at 127.0.0.1:" + port)
                    .hasMessageContaining("refused the connection");
        }

        @Test
        void givenPortThatNeverAnswers_whenConnecting_thenUnavailableInsteadOfWaitingForever() throws Exception {
            // Sockets keep arriving while the test ends: a list that can be walked while another thread adds to it.
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                Thread acceptor = new Thread(() -> {
                    try {
                        while (true) {
                            accepted.add(silent.accept());
                        }
                    } catch (IOException closed) {
                        // The test is over.
                    }
                });
                acceptor.setDaemon(true);
                acceptor.start();
                String url = "kurrentdb://127.0.0.1:" + silent.getLocalPort()
                        + "?tls=false&maxDiscoverAttempts=1&gossipTimeout=300&discoveryInterval=50";

                assertThatThrownBy(() -> KurrentStreamStore.connect(url, KurrentStoreOptions.defaults()
                        .withReadDeadline(Duration.ofMillis(500))))
                        .isInstanceOf(StoreUnavailableException.class)
                        .hasMessageContaining("accepts TCP connections but did not answer as a KurrentDB node");
            } finally {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }

        @Test
        void givenServerGoneMidRun_whenWriting_thenUnavailableAndNothingAcknowledgedIsLost() {
            KurrentStreamStore store = connect();
            String stream = game();
            List<NewEvent> acknowledged = events(3);
            store.append(stream, ExpectedRevision.noStream(), acknowledged);
            standIn.stop();
            List<NewEvent> pending = events(2);

            assertThatThrownBy(() -> store.append(stream, ExpectedRevision.exact(2), pending))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("KurrentDB at 127.0.0.1:" + standIn.port());
            assertThatThrownBy(() -> store.readAll(StreamStore.START, 10))
                    .isInstanceOf(StoreUnavailableException.class);
            standIn.restart();
            awaitTrue(() -> appended(store, stream, ExpectedRevision.exact(2), pending));

            assertThat(read(store, stream)).extracting(RecordedEvent::eventId).containsExactlyElementsOf(
                    concat(acknowledged, pending).stream().map(NewEvent::eventId).toList());
        }

        @Test
        void givenServerRequiringCredentials_whenConnectingWithAndWithoutThem_thenOnlyTheRightOnesGetIn() {
            standIn.requireCredentials("ante", "s3cret");
            String url = standIn.connectionString();
            String withUser = url.replace("kurrentdb://", "kurrentdb://ante:s3cret@");
            String wrongPassword = url.replace("kurrentdb://", "kurrentdb://ante:guess@");

            assertThatThrownBy(() -> KurrentStreamStore.connect(url))
                    .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("access denied");
            assertThatThrownBy(() -> KurrentStreamStore.connect(wrongPassword))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("authentication failed")
                    .hasMessageNotContaining("guess");
            KurrentStreamStore fromUrl = KurrentStreamStore.connect(withUser);
            stores.add(fromUrl);
            KurrentStreamStore fromOptions = connect(fastRetries().withCredentials("ante", "s3cret"));
            String stream = game();
            fromUrl.append(stream, ExpectedRevision.noStream(), events(1));
            assertThat(fromOptions.lastRevision(stream)).contains(0L);
        }

        @Test
        void givenMalformedConnectionString_whenConnecting_thenIllegalArgumentWithoutThePassword() {
            assertThatThrownBy(() -> KurrentStreamStore.connect("kurrentdb://ante:s3cret@127.0.0.1:notaport"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("s3cret");
        }

        @Test
        void givenPrefixThatWouldTakeInSystemStreams_whenMakingOptions_thenRejected() {
            assertThatThrownBy(() -> KurrentStoreOptions.defaults().withStreamPrefixes(List.of("$ce-")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> KurrentStoreOptions.defaults().withStreamPrefixes(List.of("snap")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(KurrentStoreOptions.defaults().withCredentials("ante", "s3cret").toString())
                    .doesNotContain("s3cret");
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private static String game() {
        return "game-" + UUID.randomUUID().toString().replace("-", "");
    }

    private static NewEvent event(String json) {
        return new NewEvent(UUID.randomUUID(), "Counted", json.getBytes(UTF_8), "{}".getBytes(UTF_8));
    }

    private static List<NewEvent> events(int count) {
        return IntStream.range(0, count).mapToObj(i -> event("{\"i\":" + i + "}")).toList();
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static List<RecordedEvent> read(StreamStore store, String stream) {
        return found(store.readStream(stream, 0, Integer.MAX_VALUE, Direction.FORWARDS)).events();
    }

    private static List<Long> revisions(StreamStore store, String stream) {
        return read(store, stream).stream().map(RecordedEvent::revision).toList();
    }

    private static StreamRead.Found found(StreamRead read) {
        assertThat(read).isInstanceOf(StreamRead.Found.class);
        return (StreamRead.Found) read;
    }

    // Repeats the same append (same event ids) until the server is back: the way a caller recovers safely.
    private static boolean appended(StreamStore store, String stream, ExpectedRevision expected,
                                    List<NewEvent> events) {
        try {
            store.append(stream, expected, events);
            return true;
        } catch (StoreUnavailableException e) {
            return false;
        }
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
